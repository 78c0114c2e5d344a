from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.errors import EvaluationError
from qualcode.evaluation import read_splits, split_documents, split_summary
from tests.conftest import REPO
from tests.evaluation.conftest import write_lines

REPO_SPLITS = REPO / "corpora" / "kennismigratie" / "splits.csv"


def test_read_splits_keeps_strata_and_order(splits_path: Path) -> None:
    splits = read_splits(splits_path)
    assert list(splits.columns) == ["document", "split", "language", "route"]
    assert split_documents(splits, "test") == ["b", "c"]
    assert splits.attrs["path"] == str(splits_path)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["document,language", "a,en"], "[E412] line 1: splits file: missing column(s) split"),
        (
            ["document,split", "a,dev", "a,test"],
            "line 3: splits file: document 'a' is listed twice (first on line 2)",
        ),
        (["document,split", "a,"], "line 2: splits file: empty document or split"),
        (["document,split", "a,dev,extra"], "line 2: splits file: 3 fields, but the header has 2"),
        (["document,split"], "splits file: no documents"),
        ([], "splits file: the file is empty"),
    ],
)
def test_bad_splits_files(tmp_path: Path, lines: list[str], expected: str) -> None:
    path = write_lines(tmp_path / "splits.csv", "\n".join(lines))
    with pytest.raises(EvaluationError) as error:
        read_splits(path)
    assert any(expected in str(p) for p in error.value.problems), error.value.problems


def test_missing_splits_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"E412.*no such file"):
        read_splits(tmp_path / "nope.csv")


def test_unknown_split_names_the_known_ones(splits_path: Path) -> None:
    with pytest.raises(EvaluationError) as error:
        split_documents(read_splits(splits_path), "tset")
    assert error.value.code == "E406"
    assert "the splits are dev, test" in str(error.value)


def test_repository_splits_are_by_document_and_stratified() -> None:
    splits = read_splits(REPO_SPLITS)
    assert set(splits["split"]) == {"train", "dev", "test"}
    summary = split_summary(splits).set_index("split")
    assert summary["documents"].sum() == len(splits) == splits["document"].nunique()
    for split in ("dev", "test"):
        # every held-out split has both languages and every route of the corpus
        assert summary.loc[split, "language=en"] > 0 and summary.loc[split, "language=nl"] > 0
        for route in set(splits["route"]):
            assert summary.loc[split, f"route={route}"] > 0, (split, route)
    transcripts = {p.stem for p in (REPO_SPLITS.parent / "transcripts").glob("*.txt")}
    assert set(splits["document"]) == transcripts
