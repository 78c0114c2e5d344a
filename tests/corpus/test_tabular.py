from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from qualcode.corpus import read_attributes, read_corpus, read_table
from qualcode.errors import CorpusError
from tests.corpus.builders import write_xlsx


@pytest.mark.parametrize(
    "content",
    [
        b"id;answer\r\n1;caf\xe9 au lait\r\n",  # Dutch Excel: semicolons, Windows-1252
        codecs.BOM_UTF16_LE + "id\tanswer\n1\tcafé au lait\n".encode("utf-16-le"),
        codecs.BOM_UTF8 + "id|answer\n1|café au lait\n".encode(),
        b'"id","answer"\n"1","caf\xc3\xa9 au lait"\n',
    ],
)
def test_delimiters_and_encodings(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    table = read_table(path)
    assert table.columns == ("id", "answer")
    assert table.rows[0].values == ("1", "café au lait")


def test_qualtrics_header_rows_blank_and_repeated_names(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        'ResponseId,Q5,Q5,\nResponse ID,Why?,Why again?,\n{"ImportId":"_recordId"},'
        '{"ImportId":"QID5"},{"ImportId":"QID6"},\nR_1,a,b,c\n',
        "utf-8",
    )
    table = read_table(path)
    assert table.columns == ("ResponseId", "Q5", "Q5 (2)", "column 4")
    assert [(r.line, r.values) for r in table.rows] == [(4, ("R_1", "a", "b", "c"))]


def test_excel_values_read_as_excel_shows_them(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        ["id", "n", "x", "when", "ok"],
        [[7, 3.0, 2.5, dt.datetime(2024, 3, 1), True], ["b", None, "t", dt.date(2024, 1, 2), 0]],
    )
    rows = [r.values for r in read_table(path).rows]
    assert rows == [("7", "3", "2.5", "2024-03-01", "TRUE"), ("b", "", "t", "2024-01-02", "0")]


def test_row_longer_than_header_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,a\n1,"multi\nline"\n2,x,extra\n', "utf-8")
    with pytest.raises(CorpusError) as info:
        read_table(path)
    assert info.value.problems[0].line == 4


def test_attribute_language_column_and_its_precedence(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "c"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text("I: Why did you come?\nR: For the job.\nI: Ok?\nR: Yes.")
    (corpus_dir / "attributes.csv").write_text("file,Language,city\na,Dutch,Delft\n", "utf-8")
    assert read_corpus(corpus_dir).documents[0].language == "nl"  # attribute beats detection
    assert read_corpus(corpus_dir, language="en").documents[0].language == "en"  # option wins
    (corpus_dir / "attributes.csv").write_text("file,language\na,Klingon\n", "utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(corpus_dir)
    assert info.value.code == "E108" and info.value.problems[0].line == 2


def test_attributes_from_xlsx_and_problems_keep_their_line(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "attributes.xlsx", ["document", "route"], [["a", "x"], ["", "y"]])
    with pytest.raises(CorpusError) as info:
        read_attributes(path)
    assert info.value.code == "E108" and info.value.problems[0].line == 3
    ragged = tmp_path / "attributes.csv"
    ragged.write_text("document,route\na,x,y\n", "utf-8")
    with pytest.raises(CorpusError) as info:
        read_attributes(ragged)
    assert info.value.code == "E108" and info.value.problems[0].line == 2
