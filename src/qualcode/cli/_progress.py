"""Progress and warnings on stderr for long-running commands (the library itself stays silent)."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

__all__ = ["stderr", "tracked", "warnings_to_stderr"]

T = TypeVar("T")

#: Progress goes to stderr so that stdout (tables, file lists) can be piped cleanly.
stderr = Console(stderr=True)


def tracked(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items`` while a progress bar advances; the bar is shown only on a terminal.

    The bar advances when the consumer asks for the next item, i.e. when the previous one is
    done, so a streaming library call (``Coder.code(tracked(documents, ...))``) drives it.
    ``total`` defaults to ``len(items)`` when the items have a length (else the bar only counts).
    """
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as bar:
        if total is None and isinstance(items, Sized):
            total = len(items)
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


@contextlib.contextmanager
def warnings_to_stderr() -> Iterator[None]:
    """Show the library's warnings as ``warning: ...`` lines instead of Python tracebacks."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:  # also when an error follows: the warning may explain it
            for warning in caught:
                typer.echo(f"warning: {warning.message}", err=True)
