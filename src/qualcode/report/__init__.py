"""Reports: frequencies, crosstabs, co-occurrence and quotes, as DataFrames and as files.

Every table is a pure function of a :class:`~qualcode.coding.result.CodingResult` returning a
DataFrame; :func:`build_report` renders them all as CSV, Excel, Markdown and HTML. What counts
as a mention, and of whom, is defined in :mod:`qualcode.report.mentions`.
"""

from qualcode.report.build import FORMATS, build_report
from qualcode.report.contents import ReportTables, code_definitions, report_tables
from qualcode.report.cooccurrence import cooccurrence, cooccurrence_matrix
from qualcode.report.crosstab import case_attributes, crosstab, default_attributes
from qualcode.report.demo import demo_result
from qualcode.report.frequencies import frequencies, frequencies_by, salience
from qualcode.report.load import load_results
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import select_quotes
from qualcode.report.stats import wilson_interval
from qualcode.report.trim import trim_quote
from qualcode.report.write import write_results

__all__ = [
    "FORMATS",
    "ReportTables",
    "build_report",
    "case_attributes",
    "code_definitions",
    "cooccurrence",
    "cooccurrence_matrix",
    "crosstab",
    "default_attributes",
    "demo_result",
    "frequencies",
    "frequencies_by",
    "load_results",
    "quotes_markdown",
    "report_tables",
    "salience",
    "select_quotes",
    "trim_quote",
    "wilson_interval",
    "write_results",
]
