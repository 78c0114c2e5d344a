"""Readers on real third-party data in ../shared (skipped when it is absent).

Expected counts are computed here from the raw files with independent, deliberately simple
patterns, not copied from qualcode's output.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from qualcode.corpus import read_corpus, segment_document
from qualcode.corpus.readers.word import docx_text
from qualcode.errors import CorpusError
from tests.conftest import SHARED
from tests.corpus.test_roundtrip import assert_segments_rebuild_text

REAL = SHARED / "real-data"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"shared real data not found at {REAL}"),
]

MLSSS = REAL / "interviews-mlsss"
# "Interviewer 1:", "interviewer:", " Interviewee1 :", "Interviewer2 2:" ...
_COLON_LABEL = re.compile(r"^\s*(interviewer|interviewee)\s*\d*(?: \d)?\s*:", re.IGNORECASE)
# a line that is only a label ("Interviewee "), as one transcript has
_BARE_LABEL = re.compile(r"^\s*(interviewer|interviewee)\s*\d*\s*$", re.IGNORECASE)


@pytest.fixture(scope="module")
def mlsss():
    with pytest.warns(UserWarning, match="'interview-2' is in language 'fr'"):
        return read_corpus(MLSSS)


def test_all_36_mlsss_transcripts_read(mlsss) -> None:
    assert len(mlsss) == 36 and mlsss.skipped == ()
    assert {d.language for d in mlsss} == {"en", "fr"}
    assert [d.id for d in mlsss if d.language == "fr"] == ["interview-2"]
    assert len(mlsss.warnings) == 1 and "interview-2" in mlsss.warnings[0]


def test_every_turn_is_an_interviewer_or_interviewee_with_the_right_role(mlsss) -> None:
    for document in mlsss:
        source = Path(document.source).read_text(encoding="utf-8").split("\n")
        labels = [m.group(1).lower() for line in source if (m := _COLON_LABEL.match(line))]
        labels += [m.group(1).lower() for line in source if (m := _BARE_LABEL.match(line))]
        spoken = [t for t in document.turns if t.speaker is not None]
        assert len(spoken) == len(labels), document.id
        for turn in spoken:
            kind = re.match(r"(?i)interview(er|ee)", turn.speaker)
            assert kind is not None, (document.id, turn.speaker)
            expected = "interviewer" if kind.group(1).lower() == "er" else "respondent"
            assert turn.role == expected, (document.id, turn.speaker)
        # the only unlabelled text is a short preamble before the first label
        assert all(t.index == 0 for t in document.turns if t.speaker is None), document.id


def test_no_text_is_lost(mlsss) -> None:
    label = re.compile(r"(?i)\s*(interviewer|interviewee)\s*\d*(?: \d)?\s*:?\s*")
    for document in mlsss:
        raw = Path(document.source).read_bytes().decode("utf-8-sig")
        assert document.text == unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
        position, outside = 0, []
        for turn in document.turns:
            outside.append(document.text[position : turn.start])
            position = turn.end
        outside.append(document.text[position:])
        assert all(label.fullmatch(gap) or not gap.strip() for gap in outside), document.id


def test_mlsss_counts_and_segments(mlsss) -> None:
    turns = sum(1 for d in mlsss for t in d.turns if t.speaker)
    words = sum(d.words() for d in mlsss)
    assert 5_700 < turns < 5_850  # 5,773 label lines in the 36 files
    assert 225_000 < words < 240_000
    english = mlsss["interview-11"]
    assert_segments_rebuild_text(english)
    sentences = segment_document(english, roles=["respondent"])
    assert len(sentences) > 200 and {s.speaker for s in sentences} == {"Interviewee"}


def test_qdpx_text_sources_read_as_transcripts(tmp_path: Path) -> None:
    with zipfile.ZipFile(REAL / "qdpx" / "qc-1.3.2-demo.qdpx") as archive:
        for name in ("admin-1.txt", "board_2017.txt"):
            (tmp_path / name).write_bytes(archive.read(f"sources/{name}"))
    corpus = read_corpus(tmp_path)
    admin = corpus["admin-1"]
    assert admin.speakers == {"Max Bigman": "interviewer", "admin-1": "respondent"}
    # "Automation: This call is now being recorded." (once, before any label) is the preamble
    assert admin.turn_text(admin.turns[0]).startswith("Automation:")
    assert sum(t.speaker == "admin-1" for t in admin.turns) == 55
    board = corpus["board_2017"]
    assert board.speakers["Moderator"] == "interviewer"
    assert {"Speaker 12", "Mr. Tyeri", "Alfeck"} <= set(board.speakers)


def test_nvivo_docx_sources_are_vetted_and_found_empty(tmp_path: Path) -> None:
    with zipfile.ZipFile(REAL / "qdpx" / "nvivo-mac-15.qdpx") as archive:
        sources = [n for n in archive.namelist() if n.endswith(".docx")]
        assert len(sources) == 2
        for name in sources:
            data = archive.read(name)
            assert docx_text(io.BytesIO(data)).text == ""
            (tmp_path / Path(name).name).write_bytes(data)
    for path in tmp_path.iterdir():
        with pytest.raises(CorpusError) as info:
            read_corpus(path)
        assert info.value.code == "E102"  # NVivo exported empty sources, nothing to read


def test_two_coder_survey_csv(tmp_path: Path) -> None:
    survey = REAL / "two-coder-survey"
    with pytest.warns(UserWarning, match="74 row"):
        corpus = read_corpus(survey / "Qualitative Responses No Only - N2 (primary).csv")
    assert len(corpus) == 25
    first = corpus.documents[0]
    assert first.id.startswith("R_") and "Code 1" in first.attributes
    assert [t.role for t in first.turns] == ["respondent"]
    # a real export with one respondent id twice: both lines are named
    copy = shutil.copy(survey / "Qualitative Responses Yes and No - Q5 (primary).csv", tmp_path)
    with pytest.raises(CorpusError) as info:
        read_corpus(copy)
    assert info.value.code == "E105" and "line 101" in str(info.value)
    assert "line 32" in str(info.value)
