"""A codebook as a table: the tree of codes with pattern counts per language."""

from __future__ import annotations

import pandas as pd

from qualcode.codebook.schema import Code, Codebook

__all__ = ["codebook_table"]


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """One row per code in tree order, with depth and pattern counts per language.

    Columns: ``code``, ``label``, ``label_nl``, ``depth``, ``codable``, then
    ``patterns_<lang>`` for each declared language and ``exclude_patterns``.

    Examples
    --------
    >>> from qualcode.codebook import codebook_from_dict
    >>> cb = codebook_from_dict({"name": "x", "codes": [
    ...     {"id": "a", "label": "A", "codable": False},
    ...     {"id": "a.b", "label": "B", "parent": "a", "patterns": {"en": ["flat"]}}]})
    >>> codebook_table(cb)[["code", "depth", "patterns_en", "patterns_nl"]].values.tolist()
    [['a', 0, 0, 0], ['a.b', 1, 1, 0]]
    """
    rows = []

    def visit(codes: list[Code]) -> None:
        for code in codes:
            row = {
                "code": code.id,
                "label": code.label,
                "label_nl": code.label_nl or "",
                "depth": codebook.depth(code.id),
                "codable": code.codable,
            }
            for language in codebook.languages:
                row[f"patterns_{language}"] = len(code.patterns.get(language, []))
            row["exclude_patterns"] = sum(len(v) for v in code.exclude_patterns.values())
            rows.append(row)
            visit(codebook.children(code.id))

    # a code whose parent is unknown is shown as a root (only possible for unvalidated input)
    visit([c for c in codebook.codes if c.parent is None or c.parent not in codebook])
    return pd.DataFrame(rows)
