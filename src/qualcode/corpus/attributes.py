"""Case attributes from a sidecar table (``attributes.csv`` or ``attributes.xlsx``).

A ``language`` column (also ``taal``, ``lang``, ``UserLanguage``) sets a document's language;
see :func:`~qualcode.corpus.read_corpus` for how it ranks against detection and options.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from qualcode.corpus.options import ReadOptions
from qualcode.corpus.tabular import id_column, read_table
from qualcode.errors import CorpusError, QualcodeError, problem

__all__ = [
    "LANGUAGE_COLUMNS",
    "SIDECAR_NAMES",
    "find_sidecar",
    "language_attribute",
    "language_code",
    "read_attributes",
]

SIDECAR_NAMES = ("attributes.csv", "attributes.xlsx")
#: Attribute names (compared case-insensitively) that state a document's language.
LANGUAGE_COLUMNS = ("language", "lang", "taal", "userlanguage", "q_language")
_LANGUAGE_NAMES = {
    "english": "en",
    "engels": "en",
    "dutch": "nl",
    "nederlands": "nl",
    "nederlandse": "nl",
    "flemish": "nl",
    "vlaams": "nl",
}


def find_sidecar(directory: Path) -> Path | None:
    """The attributes file in ``directory``, if there is one (the name in any case:
    ``Attributes.csv`` too)."""
    if not directory.is_dir():
        return None
    found: dict[str, Path] = {}
    for candidate in sorted(directory.iterdir()):
        if candidate.is_file():
            found.setdefault(candidate.name.lower(), candidate)
    return next((found[name] for name in SIDECAR_NAMES if name in found), None)


def language_code(value: str) -> str | None:
    """The ISO 639-1 code a language cell means (``"Dutch"``, ``"NL"``, ``"en-GB"``), or
    ``None`` if it names no language.

    Examples
    --------
    >>> language_code("Nederlands"), language_code("EN-gb"), language_code("maybe")
    ('nl', 'en', None)
    """
    cell = value.strip().casefold()
    if cell in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[cell]
    match = re.fullmatch(r"([a-z]{2})(?:[-_][a-z]{2,4})?", cell)
    return match.group(1) if match else None


def language_attribute(attributes: Mapping[str, str]) -> tuple[str, str] | None:
    """The (column, value) of the first language attribute in ``attributes``, if any."""
    for name, value in attributes.items():
        if name.casefold() in LANGUAGE_COLUMNS and value.strip():
            return name, value
    return None


def read_attributes(
    path: str | Path, options: ReadOptions | None = None
) -> dict[str, dict[str, str]]:
    """Read a table of case attributes: document id -> {attribute: value}.

    The id column is named like a document id (``document``, ``id``, ``ResponseId``, ``file``,
    ...; see :data:`~qualcode.corpus.tabular.ID_NAMES`), else it is the first column. Values
    are kept as text; empty cells are omitted.

    Raises
    ------
    CorpusError
        ``E108`` for an unreadable table, no attribute columns, an empty or duplicate document
        id, or a language cell that names no language (each with its line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "attributes.csv"
    >>> _ = p.write_text("document,country\\nkm-01,India\\n")
    >>> read_attributes(p)
    {'km-01': {'country': 'India'}}
    """
    path = Path(path)
    try:
        table = read_table(path, options)
    except QualcodeError as exc:
        raise CorpusError(
            [problem("E108", p.location, p.line, detail=p.message) for p in exc.problems],
            path=path,
        ) from exc
    if len(table.columns) < 2:
        raise CorpusError(
            problem("E108", detail="needs a document id column and at least one attribute column"),
            path=path,
        )
    id_col = id_column(table.columns)
    id_col = 0 if id_col is None else id_col
    result: dict[str, dict[str, str]] = {}
    for row in table.rows:
        doc_id = row.values[id_col]
        if not doc_id:
            raise CorpusError(problem("E108", line=row.line, detail="empty document id"), path=path)
        if doc_id in result:
            raise CorpusError(
                problem("E108", line=row.line, detail=f"duplicate document id {doc_id!r}"),
                path=path,
            )
        values = {
            name: value
            for c, (name, value) in enumerate(zip(table.columns, row.values, strict=True))
            if c != id_col and value
        }
        stated = language_attribute(values)
        if stated is not None and language_code(stated[1]) is None:
            raise CorpusError(
                problem(
                    "E108",
                    line=row.line,
                    detail=f"{stated[0]} {stated[1]!r} is not a language; use a code such as "
                    "en or nl",
                ),
                path=path,
            )
        result[doc_id] = values
    return result
