"""Reader registry: one module per file format, each registered under a name and suffixes.

A reader turns one file into one or more :class:`~qualcode.records.Document` objects. Adding a
format is one new module that decorates its function with :func:`register_reader` and is listed
in :data:`_BUILTIN_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.corpus.options import ReadOptions
from qualcode.errors import CorpusError, problem
from qualcode.records import Document

__all__ = ["READERS", "ReaderSpec", "reader_for", "register_reader", "supported_suffixes"]

ReaderFunction = Callable[[Path, ReadOptions], list[Document]]


@dataclass(frozen=True)
class ReaderSpec:
    """A registered reader: its name, the suffixes it claims, and the function."""

    name: str
    suffixes: tuple[str, ...]
    read: ReaderFunction


READERS: dict[str, ReaderSpec] = {}
_BUILTIN_MODULES = ("qualcode.corpus.readers.text", "qualcode.corpus.readers.qdpx")


def register_reader(
    name: str, suffixes: tuple[str, ...]
) -> Callable[[ReaderFunction], ReaderFunction]:
    """Register a reader function under ``name`` for file ``suffixes`` (lower-case, with dot)."""

    def decorate(function: ReaderFunction) -> ReaderFunction:
        READERS[name] = ReaderSpec(name, tuple(s.lower() for s in suffixes), function)
        return function

    return decorate


def _load_builtins() -> None:
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)


def supported_suffixes() -> list[str]:
    """All file suffixes some reader claims, sorted."""
    _load_builtins()
    return sorted({s for spec in READERS.values() for s in spec.suffixes})


def reader_for(path: Path) -> ReaderSpec:
    """The reader for ``path`` by its suffix.

    Raises
    ------
    CorpusError
        ``E107`` for an unsupported suffix.
    """
    _load_builtins()
    suffix = path.suffix.lower()
    for spec in READERS.values():
        if suffix in spec.suffixes:
            return spec
    raise CorpusError(
        problem("E107", suffix=suffix or "(none)", formats=", ".join(supported_suffixes())),
        path=path,
    )
