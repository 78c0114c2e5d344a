from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from qualcode.corpus import read_corpus, segment_document
from qualcode.corpus.readers.word import docx_text
from qualcode.errors import CorpusError
from tests.corpus.builders import write_docx


def test_paragraph_labels_and_preamble(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "ana.docx",
        [
            ("Interviewer", "Why did you come?"),
            ("Ana", "For the job."),
            ("Interviewer", "And?"),
            ("Ana", "Love."),
        ],
        preamble="Interview 4, Leiden",
    )
    doc = read_corpus(path, language="en").documents[0]
    assert doc.format == "docx"
    assert doc.text.startswith("Interview 4, Leiden\nInterviewer: Why did you come?")
    assert doc.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert doc.turn_text(doc.turns[0]) == "Interview 4, Leiden"


def test_speaker_table_rows_become_turns_and_the_header_is_left_out(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "table.docx",
        [("Sam", "Why here?"), ("Ana María", "Work. And love."), ("Sam", "Anything else?")],
        table=True,
    )
    doc = read_corpus(path, language="en").documents[0]
    assert doc.text == "Sam: Why here?\nAna María: Work. And love.\nSam: Anything else?"
    assert doc.speakers == {"Sam": "interviewer", "Ana María": "respondent"}
    assert [s.text for s in segment_document(doc, roles=["respondent"])] == ["Work.", "And love."]


def test_time_column_and_continuation_rows() -> None:
    document = docx.Document()
    grid = document.add_table(rows=4, cols=3)
    rows = [
        ("Time", "Speaker", "Text"),
        ("00:01:02", "Dr. Lee", "Why?"),
        ("[00:01:09]", "Bo", "Hm."),
    ]
    rows.append(("", "", "Well, the job."))
    for row, values in zip(grid.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    body = docx_text(buffer)
    assert body.text == "Dr. Lee (00:01:02): Why?\nBo (00:01:09): Hm.\nWell, the job."
    assert body.table_speakers == ("Dr. Lee", "Bo")


def test_line_breaks_tabs_and_unicode_survive(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("I: Café\tZoë?")
    paragraph.add_run().add_break()
    paragraph.add_run("(second line)")
    document.add_paragraph("R: Ja, e\u0301én keer.")
    document.add_paragraph("I: Ok?")
    document.save(str(tmp_path / "u.docx"))
    doc = read_corpus(tmp_path / "u.docx", language="nl").documents[0]
    assert doc.text == "I: Café\tZoë?\n(second line)\nR: Ja, één keer.\nI: Ok?"


def test_not_a_word_document(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.docx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "x.docx")
    assert info.value.code == "E114" and "[Content_Types].xml" in str(info.value)
