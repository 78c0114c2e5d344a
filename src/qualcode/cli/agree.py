"""``qualcode agree``: agreement between two or more codings of the same units."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Literal

import typer

from qualcode._io import check_output_dir
from qualcode.agreement import agreement, write_agreement
from qualcode.agreement.compute import MACRO, POOLED
from qualcode.cli.app import app
from qualcode.cli.render import console, print_frame


class AgreeOptions:
    """Typer option declarations shared by ``agree`` and ``review create``."""

    unit = typer.Option(
        "segment", "--unit", "-u", help="Compare per segment (row) or per document."
    )
    level = typer.Option(
        None, "--level", min=1, help="Roll hierarchical codes up to this depth (1 = top)."
    )
    coder = typer.Option(
        None, "--coder", help="Name of each input's coder, in input order (repeat per input)."
    )
    intersection = typer.Option(
        False,
        "--intersection",
        help="When coders coded different units, compare only the units all of them coded.",
    )
    codebook = typer.Option(
        None, "--codebook", "-c", help="Check codes against this codebook; report unused codes."
    )
    empty_rows = typer.Option(
        "none",
        "--empty-rows",
        help="Wide sheets: a row without codes is 'none' (no code applies: the standard "
        "presence/absence per answer) or 'missing' (not coded: left out of the comparison).",
    )


@app.command("agree")
def agree_cli(
    inputs: list[Path] = typer.Argument(
        ...,
        help="Codings: qualcode output directories, codings.csv, gold .jsonl, wide .csv/.xlsx.",
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Output directory."),
    reference: str | None = typer.Option(
        None, "--reference", "-r", help="Coder to score the others against (precision/recall/F1)."
    ),
    unit: Literal["segment", "document"] = AgreeOptions.unit,
    level: int | None = AgreeOptions.level,
    coder: list[str] | None = AgreeOptions.coder,
    intersection: bool = AgreeOptions.intersection,
    codebook: Path | None = AgreeOptions.codebook,
    empty_rows: Literal["missing", "none"] = AgreeOptions.empty_rows,
    show: int = typer.Option(5, "--show", help="Disagreements to print (0 for none)."),
) -> None:
    """Agreement per code and overall between codings of the same units.

    Writes agreement_by_code.csv, agreement_pairwise.csv and disagreements.csv into OUT and
    prints the per-code table: percent agreement, Cohen's kappa (Light's for 3+ coders),
    Fleiss' kappa, Brennan–Prediger, Krippendorff's alpha, and precision/recall/F1 against
    --reference.

    Example: qualcode agree coder-a.csv coder-b.csv --out out/agreement --level 1
    """
    check_output_dir(out)
    with warnings.catch_warnings():  # the notes are printed below, once
        warnings.simplefilter("ignore")
        result = agreement(
            inputs,
            unit=unit,
            level=level,
            reference=reference,
            coders=coder or None,
            intersection=intersection,
            codebook=codebook,
            empty_rows=empty_rows,
        )
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    written = write_agreement(result, out)
    columns = ["code", "n_units", "units_coded", *[f"coded:{c}" for c in result.coders]]
    columns += ["percent_agreement", "cohen_kappa"]
    if len(result.coders) > 2:
        columns.append("fleiss_kappa")
    columns += ["brennan_prediger", "krippendorff_alpha"]
    if reference:
        columns += ["precision", "recall", "f1"]
    table = result.by_code[columns].rename(
        columns={
            "percent_agreement": "agree",
            "cohen_kappa": "kappa",
            "brennan_prediger": "bp",
            "krippendorff_alpha": "alpha",
        }
    )
    counts = ["n_units", "units_coded", *[f"coded:{c}" for c in result.coders]]
    table[counts] = table[counts].astype("float64")  # blank, not <NA>, in the (macro) row
    ratings = result.ratings
    print_frame(
        table,
        title=f"{', '.join(result.coders)}: {len(ratings.units)} {ratings.unit_kind}s, "
        f"{len(ratings.codes)} codes" + (f" (level {ratings.level})" if ratings.level else ""),
        formats={
            **{c: ".0f" for c in counts},
            **{
                c: ".3f"
                for c in (
                    "agree",
                    "kappa",
                    "fleiss_kappa",
                    "bp",
                    "alpha",
                    "precision",
                    "recall",
                    "f1",
                )
            },
        },
    )
    pooled, macro = result.overall(POOLED), result.overall(MACRO)
    console.print(
        f"overall: kappa {pooled['cohen_kappa']:.3f} pooled, {macro['cohen_kappa']:.3f} macro; "
        f"alpha {pooled['krippendorff_alpha']:.3f} pooled; "
        f"{len(result.disagreements)} unit(s) with disagreements"
    )
    if show and len(result.disagreements):
        top = result.disagreements.head(show)
        print_frame(
            top[["unit", "disputed", *[f"codes:{c}" for c in result.coders], "impact"]],
            title="most consequential disagreements",
            formats={"impact": ".2f"},
        )
    console.print(f"wrote {', '.join(p.name for p in written)} to {out}")
