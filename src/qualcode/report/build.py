"""Build a report: every table as CSV, one Excel workbook, a Markdown and an HTML report.

All files of a report are staged and appear together (:class:`qualcode._io.StagedOutput`), so
an error half-way leaves an earlier report in the directory as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from qualcode._io import StagedOutput
from qualcode.coding.result import CodingResult
from qualcode.errors import ReportError, problem
from qualcode.report.contents import ReportTables, report_tables

if TYPE_CHECKING:
    from qualcode.report.charts import Chart

__all__ = ["FORMATS", "build_report", "check_formats", "report_charts", "write_report_files"]

#: Report formats: tidy CSV tables, an Excel workbook, Markdown (with PNG charts), HTML.
FORMATS = ("csv", "xlsx", "md", "html")
#: Co-occurrence heatmaps show at most this many codes (the most frequent).
MAX_HEATMAP_CODES = 30


def check_formats(formats: Iterable[str] | None) -> tuple[str, ...]:
    """The requested formats in canonical order; ``E507`` for an unknown one.

    Examples
    --------
    >>> check_formats(["html", "CSV"])
    ('csv', 'html')
    """
    if formats is None:
        return FORMATS
    asked = [f.strip().lower().lstrip(".") for f in formats if f.strip()]
    aliases = {"excel": "xlsx", "markdown": "md", "htm": "html"}
    asked = [aliases.get(f, f) for f in asked]
    unknown = [f for f in asked if f not in FORMATS]
    if unknown or not asked:
        raise ReportError(
            [problem("E507", format=f, formats=", ".join(FORMATS)) for f in unknown]
            or problem("E507", format="", formats=", ".join(FORMATS))
        )
    return tuple(f for f in FORMATS if f in asked)


def _pairs_matrix(
    pairs: pd.DataFrame, codebook_order: list[str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rebuild a (count) co-occurrence matrix of the most frequent codes from a pairs table.

    Codes keep the codebook's order, so that codes of one parent sit together.
    """
    counts = pd.concat(
        [
            pairs[["code_a", "count_a"]].set_axis(["code", "count"], axis=1),
            pairs[["code_b", "count_b"]].set_axis(["code", "count"], axis=1),
        ]
    ).drop_duplicates("code")
    labels = dict(zip(pairs["code_a"], pairs["label_a"], strict=False))
    labels.update(zip(pairs["code_b"], pairs["label_b"], strict=False))
    paired = set(pairs["code_a"]) | set(pairs["code_b"])
    order = [code for code in codebook_order if code in paired]
    counts = counts.set_index("code")["count"].reindex(order)
    present = counts[counts > 0]
    keep = present.sort_values(ascending=False, kind="stable").head(MAX_HEATMAP_CODES).index
    codes = [code for code in order if code in set(keep)]
    matrix = pd.DataFrame(0, index=codes, columns=codes, dtype="int64")
    for row in pairs.itertuples(index=False):
        if row.code_a in matrix.index and row.code_b in matrix.index:
            matrix.at[row.code_a, row.code_b] = row.both
            matrix.at[row.code_b, row.code_a] = row.both
    for code in codes:
        matrix.at[code, code] = int(counts[code])
    return matrix, labels


def report_charts(tables: ReportTables) -> list[Chart]:
    """The report's charts: respondent shares, one heatmap per crosstab, co-occurrence heatmaps.

    A co-occurrence heatmap is left out when no two codes occur together.
    """
    from qualcode.report.charts import cooccurrence_heatmap, crosstab_heatmap, share_chart

    options = tables.options
    charts = [share_chart(tables.frequencies, confidence=options.confidence)]
    for attribute, table in tables.crosstabs.items():
        charts.append(crosstab_heatmap(table, attribute=attribute, min_base=options.min_base))
    for level, pairs in (
        ("segment", tables.cooccurrence_segments),
        ("document", tables.cooccurrence_documents),
    ):
        matrix, labels = _pairs_matrix(pairs, list(tables.codes["code"]))
        if len(matrix) >= 2 and (pairs["both"] > 0).any():
            charts.append(cooccurrence_heatmap(matrix, labels, level=level))
    return charts


def _title(result: CodingResult, title: str | None) -> tuple[str, str]:
    from qualcode import __version__

    codebook = result.codebook
    heading = title or f"{codebook.title or codebook.name}: coding report"
    today = dt.date.today().isoformat()
    subtitle = (
        f"Codebook {codebook.name} (version {codebook.version}) · {len(result.documents)} "
        f"documents · coded by {result.coder} · qualcode {__version__} · {today}"
    )
    return heading, subtitle


def write_report_files(
    staged: StagedOutput,
    result: CodingResult,
    tables: ReportTables,
    formats: Iterable[str] | None = None,
) -> None:
    """Write the report files of ``tables`` into a staging area (see :func:`build_report`)."""
    chosen = check_formats(formats)
    if "csv" in chosen:
        for name, table in tables.named():
            table.to_csv(staged.path(f"{name}.csv"), index=False)
    if "xlsx" in chosen:
        from qualcode.report.excel import write_workbook

        write_workbook(tables.named(), staged.path("report.xlsx"))
    if "md" not in chosen and "html" not in chosen:
        return
    title, subtitle = _title(result, tables.options.title)
    charts = report_charts(tables)
    if "md" in chosen:
        from qualcode.report.markdown import report_markdown

        for chart in charts:
            staged.path(f"charts/{chart.name}.png").write_bytes(chart.png)
        links = {chart.name: f"charts/{chart.name}.png" for chart in charts}
        text = report_markdown(tables, title=title, charts=links)
        staged.path("report.md").write_text(f"{text}\n_{subtitle}_\n", encoding="utf-8")
    if "html" in chosen:
        from qualcode.report.html import report_html

        page = report_html(tables, title=title, subtitle=subtitle, charts=charts)
        staged.path("report.html").write_text(page, encoding="utf-8")


def build_report(
    result: CodingResult,
    out: str | Path,
    *,
    formats: Sequence[str] | None = None,
    by: Sequence[str] | None = None,
    quotes: int = 3,
    min_base: int = 5,
    confidence: float = 0.95,
    max_quote_words: int = 45,
    title: str | None = None,
) -> list[Path]:
    """Write the full report of ``result`` into ``out``.

    Parameters
    ----------
    result : CodingResult
        From :func:`qualcode.code` or :func:`qualcode.load_results`.
    out : str or Path
        Output directory (created if needed); files of an earlier report are replaced, and
        those this report does not write (an attribute dropped from ``by``) are removed.
    formats : sequence of {"csv", "xlsx", "md", "html"}, optional
        Default: all. ``csv`` writes one tidy file per table (``frequencies.csv``,
        ``crosstab_<attribute>.csv``, ...); ``xlsx`` writes ``report.xlsx`` with a sheet per
        table; ``md`` writes ``report.md`` and its charts under ``charts/``; ``html`` writes
        ``report.html``, a single self-contained file.
    by : sequence of str, optional
        Case attributes to cross-tabulate (default: text attributes that group respondents,
        2-30 values and fewer values than respondents: :func:`qualcode.report.default_attributes`).
    quotes, min_base, confidence, max_quote_words, title
        See :class:`qualcode.report.contents.ReportOptions`.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ReportError
        ``E503`` nothing to report, ``E505`` unknown attribute, ``E507`` unknown format,
        ``E510`` an option out of its range.

    Examples
    --------
    >>> import tempfile
    >>> from qualcode.report.demo import demo_result
    >>> out = tempfile.mkdtemp()
    >>> written = build_report(demo_result(), out, formats=["csv", "html"], by=["route"])
    >>> sorted(p.name for p in written)[:4]
    ['codes.csv', 'cooccurrence_documents.csv', 'cooccurrence_segments.csv', 'crosstab_route.csv']
    """
    chosen = check_formats(formats)
    tables = report_tables(
        result,
        by=by,
        quotes=quotes,
        min_base=min_base,
        confidence=confidence,
        max_quote_words=max_quote_words,
        title=title,
    )
    with StagedOutput(out, kind="report") as staged:
        write_report_files(staged, result, tables, chosen)
    return staged.written
