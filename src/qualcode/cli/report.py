"""``qualcode report``: the full report (CSV, Excel, Markdown, HTML) from a coding run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from qualcode._io import check_output_dir
from qualcode.cli._progress import stderr, warnings_to_stderr
from qualcode.cli.app import app
from qualcode.cli.render import console, print_frame
from qualcode.report import build_report, frequencies, load_results
from qualcode.report.build import FORMATS
from qualcode.report.contents import check_options

BY_HELP = (
    "Case attribute to cross-tabulate, e.g. country_of_origin (repeatable; default: text "
    "attributes that group respondents)."
)
FORMAT_HELP = f"Report format: {', '.join(FORMATS)} (repeatable or comma-separated; default: all)."


def split_formats(formats: list[str] | None) -> list[str] | None:
    """``["csv,html", "md"]`` -> ``["csv", "html", "md"]``; ``None`` stays ``None`` (all)."""
    if not formats:
        return None
    return [part for value in formats for part in value.split(",") if part.strip()]


def print_summary(table: pd.DataFrame, out: Path, written: list[Path]) -> None:
    """The codable codes' shares (from a frequencies table), then what was written where."""
    table = table[table["codable"]]
    intervals = zip(table["share_ci_low"], table["share_ci_high"], strict=True)
    table = table.assign(
        respondents=table["documents"].astype(str) + "/" + table["base_documents"].astype(str),
        interval=[f"{low:.0%}–{high:.0%}" for low, high in intervals],
    )[["code", "label", "segments", "respondents", "share_documents", "interval"]]
    print_frame(table, title="Respondents mentioning each code", formats={"share_documents": ".0%"})
    reports = [p.name for p in written if p.suffix in {".html", ".md", ".xlsx"}]
    tables = [p for p in written if p.suffix == ".csv"]
    charts = [p for p in written if p.suffix == ".png"]
    parts = reports + ([f"{len(tables)} CSV tables"] if tables else [])
    parts += [f"{len(charts)} charts"] if charts else []
    console.print(f"wrote {', '.join(parts)} to {out}")


@app.command("report")
def report_cli(
    codings: Path = typer.Argument(
        ...,
        help="Output directory of 'qualcode code' (codings.csv, segments.csv, documents.csv, "
        "codebook.yaml).",
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write the report into."),
    codebook: Path | None = typer.Option(
        None,
        "--codebook",
        "-c",
        help="Codebook the codings were made with (default: codebook.yaml in CODINGS).",
    ),
    by: list[str] | None = typer.Option(None, "--by", help=BY_HELP),
    formats: list[str] | None = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    quotes: int = typer.Option(3, "--quotes", min=0, help="Example quotes per code (and valence)."),
    min_base: int = typer.Option(
        5, "--min-base", min=0, help="Flag crosstab groups with fewer respondents than this."
    ),
    confidence: float = typer.Option(
        0.95, "--confidence", min=0.0, max=1.0, help="Level of the intervals, e.g. 0.9."
    ),
    title: str | None = typer.Option(None, "--title", help="Title of the report."),
) -> None:
    """Write frequencies, crosstabs, co-occurrence and quotes as CSV, Excel, Markdown and HTML.

    Shares of respondents come with Wilson intervals; crosstab groups under --min-base
    respondents are flagged. Files appear together or not at all.

    Example: qualcode report out/sample --out out/sample-report --by route
    """
    check_output_dir(out)
    check_options(quotes=quotes, min_base=min_base, confidence=confidence)  # before reading
    with warnings_to_stderr():
        result = load_results(codings, codebook=codebook)
        with stderr.status("writing the report", spinner="dots"):
            written = build_report(
                result,
                out,
                formats=split_formats(formats),
                by=by or None,
                quotes=quotes,
                min_base=min_base,
                confidence=confidence,
                title=title,
            )
    print_summary(frequencies(result, confidence=confidence), out, written)
