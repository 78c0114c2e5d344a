"""Collecting problems for one error: all at once, but not thousands of lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from qualcode.errors import EvaluationError, Problem, problem

__all__ = ["MAX_PROBLEMS", "count", "fail", "raise_problems", "shorten"]

#: Problems listed in one error; a gold file written against the wrong codebook would otherwise
#: print one line per unit, which hides the cause instead of showing it.
MAX_PROBLEMS = 50


def raise_problems(problems: Sequence[Problem], *, path: str | Path | None = None) -> None:
    """Raise one :class:`EvaluationError` listing ``problems`` (at most :data:`MAX_PROBLEMS`)."""
    if not problems:
        return
    listed = list(problems[:MAX_PROBLEMS])
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        listed.append(problem("E407", detail=f"... and {rest} more problem(s) like these"))
    raise EvaluationError(listed, path=path)


def fail(*problems: Problem, path: str | Path | None = None) -> NoReturn:
    """Raise one :class:`EvaluationError` for ``problems`` (at least one)."""
    raise_problems(problems, path=path)
    raise AssertionError("unreachable: fail() needs at least one problem")


def shorten(text: str, width: int = 60) -> str:
    """``repr`` of ``text`` cut to about ``width`` characters, for messages.

    Examples
    --------
    >>> shorten("a" * 100, 10)
    "'aaaaaaaaa…'"
    """
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1 (for messages and notes).

    Examples
    --------
    >>> count(1, "document"), count(3, "gold unit")
    ('1 document', '3 gold units')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
