from __future__ import annotations

import warnings

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


# 'Ana:' occurs once and names no role, so it is text of the interviewer's turn
MERGED = """\
Interviewer: Did housing play a role when you moved here?
Ana: Finding a flat was a nightmare, honestly.
Interviewer: And now?
"""


def _no_speech_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "speech to code" in str(w.message)]


def test_document_without_respondent_speech_warns_once(write, tiny_codebook) -> None:
    write("c/merged.txt", MERGED)
    write("c/questions.txt", "Interviewer: Why here?\nInterviewer: And the rent?\n")
    ana = write("c/ana.txt", "Interviewer: Why?\nAna: The rent.\nInterviewer: Ok.\nAna: Yes.\n")
    corpus = qualcode.read_corpus(ana.parent, language="en")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = qualcode.code(corpus, tiny_codebook, unit="paragraph")
    found = _no_speech_warnings(caught)
    assert len(found) == 2, found  # once per silent document, none for 'ana'
    merged = next(message for message in found if "'merged'" in message)
    assert merged.startswith(f"{corpus['merged'].source}: document 'merged' has no respondent")
    assert "Interviewer (interviewer)" in merged and "--respondent LABEL" in merged
    assert "--role" in merged and "roles.yaml" in merged
    assert set(result.segments["document"]) == {"ana"}
    # named as the respondent, the single-use label is a speaker and her answer is coded
    corpus = qualcode.read_corpus(corpus["merged"].source, roles={"respondent": ["Ana"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = qualcode.code(corpus, tiny_codebook)
    assert not _no_speech_warnings(caught)
    assert list(result.codings["code"]) == ["housing.search"]


def test_interviews_and_survey_rows_with_respondent_speech_do_not_warn(
    write, tiny_corpus_dir, tiny_codebook
) -> None:
    survey = write(
        "survey.csv",
        "id,answer\nr1,Finding a flat was a nightmare here.\nr2,The tax break made it easy.\n",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qualcode.code(qualcode.read_corpus(tiny_corpus_dir), tiny_codebook)
        result = qualcode.code(qualcode.read_corpus(survey, language="en"), tiny_codebook)
    assert not _no_speech_warnings(caught)
    assert set(result.codings["document"]) == {"r1", "r2"}


def test_warns_for_the_roles_asked_for(tiny_corpus_dir, tiny_codebook) -> None:
    with pytest.warns(UserWarning, match="'bram' has no other speech to code") as caught:
        qualcode.code(qualcode.read_corpus(tiny_corpus_dir), tiny_codebook, roles=("other",))
    assert len(_no_speech_warnings(caught.list)) == 1  # ana's preamble is a turn of 'other'
