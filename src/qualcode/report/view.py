"""Report tables formatted for reading: the cells both the Markdown and the HTML report show.

The DataFrames of :class:`~qualcode.report.contents.ReportTables` keep full precision for
analysis; here they become short strings (``5/8``, ``62% (31–86%)``) in display tables, so the
two renderings say exactly the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from qualcode.report.contents import ReportTables
from qualcode.report.crosstab import MISSING
from qualcode.report.frequencies import UNSPECIFIED

__all__ = [
    "DisplayTable",
    "QuoteGroup",
    "QuoteView",
    "crosstab_views",
    "facet_view",
    "frequency_view",
    "pairs_view",
    "percent",
    "quote_views",
    "share_with_interval",
]

_HEADINGS = {"all": "", "none": "", "unspecified": "Other mentions (no valence)"}
#: Crosstab groups per display table at most: wider tables are split so they fit a page.
GROUPS_PER_TABLE = 8
LOW_BASE_MARK = "†"


@dataclass(frozen=True)
class DisplayTable:
    """A table of strings with what a renderer needs to lay it out.

    ``depth`` indents the first cell of a row (code hierarchy), ``codes`` holds the code id a row
    is about (shown beside its label), ``strong`` rows are parent codes.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    depth: tuple[int, ...] = ()
    codes: tuple[str, ...] = ()
    strong: tuple[bool, ...] = ()
    caption: str = ""
    note: str = ""


@dataclass(frozen=True)
class QuoteView:
    text: str
    document: str
    speaker: str
    locator: str
    attributes: str
    flags: str


@dataclass(frozen=True)
class QuoteGroup:
    code: str
    label: str
    group: str
    quotes: tuple[QuoteView, ...] = field(default_factory=tuple)

    @property
    def heading(self) -> str:
        """The group's heading: none for all of a code's quotes, else ``As driver`` and so on."""
        return _HEADINGS.get(self.group, f"As {self.group}")


def percent(value: float) -> str:
    """A share as a whole percentage (``–`` when undefined).

    Examples
    --------
    >>> percent(0.625), percent(float("nan"))
    ('62%', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{round(value * 100):.0f}%"


def share_with_interval(share: float, low: float, high: float) -> str:
    """``62% (31–86%)``: a share and its interval.

    Examples
    --------
    >>> share_with_interval(0.625, 0.3057, 0.8632)
    '62% (31–86%)'
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{percent(share)} ({round(low * 100):.0f}–{round(high * 100):.0f}%)"


def _count_share(count: int, share: float) -> str:
    """``3 (38%)``; a zero stays a bare ``0`` so that tables of mostly zeros stay readable."""
    return f"{count} ({percent(share)})" if count else "0"


def _salience(mean: float, median: float) -> str:
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "–"
    return f"{mean * 100:.1f}% / {median * 100:.1f}%"


def frequency_view(tables: ReportTables) -> DisplayTable:
    """Codes with segments, respondents, share and interval, valence, negations, salience."""
    table = tables.frequencies
    level = f"{tables.options.confidence:.0%}"
    rows = tuple(
        (
            str(r.label),
            str(r.segments),
            f"{r.documents}/{r.base_documents}",
            share_with_interval(r.share_documents, r.share_ci_low, r.share_ci_high),
            str(r.driver_documents),
            str(r.barrier_documents),
            str(r.negated_documents),
            _salience(r.salience_mean, r.salience_median),
        )
        for r in table.itertuples(index=False)
    )
    return DisplayTable(
        columns=(
            "Code",
            "Segments",
            "Respondents",
            f"Share ({level} CI)",
            "As driver",
            "As barrier",
            "Only negated",
            "Salience mean / median",
        ),
        rows=rows,
        numeric=(False, True, True, True, True, True, True, True),
        depth=tuple(int(d) for d in table["depth"]),
        codes=tuple(str(c) for c in table["code"]),
        strong=tuple(not bool(c) for c in table["codable"]),
        caption="Mentions per code",
        note="Segments: coded segments mentioning the code. Respondents: respondents mentioning "
        "it / respondents with coded speech. As driver / as barrier: respondents with at least "
        "one mention of that valence. Only negated: respondents who mention the code only to say "
        "it did not matter (not counted as mentions). Salience: share of a respondent's coded "
        "words in segments mentioning the code, mean and median over all respondents.",
    )


def facet_view(table: pd.DataFrame, caption: str) -> DisplayTable:
    """Respondents per code and facet value (driver / barrier, or decision stage)."""
    values = list(dict.fromkeys(table["value"]))
    codes = table.drop_duplicates("code")
    cells = table.set_index(["code", "value"])
    rows = []
    for code in codes.itertuples(index=False):
        row = [str(code.label)]
        for value in values:
            cell = cells.loc[(code.code, value)]
            row.append(_count_share(cell["documents"], cell["share_documents"]))
        rows.append(tuple(row))
    return DisplayTable(
        columns=("Code", *(v.replace("_", " ") for v in values)),
        rows=tuple(rows),
        numeric=(False, *([True] * len(values))),
        depth=tuple(int(d) for d in codes["depth"]),
        codes=tuple(str(c) for c in codes["code"]),
        strong=tuple(not bool(c) for c in codes["codable"]),
        caption=caption,
        note=f"Respondents with at least one mention of each kind (share of all respondents). "
        f"{UNSPECIFIED}: mentions where no cue recorded the value. A respondent can count in "
        "several columns.",
    )


def crosstab_views(table: pd.DataFrame, attribute: str, min_base: int) -> list[DisplayTable]:
    """A crosstab as display tables of at most :data:`GROUPS_PER_TABLE` groups each."""
    values = list(dict.fromkeys(table["value"]))
    bases = table.drop_duplicates("value").set_index("value")["base_documents"]
    codes = table.drop_duplicates("code")
    cells = table.set_index(["code", "value"])
    views = []
    parts = -(-len(values) // GROUPS_PER_TABLE)
    size = -(-len(values) // max(parts, 1))  # balanced: 9 groups become 5 + 4, not 8 + 1
    chunks = [values[i : i + size] for i in range(0, len(values), size)]
    for number, chunk in enumerate(chunks, 1):
        header = [
            f"{v} (n={bases[v]}){' ' + LOW_BASE_MARK if bases[v] < min_base else ''}" for v in chunk
        ]
        rows = []
        for code in codes.itertuples(index=False):
            row = [str(code.label)]
            for value in chunk:
                cell = cells.loc[(code.code, value)]
                row.append(_count_share(cell["documents"], cell["share_documents"]))
            rows.append(tuple(row))
        part = f", part {number} of {len(chunks)}" if len(chunks) > 1 else ""
        notes = []
        if (bases[chunk] < min_base).any():
            notes.append(
                f"{LOW_BASE_MARK} fewer than {min_base} respondents: the share is too uncertain "
                "to compare (see the intervals in the CSV or workbook)."
            )
        if MISSING in chunk:
            notes.append(f"{MISSING}: respondents with no value for {attribute}.")
        views.append(
            DisplayTable(
                columns=("Code", *header),
                rows=tuple(rows),
                numeric=(False, *([True] * len(chunk))),
                depth=tuple(int(d) for d in codes["depth"]),
                codes=tuple(str(c) for c in codes["code"]),
                strong=tuple(not bool(c) for c in codes["codable"]),
                caption=f"Respondents mentioning each code by {attribute}{part}",
                note=" ".join(["Respondents mentioning the code (share of the group).", *notes]),
            )
        )
    return views


def pairs_view(table: pd.DataFrame, level: str, top: int = 15) -> DisplayTable:
    """The pairs of codes that occur together most often (pairs never together are left out)."""
    shown = table[table["both"] > 0].head(top)
    rows = tuple(
        (
            str(r.label_a),
            str(r.label_b),
            str(r.both),
            str(r.count_a),
            str(r.count_b),
            f"{r.jaccard:.2f}",
        )
        for r in shown.itertuples(index=False)
    )
    return DisplayTable(
        columns=("Code A", "Code B", "Together", "A", "B", "Jaccard"),
        rows=rows,
        numeric=(False, False, True, True, True, True),
        caption=f"Codes most often together in one {level}",
        note=f"Together: {level}s mentioning both codes; A, B: {level}s mentioning each; "
        "Jaccard: together / (A + B - together)."
        + ("" if rows else f" No two codes occur together in one {level}."),
    )


def _readable_attributes(described: str) -> str:
    """``country_of_origin: India; route: partner`` -> ``country of origin: India; route: ...``."""
    parts = []
    for part in described.split("; "):
        name, _, value = part.partition(": ")
        parts.append(f"{name.replace('_', ' ')}: {value}" if value else part)
    return "; ".join(parts)


def quote_views(quotes: pd.DataFrame, codes: pd.DataFrame) -> list[QuoteGroup]:
    """Quotes grouped by code and valence, in codebook order; codable codes without quotes too.

    ``codes`` is the codebook as a table (:func:`~qualcode.report.contents.code_definitions`).
    """
    groups: list[QuoteGroup] = []
    for code in codes.itertuples(index=False):
        chosen = quotes[quotes["code"] == code.code]
        if chosen.empty:
            if code.codable:
                groups.append(QuoteGroup(code.code, code.label, "none"))
            continue
        for group in dict.fromkeys(chosen["group"]):
            views = tuple(
                QuoteView(
                    text=str(q.text),
                    document=str(q.document),
                    speaker=str(q.speaker) if isinstance(q.speaker, str) else "",
                    locator=str(q.locator),
                    attributes=_readable_attributes(str(q.attributes)),
                    flags=", ".join(
                        flag
                        for flag, on in (
                            ("hypothetical", bool(q.hypothetical)),
                            (f"confidence {q.confidence:.2f}", float(q.confidence) < 1),
                        )
                        if on
                    ),
                )
                for q in chosen[chosen["group"] == group].itertuples(index=False)
            )
            groups.append(QuoteGroup(code.code, code.label, str(group), views))
    return groups
