"""Sentence boundaries for spoken-language transcripts.

spaCy's rule-based ``sentencizer`` ends a sentence after ``.``, ``!`` or ``?`` but also swallows a
following *opening* bracket ("...things. [laughs]" -> "things. [" + "laughs]"), and it splits at
every ellipsis, which in transcribed speech mostly marks a pause ("I was, uh... not sure"). This
component ends a sentence after terminal punctuation plus any *closing* quotes or brackets,
after an ellipsis only when the next word starts with a capital letter, and at every line break
(qualcode never lets a sentence cross a line, also not after an ellipsis).
"""

from __future__ import annotations

import itertools

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

__all__ = ["mark_sentences", "sentence_bounds"]

_TERMINAL = frozenset({".", "!", "?", "!?", "?!", "!!", "??", "。", "？", "！"})
_ELLIPSIS = frozenset({"...", "…", "....", ".."})
_CLOSING = frozenset({")", "]", "}", '"', "'", "”", "’", "»", "›"})


# Token kinds that matter for boundaries, cached per token id (orth).
_OTHER, _TERMINAL_KIND, _ELLIPSIS_KIND, _CLOSING_KIND, _QUOTE_KIND, _SPACE_KIND = range(6)
_KINDS: dict[int, int] = {}


def _kind(orth: int, strings: StringStore) -> int:
    found = _KINDS.get(orth)
    if found is None:
        text = strings[orth]
        if text in _ELLIPSIS:
            found = _ELLIPSIS_KIND
        elif _ends_with_terminal(text):
            found = _TERMINAL_KIND
        elif text in {'"', "'"}:
            found = _QUOTE_KIND
        elif text in _CLOSING:
            found = _CLOSING_KIND
        elif not text.strip():
            found = _SPACE_KIND
        else:
            found = _OTHER
        _KINDS[orth] = found
    return found


def _ends_with_terminal(text: str) -> bool:
    return text in _TERMINAL or (len(text) > 1 and text[-1] in ".!?" and set(text) <= set(".!?"))


@Language.component("qualcode_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Set sentence starts on ``doc`` (from its token-id arrays, without ``Token`` objects)."""
    n = len(doc)
    if not n:
        return doc
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist()
    kinds = [_KINDS.get(orth) or _kind(orth, strings) for orth in orths]
    spaces = doc.to_array(SPACY).tolist()

    def closes(j: int) -> bool:
        # a straight quote closes when a space follows it (an opening one is glued to a word)
        kind = kinds[j]
        if kind != _QUOTE_KIND:
            return kind == _CLOSING_KIND
        return bool(spaces[j]) or j == n - 1 or kinds[j + 1] == _SPACE_KIND

    def line_break(j: int) -> bool:
        return kinds[j] == _SPACE_KIND and "\n" in strings[orths[j]]

    starts = [-1] * n
    starts[0] = 1
    i = 0
    while i < n:
        kind = kinds[i]
        if line_break(i):
            # a line break ends the sentence: paragraphs are joined by newlines into one Doc
            if i + 1 < n:
                starts[i + 1] = 1
            i += 1
            continue
        if kind != _TERMINAL_KIND and kind != _ELLIPSIS_KIND:
            i += 1
            continue
        j = i + 1
        # stop at a line break, which starts the next sentence whatever follows it
        while j < n and (closes(j) or (kinds[j] == _SPACE_KIND and not line_break(j))):
            j += 1
        while j < n and kinds[j] in (_TERMINAL_KIND, _ELLIPSIS_KIND):
            j += 1  # "?!" split by the tokenizer, or "!!!"
            while j < n and closes(j):
                j += 1
        if j < n and not line_break(j):
            first = strings[orths[j]][:1]
            if kind == _TERMINAL_KIND or first.isupper() or first in "[(":
                starts[j] = 1
        i = j
    # spaCy stores -1 ("not a start") as the uint64 of -1, as its own to_array() returns it
    marks = numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], marks)  # type: ignore[arg-type]
    return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """``(first token, end token, start char, end char)`` of each sentence of ``doc``, with
    whitespace tokens trimmed from both ends; sentences of whitespace only are left out.

    A sentence is also cut after every line break, whatever set the sentence starts (a trained
    pipeline's parser or senter does not break at ``\\n``), so no sentence crosses a line.
    Read from the doc's arrays, so no ``Token`` or ``Span`` objects are built.

    Examples
    --------
    >>> from qualcode.nlp import load_pipeline
    >>> sentence_bounds(load_pipeline("en")("Rent is high. We left!"))
    [(0, 4, 0, 13), (4, 7, 14, 22)]
    """
    n = len(doc)
    if not n:
        return []
    columns = doc.to_array([SENT_START, IDX, LENGTH, IS_SPACE, ORTH]).T.tolist()
    starts, idx, length, space, orths = columns
    strings = doc.vocab.strings
    cuts = [
        i
        for i, mark in enumerate(starts)
        if mark == 1 or i == 0 or (space[i - 1] and "\n" in strings[orths[i - 1]])
    ]
    cuts.append(n)
    bounds = []
    for first, end in itertools.pairwise(cuts):
        while first < end and space[first]:
            first += 1
        while end > first and space[end - 1]:
            end -= 1
        if first < end:
            bounds.append((first, end, idx[first], idx[end - 1] + length[end - 1]))
    return bounds
