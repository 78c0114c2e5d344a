"""Markdown renderings of coding results."""

from __future__ import annotations

import pandas as pd

from qualcode.codebook.schema import Codebook

__all__ = ["quotes_markdown"]


def quotes_markdown(
    quotes: pd.DataFrame, codebook: Codebook, *, title: str = "Example quotes"
) -> str:
    """Render quotes as Markdown: one section per codable code, quotes as block quotes.

    Codes without quotes are listed with "no quotes", so an absent factor is visible.
    """
    lines = [f"# {title}", ""]
    for code in codebook.codes:
        if not code.codable:
            continue
        lines += [f"## {code.label} (`{code.id}`)", ""]
        chosen = quotes[quotes["code"] == code.id]
        if chosen.empty:
            lines += ["_No quotes: this code was not found._", ""]
            continue
        for row in chosen.itertuples(index=False):
            text = " ".join(str(row.text).split())
            speaker = f", {row.speaker}" if isinstance(row.speaker, str) and row.speaker else ""
            valence = f", {row.valence}" if isinstance(row.valence, str) and row.valence else ""
            lines += [f"> {text}", ">", f"> — *{row.document}{speaker}*{valence}", ""]
    return "\n".join(lines).rstrip() + "\n"
