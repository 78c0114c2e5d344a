"""``qualcode code``: the corpus options it shares with ``corpus inspect``, and bad files."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
from click.testing import Result
from typer.testing import CliRunner

from qualcode.cli import app
from tests.corpus.builders import write_csv, write_text

runner = CliRunner()

WHY = "Why did you come?"
ELSE = "Anything else?"


def _code(corpus: Path, codebook: Path, out: Path, *options: str) -> Result:
    args = ["code", str(corpus), "-c", str(codebook), "-o", str(out), "--language", "en"]
    return runner.invoke(app, [*args, *options])


def survey_with_cases(root: Path) -> tuple[Path, list[str]]:
    """A survey directory and the options that read it: ids from 'nr', text from one column,
    attributes from a table elsewhere."""
    # 'wave' repeats and 'nr' is not named like an id, so only --id-column makes nr the id;
    # both answer columns hold free text, so only --text-column leaves 'Anything else?' out
    (root / "survey").mkdir(parents=True)
    survey = write_csv(
        root / "survey" / "answers.csv",
        ["wave", WHY, "nr", ELSE],
        [
            ["spring", "We came for the job but finding a flat was a nightmare.", "p1",
             "Nothing more to add, thanks."],
            ["spring", "The tax break made it an easy choice.", "p2", "I feel very safe here."],
        ],
    )  # fmt: skip
    cases = root / "meta" / "cases.csv"
    cases.parent.mkdir()
    cases.write_text("id,city\np1,Delft\np2,Utrecht\n", encoding="utf-8")
    return survey.parent, ["--id-column", "nr", "--text-column", WHY, "--attributes", str(cases)]


def test_code_survey_with_id_and_text_columns_and_attributes_elsewhere(
    tmp_path: Path, tiny_codebook_path: Path
) -> None:
    survey, options = survey_with_cases(tmp_path)
    out = tmp_path / "out"
    result = _code(survey, tiny_codebook_path, out, *options)
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(out / "documents.csv", dtype=str).set_index("document")
    assert list(documents.index) == ["p1", "p2"]
    assert documents["city"].to_dict() == {"p1": "Delft", "p2": "Utrecht"}
    assert documents[ELSE].to_dict() == {
        "p1": "Nothing more to add, thanks.",
        "p2": "I feel very safe here.",
    }
    assert "wave" in documents.columns
    codings = pd.read_csv(out / "codings.csv", dtype=str)
    assert sorted(zip(codings["document"], codings["code"], strict=True)) == [
        ("p1", "housing.search"),
        ("p2", "policy.thirty_percent"),
    ]  # not cultural.safety: 'Anything else?' is an attribute, not an answer
    assert "warning:" not in result.output  # every document has its attributes


def test_code_roles_file_elsewhere(tmp_path: Path, tiny_codebook_path: Path) -> None:
    # Ana asks the questions, so without roles.yaml she would be taken for the interviewer
    (tmp_path / "c").mkdir()
    write_text(
        tmp_path / "c" / "x.txt",
        [
            ("Sam", "Tell me about housing."),
            ("Ana", "Did you know the rent here? Or how hard it is to find a flat?"),
            ("Sam", "Go on."),
            ("Ana", "We looked for months, really?"),
        ],
    )
    roles = tmp_path / "config" / "roles.yaml"
    roles.parent.mkdir()
    roles.write_text("interviewer: [Sam]\n", encoding="utf-8")
    result = _code(tmp_path / "c", tiny_codebook_path, tmp_path / "guessed")
    assert result.exit_code == 0, result.output
    guessed = pd.read_csv(tmp_path / "guessed" / "codings.csv", dtype=str)
    assert set(guessed["speaker"]) == {"Sam"}
    result = _code(tmp_path / "c", tiny_codebook_path, tmp_path / "out", "--roles", str(roles))
    assert result.exit_code == 0, result.output
    codings = pd.read_csv(tmp_path / "out" / "codings.csv", dtype=str)
    assert set(codings["speaker"]) == {"Ana"} and set(codings["code"]) == {"housing.search"}


@contextlib.contextmanager
def _root_logging_unconfigured() -> Iterator[None]:
    """The root logger as a plain ``qualcode`` process has it: no handlers (pytest adds its own
    while a test runs, which would hide what Python's last-resort handler prints on stderr)."""
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()
    try:
        yield
    finally:
        root.handlers[:] = saved


TURNS = [
    ("Interviewer", "Did housing play a role?"),
    ("Ana", "Finding a flat was a nightmare."),
    ("Interviewer", "And now?"),
    ("Ana", "We stay, it is safe here."),
]


def test_unreadable_transcript_exits_2_or_is_skipped_once(
    tmp_path: Path,
    tiny_codebook_path: Path,
    unreadable: Callable[[Path], Path],
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_text(corpus / "good.txt", TURNS)
    locked = unreadable(write_text(corpus / "locked.txt", TURNS))
    result = _code(corpus, tiny_codebook_path, tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {locked}: [E101] cannot read file: {os.strerror(errno.EACCES)}"
    ]
    assert not (tmp_path / "out").exists()
    with _root_logging_unconfigured():
        result = _code(corpus, tiny_codebook_path, tmp_path / "out", "--skip-bad")
    assert result.exit_code == 0, result.output
    # once: the 'skipped:' line, not also a log record printed by Python's last resort
    assert result.stderr.count(str(locked)) == 1, result.stderr
    assert f"skipped: {locked}: [E101]" in result.stderr
    assert "1 file(s) skipped" in result.stderr
    codings = pd.read_csv(tmp_path / "out" / "codings.csv", dtype=str)
    assert set(codings["document"]) == {"good"}
    assert {"housing.search", "cultural.safety"} <= set(codings["code"])


def test_document_without_respondent_speech_is_one_warning_line(
    tmp_path: Path, tiny_codebook_path: Path
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_text(corpus / "good.txt", TURNS)
    # 'Bo:' occurs once and names no role: his answer is read as the interviewer's words
    merged = write_text(
        corpus / "merged.txt",
        [("Interviewer", "Did housing play a role?"), ("Bo", "The rent was too high.")],
    )
    result = _code(corpus, tiny_codebook_path, tmp_path / "out")
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and warned[0].startswith(f"warning: {merged}: document 'merged'")
    assert "--respondent LABEL" in warned[0]
    result = _code(corpus, tiny_codebook_path, tmp_path / "fixed", "--respondent", "Bo")
    assert result.exit_code == 0 and "warning:" not in result.stderr
    codings = pd.read_csv(tmp_path / "fixed" / "codings.csv", dtype=str)
    assert ("merged", "Bo") in set(zip(codings["document"], codings["speaker"], strict=True))
