"""Stable REFI-QDA GUIDs: name-based UUIDs (``uuid5``), so a re-export diffs cleanly.

Every element qualcode writes gets a GUID derived from what it is — a code from its path in the
code tree, a source from its document id, a user from its name, a selection from its document,
offsets and coder — never from a clock or a random number. Exporting the same corpus twice gives
byte-identical files, and a code keeps its GUID across exports as long as its path is unchanged.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable

__all__ = [
    "NAMESPACE",
    "case_guid",
    "code_guid",
    "coding_guid",
    "selection_guid",
    "source_guid",
    "user_guid",
    "variable_guid",
]

#: The namespace of every qualcode GUID (itself ``uuid5`` of the project's URL).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/qualcode/qualcode/refi-qda")


def _guid(kind: str, *parts: object) -> str:
    # "\x1f" (unit separator) cannot occur in ids or names read from text, so joined parts
    # never collide ("a/b" + "c" vs "a" + "b/c").
    return str(uuid.uuid5(NAMESPACE, "\x1f".join([kind, *map(str, parts)])))


def code_guid(path: Iterable[str]) -> str:
    """GUID of the code at ``path`` (code ids from the root down).

    Examples
    --------
    >>> code_guid(["housing", "housing.search"]) == code_guid(("housing", "housing.search"))
    True
    >>> code_guid(["housing.search"]) == code_guid(["housing", "housing.search"])
    False
    """
    return _guid("code", *path)


def source_guid(document: str) -> str:
    """GUID of the text source of ``document``."""
    return _guid("source", document)


@functools.lru_cache(maxsize=1024)  # asked once per coding; users are few
def user_guid(name: str) -> str:
    """GUID of the user (coder) called ``name``; the machine coder is a user like any other."""
    return _guid("user", name)


def case_guid(document: str) -> str:
    """GUID of the case that holds the attributes of ``document``."""
    return _guid("case", document)


def variable_guid(name: str) -> str:
    """GUID of the case variable ``name``."""
    return _guid("variable", name)


def selection_guid(document: str, start: int, end: int, coder: str) -> str:
    """GUID of ``coder``'s selection ``start``-``end`` in ``document``."""
    return _guid("selection", document, start, end, coder)


def coding_guid(document: str, start: int, end: int, coder: str, code: str) -> str:
    """GUID of one coding: ``code`` applied by ``coder`` to a selection."""
    return _guid("coding", document, start, end, coder, code)
