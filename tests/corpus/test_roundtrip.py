"""Property: every reader keeps every character, and segments plus gaps rebuild the text.

For each format, hypothesis writes a file from random speakers and utterances, reads it back,
and checks that (1) each speaker turn holds exactly what was said (whitespace aside, since
readers join subtitle cues and trim labels), and (2) for every segmentation unit the segments
and the gaps between them concatenate to the document text, each segment being the slice of
the text its offsets name.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.corpus import UNITS, read_corpus, segment_document
from qualcode.records import Document
from tests.corpus.builders import (
    write_csv,
    write_docx,
    write_markdown,
    write_qdpx,
    write_srt,
    write_text,
    write_vtt,
    write_xlsx,
)

# Letters with and without accents (NFC and decomposed), punctuation that ends sentences,
# quotes, brackets and the characters formats must escape (& < in XML and WebVTT, " in CSV).
_ALPHABET = "abcdefghij ABC éëçñ e\u0301 ЖßÅ 0123 .,?!;'\"()&<"
_utterance = st.text(alphabet=_ALPHABET, min_size=1, max_size=60).filter(lambda t: t.strip())
_speakers = st.sampled_from(["Interviewer", "Respondent", "Interviewee 2"])
_turns = st.lists(st.tuples(_speakers, _utterance), min_size=1, max_size=8)

Writer = Callable[[Path, list[tuple[str, str]]], Path]
WRITERS: dict[str, tuple[str, Writer]] = {
    "text": (".txt", write_text),
    "markdown": (".md", write_markdown),
    "docx": (".docx", write_docx),
    "docx table": (".docx", lambda p, t: write_docx(p, t, table=True)),
    "vtt (Teams)": (".vtt", write_vtt),
    "vtt (Zoom)": (".vtt", lambda p, t: write_vtt(p, t, style="zoom")),
    "srt": (".srt", write_srt),
    "qdpx": (".qdpx", write_qdpx),
    "qdpx (CRLF)": (".qdpx", lambda p, t: write_qdpx(p, t, line_end="\r\n")),
}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _squash(text: str) -> str:
    return " ".join(_nfc(text).split())


def _merged(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Subtitle readers merge consecutive cues of one speaker into a turn."""
    merged: list[tuple[str, str]] = []
    for speaker, text in turns:
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, merged[-1][1] + " " + text)
        else:
            merged.append((speaker, text))
    return merged


def assert_segments_rebuild_text(document: Document) -> None:
    for unit in UNITS:
        position, rebuilt = 0, []
        for segment in segment_document(document, unit=unit):
            assert segment.start >= position, (unit, segment)
            assert document.text[segment.start : segment.end] == segment.text
            rebuilt += [document.text[position : segment.start], segment.text]
            position = segment.end
        rebuilt.append(document.text[position:])
        assert "".join(rebuilt) == document.text, unit


def _read(suffix: str, write: Callable[[Path], Path]) -> Document:
    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory) / f"doc{suffix}")
        corpus = read_corpus(path, language="en")
    assert len(corpus) == 1
    return corpus.documents[0]


@pytest.mark.parametrize("fmt", list(WRITERS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=_turns)
def test_transcript_readers_lose_nothing(fmt: str, turns: list[tuple[str, str]]) -> None:
    suffix, writer = WRITERS[fmt]
    document = _read(suffix, lambda path: writer(path, turns))
    expected = _merged(turns) if suffix in {".vtt", ".srt"} else turns
    spoken = [(t.speaker, _squash(document.turn_text(t))) for t in document.turns if t.speaker]
    assert spoken == [(speaker, _squash(text)) for speaker, text in expected]
    assert_segments_rebuild_text(document)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.lists(st.tuples(_utterance, _utterance), min_size=1, max_size=5))
def test_survey_readers_lose_nothing(suffix: str, answers: list[tuple[str, str]]) -> None:
    rows = [[f"r{i}", *pair] for i, pair in enumerate(answers)]
    header = ["id", "Q1", "Q2"]
    write = write_csv if suffix == ".csv" else write_xlsx
    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory) / f"survey{suffix}", header, rows)
        corpus = read_corpus(path, language="en", text_columns=["Q1", "Q2"])
    assert corpus.ids == [row[0] for row in rows]
    for document, (q1, q2) in zip(corpus, answers, strict=True):
        # exact, apart from the normalisation every reader applies (NFC, trimmed cells)
        assert [(t.speaker, document.turn_text(t)) for t in document.turns] == [
            ("Q1", _nfc(q1).strip()),
            ("Q2", _nfc(q2).strip()),
        ]
        assert_segments_rebuild_text(document)
