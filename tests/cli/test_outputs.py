"""A wrong output path is one `error:` line and exit code 2, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.agreement import agreement
from qualcode.agreement.review import ReviewStore
from qualcode.cli import app
from tests.agreement.conftest import ANSWERS, OTHER_ANSWERS, wide_csv
from tests.interop.builders import tiny_qdpx

runner = CliRunner()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def inputs(tmp_path: Path, tiny_corpus_dir: Path, tiny_codebook_path: Path) -> dict[str, Path]:
    ana = wide_csv(tmp_path / "Q1 (ana).csv", ANSWERS)
    bo = wide_csv(tmp_path / "Q1 (bo).csv", OTHER_ANSWERS)
    ReviewStore.create(tmp_path / "r.db", agreement([ana, bo])).close()
    (tmp_path / "afile").write_text("mine\n")
    (tmp_path / "adir").mkdir()
    return {
        "ana": ana,
        "bo": bo,
        "qdpx": tiny_qdpx(tmp_path / "t.qdpx"),
        "db": tmp_path / "r.db",
        "corpus": tiny_corpus_dir,
        "codebook": tiny_codebook_path,
    }


CASES = {
    "agree into a file": ["agree", "{ana}", "{bo}", "--out", "afile"],
    "agree below a file": ["agree", "{ana}", "{bo}", "--out", "afile/sub"],
    "import into a file": ["import", "qdpx", "{qdpx}", "--out", "afile"],
    "gold export onto a directory": [
        "review", "export", "{db}", "--out", "adir", "--allow-undecided",
    ],
    "decisions onto a directory": [
        "review", "export", "{db}", "--out", "g.jsonl", "--decisions", "adir", "--allow-undecided",
    ],
    "qdpx export onto a directory": [
        "export", "qdpx", "adir", "--corpus", "{corpus}", "--codebook", "{codebook}",
    ],
    "code into a file": ["code", "{corpus}", "--codebook", "{codebook}", "--out", "afile"],
}  # fmt: skip


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_bad_output_path_is_one_line_exit_2_nothing_written(
    args: list[str], inputs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    result = runner.invoke(app, [a.format(**{k: str(v) for k, v in inputs.items()}) for a in args])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    assert "[E901]" in result.output
    assert _files(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_rerun_into_the_same_directory_leaves_no_stale_outputs(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    out, report = tmp_path / "out", tmp_path / "report"
    code = ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out)]
    assert runner.invoke(app, [*code, "--report", "--format", "html"]).exit_code == 0
    assert (out / "report.html").is_file()
    (out / "my-notes.md").write_text("mine")
    assert runner.invoke(app, code).exit_code == 0
    assert not (out / "report.html").exists() and (out / "frequencies.csv").is_file()
    assert (out / "my-notes.md").read_text() == "mine"

    by_country = ["report", str(out), "-o", str(report), "-f", "csv", "-f", "md"]
    assert runner.invoke(app, [*by_country, "--by", "country"]).exit_code == 0
    assert (report / "crosstab_country.csv").is_file()
    assert runner.invoke(app, [*by_country, "--by", "route"]).exit_code == 0
    names = {p.relative_to(report).as_posix() for p in report.rglob("*")}
    assert "crosstab_route.csv" in names
    assert not [n for n in names if "country" in n]
    # a report written into the coding run's own directory keeps the codings
    assert runner.invoke(app, ["report", str(out), "-o", str(out), "-f", "csv"]).exit_code == 0
    assert runner.invoke(app, code).exit_code == 0
    assert (out / "codings.csv").is_file()
    assert runner.invoke(app, ["report", str(out), "-o", str(out), "-f", "csv"]).exit_code == 0
