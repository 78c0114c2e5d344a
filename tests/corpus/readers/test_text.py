from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qualcode.codebook.load import codebook_from_dict
from qualcode.corpus import read_corpus, segment_document
from qualcode.interop import write_qdpx
from tests.corpus.builders import write_docx, write_markdown, write_text


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


def _write_qdpx(path: Path, turns: list[tuple[str, str]]) -> Path:
    text = write_text(path.with_suffix(".txt"), turns)
    documents = read_corpus(text, language="en")
    text.unlink()
    codings = pd.DataFrame(columns=["document", "start", "end", "code", "coder"])
    codebook = codebook_from_dict({"name": "b", "codes": [{"id": "a", "label": "A"}]})
    return write_qdpx(path, documents, codings, codebook)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".qdpx"])
def test_a_label_named_in_the_roles_is_a_speaker_even_once(tmp_path: Path, suffix: str) -> None:
    turns = [("Interviewer", "Why Delft?"), ("Ana", "The job, honestly.")]
    write = {".txt": write_text, ".md": write_markdown, ".docx": write_docx, ".qdpx": _write_qdpx}
    path = write[suffix](tmp_path / f"ana{suffix}", turns)
    assert read_corpus(path, language="en").documents[0].speakers == {
        "Interviewer": "interviewer"
    }  # 'Ana:' once, naming no role: text of the interviewer's turn
    doc = read_corpus(path, language="en", roles={"respondent": ["ana"]}).documents[0]
    assert doc.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert [s.text for s in segment_document(doc, roles=["respondent"])] == ["The job, honestly."]
