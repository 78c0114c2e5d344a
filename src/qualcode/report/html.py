"""The HTML report: one self-contained file (styles inline, charts embedded as PNG data URIs)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from importlib.resources import files

import jinja2

from qualcode.report.charts import Chart
from qualcode.report.contents import ReportTables, crosstab_name
from qualcode.report.method import method_notes
from qualcode.report.view import (
    crosstab_views,
    facet_view,
    frequency_view,
    pairs_view,
    quote_views,
)

__all__ = ["report_html"]

_TEMPLATES = "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("qualcode.report", _TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _data_uri(chart: Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def report_html(
    tables: ReportTables,
    *,
    title: str,
    charts: Sequence[Chart] = (),
    subtitle: str = "",
) -> str:
    """Render the report as one HTML page with a table of contents and embedded charts.

    Parameters
    ----------
    tables : ReportTables
    title : str
    charts : sequence of Chart
        From :func:`qualcode.report.charts.report_charts`; looked up by name.
    subtitle : str
        A line under the title (codebook, date, version).

    Returns
    -------
    str
        The page; it loads nothing from elsewhere.
    """
    by_name = {chart.name: chart for chart in charts}
    figures = {
        name: {
            "src": _data_uri(chart),
            "alt": chart.alt,
            "title": chart.title,
            "width": chart.width,
            "height": chart.height,
        }
        for name, chart in by_name.items()
    }
    options = tables.options
    crosstabs = [
        {
            "attribute": attribute,
            "anchor": f"by-{_anchor(attribute)}",
            "figure": figures.get(crosstab_name(attribute)),
            "tables": crosstab_views(table, attribute, options.min_base),
        }
        for attribute, table in tables.crosstabs.items()
    ]
    context = {
        "title": title,
        "subtitle": subtitle,
        "css": files("qualcode.report").joinpath(_TEMPLATES, "report.css").read_text("utf-8"),
        "overview": tables.overview.itertuples(index=False),
        "frequency": frequency_view(tables),
        "valence": facet_view(tables.by_valence, "Respondents by valence"),
        "stage": facet_view(tables.by_stage, "Respondents by decision stage"),
        "crosstabs": crosstabs,
        "pairs": [
            {
                "level": level,
                "figure": figures.get(f"cooccurrence_{level}s"),
                "table": pairs_view(table, level),
            }
            for level, table in (
                ("segment", tables.cooccurrence_segments),
                ("document", tables.cooccurrence_documents),
            )
        ],
        "quotes": quote_views(tables.quotes, tables.codes),
        "codes": list(tables.codes.itertuples(index=False)),
        "method": method_notes(options),
        "figures": figures,
    }
    return _environment().get_template("report.html.j2").render(**context)
