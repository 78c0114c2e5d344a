from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.corpus.normalise import DecodeError, decode, normalise_text


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Café Zoë".encode(), "Café Zoë"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        (codecs.BOM_UTF16_LE + "Café".encode("utf-16-le"), "Café"),
        (codecs.BOM_UTF16_BE + "Café".encode("utf-16-be"), "Café"),
        (
            "Interviewer: Waarom koos u voor Nederland? Café, reünie, één.".encode("cp1252"),
            "Interviewer: Waarom koos u voor Nederland? Café, reünie, één.",
        ),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data)[0] == expected


def test_binary_junk_is_refused() -> None:
    with pytest.raises(DecodeError) as info:
        decode(bytes(range(256)) * 20)
    assert info.value.binary


def test_normalise_line_ends_bom_and_nfc() -> None:
    assert normalise_text("\ufeffa\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalise_text("e\u0301") == "\u00e9"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once


_INTERVIEW = "Interviewer: Why did you come to the Netherlands?\nAna: For my work. Café, reünie.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    assert decode(_INTERVIEW.encode(encoding)) == (_INTERVIEW, encoding)


def test_utf8_with_a_stray_cp1252_byte_is_read_as_utf8_with_a_warning() -> None:
    data = "Geïnterviewde: Ik woon in Zürich.\n".encode() + "Interviewer: Café?\n".encode("cp1252")
    with pytest.warns(UserWarning, match=r"x\.txt: not valid UTF-8 at byte 52 \(line 2, 0xe9\)"):
        text, encoding = decode(data, source="x.txt")
    assert (text, encoding) == ("Geïnterviewde: Ik woon in Zürich.\nInterviewer: Café?\n", "utf-8")


def test_cp1252_is_read_without_a_warning(recwarn) -> None:
    assert decode(_INTERVIEW.encode("cp1252")) == (_INTERVIEW, "cp1252")
    assert not recwarn.list


def test_stray_byte_warning_reaches_the_corpus(tmp_path) -> None:
    from qualcode.corpus import read_corpus

    path = tmp_path / "ana.txt"
    path.write_bytes(_INTERVIEW.encode() + "Interviewer: Zoë?\nAna: Ja.\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="ana.txt: not valid UTF-8"):
        corpus = read_corpus(path, language="en")
    assert "Zoë" in corpus.documents[0].text
    assert any("line 3" in note for note in corpus.warnings)
