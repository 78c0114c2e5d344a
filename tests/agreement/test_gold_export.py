"""Exporting an adjudicated review as gold JSON Lines that qualcode reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode import read_corpus
from qualcode.agreement import agreement, load_codings
from qualcode.agreement.gold_export import export_gold
from qualcode.agreement.review import ReviewStore
from qualcode.errors import ReviewError
from tests.agreement.conftest import gold_jsonl, human_gold_records


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def segment_review(tmp_path: Path, coded_corpus: Path) -> ReviewStore:
    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    result = agreement([gold, coded_corpus / "machine"])
    store = ReviewStore.create(tmp_path / "r.db", result)
    yield store
    store.close()


def test_every_unit_is_exported_with_agreed_or_decided_codes(
    segment_review: ReviewStore, tmp_path: Path, coded_corpus: Path
) -> None:
    segment_review.decide("ana:127-148", "accept", coder="ana", reviewer="carla", note="search")
    segment_review.decide("ana:188-232", "neither", reviewer="carla")
    summary = export_gold(segment_review, tmp_path / "gold.jsonl")
    assert (summary.lines, summary.agreed, summary.decided, summary.left_out) == (8, 6, 2, 0)
    lines = read_lines(tmp_path / "gold.jsonl")
    assert [(r["document"], r["start"]) for r in lines] == sorted(
        (r["document"], r["start"]) for r in lines
    )
    by_start = {(r["document"], r["start"]): r for r in lines}
    decided = by_start[("ana", 127)]
    assert decided["codes"] == [{"code": "housing.search", "valence": "barrier", "stage": None}]
    assert decided["coder"] == "carla" and decided["note"] == "search"
    assert by_start[("ana", 188)]["codes"] == []  # neither: only what both gave (nothing)
    agreed = by_start[("ana", 233)]
    assert [c["code"] for c in agreed["codes"]] == ["cultural.safety"]
    assert "coder" not in agreed
    # offsets point into the documents' normalised text
    corpus = read_corpus(coded_corpus / "corpus")
    for record in lines:
        assert corpus[record["document"]].text[record["start"] : record["end"]] == record["text"]


def test_the_export_reads_back_as_one_coder_for_agreement(
    segment_review: ReviewStore, tmp_path: Path, coded_corpus: Path
) -> None:
    segment_review.decide("ana:127-148", "accept", coder="ana", reviewer="carla")
    segment_review.decide("ana:188-232", "accept", coder="qualcode:rules", reviewer="dan")
    export_gold(segment_review, tmp_path / "adjudicated.jsonl")
    table = load_codings(tmp_path / "adjudicated.jsonl")
    assert table.coders == ["adjudicated"]
    result = agreement([tmp_path / "adjudicated.jsonl", coded_corpus / "machine"])
    assert len(result.ratings.units) == 8
    assert list(result.disagreements["unit"]) == ["ana:127-148"]


def test_undecided_units_stop_the_export_unless_allowed(
    segment_review: ReviewStore, tmp_path: Path
) -> None:
    segment_review.decide("ana:127-148", "both", reviewer="carla")
    out = tmp_path / "gold.jsonl"
    out.write_text("earlier export\n", encoding="utf-8")
    with pytest.raises(ReviewError) as error:
        export_gold(segment_review, out)
    assert error.value.code == "E611" and "1 disagreement(s)" in str(error.value)
    assert out.read_text(encoding="utf-8") == "earlier export\n"  # untouched
    summary = export_gold(segment_review, out, allow_undecided=True)
    assert (summary.lines, summary.left_out) == (7, 1)
    assert "ana:188-232" not in {f"{r['document']}:{r['start']}" for r in read_lines(out)}


def test_wide_rows_become_one_unit_documents(tmp_path: Path, two_coders: tuple[Path, Path]) -> None:
    path = tmp_path / "r.db"
    with ReviewStore.create(path, agreement(list(two_coders), level=1)) as store:
        for unit in ("r2", "r3"):
            store.decide(unit, "both", reviewer="carla")
    summary = export_gold(path, tmp_path / "gold.jsonl")
    assert summary.lines == 6
    first = read_lines(tmp_path / "gold.jsonl")[0]
    assert first == {
        "document": "r1",
        "start": 0,
        "end": len("It stops cheating."),
        "codes": [{"code": "cheating", "valence": None, "stage": None}],
        "text": "It stops cheating.",
    }


def test_document_reviews_need_the_corpus_for_offsets(tmp_path: Path, coded_corpus: Path) -> None:
    gold = gold_jsonl(tmp_path / "ana.jsonl", human_gold_records())
    result = agreement([gold, coded_corpus / "machine"], unit="document")
    with ReviewStore.create(tmp_path / "plain.db", result) as store:
        for item in store.items():
            if item.rank is not None:
                store.decide(item.unit, "both", reviewer="carla")
        with pytest.raises(ReviewError, match="--corpus"):
            export_gold(store, tmp_path / "gold.jsonl")
    corpus = read_corpus(coded_corpus / "corpus")
    with ReviewStore.create(tmp_path / "full.db", result, corpus=corpus) as store:
        for item in store.items():
            if item.rank is not None:
                store.decide(item.unit, "both", reviewer="carla")
        export_gold(store, tmp_path / "gold.jsonl")
    lines = read_lines(tmp_path / "gold.jsonl")
    assert [(r["document"], r["start"], r["end"]) for r in lines] == [
        ("ana", 0, len(corpus["ana"].text)),
        ("bram", 0, len(corpus["bram"].text)),
    ]
