"""Hostile and damaged .docx/.xlsx files are refused before python-docx or openpyxl parse them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from qualcode.corpus import read_corpus
from qualcode.corpus.readers.word import docx_text
from qualcode.errors import CorpusError
from tests.corpus.builders import rewrite_zip, write_docx, write_xlsx

TURNS = [("I", "Why?"), ("R", "Work."), ("I", "And?"), ("R", "Love.")]
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _with_doctype(xml: bytes, doctype: str, use: str, where: bytes) -> bytes:
    head, _, body = xml.decode().partition("?>")
    return (head + "?>\n" + doctype + body.replace(where.decode(), use, 1)).encode()


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "good.docx", TURNS)


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "good.xlsx", ["id", "answer"], [["a", "A long enough answer."]])


def test_xxe_in_docx_is_refused_and_python_docx_would_not_resolve_it(
    docx_file: Path, tmp_path: Path
) -> None:
    original = zipfile.ZipFile(docx_file).read("word/document.xml")
    hostile = _with_doctype(original, XXE, "<w:t>I: Why? &xxe;</w:t>", b"<w:t>I: Why?</w:t>")
    path = rewrite_zip(docx_file, tmp_path / "xxe.docx", {"word/document.xml": hostile})
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E116" and "DTD" in str(info.value)
    assert str(path) in info.value.lines()[0]
    # Defence in depth: python-docx's own parser leaves the external entity unresolved.
    assert "root:" not in docx_text(path).text


def test_billion_laughs_in_xlsx_is_refused(xlsx_file: Path, tmp_path: Path) -> None:
    sheet = zipfile.ZipFile(xlsx_file).read("xl/worksheets/sheet1.xml")
    hostile = _with_doctype(b'<?xml version="1.0"?>' + sheet, LAUGHS, "<t>&lol9;</t>", b"<t>a</t>")
    path = rewrite_zip(xlsx_file, tmp_path / "lol.xlsx", {"xl/worksheets/sheet1.xml": hostile})
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E116" and "sheet1.xml" in str(info.value)
    # openpyxl (with defusedxml installed) refuses it on its own too.
    with pytest.raises(ValueError):
        list(openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows())


@pytest.mark.parametrize("fixture", ["docx_file", "xlsx_file"])
def test_zip_bomb_and_path_traversal_are_refused_without_touching_anything(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source: Path = request.getfixturevalue(fixture)
    bomb = rewrite_zip(
        source, tmp_path / f"bomb{source.suffix}", {"media/x.bin": b"\0" * 3_000_000}
    )
    with pytest.raises(CorpusError) as info:
        read_corpus(bomb)
    assert info.value.code == "E116" and "compression ratio" in str(info.value)
    evil = rewrite_zip(source, tmp_path / f"evil{source.suffix}", {"../../x": b"gotcha"})
    with pytest.raises(CorpusError) as info:
        read_corpus(evil)
    assert info.value.code == "E116" and "'../../x'" in str(info.value)
    assert not (tmp_path.parent.parent / "x").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([source.name, bomb.name, evil.name])


@pytest.mark.parametrize("fixture", ["docx_file", "xlsx_file"])
def test_truncated_archives(fixture: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    source: Path = request.getfixturevalue(fixture)
    cut = tmp_path / f"cut{source.suffix}"
    cut.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    with pytest.raises(CorpusError) as info:
        read_corpus(cut)
    assert info.value.code == "E116" and "not a valid zip" in str(info.value)


def test_malformed_xml_part(docx_file: Path, tmp_path: Path) -> None:
    path = rewrite_zip(docx_file, tmp_path / "broken.docx", {"word/document.xml": b"<w:document"})
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E114" and "damaged" in str(info.value)
