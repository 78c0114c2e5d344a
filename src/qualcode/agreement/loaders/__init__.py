"""Codings loaders: one per kind of input, behind one registry.

A loader says whether it *claims* a path and *loads* it into a
:class:`~qualcode.agreement.table.CodingsTable`. Built in, tried in this order:

``qualcode``
    A ``qualcode code`` output directory (``codings.csv`` + ``segments.csv``) or a
    ``codings.csv`` file.
``gold``
    Gold codings in JSON Lines (``docs/gold-format.md``): a ``.jsonl`` file or a directory of them.
``wide``
    A wide CSV or Excel sheet: a unit id column, a text column, code columns ``Code 1`` …
    ``Code N``.
``qdpx``
    A REFI-QDA project: each user is a coder, the sentences of coded documents are the units.

A new kind of input is one module calling :func:`register_codings_loader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from qualcode.agreement.table import CodingsTable
from qualcode.errors import AgreementError, problem

__all__ = [
    "CODINGS_LOADERS",
    "CodingsLoader",
    "LoadOptions",
    "load_codings",
    "load_inputs",
    "loader_for",
    "register_codings_loader",
]

EmptyRows = Literal["missing", "none"]


@dataclass(frozen=True)
class LoadOptions:
    """Options for loading codings.

    Attributes
    ----------
    coder : str, optional
        Name of the coder (overrides the name found in or derived from the input; only for
        inputs holding one coder).
    empty_rows : {"none", "missing"}
        Wide sheets: a row without any code is a unit coded with nothing (``"none"``, the
        default: presence/absence per answer, the standard computation; rows without text stay
        missing) or a unit the coder did not code (``"missing"``: for sheets whose coders
        write a code such as ``NA`` for "nothing applies" and coded only a sample).
    sheet : str or int, optional
        Excel sheet name or 0-based index (default: the first).
    id_column, text_column : str, optional
        Wide sheets: the unit id and text columns (default: detected).
    """

    coder: str | None = None
    empty_rows: EmptyRows = "none"
    sheet: str | int | None = None
    id_column: str | None = None
    text_column: str | None = None

    def __post_init__(self) -> None:
        if self.empty_rows not in ("missing", "none"):
            detail = f"empty_rows must be 'missing' or 'none', not {self.empty_rows!r}"
            raise AgreementError(problem("E605", detail=detail))


@dataclass(frozen=True)
class CodingsLoader:
    """A registered loader: ``claims(path)`` says whether it reads ``path``."""

    name: str
    claims: Callable[[Path], bool]
    load: Callable[[Path, LoadOptions], CodingsTable]
    description: str = ""


#: Loaders by name, tried in insertion order.
CODINGS_LOADERS: dict[str, CodingsLoader] = {}


def register_codings_loader(loader: CodingsLoader) -> None:
    """Add (or replace) a loader; new loaders are tried after the built-in ones."""
    CODINGS_LOADERS[loader.name] = loader


def _load_builtins() -> None:
    from qualcode.agreement.loaders import gold_jsonl, qdpx, qualcode_output, wide  # noqa: F401


def loader_for(path: Path) -> CodingsLoader:
    """The first loader that claims ``path``.

    Raises
    ------
    AgreementError
        ``E601`` when the path does not exist or no loader reads it.
    """
    _load_builtins()
    if not path.exists():
        raise AgreementError(problem("E601", detail="no such file or directory"), path=path)
    for loader in CODINGS_LOADERS.values():
        if loader.claims(path):
            return loader
    kinds = "; ".join(f"{each.name}: {each.description}" for each in CODINGS_LOADERS.values())
    raise AgreementError(problem("E601", detail=f"not a codings input ({kinds})"), path=path)


def load_codings(
    path: str | Path, options: LoadOptions | None = None, *, loader: str | None = None
) -> CodingsTable:
    """Load one input into a codings table.

    Parameters
    ----------
    path : str or Path
    options : LoadOptions, optional
    loader : str, optional
        Name of the loader to use instead of the first that claims ``path``.

    Raises
    ------
    AgreementError
        ``E601`` for an unreadable or malformed input (naming the file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ana.csv"
    >>> _ = p.write_text("id,answer,Code 1,Code 2\\nr1,Too easy to cheat,cheating,\\n")
    >>> table = load_codings(p)
    >>> table.coders, table.frame["code"].tolist()
    (['ana'], ['cheating'])
    """
    path = Path(path)
    options = options or LoadOptions()
    if loader is not None:
        _load_builtins()
        if loader not in CODINGS_LOADERS:
            raise AgreementError(
                problem("E601", detail=f"unknown loader {loader!r} ({', '.join(CODINGS_LOADERS)})")
            )
        chosen = CODINGS_LOADERS[loader]
    else:
        chosen = loader_for(path)
    table = chosen.load(path, options)
    if options.coder is not None:
        if len(table.coders) > 1:
            detail = f"holds several coders ({', '.join(table.coders)}); cannot rename them all"
            raise AgreementError(problem("E601", detail=detail), path=path)
        table = table.renamed(options.coder)
    return table


def load_inputs(
    paths: Sequence[str | Path],
    *,
    coders: Sequence[str] | None = None,
    options: LoadOptions | None = None,
) -> list[CodingsTable]:
    """Load several inputs; name their coders and shorten names taken from file names.

    A coder named after its file (a wide sheet, a gold file without ``coder``) is renamed to the
    part of the file name that differs between the inputs, so ``Q5 (primary).csv`` and
    ``Q5 (secondary).csv`` give coders ``primary`` and ``secondary``.

    Parameters
    ----------
    paths : sequence of str or Path
    coders : sequence of str, optional
        One coder name per input, in order (overrides all naming).
    options : LoadOptions, optional
        Shared options (``coder`` is ignored; use ``coders``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("Q5 (primary).csv", "Q5 (secondary).csv"):
    ...     _ = (d / name).write_text("id,text,Code 1\\nr1,x,a\\n")
    >>> [t.coders[0] for t in load_inputs([d / "Q5 (primary).csv", d / "Q5 (secondary).csv"])]
    ['primary', 'secondary']
    """
    options = replace(options or LoadOptions(), coder=None)
    if coders is not None and len(coders) != len(paths):
        detail = f"{len(coders)} coder name(s) given for {len(paths)} input(s); give one per input"
        raise AgreementError(problem("E601", detail=detail))
    tables = []
    for index, path in enumerate(paths):
        named = replace(options, coder=coders[index]) if coders is not None else options
        tables.append(load_codings(path, named))
    if coders is None:
        tables = _shorten_file_names(tables)
    return tables


_TOKENS = re.compile(r"\w+|\W+")


def _shorten_file_names(tables: list[CodingsTable]) -> list[CodingsTable]:
    """Drop the words all file-derived coder names share (at the start and the end)."""
    named = [
        i for i, t in enumerate(tables) if len(t.coders) == 1 and t.coders[0] == Path(t.source).stem
    ]
    if len(named) < 2:
        return tables
    tokens = [_TOKENS.findall(tables[i].coders[0]) for i in named]
    head = 0
    while all(len(t) > head for t in tokens) and len({t[head] for t in tokens}) == 1:
        head += 1
    tail = 0
    while all(len(t) > head + tail for t in tokens) and len({t[-1 - tail] for t in tokens}) == 1:
        tail += 1
    short = ["".join(t[head : len(t) - tail]).strip(" -_.,;:()[]") for t in tokens]
    if any(not name for name in short) or len(set(short)) < len(short):
        return tables
    result = list(tables)
    for i, name in zip(named, short, strict=True):
        result[i] = tables[i].renamed(name)
    return result
