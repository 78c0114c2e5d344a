from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.corpus import read_corpus, segment_document
from qualcode.errors import CorpusError
from tests.corpus.builders import write_srt, write_vtt

TEAMS = [
    ("Sam Jones", "Why did you move"),
    ("Sam Jones", "to Eindhoven?"),
    ("Ana Silva", "For the job & the <people>. It"),
    ("Ana Silva", "was easy. Housing was hard."),
    ("Sam Jones", "And now?"),
]


def test_teams_voices_merge_consecutive_cues_into_turns(tmp_path: Path) -> None:
    doc = read_corpus(write_vtt(tmp_path / "t.vtt", TEAMS), language="en").documents[0]
    assert doc.format == "vtt"
    assert doc.text == (
        "Sam Jones: Why did you move to Eindhoven?\n"
        "Ana Silva: For the job & the <people>. It was easy. Housing was hard.\n"
        "Sam Jones: And now?"
    )
    assert doc.speakers == {"Sam Jones": "interviewer", "Ana Silva": "respondent"}
    assert [(t.start_time, t.end_time) for t in doc.turns] == [(0, 5), (5, 10), (10, 12.5)]
    assert len(doc.timeline) == 5


def test_each_sentence_gets_the_time_of_its_own_cue(tmp_path: Path) -> None:
    doc = read_corpus(write_vtt(tmp_path / "t.vtt", TEAMS), language="en").documents[0]
    times = [
        (s.text, s.start_time, s.end_time) for s in segment_document(doc, roles=["respondent"])
    ]
    assert times == [
        ("For the job & the <people>.", 5.0, 7.5),
        ("It was easy.", 5.0, 10.0),  # starts in one cue, ends in the next
        ("Housing was hard.", 7.5, 10.0),
    ]


def test_zoom_name_prefixes_are_speakers(tmp_path: Path) -> None:
    cues = [("Sam", "Why here?"), ("Ana", "Work."), ("Sam", "Note: sure?"), ("Ana", "Yes.")]
    doc = read_corpus(write_vtt(tmp_path / "z.vtt", cues, style="zoom"), language="en")["z"]
    assert [(t.speaker, doc.turn_text(t)) for t in doc.turns] == [
        ("Sam", "Why here?"),
        ("Ana", "Work."),
        ("Sam", "Note: sure?"),
        ("Ana", "Yes."),
    ]


def test_subtitles_without_voices_are_one_respondent_turn(tmp_path: Path) -> None:
    doc = read_corpus(
        write_srt(tmp_path / "s.srt", [("", "We moved"), ("", "for work.")]), language="en"
    ).documents[0]
    assert doc.format == "srt"
    assert doc.text == "We moved for work."
    assert [(t.speaker, t.role, t.start_time, t.end_time) for t in doc.turns] == [
        (None, "respondent", 0.0, 5.0)
    ]


def test_srt_speaker_prefixes_and_header_language(tmp_path: Path) -> None:
    cues = [("Interviewer", "Waarom?"), ("Bram", "Werk."), ("Interviewer", "En?"), ("Bram", "Ja.")]
    doc = read_corpus(write_srt(tmp_path / "s.srt", cues)).documents[0]
    assert doc.speakers == {"Interviewer": "interviewer", "Bram": "respondent"}
    header = write_vtt(tmp_path / "h.vtt", [("", "Short words.")], header="\nLanguage: nl")
    assert read_corpus(header).documents[0].language == "nl"


@pytest.mark.parametrize(
    "timing,line,needle",
    [
        ("00:00:01.000 -> 00:00:02.000", 3, "expected 'hh:mm:ss.mmm --> hh:mm:ss.mmm'"),
        ("00:00:01.000 --> 00:00:0x.000", 3, "expected 'hh:mm:ss.mmm --> hh:mm:ss.mmm'"),
        ("00:00:05.000 --> 00:00:02.000", 3, "ends before it starts"),
        ("00:00:01.000 --> 00:00:75.000", 3, "below 60"),
    ],
)
def test_broken_cue_times_name_the_line(
    tmp_path: Path, timing: str, line: int, needle: str
) -> None:
    path = tmp_path / "bad.vtt"
    path.write_text(f"WEBVTT\n\n{timing}\n<v A>Hello</v>\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E117" and timing in str(info.value)
    assert info.value.problems[0].line == line and needle in str(info.value)


@pytest.mark.parametrize("identifier", ["", "7\n"])
def test_a_mistyped_arrow_after_a_cue_identifier_is_a_broken_timing(
    tmp_path: Path, identifier: str
) -> None:
    path = tmp_path / "bad.vtt"
    path.write_text(f"WEBVTT\n\n{identifier}00:00:01.000 – 00:00:02.000\nHi\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E117"


def test_times_in_cue_text_are_text(tmp_path: Path) -> None:
    path = tmp_path / "a.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Ana>We met every day from\n"
        "9:00 – 10:00 and then lunch.</v>\n\n00:00:04.000 --> 00:00:06.000\n"
        "<v Sam>Why?</v>\n\nNOTE 10:00 -> 11:00 was cut\n",
        encoding="utf-8",
    )
    doc = read_corpus(path, language="en").documents[0]
    assert "9:00 – 10:00 and then lunch." in doc.text


def test_text_outside_cues_and_missing_header_are_refused(tmp_path: Path) -> None:
    stray = tmp_path / "stray.vtt"
    stray.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\nlost words\n", "utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(stray)
    assert info.value.problems[0].line == 6 and "outside any cue" in str(info.value)
    headless = tmp_path / "headless.vtt"
    headless.write_text("00:00:01.000 --> 00:00:02.000\nHi\n", "utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(headless)
    assert "first line must be 'WEBVTT'" in str(info.value)


def test_srt_with_a_broken_time_is_refused_not_silently_shortened(tmp_path: Path) -> None:
    path = tmp_path / "bad.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03 --> 00:00:04,000\nLost?\n")
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.problems[0].line == 6
