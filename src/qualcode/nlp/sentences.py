"""Sentence boundaries for spoken-language transcripts.

spaCy's rule-based ``sentencizer`` ends a sentence after ``.``, ``!`` or ``?`` but also swallows a
following *opening* bracket ("...things. [laughs]" -> "things. [" + "laughs]"), and it splits at
every ellipsis, which in transcribed speech mostly marks a pause ("I was, uh... not sure"). This
component ends a sentence after terminal punctuation plus any *closing* quotes or brackets, and
after an ellipsis only when the next word starts with a capital letter.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["mark_sentences"]

_TERMINAL = frozenset({".", "!", "?", "!?", "?!", "!!", "??", "。", "？", "！"})
_ELLIPSIS = frozenset({"...", "…", "....", ".."})
_CLOSING = frozenset({")", "]", "}", '"', "'", "”", "’", "»", "›"})


def _closes(token: Token) -> bool:
    """A closing bracket, or a straight quote followed by a space (an opening one is glued to
    the next word)."""
    if token.text in {'"', "'"}:
        return bool(token.whitespace_) or token.i == len(token.doc) - 1
    return token.text in _CLOSING


def _ends_with_terminal(text: str) -> bool:
    return text in _TERMINAL or (len(text) > 1 and text[-1] in ".!?" and set(text) <= set(".!?"))


@Language.component("qualcode_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token of ``doc``."""
    tokens = list(doc)
    if not tokens:
        return doc
    starts = [False] * len(tokens)
    starts[0] = True
    i = 0
    while i < len(tokens):
        text = tokens[i].text
        ellipsis = text in _ELLIPSIS
        if ellipsis or _ends_with_terminal(text):
            j = i + 1
            while j < len(tokens) and (_closes(tokens[j]) or tokens[j].is_space):
                j += 1
            while j < len(tokens) and (tokens[j].text in _TERMINAL or tokens[j].text in _ELLIPSIS):
                j += 1  # "?!" split by the tokenizer, or "!!!"
                while j < len(tokens) and _closes(tokens[j]):
                    j += 1
            if j < len(tokens):
                nxt = tokens[j]
                if not ellipsis or nxt.text[:1].isupper() or nxt.text[:1] in "[(":
                    starts[j] = True
            i = j
            continue
        i += 1
    for token, start in zip(tokens, starts, strict=True):
        token.is_sent_start = start
    return doc
