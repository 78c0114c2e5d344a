"""Exact character-offset maps between a source's plain text and qualcode's normalised text.

REFI-QDA selections count characters (code points) of a source's plain text as the exporting tool
wrote it; qualcode offsets count characters of the normalised text
(:func:`qualcode.corpus.normalise.normalise_text`: leading BOMs dropped, ``\\r\\n``/``\\r``/U+2028/
U+2029 become ``\\n``, Unicode NFC). :func:`normalise_with_offsets` normalises a text *and* records
where it changed, so every position can be carried across in both directions.

The text is cut into the smallest *groups* that normalise independently: a ``\\r\\n`` pair, a run
of leading BOMs, or a base character with the combining marks that compose or reorder with it.
Positions between groups map exactly. A position *inside* a group (between ``\\r`` and ``\\n``,
or between ``e`` and a combining accent) has no exact image; it maps to the group's start when it
opens a span and to the group's end when it closes one, so a mapped span always covers whole
characters and never shrinks.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

__all__ = ["OffsetMap", "Side", "normalise_with_offsets"]

Side = Literal["start", "end"]

_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Where a text changed when it was normalised, as groups ``raw[rs:re] -> norm[ns:ne]``.

    Only changed groups are stored; between them the two texts agree character for character,
    shifted by the length difference accumulated so far. Build one with
    :func:`normalise_with_offsets`.

    Examples
    --------
    >>> text, offsets = normalise_with_offsets("a\\r\\nb")
    >>> text
    'a\\nb'
    >>> offsets.to_normalised(3), offsets.to_raw(2)
    (2, 3)
    >>> offsets.to_normalised(2, "start"), offsets.to_normalised(2, "end")  # between \\r and \\n
    (1, 2)
    """

    raw_length: int
    normalised_length: int
    raw_starts: tuple[int, ...] = ()
    raw_ends: tuple[int, ...] = ()
    normalised_starts: tuple[int, ...] = ()
    normalised_ends: tuple[int, ...] = ()

    @property
    def is_identity(self) -> bool:
        """True when normalisation changed nothing (the usual case for UTF-8 ``\\n`` text)."""
        return not self.raw_starts

    def to_normalised(self, position: int, side: Side = "start") -> int:
        """The normalised-text position of raw-text ``position``.

        Raises
        ------
        ValueError
            If ``position`` is outside ``[0, raw_length]``.
        """
        return _carry(
            position,
            self.raw_length,
            side,
            self.raw_starts,
            self.raw_ends,
            self.normalised_starts,
            self.normalised_ends,
        )

    def to_raw(self, position: int, side: Side = "start") -> int:
        """The raw-text position of normalised-text ``position`` (the inverse mapping).

        Raises
        ------
        ValueError
            If ``position`` is outside ``[0, normalised_length]``.
        """
        return _carry(
            position,
            self.normalised_length,
            side,
            self.normalised_starts,
            self.normalised_ends,
            self.raw_starts,
            self.raw_ends,
        )


def _carry(
    position: int,
    length: int,
    side: Side,
    from_starts: tuple[int, ...],
    from_ends: tuple[int, ...],
    to_starts: tuple[int, ...],
    to_ends: tuple[int, ...],
) -> int:
    if not 0 <= position <= length:
        raise ValueError(f"position {position} is outside the text (0-{length})")
    group = bisect_right(from_starts, position) - 1
    if group < 0:
        return position
    if position == from_starts[group]:
        return to_starts[group]
    if position < from_ends[group]:
        return to_starts[group] if side == "start" else to_ends[group]
    return position - from_ends[group] + to_ends[group]


def normalise_with_offsets(raw: str) -> tuple[str, OffsetMap]:
    """Normalise ``raw`` exactly like :func:`~qualcode.corpus.normalise.normalise_text` and
    return the text with the map of its offsets.

    Examples
    --------
    >>> text, offsets = normalise_with_offsets("\\ufeffCafe\\u0301 ok")
    >>> text, len(text)
    ('Café ok', 7)
    >>> offsets.to_normalised(7), offsets.to_raw(5)  # ' ok' starts at 7 in raw, 5 in text
    (5, 7)
    """
    groups: list[tuple[int, int, str]] = []  # raw start, raw end, normalised text (changed only)
    position = 0
    while position < len(raw) and raw[position] == "\ufeff":
        position += 1
    if position:
        groups.append((0, position, ""))
    for match in _LINE_BREAK.finditer(raw, position):
        _composition_groups(raw, position, match.start(), groups)
        groups.append((match.start(), match.end(), "\n"))
        position = match.end()
    _composition_groups(raw, position, len(raw), groups)

    pieces: list[str] = []
    raw_starts, raw_ends, normalised_starts, normalised_ends = [], [], [], []
    copied_to = 0  # raw position up to which the text is in ``pieces``
    normalised_length = 0
    for start, end, replacement in groups:
        pieces.append(raw[copied_to:start])
        normalised_length += start - copied_to
        raw_starts.append(start)
        raw_ends.append(end)
        normalised_starts.append(normalised_length)
        pieces.append(replacement)
        normalised_length += len(replacement)
        normalised_ends.append(normalised_length)
        copied_to = end
    pieces.append(raw[copied_to:])
    normalised_length += len(raw) - copied_to
    text = "".join(pieces)
    offsets = OffsetMap(
        len(raw),
        normalised_length,
        tuple(raw_starts),
        tuple(raw_ends),
        tuple(normalised_starts),
        tuple(normalised_ends),
    )
    return text, offsets


def _composition_groups(raw: str, start: int, end: int, groups: list[tuple[int, int, str]]) -> None:
    """Append the groups of ``raw[start:end]`` (no line breaks inside) that NFC changes."""
    if start >= end or unicodedata.is_normalized("NFC", raw[start:end]):
        return
    group_start = start
    for index in range(start + 1, end + 1):
        if index < end and not _independent(raw[index]):
            continue
        piece = raw[group_start:index]
        normalised = unicodedata.normalize("NFC", piece)
        if normalised != piece:
            groups.append((group_start, index, normalised))
        group_start = index


def _independent(char: str) -> bool:
    """Whether NFC treats the text before ``char`` independently of ``char`` and what follows.

    True for a starter (canonical combining class 0) that never composes with a preceding
    character and whose decomposition also begins with such a starter: canonical reordering and
    composition never cross it. Treating a few more characters as dependent only makes groups
    larger, never wrong.
    """
    if unicodedata.combining(char):
        return False
    if ord(char) in _composes_backward():
        return False
    first = unicodedata.normalize("NFD", char)[0]
    return not unicodedata.combining(first) and ord(first) not in _composes_backward()


@functools.cache
def _composes_backward() -> frozenset[int]:
    """Starters that NFC can merge into the character before them (NFC_Quick_Check=Maybe).

    Derived from this Python's Unicode database, so it follows its version: every second
    element of a two-character canonical decomposition that is itself a starter, plus the
    Hangul medial vowels and final consonants (composed algorithmically, not by table).
    """
    found = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for code_point in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code_point))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = decomposition.split()
        if len(parts) == 2:
            second = int(parts[1], 16)
            if not unicodedata.combining(chr(second)):
                found.add(second)
    return frozenset(found)
