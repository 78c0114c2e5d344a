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
