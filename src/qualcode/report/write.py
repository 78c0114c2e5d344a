"""Write the outputs of a coding run: tables as CSV, the codebook, quotes, all-or-nothing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from qualcode._io import StagedOutput
from qualcode.codebook import dump_codebook
from qualcode.coding.result import CodingResult
from qualcode.report.build import check_formats, write_report_files
from qualcode.report.contents import report_tables
from qualcode.report.frequencies import frequencies
from qualcode.report.load import CODEBOOK_FILE, RUN_FILE
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import select_quotes

__all__ = ["OUTPUT_FILES", "run_info", "write_results"]

#: What :func:`write_results` writes (the report adds more with ``report=True``).
OUTPUT_FILES = (
    "codings.csv",
    "segments.csv",
    "documents.csv",
    CODEBOOK_FILE,
    RUN_FILE,
    "frequencies.csv",
    "quotes.md",
)


def run_info(result: CodingResult) -> dict[str, object]:
    """How ``result`` was made, as written to ``run.json`` (read back by ``load_results``)."""
    from qualcode import __version__

    return {
        "unit": result.unit,
        "roles": list(result.roles),
        "coder": result.coder,
        "codebook": result.codebook.name,
        "codebook_version": result.codebook.version,
        "codebook_sha256": result.codebook.sha256,
        "documents": len(result.documents),
        "qualcode": __version__,
    }


def write_results(
    result: CodingResult,
    out: str | Path,
    *,
    quotes: int = 3,
    report: bool = False,
    by: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
) -> list[Path]:
    """Write codings, segments, documents, the codebook, frequencies and quotes into ``out``.

    The codebook is written as ``codebook.yaml`` and the run's settings as ``run.json``, so that
    ``qualcode report OUT`` can rebuild the report from the directory alone. The files appear
    together or not at all (staged, then moved into place).

    Parameters
    ----------
    result : CodingResult
    out : str or Path
        Output directory (created if needed).
    quotes : int, default 3
        Example quotes per code.
    report : bool, default False
        Also write the full report (see :func:`qualcode.build_report`) into ``out``.
    by : sequence of str, optional
        Case attributes to cross-tabulate in the report (default: chosen automatically).
    formats : sequence of str, optional
        Report formats (default: all of ``csv``, ``xlsx``, ``md``, ``html``).

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from qualcode.report.demo import demo_result
    >>> written = write_results(demo_result(), tempfile.mkdtemp())
    >>> [path.name for path in written][:4]
    ['codebook.yaml', 'codings.csv', 'documents.csv', 'frequencies.csv']
    """
    chosen = check_formats(formats) if report else ()
    # computed before anything is staged: a bad attribute or an empty corpus fails cleanly
    tables = report_tables(result, by=by, quotes=quotes) if report else None
    with StagedOutput(out) as staged:
        result.codings.to_csv(staged.path("codings.csv"), index=False)
        result.segments.to_csv(staged.path("segments.csv"), index=False)
        result.documents.to_csv(staged.path("documents.csv"), index=False)
        dump_codebook(result.codebook, staged.path(CODEBOOK_FILE))
        staged.path(RUN_FILE).write_text(
            json.dumps(run_info(result), indent=2) + "\n", encoding="utf-8"
        )
        if tables is not None:
            write_report_files(staged, result, tables, chosen)
        else:
            frequencies(result).to_csv(staged.path("frequencies.csv"), index=False)
        staged.path("quotes.md").write_text(
            quotes_markdown(select_quotes(result, n=quotes), result.codebook), encoding="utf-8"
        )
    return staged.written
