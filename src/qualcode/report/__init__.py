"""Reports: frequencies, example quotes, and their renderings."""

from qualcode.report.frequencies import frequencies
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import select_quotes
from qualcode.report.write import write_results

__all__ = ["frequencies", "quotes_markdown", "select_quotes", "write_results"]
