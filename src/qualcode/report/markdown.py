"""Markdown renderings: the full report, and the quotes alone."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from qualcode.codebook.schema import Codebook
from qualcode.report.contents import ReportTables, code_definitions, crosstab_name
from qualcode.report.method import method_notes
from qualcode.report.view import (
    DisplayTable,
    QuoteGroup,
    crosstab_views,
    facet_view,
    frequency_view,
    pairs_view,
    quote_views,
)

__all__ = ["markdown_table", "quotes_markdown", "report_markdown"]

_INDENT = "\u2003"  # an em space survives Markdown renderers that strip leading spaces


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown_table(table: DisplayTable) -> str:
    """A display table as a GitHub-flavoured Markdown pipe table (with caption and note).

    Examples
    --------
    >>> from qualcode.report.view import DisplayTable
    >>> print(markdown_table(DisplayTable(("Code", "n"), (("a|b", "3"),), (False, True))))
    | Code | n |
    |:--|--:|
    | a\\|b | 3 |
    """
    lines = []
    if table.caption:
        lines += [f"**{table.caption}**", ""]
    lines.append("| " + " | ".join(_cell(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("--:" if n else ":--" for n in table.numeric) + "|")
    for index, row in enumerate(table.rows):
        cells = [_cell(c) for c in row]
        depth = table.depth[index] if table.depth else 0
        if table.strong and table.strong[index]:
            cells[0] = f"**{cells[0]}**"
        if table.codes:
            cells[0] += f" (`{table.codes[index]}`)"
        cells[0] = _INDENT * depth + cells[0]
        lines.append("| " + " | ".join(cells) + " |")
    if table.note:
        lines += ["", f"_{table.note}_"]
    return "\n".join(lines)


def _quotes(groups: list[QuoteGroup]) -> list[str]:
    lines: list[str] = []
    current = None
    for group in groups:
        if group.code != current:
            lines += [f"### {group.label} (`{group.code}`)", ""]
            current = group.code
        if group.group == "none":
            lines += ["_No quotes: nobody mentioned this code._", ""]
            continue
        if group.heading:
            lines += [f"**{group.heading}**", ""]
        for quote in group.quotes:
            source = ", ".join(p for p in (quote.speaker, quote.document, quote.locator) if p)
            extra = "; ".join(p for p in (quote.attributes, quote.flags) if p)
            lines += [f"> {quote.text}", ">", f"> — *{source}*" + (f" ({extra})" if extra else "")]
            lines.append("")
    return lines


def quotes_markdown(
    quotes: pd.DataFrame, codebook: Codebook, *, title: str = "Example quotes"
) -> str:
    """Render quotes (from :func:`qualcode.select_quotes`) as Markdown, one section per code.

    Codes without quotes are listed with "no quotes", so an absent factor is visible.
    """
    lines = [f"# {title}", "", *_quotes(quote_views(quotes, code_definitions(codebook)))]
    return "\n".join(lines).rstrip() + "\n"


def report_markdown(
    tables: ReportTables, *, title: str, charts: Mapping[str, str] | None = None
) -> str:
    """The whole report as Markdown; ``charts`` maps chart names to image paths to link."""
    charts = charts or {}
    options = tables.options

    def image(name: str, alt: str) -> list[str]:
        return [f"![{alt}]({charts[name]})", ""] if name in charts else []

    sections = [
        ("overview", "Overview"),
        ("frequencies", "Frequencies"),
        ("valence", "Drivers and barriers"),
        ("stage", "Decision stage"),
        ("crosstabs", "By case attribute"),
        ("cooccurrence", "Co-occurrence"),
        ("quotes", "Example quotes"),
        ("codebook", "Codebook"),
        ("method", "How the figures are computed"),
    ]
    lines = [f"# {title}", "", "## Contents", ""]
    lines += [f"- [{name}](#{anchor})" for anchor, name in sections]
    lines += ["", '<a id="overview"></a>', "## Overview", ""]
    lines += [f"- **{r.item}**: {r.value}" for r in tables.overview.itertuples(index=False)]
    lines += ["", '<a id="frequencies"></a>', "## Frequencies", ""]
    lines += image("shares", "Share of respondents per code, with intervals")
    lines += [markdown_table(frequency_view(tables)), ""]
    lines += ['<a id="valence"></a>', "## Drivers and barriers", ""]
    lines += [markdown_table(facet_view(tables.by_valence, "Respondents by valence")), ""]
    lines += ['<a id="stage"></a>', "## Decision stage", ""]
    lines += [markdown_table(facet_view(tables.by_stage, "Respondents by decision stage")), ""]
    lines += ['<a id="crosstabs"></a>', "## By case attribute", ""]
    if not tables.crosstabs:
        lines += [
            "_No case attributes to cross-tabulate (add an attributes.csv, or use --by)._",
            "",
        ]
    for attribute, table in tables.crosstabs.items():
        lines += [f"### {attribute}", ""]
        lines += image(crosstab_name(attribute), f"Share of respondents by {attribute}")
        for view in crosstab_views(table, attribute, options.min_base):
            lines += [markdown_table(view), ""]
    lines += ['<a id="cooccurrence"></a>', "## Co-occurrence", ""]
    for level, table in (
        ("segment", tables.cooccurrence_segments),
        ("document", tables.cooccurrence_documents),
    ):
        lines += image(f"cooccurrence_{level}s", f"Codes together in one {level}")
        lines += [markdown_table(pairs_view(table, level)), ""]
    lines += ['<a id="quotes"></a>', "## Example quotes", ""]
    lines += _quotes(quote_views(tables.quotes, tables.codes))
    lines += ['<a id="codebook"></a>', "## Codebook", ""]
    for code in tables.codes.itertuples(index=False):
        kind = "" if code.codable else " — group"
        lines.append(
            f"{'  ' * int(code.depth)}- **{code.label}** (`{code.code}`){kind}"
            + (f": {code.definition}" if code.definition else "")
        )
    lines += ["", '<a id="method"></a>', "## How the figures are computed", ""]
    lines += [f"- {note}" for note in method_notes(options)]
    return "\n".join(lines).rstrip() + "\n"
