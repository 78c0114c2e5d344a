from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.corpus.normalise import normalise_text
from qualcode.interop.offsets import normalise_with_offsets

# Characters where normalisation changes length or order: line ends, BOMs, combining marks that
# compose (e + acute) or reorder (two marks of different classes), Hangul jamo that compose
# algorithmically, Tamil vowel signs that compose with a preceding starter, Tibetan vowels that
# decompose into non-starters, and singletons (Angstrom sign, Devanagari nukta letters).
TRICKY = list(
    "ae \r\n\u2028\u2029\ufeff\u0301\u0308\u0323\u0334\u0345\u1100\u1161\u11a8\uac00"
    "\u0bc6\u0bbe\u0bd7\u0f73\u0f71\u0f72\u0f80\u212b\u0958\u093c\u0915\U0001d15e\u00e9"
)
texts = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=40)


def _normalise_piece(piece: str, *, at_start: bool) -> str:
    if at_start:
        piece = piece.lstrip("\ufeff")
    piece = re.sub("\r\n|[\r\u2028\u2029]", "\n", piece)
    return unicodedata.normalize("NFC", piece)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_normalised_text_is_exactly_normalise_text(raw: str) -> None:
    text, offsets = normalise_with_offsets(raw)
    assert text == normalise_text(raw)
    assert offsets.raw_length == len(raw) and offsets.normalised_length == len(text)
    assert offsets.to_normalised(0) == 0 and offsets.to_normalised(len(raw), "end") == len(text)
    assert offsets.to_raw(len(text), "end") == len(raw)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_a_mapped_span_is_the_normalised_span(raw: str, data: st.DataObject) -> None:
    text, offsets = normalise_with_offsets(raw)
    a = data.draw(st.integers(0, len(raw)))
    b = data.draw(st.integers(a, len(raw)))
    start, end = offsets.to_normalised(a, "start"), offsets.to_normalised(b, "end")
    assert 0 <= start <= end <= len(text)
    # carried back, the span only grows, to whole groups ...
    raw_start, raw_end = offsets.to_raw(start, "start"), offsets.to_raw(end, "end")
    assert raw_start <= a and b <= raw_end
    # ... whose normalisation is exactly the normalised span.
    assert _normalise_piece(raw[raw_start:raw_end], at_start=raw_start == 0) == text[start:end]


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_normalised_positions_survive_a_round_trip(raw: str, data: st.DataObject) -> None:
    text, offsets = normalise_with_offsets(raw)
    position = data.draw(st.integers(0, len(text)))
    assert offsets.to_normalised(offsets.to_raw(position, "start"), "start") <= position
    assert offsets.to_normalised(offsets.to_raw(position, "end"), "end") >= position
    if offsets.is_identity:
        assert offsets.to_raw(position) == position == offsets.to_normalised(position)


def test_known_cases() -> None:
    text, offsets = normalise_with_offsets("\ufeffA\r\nCafe\u0301\r\nZ")
    assert text == "A\nCafé\nZ"
    assert offsets.to_normalised(1) == 0  # after the BOM
    assert offsets.to_normalised(4) == 2  # 'C'
    assert offsets.to_normalised(9) == 6  # the \r after the accent
    assert text[offsets.to_normalised(4) : offsets.to_normalised(9, "end")] == "Café"
    assert offsets.to_raw(5) == 7 and offsets.to_raw(6) == 9  # 'é' is e + accent in raw
    assert offsets.to_normalised(8, "start") == 5  # between e and its accent
    assert offsets.to_normalised(8, "end") == 6


def test_identity_text_has_no_groups() -> None:
    _, offsets = normalise_with_offsets("plain\ntext")
    assert offsets.is_identity and offsets.to_raw(3) == 3


def test_positions_outside_the_text_are_refused() -> None:
    _, offsets = normalise_with_offsets("abc")
    with pytest.raises(ValueError, match="outside"):
        offsets.to_normalised(4)
    with pytest.raises(ValueError, match="outside"):
        offsets.to_raw(-1)
