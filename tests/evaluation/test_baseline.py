"""The baseline command end to end on a tiny corpus: rules-only coding of dev and test, scored
against hand-made gold, written into a doc between markers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.codebook import Codebook
from qualcode.corpus import read_corpus, segment_document
from qualcode.errors import EvaluationError
from qualcode.evaluation import GoldCode, GoldUnit, evaluate, write_gold
from qualcode.evaluation.baseline import (
    baseline_markdown,
    markdown_table,
    replace_marked_section,
    run_baseline,
)
from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "baseline.py"
DOC = (
    "# Evaluation\n\nIntro.\n\n"
    "<!-- baseline:start -->\nnot yet run\n<!-- baseline:end -->\n\nAfter.\n"
)

#: Hand codes of the tiny interviews' respondent sentences, by sentence start.
HAND_CODES = {
    "Finding a flat was a nightmare": [GoldCode("housing.search", "barrier")],
    "We looked for months": [GoldCode("housing.search", "barrier")],
    "I feel very safe here": [GoldCode("cultural.safety", "driver", "stay")],
    "If the tax break disappeared": [GoldCode("policy.thirty_percent", None, "leave")],
    "De woningmarkt is echt drama": [GoldCode("housing.search", "barrier")],
    "Ik voel me hier veilig": [GoldCode("cultural.safety", "driver")],
}


def load_script():
    spec = importlib.util.spec_from_file_location("baseline_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, write: Callable[..., Path]
) -> dict[str, Path]:
    """Transcripts, gold (one file per document), splits and a doc with markers."""
    units = []
    for document in read_corpus(tiny_corpus_dir):
        for segment in segment_document(document, roles=["respondent"]):
            codes = next((c for k, c in HAND_CODES.items() if segment.text.startswith(k)), [])
            units.append(
                GoldUnit(document.id, segment.start, segment.end, segment.text, tuple(codes))
            )
    gold = tiny_corpus_dir.parent / "gold"
    write_gold(units, gold, per_document=True)
    splits = write("splits.csv", "document,split,language\nana,dev,en\nbram,test,nl\nzed,test,en\n")
    doc = write("evaluation.md", DOC)
    return {
        "corpus": tiny_corpus_dir,
        "gold": gold,
        "splits": splits,
        "doc": doc,
        "codebook": tiny_codebook_path,
    }


def argv(project: dict[str, Path], *extra: str) -> list[str]:
    return [
        "--corpus",
        str(project["corpus"]),
        "--gold",
        str(project["gold"]),
        "--splits",
        str(project["splits"]),
        "--codebook",
        str(project["codebook"]),
        "--doc",
        str(project["doc"]),
        *extra,
    ]


def section(doc: Path) -> str:
    text = doc.read_text(encoding="utf-8")
    return text.split("<!-- baseline:start -->\n")[1].split("<!-- baseline:end -->")[0]


def test_baseline_writes_what_it_prints_into_the_doc(project, capsys, tmp_path) -> None:
    script = load_script()
    assert script.main(argv(project, "--out", str(tmp_path / "out"))) == 0
    printed = capsys.readouterr().out
    assert section(project["doc"]) == printed
    text = project["doc"].read_text(encoding="utf-8")
    assert text.startswith("# Evaluation\n\nIntro.\n\n") and text.endswith("\n\nAfter.\n")
    assert "### dev split: 1 document, 5 gold units" in printed
    assert "### test split: 1 document, 3 gold units" in printed
    assert "no gold or predictions yet for zed" in printed
    assert "Documents: ana." in printed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dev", "test"]
    assert (tmp_path / "out" / "dev" / "confusions.csv").is_file()


def test_the_doc_figures_are_the_figures_of_evaluate(project, tiny_codebook: Codebook) -> None:
    results = run_baseline(project["corpus"], project["gold"], tiny_codebook, project["splits"])
    assert list(results) == ["dev", "test"]
    markdown = baseline_markdown(results, tiny_codebook)
    from qualcode import code

    corpus = read_corpus(project["corpus"])
    coded = code([corpus["ana"]], tiny_codebook)
    direct = evaluate(project["gold"], coded, tiny_codebook, split="dev", splits=project["splits"])
    row = direct.by_code.set_index("code").loc["housing.search"]
    expected = (
        f"| housing.search | {row['support']} | {row['predicted']} | {row['precision']:.3f} | "
        f"{row['recall']:.3f} | {row['f1']:.3f} |"
    )
    assert expected in markdown
    # the rule coder finds the flat (sentence 1) but not "We looked for months."
    assert (row["support"], row["tp"], row["fn"]) == (2, 1, 1)


def test_rerun_changes_nothing_and_check_detects_hand_edits(project, capsys) -> None:
    script = load_script()
    assert script.main(argv(project)) == 0
    before = project["doc"].read_bytes()
    assert script.main(argv(project)) == 0
    assert project["doc"].read_bytes() == before
    assert script.main(argv(project, "--check")) == 0
    project["doc"].write_text(
        before.decode().replace("housing.search |", "housing.search (edited) |")
    )
    assert script.main(argv(project, "--check")) == 1
    assert "out of date" in capsys.readouterr().err


def test_bad_setups_exit_2_with_coded_errors(project, capsys, write) -> None:
    script = load_script()
    write("evaluation.md", "# no markers\n")
    assert script.main(argv(project)) == 2
    assert "[E407]" in capsys.readouterr().err
    write("splits.csv", "document,split\nana,dev\nzed,test\n")
    assert script.main(argv(project)) == 2
    assert (
        "[E406] split 'test' is empty or unknown (none of its documents has gold codings)"
        in capsys.readouterr().err
    )
    assert script.main(argv(project, "--gold", str(project["gold"].parent / "nowhere"))) == 2
    assert "[E401]" in capsys.readouterr().err


def test_gold_that_no_longer_matches_the_transcripts_stops_the_baseline(
    project, tiny_codebook
) -> None:
    path = project["gold"] / "ana.jsonl"
    path.write_text(
        path.read_text(encoding="utf-8").replace("nightmare", "nightmere"), encoding="utf-8"
    )
    with pytest.raises(EvaluationError, match="E405"):
        run_baseline(project["corpus"], project["gold"], tiny_codebook, project["splits"])


def test_markdown_table_and_marked_sections(tmp_path: Path) -> None:
    import pandas as pd

    table = markdown_table(pd.DataFrame({"a": ["x"], "b": [0.12345], "c": [float("nan")]}))
    assert table.splitlines() == ["| a | b | c |", "|---|--:|--:|", "| x | 0.123 | n/a |"]
    doc = tmp_path / "d.md"
    doc.write_text("<!-- baseline:start -->\n<!-- baseline:end -->\n")
    assert replace_marked_section(doc, "one", check=True) is True
    assert doc.read_text() == "<!-- baseline:start -->\n<!-- baseline:end -->\n"
    assert replace_marked_section(doc, "one") is True
    assert doc.read_text() == "<!-- baseline:start -->\none\n<!-- baseline:end -->\n"
