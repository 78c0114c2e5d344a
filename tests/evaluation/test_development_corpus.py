"""The bundled development corpus: gold codings valid and aligned with the segmenter."""

from __future__ import annotations

import pytest

import qualcode
from qualcode.corpus import segment_document
from qualcode.evaluation import check_gold_against, read_gold, read_splits
from tests.conftest import REPO

CORPUS = REPO / "corpora" / "kennismigratie"


@pytest.fixture(scope="module")
def gold_and_corpus():
    codebook = qualcode.load_codebook(REPO / "codebooks" / "kennismigratie.yaml")
    return read_gold(CORPUS / "gold", codebook), qualcode.read_corpus(CORPUS / "transcripts")


def test_every_respondent_sentence_is_a_gold_unit(gold_and_corpus) -> None:
    gold, corpus = gold_and_corpus
    check_gold_against(gold, corpus)
    units: dict[str, list[tuple[int, int]]] = {}
    for unit in gold.units:
        units.setdefault(unit.document, []).append((unit.start, unit.end))
    assert sorted(units) == sorted(corpus.ids)
    for document in corpus:
        sentences = [(s.start, s.end) for s in segment_document(document, roles=["respondent"])]
        assert sentences == units[document.id], document.id


def test_splits_cover_the_corpus_stratified(gold_and_corpus) -> None:
    _, corpus = gold_and_corpus
    splits = read_splits(CORPUS / "splits.csv")
    assert sorted(splits["document"]) == sorted(corpus.ids)
    for name in ("train", "dev", "test"):
        chosen = splits[splits["split"] == name]
        assert set(chosen["language"]) == {"en", "nl"}, name
    assert splits.groupby("split")["route"].nunique().min() >= 4
