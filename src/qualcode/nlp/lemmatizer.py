"""A lower-casing lemmatizer for blank spaCy pipelines, from spacy-lookups-data tables.

spaCy's own lookup lemmatizer is case-sensitive and, for Dutch, covers few inflected forms
("vond", "banen" and "huizen" are missing). Without a tagger we do not know a token's part of
speech, so one lemmatisation step tries, in order: the per-POS exception tables (irregular
forms, verbs first), the lookup table, a word that is already a lemma in the index, and the
suffix rules accepted only when they produce a word in the index.

The tables are not closed under that step (Dutch "kocht" -> "kopen" -> "koop" -> "kopen"), so
the lemma is the chain's fixed point, or one fixed representative of the cycle it ends in: every
form of a word family gets the same key. A few frequent Dutch words that would otherwise merge
with a rarer family ("weken" with "wijken") are pinned. The lemma is a matching key, not a
dictionary form; patterns are lemmatised by the same function, so they always agree with the
text. Results are cached per lower-cased form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import cast

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.strings import StringStore
from spacy.tokens import Doc

__all__ = [
    "CONTENT_KEY",
    "LEMMAS_KEY",
    "LOWERS_KEY",
    "LookupLemmatizer",
    "doc_content_mask",
    "doc_lemmas",
    "doc_lowers",
    "lemma_table",
]

_POS_ORDER = ("noun", "verb", "adj", "adv")
# Irregular verb forms are far more frequent in speech than the rare nouns they collide with
# ("vonden": found, not "finds").
_EXCEPTION_ORDER = ("verb", "noun", "adj", "adv")


#: Frequent words whose table lemma collides with a rarer word ("weken" -> "wijken", "scholen"
#: -> "schuilen", "het" -> "hebben", "Engels" -> "engel"); speech is full of months, weeks,
#: schools and articles. Overrides end the lemma chain.
_OVERRIDES: dict[str, dict[str, str]] = {
    "nl": {
        "maanden": "maand",
        "maand": "maand",
        "weken": "week",
        "week": "week",
        "scholen": "school",
        "school": "school",
        "dagen": "dag",
        "dag": "dag",
        "het": "het",
        "hem": "hem",
        "engels": "engels",
        "geweld": "geweld",
    },
    "en": {"evening": "evening", "evenings": "evening", "marketing": "marketing"},
}


class _Tables:
    def __init__(self, language: str) -> None:
        self.overrides = _OVERRIDES.get(language, {})
        lookups = load_lookups(
            language, ["lemma_lookup", "lemma_exc", "lemma_index", "lemma_rules"], strict=False
        )
        # spaCy tables hash their top-level keys; ``Table.get`` hashes a string key for us.
        table = lambda name: lookups.get_table(name) if lookups.has_table(name) else {}  # noqa: E731
        self.lookup = table("lemma_lookup")
        exceptions, index, rules = table("lemma_exc"), table("lemma_index"), table("lemma_rules")
        self.exceptions: dict[str, dict[str, list[str]]] = {
            pos: dict(exceptions.get(pos) or {}) for pos in _POS_ORDER
        }
        self.index: dict[str, frozenset[str]] = {
            pos: frozenset(index.get(pos) or ()) for pos in _POS_ORDER
        }
        self.rules: dict[str, list[list[str]]] = {
            pos: list(rules.get(pos) or ()) for pos in _POS_ORDER
        }

    def lemma(self, lower: str) -> str:
        # The tables are not closed under lemmatisation: "kocht" -> "kopen" -> "koop" -> "kopen".
        # Follow the chain to its fixed point, or to one representative of the cycle it ends
        # in, so every form of a word family gets the same key.
        seen = [lower]
        current = lower
        for _ in range(6):
            if current in self.overrides:
                return self.overrides[current]
            following = self._lemma_once(current)
            if following == current:
                return current
            if following in seen:
                cycle = seen[seen.index(following) :]
                return min(cycle, key=lambda word: (len(word), word))
            seen.append(following)
            current = following
        return current

    def _lemma_once(self, lower: str) -> str:
        # Irregular forms first: the Dutch lookup table has half-way entries ("vonden" -> "vond")
        # that the exception tables get right ("vonden" -> "vinden").
        for pos in _EXCEPTION_ORDER:
            forms = self.exceptions.get(pos, {}).get(lower)
            if forms:
                return str(forms[0]).lower()
        found = self.lookup.get(lower)
        if found is not None:
            return str(found).lower()
        for pos in _POS_ORDER:
            if lower in self.index.get(pos, ()):
                return lower
        for pos in _POS_ORDER:
            index = self.index.get(pos, frozenset())
            for old, new in self.rules.get(pos, ()):
                if old and lower.endswith(old):
                    candidate = lower[: len(lower) - len(old)] + new
                    if candidate in index:
                        return candidate
        return lower


@functools.lru_cache(maxsize=4)
def lemma_table(language: str) -> Callable[[str], str]:
    """Return a cached ``lower-cased word -> lemma`` function for ``language``.

    Examples
    --------
    >>> lemma = lemma_table("nl")
    >>> lemma("huizen"), lemma("vond")
    ('huis', 'vinden')
    """
    tables = _Tables(language)
    return functools.lru_cache(maxsize=200_000)(tables.lemma)


#: Where :class:`LookupLemmatizer` leaves the doc's lemmas and lower-cased words as lists.
LEMMAS_KEY = "qualcode_lemmas"
LOWERS_KEY = "qualcode_lowers"


def doc_lemmas(doc: Doc) -> list[str]:
    """The lower-cased lemma of every token of ``doc``.

    Docs made by qualcode's pipeline carry the list already (no ``Token`` objects are built);
    for other pipelines the lemmas are read from the tokens.
    """
    found = doc.user_data.get(LEMMAS_KEY)
    if found is not None and len(found) == len(doc):
        return cast(list[str], found)
    return [(t.lemma_ or t.lower_).lower() for t in doc]


CONTENT_KEY = "qualcode_content"


def doc_content_mask(doc: Doc) -> list[bool]:
    """For every token of ``doc``: whether it is a word (not punctuation, not whitespace).

    Computed once per doc from its arrays and cached in ``doc.user_data``.
    """
    found = doc.user_data.get(CONTENT_KEY)
    if found is None or len(found) != len(doc):
        if len(doc):
            rows = doc.to_array([IS_PUNCT, IS_SPACE]).tolist()
            found = [not (punct or space) for punct, space in rows]
        else:
            found = []
        doc.user_data[CONTENT_KEY] = found
    return cast(list[bool], found)


def doc_lowers(doc: Doc) -> list[str]:
    """The lower-cased text of every token of ``doc`` (see :func:`doc_lemmas`)."""
    found = doc.user_data.get(LOWERS_KEY)
    if found is not None and len(found) == len(doc):
        return cast(list[str], found)
    return [t.lower_ for t in doc]


class LookupLemmatizer:
    """Pipeline component that sets lower-cased lookup lemmas on every token.

    It works on the doc's arrays of token ids, not on ``Token`` objects (which cost more to
    create than the lemma look-up itself), sets ``LEMMA`` with ``Doc.from_array`` and leaves
    the lemma strings in ``doc.user_data`` (:func:`doc_lemmas`).
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._lemma = lemma_table(language)
        # orth id -> (lemma hash, lemma, lower-cased word); strings live in the shared vocab.
        self._by_orth: dict[int, tuple[int, str, str]] = {}

    def _new(self, orth: int, strings: StringStore) -> tuple[int, str, str]:
        lower = strings[orth].lower()
        lemma = self._lemma(lower)
        found = self._by_orth[orth] = (strings.add(lemma), lemma, lower)
        return found

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        by_orth = self._by_orth
        pairs = [
            by_orth.get(orth) or self._new(orth, strings) for orth in doc.to_array(ORTH).tolist()
        ]
        if pairs:
            hashes = numpy.fromiter((p[0] for p in pairs), dtype=numpy.uint64, count=len(pairs))
            doc.from_array([LEMMA], hashes.reshape(-1, 1))  # type: ignore[arg-type]
        doc.user_data[LEMMAS_KEY] = [p[1] for p in pairs]
        doc.user_data[LOWERS_KEY] = [p[2] for p in pairs]
        return doc


@Language.factory("qualcode_lemmatizer", default_config={})
def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """spaCy factory for :class:`LookupLemmatizer` (registered as ``qualcode_lemmatizer``)."""
    return LookupLemmatizer(str(nlp.lang))
