"""Case attributes from a sidecar table (``attributes.csv`` or ``attributes.xlsx``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from qualcode.errors import CorpusError, problem

__all__ = ["ID_COLUMNS", "SIDECAR_NAMES", "find_sidecar", "read_attributes"]

#: Accepted names of the document-id column (else the first column is the id).
ID_COLUMNS = ("document", "document_id", "doc_id", "id", "file")
SIDECAR_NAMES = ("attributes.csv", "attributes.xlsx")


def find_sidecar(directory: Path) -> Path | None:
    """The attributes file in ``directory``, if there is one."""
    for name in SIDECAR_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def read_attributes(path: str | Path) -> dict[str, dict[str, str]]:
    """Read a table of case attributes: document id -> {attribute: value}.

    The id column is ``document`` (or ``document_id``, ``doc_id``, ``id``, ``file``), else the
    first column. Values are kept as text; empty cells are omitted.

    Raises
    ------
    CorpusError
        ``E108`` for an unreadable table, no attribute columns, or a duplicate document id
        (with its row number).

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
        if path.suffix.lower() == ".xlsx":
            table = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise CorpusError(problem("E108", detail=" ".join(str(exc).split())), path=path) from exc
    table.columns = [str(c).strip() for c in table.columns]
    if table.shape[1] < 2:
        raise CorpusError(
            problem("E108", detail="needs a document id column and at least one attribute column"),
            path=path,
        )
    lowered = {c.lower(): c for c in table.columns}
    id_column = next((lowered[c] for c in ID_COLUMNS if c in lowered), table.columns[0])
    result: dict[str, dict[str, str]] = {}
    for row_number, row in enumerate(table.to_dict("records"), start=2):
        doc_id = str(row.pop(id_column)).strip()
        if not doc_id:
            raise CorpusError(
                problem("E108", line=row_number, detail="empty document id"), path=path
            )
        if doc_id in result:
            raise CorpusError(
                problem("E108", line=row_number, detail=f"duplicate document id {doc_id!r}"),
                path=path,
            )
        result[doc_id] = {k: str(v).strip() for k, v in row.items() if str(v).strip()}
    return result
