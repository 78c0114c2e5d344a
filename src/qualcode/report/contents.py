"""Every table of a report, computed once, as DataFrames: what the renderers draw from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from qualcode.codebook import Codebook
from qualcode.coding.result import CodingResult
from qualcode.errors import ReportError, problem
from qualcode.report.cooccurrence import cooccurrence
from qualcode.report.crosstab import crosstab, default_attributes
from qualcode.report.frequencies import frequencies, frequencies_by, salience
from qualcode.report.mentions import respondent_base
from qualcode.report.quotes import select_quotes

__all__ = [
    "CODE_DEFINITION_COLUMNS",
    "ReportOptions",
    "ReportTables",
    "check_options",
    "code_definitions",
    "crosstab_name",
    "report_tables",
]

CODE_DEFINITION_COLUMNS = [
    "code",
    "label",
    "label_nl",
    "parent",
    "depth",
    "codable",
    "definition",
    "include",
    "exclude",
    "examples",
]


@dataclass(frozen=True)
class ReportOptions:
    """What a report holds.

    Attributes
    ----------
    by : tuple of str, optional
        Case attributes to cross-tabulate (default: text attributes that group respondents,
        2-30 values and fewer values than respondents: :func:`qualcode.report.default_attributes`).
    quotes : int
        Example quotes per code (and per valence).
    min_base : int
        Groups with fewer respondents are flagged in crosstabs.
    confidence : float
        Level of every interval.
    max_quote_words : int
        Longer quotes are trimmed.
    title : str, optional
        Title of the Markdown and HTML reports.
    """

    by: tuple[str, ...] | None = None
    quotes: int = 3
    min_base: int = 5
    confidence: float = 0.95
    max_quote_words: int = 45
    title: str | None = None

    def __post_init__(self) -> None:
        check_options(
            quotes=self.quotes,
            min_base=self.min_base,
            confidence=self.confidence,
            max_quote_words=self.max_quote_words,
        )


def check_options(
    *, quotes: int = 3, min_base: int = 5, confidence: float = 0.95, max_quote_words: int = 45
) -> None:
    """Check a report's options (see :class:`ReportOptions`) before any work is done.

    Raises
    ------
    ReportError
        ``E510`` for every option out of its range, naming it.

    Examples
    --------
    >>> check_options(quotes=-1, confidence=95)
    Traceback (most recent call last):
    ...
    qualcode.errors.ReportError: 2 problems:
      [E510] quotes must be 0 or more, not -1
      [E510] confidence must be between 0 and 1 (0.95 for 95%), not 95
    """
    limits = (
        ("quotes", quotes, quotes >= 0, "0 or more"),
        ("min_base", min_base, min_base >= 0, "0 or more"),
        ("confidence", confidence, 0 < confidence < 1, "between 0 and 1 (0.95 for 95%)"),
        ("max_quote_words", max_quote_words, max_quote_words >= 1, "1 or more"),
    )
    ReportError.collect(
        [
            problem("E510", option=name, expected=expected, value=value)
            for name, value, ok, expected in limits
            if not ok
        ]
    )


@dataclass(frozen=True)
class ReportTables:
    """The tables of one report (columns documented by the functions that make them).

    Attributes
    ----------
    overview : DataFrame
        ``item``, ``value``: what was coded, how, and how many.
    frequencies : DataFrame
        :func:`qualcode.frequencies`.
    by_valence, by_stage : DataFrame
        :func:`qualcode.frequencies_by` for the two facets.
    salience : DataFrame
        :func:`qualcode.salience`, per respondent and code.
    crosstabs : dict of str to DataFrame
        :func:`qualcode.crosstab` per case attribute.
    cooccurrence_segments, cooccurrence_documents : DataFrame
        :func:`qualcode.cooccurrence` at both levels.
    quotes : DataFrame
        :func:`qualcode.select_quotes`.
    codes : DataFrame
        :func:`code_definitions`.
    options : ReportOptions
    """

    overview: pd.DataFrame
    frequencies: pd.DataFrame
    by_valence: pd.DataFrame
    by_stage: pd.DataFrame
    salience: pd.DataFrame
    crosstabs: dict[str, pd.DataFrame]
    cooccurrence_segments: pd.DataFrame
    cooccurrence_documents: pd.DataFrame
    quotes: pd.DataFrame
    codes: pd.DataFrame
    options: ReportOptions = field(default_factory=ReportOptions)

    def named(self) -> list[tuple[str, pd.DataFrame]]:
        """``(name, table)`` pairs in report order; names are file and sheet names."""
        tables = [
            ("overview", self.overview),
            ("frequencies", self.frequencies),
            ("frequencies_by_valence", self.by_valence),
            ("frequencies_by_stage", self.by_stage),
            ("salience", self.salience),
        ]
        tables += [(crosstab_name(name), table) for name, table in self.crosstabs.items()]
        tables += [
            ("cooccurrence_segments", self.cooccurrence_segments),
            ("cooccurrence_documents", self.cooccurrence_documents),
            ("quotes", self.quotes),
            ("codes", self.codes),
        ]
        return tables


def crosstab_name(attribute: str) -> str:
    """The file, sheet and chart name of the crosstab by ``attribute``: letters and digits only.

    Examples
    --------
    >>> crosstab_name("Entry route/year")
    'crosstab_entry_route_year'
    """
    slug = "".join(ch if ch.isalnum() else "_" for ch in attribute.lower()).strip("_")
    return f"crosstab_{slug or 'attribute'}"


def code_definitions(codebook: Codebook) -> pd.DataFrame:
    """The codebook as a table of definitions for readers of a report (codebook order).

    Examples
    --------
    >>> from qualcode.codebook import codebook_from_dict
    >>> book = codebook_from_dict({"name": "x", "codes": [
    ...     {"id": "housing", "label": "Housing", "definition": "Finding a home.",
    ...      "include": ["rent", "buying"]}]})
    >>> code_definitions(book)[["code", "definition", "include"]].values.tolist()
    [['housing', 'Finding a home.', 'rent; buying']]
    """
    rows = [
        {
            "code": code.id,
            "label": code.label,
            "label_nl": code.label_nl or "",
            "parent": code.parent or "",
            "depth": codebook.depth(code.id),
            "codable": code.codable,
            "definition": code.definition,
            "include": "; ".join(code.include),
            "exclude": "; ".join(code.exclude),
            "examples": "; ".join(code.examples),
        }
        for code in codebook.codes
    ]
    return pd.DataFrame(rows, columns=CODE_DEFINITION_COLUMNS)


def _overview(result: CodingResult, base: list[str]) -> pd.DataFrame:
    codings = result.codings
    negated = int(codings["negated"].fillna(False).astype(bool).sum()) if len(codings) else 0
    codebook = result.codebook
    items = [
        ("codebook", f"{codebook.title or codebook.name} (version {codebook.version})"),
        ("codes", f"{len(codebook.codes)} ({len(codebook.codable_ids)} codable)"),
        ("coder", result.coder),
        ("unit of coding", result.unit),
        ("speech coded", ", ".join(result.roles)),
        ("documents", str(len(result.documents))),
        ("respondents (documents with coded speech)", str(len(base))),
        ("segments analysed (units of coding)", str(len(result.segments))),
        ("codings", str(len(codings))),
        ("of which negated (not counted as mentions)", str(negated)),
    ]
    return pd.DataFrame(items, columns=["item", "value"])


def report_tables(
    result: CodingResult,
    *,
    by: Sequence[str] | None = None,
    quotes: int = 3,
    min_base: int = 5,
    confidence: float = 0.95,
    max_quote_words: int = 45,
    title: str | None = None,
) -> ReportTables:
    """Compute every table of a report.

    Parameters
    ----------
    result : CodingResult
    by : sequence of str, optional
        Case attributes to cross-tabulate (default: :func:`default_attributes`).
    quotes, min_base, confidence, max_quote_words, title
        See :class:`ReportOptions`.

    Returns
    -------
    ReportTables

    Raises
    ------
    ReportError
        ``E503`` when there is nothing to report (no documents, or none with coded speech),
        ``E505`` for an unknown attribute, ``E502`` for codes the codebook does not have,
        ``E510`` for an option out of its range.

    Examples
    --------
    >>> from qualcode.report.demo import demo_result
    >>> tables = report_tables(demo_result(), by=["route"])
    >>> [name for name, _ in tables.named()][:3]
    ['overview', 'frequencies', 'frequencies_by_valence']
    >>> tables.crosstabs["route"].query("code == 'safety'")[["value", "documents"]].values.tolist()
    [['work', 2], ['study', 0]]
    """
    check_options(
        quotes=quotes, min_base=min_base, confidence=confidence, max_quote_words=max_quote_words
    )
    if result.documents.empty:
        raise ReportError(problem("E503", detail="the corpus has no documents"))
    base = respondent_base(result)
    if not base:
        raise ReportError(
            problem(
                "E503",
                detail=f"none of the {len(result.documents)} documents has coded speech "
                f"(speech coded: {', '.join(result.roles)}); check the speaker roles",
            )
        )
    attributes = list(by) if by is not None else default_attributes(result)
    options = ReportOptions(
        by=tuple(attributes),
        quotes=quotes,
        min_base=min_base,
        confidence=confidence,
        max_quote_words=max_quote_words,
        title=title,
    )
    return ReportTables(
        overview=_overview(result, base),
        frequencies=frequencies(result, confidence=confidence),
        by_valence=frequencies_by(result, "valence", confidence=confidence),
        by_stage=frequencies_by(result, "stage", confidence=confidence),
        salience=salience(result),
        crosstabs={
            attribute: crosstab(result, attribute, min_base=min_base, confidence=confidence)
            for attribute in dict.fromkeys(attributes)
        },
        cooccurrence_segments=cooccurrence(result, "segment"),
        cooccurrence_documents=cooccurrence(result, "document"),
        quotes=select_quotes(result, quotes, max_words=max_quote_words),
        codes=code_definitions(result.codebook),
        options=options,
    )
