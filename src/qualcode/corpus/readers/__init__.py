"""Reader registry: one module per file format, each registered under a name and suffixes.

A reader turns one file into one or more :class:`~qualcode.records.Document` objects. Adding a
format is one new module in this package whose function is decorated with
:func:`register_reader`: every module here (not starting with ``_``) is imported on first use.

A reader builds the document text itself, so offsets are defined by qualcode, and reports
non-fatal findings (rows skipped, ...) as a :class:`ReaderWarning`, which
:func:`~qualcode.corpus.read_corpus` collects into ``Corpus.warnings``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.corpus.options import ReadOptions
from qualcode.errors import CorpusError, problem
from qualcode.records import Document

__all__ = [
    "READERS",
    "ReaderSpec",
    "ReaderWarning",
    "reader_for",
    "register_reader",
    "supported_suffixes",
]

ReaderFunction = Callable[[Path, ReadOptions], list[Document]]


class ReaderWarning(UserWarning):
    """A non-fatal finding of a reader (rows skipped, ...); the message names the file."""


@dataclass(frozen=True)
class ReaderSpec:
    """A registered reader: its name, the suffixes it claims, and the function."""

    name: str
    suffixes: tuple[str, ...]
    read: ReaderFunction


READERS: dict[str, ReaderSpec] = {}
_loaded = False


def register_reader(
    name: str, suffixes: tuple[str, ...]
) -> Callable[[ReaderFunction], ReaderFunction]:
    """Register a reader function under ``name`` for file ``suffixes`` (lower-case, with dot)."""

    def decorate(function: ReaderFunction) -> ReaderFunction:
        READERS[name] = ReaderSpec(name, tuple(s.lower() for s in suffixes), function)
        return function

    return decorate


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if not module.startswith("_"):
            importlib.import_module(f"{__name__}.{module}")
    _loaded = True


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
