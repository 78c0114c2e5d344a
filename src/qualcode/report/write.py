"""Write the outputs of a coding run: tables as CSV, quotes as Markdown, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

from qualcode._io import StagedOutput
from qualcode.coding.result import CodingResult
from qualcode.report.frequencies import frequencies
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import select_quotes

__all__ = ["OUTPUT_FILES", "write_results"]

#: What :func:`write_results` writes.
OUTPUT_FILES = ("codings.csv", "segments.csv", "documents.csv", "frequencies.csv", "quotes.md")


def write_results(result: CodingResult, out: str | Path, *, quotes: int = 3) -> list[Path]:
    """Write codings, segments, documents, frequencies and quotes into ``out``.

    The files appear together or not at all (staged, then moved into place).

    Returns
    -------
    list of Path
        The files written.
    """
    with StagedOutput(out) as staged:
        result.codings.to_csv(staged.path("codings.csv"), index=False)
        result.segments.to_csv(staged.path("segments.csv"), index=False)
        result.documents.to_csv(staged.path("documents.csv"), index=False)
        frequencies(result).to_csv(staged.path("frequencies.csv"), index=False)
        staged.path("quotes.md").write_text(
            quotes_markdown(select_quotes(result, n=quotes), result.codebook), encoding="utf-8"
        )
    return staged.written
