from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.corpus import read_corpus, segment_document
from qualcode.errors import CorpusError
from qualcode.records import Document, Turn


def _doc(text: str) -> Document:
    from qualcode.corpus.document import build_document
    from qualcode.corpus.options import ReadOptions
    from qualcode.corpus.speakers import find_turns

    return build_document(
        "d",
        text,
        find_turns(text),
        options=ReadOptions(language="en", speakers="optional"),
        source="d.txt",
        format="text",
    )


def test_sentences_never_cross_turns_or_lines() -> None:
    doc = _doc("I: Why here? Really\nR: The job. The people\nand the food.\nI: Ok")
    segments = segment_document(doc, roles=["respondent"])
    assert [s.text for s in segments] == ["The job.", "The people", "and the food."]
    assert all(doc.text[s.start : s.end] == s.text for s in segments)
    assert {s.role for s in segments} == {"respondent"}


@pytest.mark.parametrize(
    "unit,expected",
    [
        ("paragraph", ["Why here? Really", "The job. The people", "and the food.", "Ok"]),
        ("turn", ["Why here? Really", "The job. The people\nand the food.", "Ok"]),
        ("document", ["Why here? Really\nR: The job. The people\nand the food.\nI: Ok"]),
    ],
)
def test_units(unit: str, expected: list[str]) -> None:
    doc = _doc("I: Why here? Really\nR: The job. The people\nand the food.\nI: Ok")
    assert [s.text for s in segment_document(doc, unit=unit)] == expected


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(CorpusError) as info:
        segment_document(_doc("I: a\nR: b"), unit="chapter")
    assert info.value.code == "E112"


def test_segments_keep_speaker_turn_and_time() -> None:
    doc = Document("d", "A: one. two.", (Turn(0, "A", "respondent", 3, 12, 1.5, 4.0),), "en")
    first, second = segment_document(doc)
    assert (first.speaker, first.turn, first.start_time, second.start) == ("A", 0, 1.5, 8)


_words = st.text(alphabet=st.sampled_from("abc .?!\n,"), min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["Interviewer", "Ana"]), _words), min_size=1, max_size=6),
    st.sampled_from(["sentence", "paragraph", "turn"]),
)
def test_segments_and_gaps_concatenate_to_the_text(turns, unit) -> None:
    text = "\n".join(f"{speaker}: {words}" for speaker, words in turns)
    doc = _doc(text)
    segments = segment_document(doc, unit=unit)
    rebuilt, position = [], 0
    for segment in segments:
        assert segment.start >= position
        rebuilt.append(doc.text[position : segment.start])
        rebuilt.append(segment.text)
        position = segment.end
    rebuilt.append(doc.text[position:])
    assert "".join(rebuilt) == doc.text


def test_segments_of_real_corpus_round_trip(tiny_corpus_dir) -> None:
    for doc in read_corpus(tiny_corpus_dir):
        for segment in segment_document(doc):
            assert doc.text[segment.start : segment.end] == segment.text


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("These things. [laughs] Yes.", ["These things.", "[laughs] Yes."]),
        (
            "I was, uh... not sure. Then... Well, we left!",
            ["I was, uh... not sure.", "Then...", "Well, we left!"],
        ),
        ('We left!! "Really?" she said.', ["We left!!", '"Really?"', "she said."]),
        ("We went (to Delft.) And so on", ["We went (to Delft.)", "And so on"]),
        ('He said, "No."\nThen we left', ['He said, "No."', "Then we left"]),
        ("no full stop here\nnext line", ["no full stop here", "next line"]),
    ],
)
def test_sentence_boundaries_for_speech(text: str, sentences: list[str]) -> None:
    doc = _doc(f"R: {text}")
    assert [s.text for s in segment_document(doc)] == sentences


_ELLIPSIS_TEXT = (
    "I: Why did you move?\nR: Well I was not sure...\nI: Did housing play a role?\n"
    "R: finding a flat was hard. We left."
)


@pytest.mark.parametrize("roles", [None, ["respondent"]])
def test_a_sentence_ending_in_an_ellipsis_stops_at_the_line_end(roles) -> None:
    doc = _doc(_ELLIPSIS_TEXT)
    texts = [s.text for s in segment_document(doc, roles=roles) if s.role == "respondent"]
    assert texts == ["Well I was not sure...", "finding a flat was hard.", "We left."]


def test_sentences_of_any_pipeline_stop_at_paragraph_starts() -> None:
    # a trained pipeline's parser or senter does not break at "\n"; the sentencizer stands in
    import spacy

    from qualcode.corpus.segment import paragraph_sentences, paragraphs

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = _doc("I: Where did you live\nR: In Delft near the station\nI: and then")
    found = [doc.text[s.start : s.end] for s in paragraph_sentences(doc, paragraphs(doc), nlp)]
    assert found == ["Where did you live", "In Delft near the station", "and then"]


_speech = st.text(alphabet=st.sampled_from("abcA .?!\n,…"), min_size=0, max_size=40)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["Interviewer", "Ana"]), _speech), min_size=1, max_size=6),
    st.sampled_from([None, ("respondent",)]),
)
def test_every_sentence_lies_inside_one_paragraph_of_one_turn(turns, roles) -> None:
    from qualcode.corpus.segment import paragraphs

    text = "\n".join(f"{speaker}: {words}" for speaker, words in turns)
    doc = _doc(text)
    paras = paragraphs(doc, roles)
    for segment in segment_document(doc, roles=roles):
        turn = doc.turns[segment.turn]
        assert turn.start <= segment.start < segment.end <= turn.end
        # a paragraph is a line, or a block of lines in a hard-wrapped transcript
        assert any(p.start <= segment.start and segment.end <= p.end for p in paras)
        assert "\n" not in segment.text or paras[0].wrapped
