"""Rendering helpers for the terminal (rich)."""

from __future__ import annotations

import shutil

import pandas as pd
from rich.console import Console
from rich.table import Table

__all__ = ["console", "print_frame"]

# Pipes and CI get a wide fallback instead of rich's 80 columns, so tables stay readable.
console = Console(width=shutil.get_terminal_size(fallback=(160, 40)).columns)


def print_frame(
    frame: pd.DataFrame, *, title: str | None = None, formats: dict[str, str] | None = None
) -> None:
    """Print a DataFrame as a rich table (numbers right-aligned, floats formatted)."""
    formats = formats or {}
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(
            frame[column]
        )
        table.add_column(str(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            if column in formats and isinstance(value, int | float) and not pd.isna(value):
                cells.append(format(value, formats[column]))
            elif value is None or (isinstance(value, float) and pd.isna(value)):
                cells.append("")
            else:
                cells.append(str(value))
        table.add_row(*cells)
    console.print(table)
