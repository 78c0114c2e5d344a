"""The pattern language of codebooks, compiled to lemma phrases and spaCy-style token patterns.

A pattern is either a spaCy Matcher token pattern (a list of token dicts, used as written) or a
string. A string is matched on lemmas, token by token, so ``"find apartment"`` also matches
"found apartments". Within a string:

==================  ==============================================================
``word``            a token whose lemma is the lemma of ``word``
``a|b|c``           a token whose lemma is any of the alternatives
``hous*``           a lemma starting with ``hous`` (``*`` anywhere: ``*woning``,
                    ``*migrant*``) — for Dutch compounds and word families; a
                    wildcard that ends in letters also takes a plural or inflection
                    ending the lemmatizer left on an unknown word (``*woning``:
                    "starterswoningen")
``word?``           an optional token
``...``             a gap of up to five tokens ("find ... apartment")
``/regex/``         a lemma matching a regular expression (no spaces inside)
==================  ==============================================================

A string with none of these marks compiles to a plain lemma phrase; the others to token patterns
in spaCy's ``Matcher`` syntax (matched by :class:`qualcode.coding.matcher.LemmaMatcher`). Matching
is case-insensitive because qualcode's lemmas are lower-cased.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher

__all__ = ["GAP", "CompiledPattern", "PatternSyntaxError", "compile_pattern", "pattern_text"]

#: Token pattern for ``...``: up to five arbitrary tokens.
GAP: dict[str, Any] = {"OP": "{0,5}"}

_MARKS = re.compile(r"[|*?]|\.\.\.|^/.*/$")

#: Endings a wildcard that ends in letters also accepts: the lemmatizer only knows the words in
#: its table, so an unknown compound ("starterswoningen") keeps its plural or inflection.
_INFLECTIONS = {"nl": "(?:en|s|'s|e)?", "en": "(?:s|es|'s)?"}


class PatternSyntaxError(ValueError):
    """A pattern cannot be compiled. ``token_pattern`` tells which catalogue code applies."""

    def __init__(self, detail: str, *, token_pattern: bool = False) -> None:
        super().__init__(detail)
        self.token_pattern = token_pattern


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """A pattern ready for a matcher.

    Exactly one of ``phrase`` (consecutive lemmas) and ``tokens`` (a token pattern in spaCy
    ``Matcher`` syntax) is set. ``source`` is the pattern as written in the codebook.
    """

    source: str
    phrase: tuple[str, ...] | None = None
    tokens: tuple[dict[str, Any], ...] | None = None


def pattern_text(item: str | list[dict[str, Any]]) -> str:
    """A one-line rendering of a pattern as written, for reports and model cards."""
    if isinstance(item, str):
        return item
    return " ".join(
        ",".join(f"{k}={v}" for k, v in sorted(spec.items())) if spec else "*" for spec in item
    )


def compile_pattern(item: str | list[dict[str, Any]], nlp: Language) -> CompiledPattern:
    """Compile one codebook pattern for the pipeline ``nlp``.

    Parameters
    ----------
    item : str or list of dict
        The pattern as written in the codebook.
    nlp : spacy.language.Language
        The pipeline of the pattern's language; its lemmatizer lemmatises plain words.

    Raises
    ------
    PatternSyntaxError
        If the pattern is empty, malformed, or spaCy rejects the token pattern.

    Examples
    --------
    >>> from qualcode.nlp import load_pipeline
    >>> nlp = load_pipeline("en")
    >>> compile_pattern("looking for houses", nlp).phrase
    ('look', 'for', 'house')
    >>> compile_pattern("find ... flat|apartments", nlp).tokens
    ({'LEMMA': 'find'}, {'OP': '{0,5}'}, {'LEMMA': {'IN': ['apartment', 'flat']}})
    """
    source = pattern_text(item)
    if isinstance(item, list):
        if not item or not all(isinstance(spec, dict) for spec in item):
            raise PatternSyntaxError(
                "a token pattern is a non-empty list of token dicts", token_pattern=True
            )
        tokens = tuple(dict(spec) for spec in item)
        _validate_tokens(tokens, nlp)
        return CompiledPattern(source, tokens=tokens)
    text = item.strip()
    if not text:
        raise PatternSyntaxError("empty pattern")
    words = text.split()
    if not any(_MARKS.search(word) for word in words):
        lemmas = tuple(_lemmas(text, nlp))
        return CompiledPattern(source, phrase=lemmas)
    specs: list[dict[str, Any]] = []
    for word in words:
        specs.extend(_token_specs(word, nlp))
    if all(spec.get("OP") in {"?", GAP["OP"]} for spec in specs):
        raise PatternSyntaxError("a pattern needs at least one required word")
    if specs[0] == GAP or specs[-1] == GAP:
        raise PatternSyntaxError("'...' must stand between two words")
    tokens = tuple(specs)
    _validate_tokens(tokens, nlp)
    return CompiledPattern(source, tokens=tokens)


def _lemmas(text: str, nlp: Language) -> list[str]:
    return list(_lemmas_cached(nlp, text))


@functools.lru_cache(maxsize=100_000)
def _lemmas_cached(nlp: Language, text: str) -> tuple[str, ...]:
    # Patterns are compiled when a codebook is validated and again when its rules are built:
    # the lemmas of a pattern's words are computed once per pipeline.
    return tuple(t.lemma_ or t.lower_ for t in nlp(text) if not t.is_space)


def _single_lemma(word: str, nlp: Language) -> str:
    lemmas = _lemmas(word, nlp)
    if len(lemmas) != 1:
        raise PatternSyntaxError(
            f"alternative {word!r} is {len(lemmas)} tokens ({' + '.join(lemmas)}); "
            "alternatives must be single tokens"
        )
    return lemmas[0]


def _token_specs(word: str, nlp: Language) -> list[dict[str, Any]]:
    if word == "...":
        return [dict(GAP)]
    optional = word.endswith("?") and len(word) > 1
    if optional:
        word = word[:-1]
    if len(word) > 2 and word.startswith("/") and word.endswith("/"):
        regex = word[1:-1]
        _check_regex(regex)
        return [{"LEMMA": {"REGEX": regex}, **({"OP": "?"} if optional else {})}]
    alternatives = [a for a in word.split("|")]
    if any(not a for a in alternatives):
        raise PatternSyntaxError(f"empty alternative in {word!r}")
    specs: list[dict[str, Any]]
    if any("*" in a for a in alternatives):
        ending = _INFLECTIONS.get(nlp.lang or "", "")
        parts = [
            ".*".join(re.escape(piece.lower()) for piece in a.split("*"))
            + (ending if not a.endswith("*") else "")
            if "*" in a
            else re.escape(_single_lemma(a, nlp))
            for a in alternatives
        ]
        if any(part.replace(".*", "").replace(ending, "") == "" for part in parts):
            raise PatternSyntaxError(f"wildcard {word!r} needs at least one letter")
        specs = [{"LEMMA": {"REGEX": f"^(?:{'|'.join(parts)})$"}}]
    elif len(alternatives) > 1:
        specs = [{"LEMMA": {"IN": sorted({_single_lemma(a, nlp) for a in alternatives})}}]
    else:
        specs = [{"LEMMA": lemma} for lemma in _lemmas(word, nlp)]
        if not specs:
            raise PatternSyntaxError(f"{word!r} contains no token")
    if optional:
        if len(specs) != 1:
            raise PatternSyntaxError(f"'?' applies to one token, but {word!r} is {len(specs)}")
        specs[0]["OP"] = "?"
    return specs


def _check_regex(regex: str) -> None:
    try:
        re.compile(regex)
    except re.error as exc:
        raise PatternSyntaxError(f"invalid regular expression /{regex}/: {exc}") from exc


def _validate_tokens(tokens: tuple[dict[str, Any], ...], nlp: Language) -> None:
    for spec in tokens:
        for value in spec.values():
            if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                _check_regex(value["REGEX"])
    matcher = Matcher(nlp.vocab, validate=True)
    try:
        matcher.add("check", [list(tokens)])
    except MatchPatternError as exc:
        details = [
            line.strip("- ").replace("[pattern -> 0 -> ", "[token ")
            for line in str(exc).splitlines()
            if line.startswith("- ")
        ]
        raise PatternSyntaxError("; ".join(details) or str(exc), token_pattern=True) from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise PatternSyntaxError(str(exc), token_pattern=True) from exc
