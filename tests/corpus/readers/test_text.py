from __future__ import annotations

from pathlib import Path

from qualcode.corpus import read_corpus, segment_document
from tests.corpus.builders import write_markdown


def test_markdown_bold_labels_and_headings_are_not_speech(tmp_path: Path) -> None:
    path = write_markdown(
        tmp_path / "ana.md",
        [
            ("Interviewer", "Why *Delft*?"),
            ("Ana", "The job, honestly."),
            ("Interviewer", "Ok?"),
            ("Ana", "Yes."),
        ],
        title="Interview 2",
    )
    doc = read_corpus(path, language="en").documents[0]
    assert doc.format == "markdown"
    assert doc.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert doc.turn_text(doc.turns[0]) == "# Interview 2"
    assert doc.turns[0].role == "other"
    respondent = segment_document(doc, roles=["respondent"])
    assert [s.text for s in respondent] == ["The job, honestly.", "Yes."]


def test_text_keeps_label_times_per_turn(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Sam (00:00:05): Why? Really?\nAna (00:00:09): Work.\n", encoding="utf-8")
    doc = read_corpus(path, language="en").documents[0]
    assert [(t.start_time, t.end_time) for t in doc.turns] == [(5.0, None), (9.0, None)]
    assert [s.start_time for s in segment_document(doc)] == [5.0, 5.0, 9.0]
