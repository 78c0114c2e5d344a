"""A matcher specialised for codebook string patterns, over lists of lemma strings.

spaCy's ``Matcher`` tests every token against every pattern's predicates; with a thousand
patterns full of alternatives, gaps and wildcards that costs ~90% of coding time. Codebook string
patterns (:mod:`qualcode.codebook.patterns`) only use four kinds of token spec — a lemma, a set
of lemmas, a lemma regex, and a gap of at most *n* tokens — plus optional tokens. So:

* each distinct spec gets an id; for each distinct lemma the set of spec ids it satisfies is
  computed once and cached (regexes run once per new word, not once per token);
* optional tokens are expanded at compile time into pattern variants;
* patterns are indexed by their first spec, so at a token only the patterns that can start there
  are tried, and a short backtracking walk handles gaps.

Matches never cross the ``start``/``end`` bounds given (the coder passes sentence bounds).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["LemmaMatcher"]

_GAP = re.compile(r"^\{(\d*),(\d+)\}$")


class LemmaMatcher:
    """Match compiled codebook patterns against a sequence of lemmas.

    Examples
    --------
    >>> matcher = LemmaMatcher()
    >>> matcher.add(7, [{"LEMMA": "find"}, {"OP": "{0,5}"}, {"LEMMA": {"IN": ["flat", "room"]}}])
    True
    >>> matcher("we never find a decent flat".split())
    [(7, 2, 6)]
    """

    def __init__(self) -> None:
        self._spec_ids: dict[tuple[str, Any], int] = {}
        self._by_lemma: dict[str, set[int]] = {}
        self._regexes: list[tuple[int, re.Pattern[str]]] = []
        self._cache: dict[str, frozenset[int]] = {}
        # pattern: (key, steps); a step is a spec id (>= 0) or -(gap + 1) for a gap of up to gap
        self._patterns: list[tuple[int, tuple[int, ...]]] = []
        self._by_first: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    # -- compiling ----------------------------------------------------------------------------
    def _spec(self, kind: str, value: Any) -> int:
        key = (kind, value)
        found = self._spec_ids.get(key)
        if found is not None:
            return found
        spec_id = len(self._spec_ids)
        self._spec_ids[key] = spec_id
        if kind == "eq":
            self._by_lemma.setdefault(value, set()).add(spec_id)
        elif kind == "in":
            for lemma in value:
                self._by_lemma.setdefault(lemma, set()).add(spec_id)
        else:
            self._regexes.append((spec_id, re.compile(value)))
        self._cache.clear()
        return spec_id

    def _step(self, spec: dict[str, Any]) -> tuple[int, bool] | None:
        """(step, optional) for one token dict, or None if this matcher cannot express it."""
        op = spec.get("OP")
        rest = {k: v for k, v in spec.items() if k != "OP"}
        if not rest:
            gap = _GAP.match(op or "")
            if gap and (gap.group(1) or "0") == "0":
                return -(int(gap.group(2)) + 1), False
            return None
        if set(rest) != {"LEMMA"} or op not in (None, "?"):
            return None
        value = rest["LEMMA"]
        if isinstance(value, str):
            step = self._spec("eq", value)
        elif isinstance(value, dict) and set(value) == {"IN"}:
            step = self._spec("in", frozenset(value["IN"]))
        elif isinstance(value, dict) and set(value) == {"REGEX"}:
            step = self._spec("re", value["REGEX"])
        else:
            return None
        return step, op == "?"

    def add(self, key: int, tokens: Sequence[dict[str, Any]]) -> bool:
        """Add a token pattern under ``key``; ``False`` if it uses anything but lemma specs,
        optional tokens and leading-zero gaps (use spaCy's Matcher for those)."""
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
            index = len(self._patterns)
            self._patterns.append((key, flat))
            self._by_first.setdefault(flat[0], []).append(index)
        return True

    def add_phrase(self, key: int, lemmas: Sequence[str]) -> None:
        """Add a plain phrase: consecutive lemmas."""
        flat = tuple(self._spec("eq", lemma) for lemma in lemmas)
        index = len(self._patterns)
        self._patterns.append((key, flat))
        self._by_first.setdefault(flat[0], []).append(index)

    # -- matching -----------------------------------------------------------------------------
    def specs_of(self, lemma: str) -> frozenset[int]:
        """The spec ids ``lemma`` satisfies (cached)."""
        found = self._cache.get(lemma)
        if found is None:
            ids = set(self._by_lemma.get(lemma, ()))
            ids.update(spec_id for spec_id, regex in self._regexes if regex.search(lemma))
            found = self._cache[lemma] = frozenset(ids)
        return found

    def __call__(
        self, lemmas: Sequence[str], start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, int]]:
        """``(key, start, end)`` of every pattern occurrence within ``lemmas[start:end]``.

        For each pattern and start position the shortest occurrence is reported.
        """
        end = len(lemmas) if end is None else end
        specs_of = self.specs_of
        at = [specs_of(lemma) for lemma in lemmas[start:end]]
        found: list[tuple[int, int, int]] = []
        for i, specs in enumerate(at):
            for spec in specs:
                for index in self._by_first.get(spec, ()):
                    key, steps = self._patterns[index]
                    stop = self._walk(steps, 1, at, i + 1)
                    if stop is not None:
                        found.append((key, start + i, start + stop))
        return found

    def _walk(
        self, steps: tuple[int, ...], k: int, at: list[frozenset[int]], position: int
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
