"""Hostile REFI-QDA files are refused with one clear line, and nothing outside is touched."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.errors import CodebookError, InteropError
from qualcode.interop import read_qdc, read_qdpx
from tests.interop.builders import docx_bytes, project_xml, tiny_qdpx, write_zip

runner = CliRunner()

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _xxe(secret: Path) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file://{secret}">]>'


@pytest.mark.parametrize("kind", ["xxe", "laughs", "external dtd"])
def test_dtds_and_entities_are_refused(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    prolog = {
        "xxe": _xxe(secret),
        "laughs": LAUGHS,
        "external dtd": '<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://example.invalid/p.dtd">',
    }[kind]
    qde = project_xml(prolog=prolog).replace('name="tiny"', 'name="&x;&lol9;"')
    with pytest.raises(InteropError) as info:
        read_qdpx(tiny_qdpx(tmp_path / "evil.qdpx", qde))
    assert info.value.code == "E705"
    assert len(info.value.lines()) == 1
    assert "TOP SECRET" not in str(info.value)
    assert "project.qde: refused XML: a DTD is declared" in str(info.value)


def test_a_hostile_codebook_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "evil.qdc"
    path.write_text(
        _xxe(secret).replace("Project", "CodeBook")
        + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="0c000000-0000-4000-8000-000000000001" name="&x;" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    with pytest.raises(CodebookError) as info:
        read_qdc(path)
    assert info.value.code == "E705" and "TOP SECRET" not in str(info.value)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    padded = project_xml().replace("</Project>", " " * 20_000_000 + "</Project>")
    with pytest.raises(InteropError) as info:
        read_qdpx(tiny_qdpx(tmp_path / "bomb.qdpx", padded))
    assert info.value.code == "E704" and "compression ratio" in str(info.value)


def test_a_bomb_inside_a_docx_source_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "inner.docx"
    write_zip(bomb, {"word/document.xml": b"<a>" + b" " * 5_000_000 + b"</a>"})
    qde = project_xml(
        selections="",
        ana_attributes='plainTextPath="internal://ana.txt" richTextPath="internal://ana.docx"',
    )
    path = tiny_qdpx(
        tmp_path / "x.qdpx",
        qde,
        **{"sources__ana.txt": b"", "sources__ana.docx": bomb.read_bytes()},
    )
    with pytest.raises(InteropError) as info:
        read_qdpx(path)
    assert info.value.code == "E706" and "unsafe" in str(info.value)


def test_a_damaged_docx_source_is_reported(tmp_path: Path) -> None:
    qde = project_xml(
        selections="",
        ana_attributes='plainTextPath="internal://ana.txt" richTextPath="internal://ana.docx"',
    )
    members = {"sources__ana.txt": b"", "sources__ana.docx": docx_bytes("x")[:200]}
    with pytest.raises(InteropError, match="E706"):
        read_qdpx(tiny_qdpx(tmp_path / "x.qdpx", qde, **members))


def test_entry_names_escaping_the_archive_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = f"qualcode-evil-{uuid.uuid4().hex}"
    path = tiny_qdpx(tmp_path / "evil.qdpx", **{f"..__..__{name}": b"owned"})
    with zipfile.ZipFile(path) as archive:
        assert f"../../{name}" in archive.namelist()
    with pytest.raises(InteropError) as info:
        read_qdpx(path)
    assert info.value.code == "E704" and "unsafe entry name" in str(info.value)
    assert not (tmp_path.parent.parent / name).exists()  # where extraction would have put it


def test_truncated_archive_gets_one_line(tmp_path: Path) -> None:
    good = tiny_qdpx(tmp_path / "good.qdpx")
    cut = tmp_path / "cut.qdpx"
    cut.write_bytes(good.read_bytes()[:-40])
    with pytest.raises(InteropError) as info:
        read_qdpx(cut)
    assert info.value.code == "E704" and len(info.value.lines()) == 1
    assert "truncated or damaged" in str(info.value)


@pytest.mark.parametrize("damage", ["truncated", "xxe", "slip"])
def test_cli_refuses_with_one_line_and_writes_nothing(tmp_path: Path, damage: str) -> None:
    good = tiny_qdpx(tmp_path / "good.qdpx")
    evil = tmp_path / "evil.qdpx"
    if damage == "truncated":
        evil.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    elif damage == "xxe":
        tiny_qdpx(evil, project_xml(prolog=_xxe(tmp_path / "secret.txt")))
    else:
        tiny_qdpx(evil, **{"..__..__x.txt": b"x"})
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", "qdpx", str(evil), "--out", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {evil}: [E70")
    assert not out.exists()
