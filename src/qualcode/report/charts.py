"""Charts for reports, drawn with matplotlib's object API (no pyplot, no global backend state).

Each function returns a :class:`Chart`: PNG bytes at print resolution plus the size at which to
show it, so the HTML report can embed it and the Markdown report can link it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from qualcode.report.contents import crosstab_name
from qualcode.report.crosstab import MISSING

__all__ = ["Chart", "cooccurrence_heatmap", "crosstab_heatmap", "share_chart"]

_DPI = 200  # print quality; shown at 100 px per inch
_PARENT = "#1f4e79"
_CHILD = "#6fa8dc"
_WHISKER = "#222222"
_HEAT = LinearSegmentedColormap.from_list("qualcode", ["#ffffff", "#c6dbef", "#2171b5", "#08306b"])
#: Widest chart, in inches at 100 px per inch: fits the report's 1000-px content column.
_MAX_WIDTH = 9.6
#: A crosstab heatmap shows at most this many groups; the smallest beyond are pooled.
MAX_HEATMAP_GROUPS = 14


@dataclass(frozen=True)
class Chart:
    """A rendered chart.

    Attributes
    ----------
    name : str
        File stem (``shares``, ``crosstab_route``, ...).
    title : str
    png : bytes
    width, height : int
        Display size in CSS pixels (the PNG has twice the resolution).
    alt : str
        Text alternative describing what the chart shows.
    """

    name: str
    title: str
    png: bytes
    width: int
    height: int
    alt: str


def _render(figure: Figure, name: str, title: str, alt: str) -> Chart:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": "qualcode"})
    width, height = figure.get_size_inches()
    return Chart(name, title, buffer.getvalue(), round(width * 100), round(height * 100), alt)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def share_chart(frequencies: pd.DataFrame, *, confidence: float = 0.95) -> Chart:
    """Horizontal bars: share of respondents mentioning each code, with interval whiskers.

    Parent codes (darker, bold labels) are followed by their children, in codebook order.

    Examples
    --------
    >>> from qualcode.report import frequencies
    >>> from qualcode.report.demo import demo_result
    >>> chart = share_chart(frequencies(demo_result()))
    >>> chart.png[:4], chart.width
    (b'\x89PNG', 960)
    """
    table = frequencies.reset_index(drop=True)
    count = max(len(table), 1)
    height = min(0.28 * count + 1.1, 40)
    figure = Figure(figsize=(_MAX_WIDTH, height), layout="constrained")
    axes = figure.add_subplot()
    positions = np.arange(len(table))
    shares = table["share_documents"].fillna(0).to_numpy(dtype=float)
    low = table["share_ci_low"].fillna(0).to_numpy(dtype=float)
    high = table["share_ci_high"].fillna(0).to_numpy(dtype=float)
    parents = ~table["codable"].astype(bool).to_numpy()
    colours = [_PARENT if parent else _CHILD for parent in parents]
    axes.barh(positions, shares, color=colours, height=0.7, zorder=2)
    axes.errorbar(
        shares,
        positions,
        xerr=[np.maximum(shares - low, 0), np.maximum(high - shares, 0)],
        fmt="none",
        ecolor=_WHISKER,
        elinewidth=1,
        capsize=2.5,
        zorder=3,
    )
    for position, row in zip(positions, table.itertuples(index=False), strict=True):
        axes.text(
            min(float(row.share_ci_high) if pd.notna(row.share_ci_high) else 0, 1) + 0.012,
            float(position),
            f"{row.documents}/{row.base_documents}",
            va="center",
            fontsize=7.5,
            color="#333333",
        )
    labels = [
        ("    " * int(depth)) + _short(str(label), 44)
        for depth, label in zip(table["depth"], table["label"], strict=True)
    ]
    axes.set_yticks(positions, labels, fontsize=8.5)
    for tick, parent in zip(axes.get_yticklabels(), parents, strict=True):
        if parent:
            tick.set_fontweight("bold")
    axes.invert_yaxis()
    axes.set_xlim(0, 1.12)
    axes.set_xticks(np.linspace(0, 1, 6), [f"{x:.0%}" for x in np.linspace(0, 1, 6)], fontsize=8)
    axes.set_xlabel(
        f"Share of respondents mentioning the code ({confidence:.0%} Wilson interval)", fontsize=9
    )
    axes.grid(axis="x", color="#dddddd", zorder=0)
    axes.spines[["top", "right"]].set_visible(False)
    return _render(
        figure,
        "shares",
        "Share of respondents per code",
        "Horizontal bar chart of the share of respondents mentioning each code, with "
        f"{confidence:.0%} confidence intervals as whiskers.",
    )


def _heatmap(
    values: np.ndarray,
    annotations: list[list[str]],
    rows: list[str],
    columns: list[str],
    *,
    colour_label: str,
    vmax: float,
) -> Figure:
    width = min(_MAX_WIDTH, 3.2 + 0.62 * len(columns))
    height = min(1.4 + 0.3 * len(rows), 30)
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(values, cmap=_HEAT, vmin=0, vmax=vmax or 1, aspect="auto")
    axes.set_xticks(range(len(columns)), columns, rotation=40, ha="right", fontsize=8)
    axes.set_yticks(range(len(rows)), rows, fontsize=8)
    axes.tick_params(length=0)
    if len(rows) * len(columns) <= 600:
        for i, row in enumerate(annotations):
            for j, text in enumerate(row):
                if not text:
                    continue
                dark = vmax and values[i, j] / (vmax or 1) > 0.55
                axes.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=6.5,
                    color="white" if dark else "#222222",
                )
    axes.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    axes.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    axes.grid(which="minor", color="white", linewidth=1)
    axes.tick_params(which="minor", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    colourbar = figure.colorbar(image, ax=axes, shrink=0.6, pad=0.01)
    colourbar.set_label(colour_label, fontsize=8)
    colourbar.ax.tick_params(labelsize=7)
    return figure


def _pool_small_groups(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Pool the smallest groups of a crosstab into one column, so the heatmap stays legible.

    Each respondent belongs to one group, so the pooled counts and bases are plain sums.
    """
    values = list(dict.fromkeys(table["value"]))
    if len(values) <= MAX_HEATMAP_GROUPS:
        return table, ""
    rest = values[MAX_HEATMAP_GROUPS - 1 :]
    name = f"other ({len(rest)} groups)"
    pooled = (
        table[table["value"].isin(rest)]
        .groupby("code", sort=False)
        .agg(
            label=("label", "first"),
            depth=("depth", "first"),
            documents=("documents", "sum"),
            base_documents=("base_documents", "sum"),
        )
        .reset_index()
        .assign(value=name)
    )
    pooled["share_documents"] = pooled["documents"] / pooled["base_documents"]
    kept = table[~table["value"].isin(rest)]
    return pd.concat([kept, pooled], ignore_index=True), f"{name}: the smallest groups pooled"


def crosstab_heatmap(table: pd.DataFrame, *, attribute: str, min_base: int = 5) -> Chart:
    """Heatmap of a crosstab: codes x groups, colour = share, cells annotated ``k/n``.

    Groups with fewer than ``min_base`` respondents are marked ``†`` in their column label;
    beyond :data:`MAX_HEATMAP_GROUPS` groups the smallest are pooled into one column.
    """
    table, pooled_note = _pool_small_groups(table)
    codes = list(dict.fromkeys(table["code"]))
    values = list(dict.fromkeys(table["value"]))
    share = table.pivot(index="code", columns="value", values="share_documents")
    share = share.reindex(index=codes, columns=values)
    counts = table.pivot(index="code", columns="value", values="documents").reindex(
        index=codes, columns=values
    )
    bases = table.drop_duplicates("value").set_index("value")["base_documents"]
    labels = dict(zip(table["code"], table["label"], strict=False))
    depth = dict(zip(table["code"], table["depth"], strict=False))
    rows = [("  " * int(depth[c])) + _short(str(labels[c]), 34) for c in codes]
    columns = [
        f"{_short(str(v), 22)} (n={bases[v]}){' †' if bases[v] < min_base else ''}" for v in values
    ]
    annotations = [[f"{int(counts.at[c, v])}/{int(bases[v])}" for v in values] for c in codes]
    figure = _heatmap(
        share.fillna(0).to_numpy(dtype=float),
        annotations,
        rows,
        columns,
        colour_label="share of the group's respondents",
        vmax=1.0,
    )
    note = f"† fewer than {min_base} respondents" if (bases < min_base).any() else ""
    if MISSING in values:
        note = (note + "; " if note else "") + f"{MISSING}: no value recorded"
    if pooled_note:
        note = (note + "; " if note else "") + pooled_note
    if note:
        figure.supxlabel(note, fontsize=7.5, color="#555555")
    return _render(
        figure,
        crosstab_name(attribute),
        f"Respondents mentioning each code, by {attribute}",
        f"Heatmap of the share of respondents mentioning each code (rows) in each {attribute} "
        "group (columns); each cell shows mentioning respondents out of the group's respondents.",
    )


def cooccurrence_heatmap(
    matrix: pd.DataFrame, labels: dict[str, str], *, level: str, measure: str = "count"
) -> Chart:
    """Heatmap of a co-occurrence matrix (lower triangle; the diagonal is left blank)."""
    codes = list(matrix.index)
    values = matrix.to_numpy(dtype=float).copy()
    mask = np.triu(np.ones_like(values, dtype=bool))
    shown = np.where(mask, 0.0, values)
    vmax = float(shown.max()) if shown.size else 1.0
    annotations = [
        [
            ""
            if mask[i, j] or values[i, j] == 0
            else (f"{values[i, j]:.2f}" if measure == "jaccard" else f"{int(values[i, j])}")
            for j in range(len(codes))
        ]
        for i in range(len(codes))
    ]
    names = [_short(labels.get(c, c), 30) for c in codes]
    # the lower triangle without the diagonal: its first row and last column are empty
    figure = _heatmap(
        np.ma.masked_array(shown, mask)[1:, :-1],
        [row[:-1] for row in annotations[1:]],
        names[1:],
        names[:-1],
        colour_label=f"{level}s with both codes" if measure == "count" else "Jaccard index",
        vmax=vmax or 1.0,
    )
    return _render(
        figure,
        f"cooccurrence_{level}s",
        f"Codes occurring together in one {level}",
        f"Heatmap of how many {level}s mention both of two codes, for every pair of codes.",
    )
