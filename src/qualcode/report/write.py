"""Write the outputs of a coding run: tables as CSV, the codebook, quotes, all-or-nothing."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from qualcode._io import StagedOutput
from qualcode.codebook import Codebook, dump_codebook
from qualcode.coding.result import CodingResult
from qualcode.report.build import check_formats, write_report_files
from qualcode.report.contents import ReportTables, check_options, report_tables
from qualcode.report.frequencies import frequencies
from qualcode.report.load import CODEBOOK_FILE, RUN_FILE, load_results
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import select_quotes
from qualcode.tables import (
    CODING_COLUMNS,
    SEGMENT_COLUMNS,
    codings_frame,
    documents_frame,
    segments_frame,
)

__all__ = ["OUTPUT_FILES", "ResultWriter", "run_info", "write_results"]

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
# What frequencies, quotes and the report read of segments.csv: not the text, most of the file.
_REPORTED_SEGMENT_COLUMNS = ("role", "line", "start_time", "words")


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
    check_options(quotes=quotes)
    chosen = check_formats(formats) if report else ()
    # computed before anything is staged: a bad attribute or an empty corpus fails cleanly
    tables = report_tables(result, by=by, quotes=quotes) if report else None
    with StagedOutput(out, kind="code") as staged:
        result.codings.to_csv(staged.path("codings.csv"), index=False)
        result.segments.to_csv(staged.path("segments.csv"), index=False)
        _write_meta(staged, result)
        _write_derived(staged, result, tables, chosen, quotes)
    return staged.written


def _write_meta(staged: StagedOutput, result: CodingResult) -> None:
    """The documents table, the codebook used and the run's settings."""
    result.documents.to_csv(staged.path("documents.csv"), index=False)
    dump_codebook(result.codebook, staged.path(CODEBOOK_FILE))
    staged.path(RUN_FILE).write_text(
        json.dumps(run_info(result), indent=2) + "\n", encoding="utf-8"
    )


def _write_derived(
    staged: StagedOutput,
    result: CodingResult,
    tables: ReportTables | None,
    formats: Sequence[str],
    quotes: int,
) -> None:
    """Frequencies (or the full report) and quotes."""
    if tables is not None:
        write_report_files(staged, result, tables, formats)
    else:
        frequencies(result).to_csv(staged.path("frequencies.csv"), index=False)
    staged.path("quotes.md").write_text(
        quotes_markdown(select_quotes(result, n=quotes), result.codebook), encoding="utf-8"
    )


class ResultWriter:
    """Write a coding run as its documents are coded, in memory that does not grow with the
    corpus beyond the output tables.

    ``codings.csv`` and ``segments.csv`` are appended row by row and nothing of them is kept
    in memory; when the block ends they are read back (with :func:`qualcode.load_results`, as
    ``qualcode report`` reads them) for the frequencies, quotes and report. Like
    :func:`write_results` the files appear together or not at all.

    Examples
    --------
    >>> import tempfile
    >>> from qualcode.report.demo import demo_result
    >>> result = demo_result()
    >>> with ResultWriter(tempfile.mkdtemp(), result.codebook) as writer:
    ...     writer.add_tables(result.documents, result.segments, result.codings)
    >>> len(writer.result().codings) == len(result.codings)
    True
    """

    def __init__(
        self,
        out: str | Path,
        codebook: Codebook,
        *,
        unit: str = "sentence",
        roles: Sequence[str] = ("respondent",),
        coder: str = "qualcode:rules",
        quotes: int = 3,
        report: bool = False,
        by: Sequence[str] | None = None,
        formats: Sequence[str] | None = None,
    ) -> None:
        self.codebook, self.unit, self.roles, self.coder = codebook, unit, tuple(roles), coder
        self.quotes, self.report, self.by = quotes, report, by
        check_options(quotes=quotes)  # before the corpus is coded, not after
        self.formats = check_formats(formats) if report else ()
        self._staged = StagedOutput(out, kind="code")
        self._documents: list[dict[str, object]] = []
        self._files: list[Any] = []
        self._result: CodingResult | None = None
        self.written: list[Path] = []

    def __enter__(self) -> ResultWriter:
        staged = self._staged.__enter__()
        self._files = [staged.open("codings.csv"), staged.open("segments.csv")]
        self._coding_rows = csv.DictWriter(self._files[0], CODING_COLUMNS, lineterminator="\n")
        self._segment_rows = csv.DictWriter(self._files[1], SEGMENT_COLUMNS, lineterminator="\n")
        self._coding_rows.writeheader()
        self._segment_rows.writeheader()
        return self

    def add(
        self,
        document: dict[str, object],
        segments: list[dict[str, object]],
        codings: list[dict[str, object]],
    ) -> None:
        """Add one document's rows (see :class:`qualcode.coding.engines.CodedRows`)."""
        self._segment_rows.writerows(segments)
        self._coding_rows.writerows(codings)
        self._documents.append(document)

    def add_tables(
        self, documents: pd.DataFrame, segments: pd.DataFrame, codings: pd.DataFrame
    ) -> None:
        """Add whole tables at once."""
        self._documents.extend(documents.to_dict("records"))
        for frame, writer in ((segments, self._segment_rows), (codings, self._coding_rows)):
            writer.writerows(frame.astype(object).where(frame.notna(), None).to_dict("records"))

    def result(self) -> CodingResult:
        """The run's tables, read back once the block has ended.

        Its ``segments`` table has the columns the reports use (``document``, ``segment``,
        ``role``, ``line``, ``start_time``, ``words``); read the whole of ``segments.csv`` with
        :func:`qualcode.load_results`.
        """
        if self._result is None:
            raise RuntimeError("the result is available after the 'with' block")
        return self._result

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            for handle in self._files:
                handle.close()
            if exc_type is None:
                self._result = self._finish()
        except BaseException as error:
            self._staged.__exit__(type(error), error, error.__traceback__)
            raise
        self._staged.__exit__(exc_type, exc, tb)
        self.written = self._staged.written

    def _finish(self) -> CodingResult:
        staged = self._staged
        partial = CodingResult(
            codings=codings_frame([]), segments=segments_frame([]),
            documents=documents_frame(self._documents), codebook=self.codebook,
            unit=self.unit, roles=self.roles, coder=self.coder,
        )  # fmt: skip
        _write_meta(staged, partial)
        assert staged.staging is not None
        result = load_results(
            staged.staging,
            codebook=self.codebook,
            segment_columns=_REPORTED_SEGMENT_COLUMNS,
        )
        result = dataclasses.replace(result, unit=self.unit, roles=self.roles, coder=self.coder)
        tables = report_tables(result, by=self.by, quotes=self.quotes) if self.report else None
        _write_derived(staged, result, tables, self.formats, self.quotes)
        return result
