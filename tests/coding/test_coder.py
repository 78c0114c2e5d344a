from __future__ import annotations

import pandas as pd
import pytest

import qualcode
from qualcode.coding import Coder
from qualcode.errors import CodingError
from qualcode.tables import CODING_COLUMNS, SEGMENT_COLUMNS


def test_interviewer_questions_are_not_coded(tiny_corpus_dir, tiny_codebook) -> None:
    result = qualcode.code(qualcode.read_corpus(tiny_corpus_dir), tiny_codebook)
    assert list(result.codings.columns) == CODING_COLUMNS
    assert list(result.segments.columns) == SEGMENT_COLUMNS
    assert set(result.codings["role"]) == {"respondent"}
    assert not result.codings["text"].str.contains("Did housing play a role").any()
    assert not result.segments["text"].str.contains("Was huisvesting").any()


def test_codings_point_at_their_segment_text(tiny_corpus_dir, tiny_codebook) -> None:
    corpus = qualcode.read_corpus(tiny_corpus_dir)
    result = qualcode.code(corpus, tiny_codebook)
    for row in result.codings.itertuples():
        assert corpus[row.document].text[row.start : row.end] == row.text
    ana = result.codings[result.codings["document"] == "ana"]
    assert set(ana["code"]) == {"housing.search", "policy.thirty_percent", "cultural.safety"}
    negated = ana[ana["negated"]]
    assert list(negated["code"]) == ["policy.thirty_percent"]


def test_coding_interviewer_too_when_asked(tiny_corpus_dir, tiny_codebook) -> None:
    result = qualcode.code(
        qualcode.read_corpus(tiny_corpus_dir), tiny_codebook, roles=("interviewer", "respondent")
    )
    assert result.codings["text"].str.contains("Did housing play a role").any()


def test_coarser_units_aggregate(tiny_corpus_dir, tiny_codebook) -> None:
    corpus = qualcode.read_corpus(tiny_corpus_dir)
    by_doc = qualcode.code(corpus, tiny_codebook, unit="document")
    assert len(by_doc.segments) == 2
    assert set(zip(by_doc.codings["document"], by_doc.codings["code"], strict=True)) >= {
        ("ana", "housing.search"),
        ("bram", "housing.search"),
        ("bram", "cultural.safety"),
    }
    by_turn = qualcode.code(corpus, tiny_codebook, unit="turn")
    assert by_turn.codings.groupby(["document", "segment", "code"]).size().max() == 1


def test_result_tables_are_stable_across_runs(tiny_corpus_dir, tiny_codebook) -> None:
    corpus = qualcode.read_corpus(tiny_corpus_dir)
    pd.testing.assert_frame_equal(
        qualcode.code(corpus, tiny_codebook).codings, qualcode.code(corpus, tiny_codebook).codings
    )


def test_language_without_patterns_is_an_error(write, tiny_corpus_dir) -> None:
    book = qualcode.codebook.codebook_from_dict(
        {
            "name": "en-only",
            "languages": ["en", "nl"],
            "codes": [{"id": "a", "label": "A", "patterns": {"en": ["rent"]}}],
        }
    )
    with pytest.raises(CodingError) as info:
        qualcode.code(qualcode.read_corpus(tiny_corpus_dir), book)
    assert info.value.code == "E204" and "bram" in str(info.value)


def test_unknown_role_and_unit(tiny_codebook) -> None:
    with pytest.raises(CodingError):
        Coder(tiny_codebook, roles=("boss",))
    with pytest.raises(qualcode.CorpusError):
        Coder(tiny_codebook, unit="chapter")
