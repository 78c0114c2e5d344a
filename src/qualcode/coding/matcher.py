"""A matcher specialised for codebook string patterns, over lists of lemma strings.

spaCy's ``Matcher`` tests every token against every pattern's predicates; with a thousand
patterns full of alternatives, gaps and wildcards that costs ~90% of coding time. Codebook
patterns mostly use a few kinds of token spec — on the lemma or the lower-cased text: a value, a
set of values (``IN``/``NOT_IN``), a regex — plus optional tokens and gaps of at most *n* tokens.
So:

* each distinct spec gets an id; for each distinct (lower-cased word, lemma) the set of spec ids
  it satisfies is computed once and cached (regexes run once per new word, not per token);
* optional tokens are expanded at compile time into pattern variants;
* patterns are indexed by their first spec, so at a token only the patterns that can start there
  are tried, and a short backtracking walk handles gaps.

Matches never cross the ``start``/``end`` bounds given (the coder passes sentence bounds).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["LemmaMatcher"]

_GAP = re.compile(r"^\{(\d*),(\d+)\}$")


_ATTRIBUTES = ("LEMMA", "LOWER")


def _is_punct(word: str) -> bool:
    """spaCy's ``IS_PUNCT``: every character is punctuation."""
    return bool(word) and all(unicodedata.category(ch).startswith("P") for ch in word)


class LemmaMatcher:
    """Match compiled codebook patterns against sequences of lemmas (and lower-cased words).

    Examples
    --------
    >>> matcher = LemmaMatcher()
    >>> matcher.add(7, [{"LEMMA": "find"}, {"OP": "{0,5}"}, {"LEMMA": {"IN": ["flat", "room"]}}])
    True
    >>> matcher("we never find a decent flat".split())
    [(7, 2, 6)]
    """

    def __init__(self) -> None:
        self._spec_ids: dict[tuple[str, str, Any], int] = {}
        # attribute -> value -> spec ids of the "eq"/"in" specs that value satisfies
        self._by_value: dict[str, dict[str, set[int]]] = {a: {} for a in _ATTRIBUTES}
        # specs checked per new word: (spec id, attribute, test)
        self._computed: list[tuple[int, str, Any]] = []
        self._cache: dict[tuple[str, str], frozenset[int]] = {}
        # pattern: (key, steps); a step is a spec id (>= 0) or -(gap + 1) for a gap of up to gap
        self._patterns: list[tuple[int, tuple[int, ...]]] = []
        self._required: list[frozenset[int]] = []
        self._by_first: dict[int, list[int]] = {}
        self._starting: dict[frozenset[int], tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    # -- compiling ----------------------------------------------------------------------------
    def _spec(self, attribute: str, kind: str, value: Any) -> int:
        key = (attribute, kind, value)
        found = self._spec_ids.get(key)
        if found is not None:
            return found
        spec_id = len(self._spec_ids)
        self._spec_ids[key] = spec_id
        if kind == "eq":
            self._by_value[attribute].setdefault(value, set()).add(spec_id)
        elif kind == "in":
            for item in value:
                self._by_value[attribute].setdefault(item, set()).add(spec_id)
        elif kind == "not_in":
            self._computed.append((spec_id, attribute, lambda word, v=value: word not in v))
        elif kind in ("punct", "not_punct"):
            wanted = kind == "punct"
            self._computed.append((spec_id, attribute, lambda word, w=wanted: _is_punct(word) == w))
        else:
            self._computed.append((spec_id, attribute, re.compile(value).search))
        self._cache.clear()
        self._starting.clear()
        return spec_id

    def _step(self, spec: dict[str, Any]) -> tuple[int, bool] | None:
        """(step, optional) for one token dict, or None if this matcher cannot express it."""
        op = spec.get("OP")
        rest = {k: v for k, v in spec.items() if k != "OP"}
        if not rest:  # any token: a gap ("?" is a gap of at most one)
            if op == "?":
                return -2, False
            gap = _GAP.match(op or "")
            if gap and (gap.group(1) or "0") == "0":
                return -(int(gap.group(2)) + 1), False
            return None
        if len(rest) != 1 or op not in (None, "?"):
            return None
        attribute, value = next(iter(rest.items()))
        if attribute == "IS_PUNCT" and isinstance(value, bool):
            return self._spec("LOWER", "punct" if value else "not_punct", None), op == "?"
        if attribute not in _ATTRIBUTES:
            return None
        if isinstance(value, str):
            step = self._spec(attribute, "eq", value)
        elif isinstance(value, dict) and len(value) == 1:
            ((kind, argument),) = value.items()
            if kind in ("IN", "NOT_IN") and isinstance(argument, list):
                step = self._spec(attribute, kind.lower(), frozenset(map(str, argument)))
            elif kind == "REGEX" and isinstance(argument, str):
                step = self._spec(attribute, "re", argument)
            else:
                return None
        else:
            return None
        return step, op == "?"

    def add(self, key: int, tokens: Sequence[dict[str, Any]]) -> bool:
        """Add a token pattern under ``key``; ``False`` if it uses anything but ``LEMMA``/``LOWER``
        specs (value, ``IN``, ``NOT_IN``, ``REGEX``), ``IS_PUNCT``, optional tokens and gaps of
        ``{0,n}`` (use spaCy's Matcher for those)."""
        steps = [self._step(spec) for spec in tokens]
        if any(step is None for step in steps) or not steps:
            return False
        choices = [[(s,), ()] if optional else [(s,)] for s, optional in steps]  # type: ignore[misc]
        for variant in itertools.product(*choices):
            flat = tuple(step for part in variant for step in part)
            while flat and flat[0] < 0:
                flat = flat[1:]
            while flat and flat[-1] < 0:
                flat = flat[:-1]
            if not flat:
                continue
            self._store(key, flat)
        return True

    def _store(self, key: int, steps: tuple[int, ...]) -> None:
        index = len(self._patterns)
        self._patterns.append((key, steps))
        self._required.append(frozenset(step for step in steps if step >= 0))
        self._by_first.setdefault(steps[0], []).append(index)
        self._starting.clear()

    def add_phrase(self, key: int, lemmas: Sequence[str]) -> None:
        """Add a plain phrase: consecutive lemmas."""
        self._store(key, tuple(self._spec("LEMMA", "eq", lemma) for lemma in lemmas))

    # -- matching -----------------------------------------------------------------------------
    def specs_of(self, lemma: str, lower: str | None = None) -> frozenset[int]:
        """The spec ids a token with ``lemma`` and lower-cased text ``lower`` satisfies."""
        lower = lemma if lower is None else lower
        key = (lemma, lower)
        found = self._cache.get(key)
        if found is None:
            ids = set(self._by_value["LEMMA"].get(lemma, ()))
            ids.update(self._by_value["LOWER"].get(lower, ()))
            ids.update(
                spec_id
                for spec_id, attribute, test in self._computed
                if test(lemma if attribute == "LEMMA" else lower)
            )
            found = self._cache[key] = frozenset(ids)
        return found

    def __call__(
        self,
        lemmas: Sequence[str],
        start: int = 0,
        end: int | None = None,
        lowers: Sequence[str] | None = None,
    ) -> list[tuple[int, int, int]]:
        """``(key, start, end)`` of every pattern occurrence within ``lemmas[start:end]``.

        ``lowers`` are the tokens' lower-cased texts (default: the lemmas). For each pattern
        and start position the shortest occurrence is reported.
        """
        lowers = lemmas if lowers is None else lowers
        at = [self.specs_of(lemma, lower) for lemma, lower in zip(lemmas, lowers, strict=True)]
        return self.match(at, [(start, len(lemmas) if end is None else end)])

    def match(
        self, at: Sequence[frozenset[int]], bounds: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int, int]]:
        """Occurrences given each token's spec ids (:meth:`specs_of`), within each of ``bounds``
        (``(first, end)`` token ranges, e.g. sentences); a match never crosses a bound."""
        found: list[tuple[int, int, int]] = []
        patterns, required, starting = self._patterns, self._required, self._starting
        for first, end in bounds:
            window = at[first:end]
            # a pattern can only match where every spec it requires occurs somewhere
            present = frozenset().union(*window)
            for i, specs in enumerate(window):
                candidates = starting.get(specs)
                if candidates is None:
                    candidates = self._starting_with(specs)
                for index in candidates:
                    if not required[index] <= present:
                        continue
                    stop = self._walk(patterns[index][1], 1, window, i + 1)
                    if stop is not None:
                        found.append((patterns[index][0], first + i, first + stop))
        return found

    def _starting_with(self, specs: frozenset[int]) -> tuple[int, ...]:
        """The patterns whose first spec is in ``specs`` (cached per distinct spec set: tokens
        share their spec sets, so this runs once per kind of token, not once per token)."""
        by_first = self._by_first
        found = self._starting[specs] = tuple(
            sorted(index for spec in specs for index in by_first.get(spec, ()))
        )
        return found

    def _walk(
        self, steps: tuple[int, ...], k: int, at: Sequence[frozenset[int]], position: int
    ) -> int | None:
        if k == len(steps):
            return position
        step = steps[k]
        if step >= 0:
            if position < len(at) and step in at[position]:
                return self._walk(steps, k + 1, at, position + 1)
            return None
        # a gap of up to -(step + 1) tokens before the next required step
        limit = min(len(at), position - step)  # position + gap + 1
        for j in range(position, limit):
            stop = self._walk(steps, k + 1, at, j)
            if stop is not None:
                return stop
        return None
