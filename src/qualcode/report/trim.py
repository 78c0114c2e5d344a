"""Trim a long quote to a readable length at sentence or clause boundaries, never mid-word.

A quote longer than ``max_words`` is cut into sentences, and sentences still too long into
clauses (after ``, ; :`` and around dashes). The longest run of whole pieces that fits and holds
the words that triggered the code (the *anchor*) is kept; what is left out is marked ``[…]``,
the usual mark for an omission in a quotation. Only when a single clause is still too long is it
cut between words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["OMISSION", "anchor_terms", "find_anchor", "trim_quote"]

#: Marks words left out of a quotation.
OMISSION = "[…]"

# the white space after a sentence's end, its closing quotes and brackets staying with it
_CLOSING = "[\"'”’)\\]]"
_SENTENCE_END = re.compile(rf"(?:(?<=[.!?…])|(?<=[.!?…]{_CLOSING})|(?<=[.!?…]{_CLOSING}{{2}}))\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–]\s)|\s+(?=-\s)")
_TRAILING = " ,;:—–-"
_WORD_EDGE = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    first_word: int  # index of its first word in the whole quote
    words: int


def anchor_terms(pattern: str | None) -> list[str]:
    """Literal words of a codebook pattern, to find where a coded quote is about its code.

    Alternatives are split, gaps and regular expressions ignored, a trailing wildcard dropped
    (``hous*`` -> ``hous``: a word starting with it) and a leading one kept (``*woning``: a
    word containing it, see :func:`find_anchor`); stems shorter than three letters are too
    ambiguous to keep.

    Examples
    --------
    >>> anchor_terms("find ... flat|apartment")
    ['find', 'flat', 'apartment']
    >>> anchor_terms("*woning hous*")
    ['*woning', 'hous']
    """
    if not pattern or pattern.startswith("["):
        return []
    terms: list[str] = []
    for token in pattern.split():
        if token == "..." or (token.startswith("/") and token.endswith("/")):
            continue
        for alternative in token.split("|"):
            stem = alternative.strip("*?").lower()
            if len(stem) >= 3 and stem.replace("-", "").replace("%", "").isalnum():
                terms.append(f"*{stem}" if alternative.startswith("*") else stem)
    return terms


@functools.lru_cache(maxsize=1024)
def _anchor_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One search for a word (lower case, no edge punctuation) that is a form of a term.

    A term matches at the start of the word or of a part of a compound ("flat-hunting"): its
    inflections (rent, rents, rented), never a word that merely contains it (parents,
    current); a term with a leading ``*`` matches anywhere in the word.
    """
    starts = [re.escape(term) for term in terms if not term.startswith("*")]
    inside = [re.escape(term[1:]) for term in terms if term.startswith("*")]
    alternatives = []
    if starts:
        alternatives.append(rf"(?:^|[^\w'’])(?:{'|'.join(starts)})")
    if inside:
        alternatives.append(f"(?:{'|'.join(inside)})")
    return re.compile("|".join(alternatives) or r"(?!)")


def find_anchor(words: list[str], terms: list[str]) -> int | None:
    """Index of the first of ``words`` that is a form of one of ``terms`` (None if none is).

    A word is a form of a term when it (or a part of it between hyphens or slashes) starts with
    the term; of a term with a leading ``*`` (from :func:`anchor_terms`), when it contains it.

    Examples
    --------
    >>> find_anchor("Finding a flat took months".split(), anchor_terms("flat|apartment"))
    2
    >>> find_anchor("My parents paid the rent.".split(), ["rent"])
    4
    >>> find_anchor("Geen huurwoningen te vinden".split(), anchor_terms("*woning"))
    1
    """
    search = _anchor_regex(tuple(terms)).search
    for index, word in enumerate(words):
        bare = _WORD_EDGE.sub("", word).lower()
        if bare and search(bare):
            return index
    return None


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [p for p in pattern.split(text) if p and not p.isspace()]


def _split(text: str, max_words: int) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = 0
    for sentence in _pieces(text, _SENTENCE_END):
        parts = _pieces(sentence, _CLAUSE_END) if len(sentence.split()) > max_words else [sentence]
        for part in parts:
            count = len(part.split())
            pieces.append(_Piece(part.strip(), position, count))
            position += count
    return pieces


def _window(pieces: list[_Piece], centre: int, max_words: int) -> tuple[int, int]:
    """Grow [start, end) around piece ``centre`` while it fits: forwards first, then back."""
    start, end = centre, centre + 1
    total = pieces[centre].words
    while True:
        if end < len(pieces) and total + pieces[end].words <= max_words:
            total += pieces[end].words
            end += 1
        elif start > 0 and total + pieces[start - 1].words <= max_words:
            start -= 1
            total += pieces[start].words
        else:
            return start, end


def trim_quote(
    text: str, max_words: int = 45, *, anchor: list[str] | None = None
) -> tuple[str, bool]:
    """Shorten ``text`` to at most ``max_words`` words (plus omission marks) around ``anchor``.

    Parameters
    ----------
    text : str
        The quote (white space is normalised to single spaces).
    max_words : int, default 45
    anchor : list of str, optional
        Word stems (see :func:`anchor_terms`); the kept part holds the first word that is a form
        of one (see :func:`find_anchor`).
        Without an anchor, or if none is found, the quote is kept from its start.

    Returns
    -------
    tuple of (str, bool)
        The quote, and whether it was trimmed.

    Examples
    --------
    >>> trim_quote("The rent was high, the flat was tiny, and the landlord never answered.", 9,
    ...            anchor=["landlord"])
    ('[…] the flat was tiny, and the landlord never answered.', True)
    >>> trim_quote("Short and sweet.", 8)
    ('Short and sweet.', False)
    """
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    words = text.split()
    clean = " ".join(words)
    if len(words) <= max_words:
        return clean, False
    pieces = _split(clean, max_words)
    target = find_anchor(words, anchor) if anchor else None
    centre = 0
    if target is not None:
        centre = max(i for i, p in enumerate(pieces) if p.first_word <= target)
    if pieces[centre].words > max_words:
        # one clause is longer than the limit: cut between words around the anchor
        piece = pieces[centre]
        inner = piece.text.split()
        offset = 0 if target is None else max(0, target - piece.first_word - max_words // 3)
        offset = min(offset, len(inner) - max_words)
        kept = inner[offset : offset + max_words]
        starts_inside = centre > 0 or offset > 0
        ends_inside = centre < len(pieces) - 1 or offset + max_words < len(inner)
        body = " ".join(kept)
    else:
        start, end = _window(pieces, centre, max_words)
        body = " ".join(p.text for p in pieces[start:end])
        starts_inside = start > 0
        ends_inside = end < len(pieces)
    if ends_inside:
        body = body.rstrip(_TRAILING) + f" {OMISSION}"
    if starts_inside:
        body = f"{OMISSION} {body.lstrip(_TRAILING)}"
    return body, True
