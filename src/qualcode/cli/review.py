"""``qualcode review``: work through disagreements one at a time; export the result as gold.

The interactive loop reads whole lines (a key, optionally followed by a note), so it works the
same in a terminal, over a pipe and in tests: :func:`review_loop` takes the function that reads
a line and the console to draw on.
"""

from __future__ import annotations

import getpass
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from qualcode.agreement import agreement
from qualcode.agreement.gold_export import export_gold
from qualcode.agreement.review import Decision, DecisionConflict, ReviewItem, ReviewStore
from qualcode.cli.agree import AgreeOptions
from qualcode.cli.app import app
from qualcode.cli.render import console, print_frame
from qualcode.corpus import read_corpus
from qualcode.errors import ReviewError, problem

__all__ = ["LoopSummary", "review_loop"]

review_app = typer.Typer(
    help="Review disagreements between coders and export the adjudicated codings as gold.\n\n"
    "Example: qualcode review run review.db --reviewer ana",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

HELP = (
    "keys: [bold]1[/]…[bold]{n}[/] accept that coder · [bold]b[/] both (union) · "
    "[bold]n[/] neither (only agreed codes) · [bold]e[/] edit · [bold]s[/] skip · "
    "[bold]q[/] quit · [bold]?[/] help — a note may follow the key: [italic]2 clearer fit[/]"
)


@dataclass
class LoopSummary:
    """What a review session did."""

    decided: int = 0
    skipped: int = 0
    finished: bool = False


def _show(item: ReviewItem, out: Console, remaining: int) -> None:
    header = f"[bold]{escape(item.unit)}[/]  ·  {remaining} undecided  ·  impact {item.impact:.2f}"
    if item.machine_confidence is not None:
        header += f"  ·  machine confidence {item.machine_confidence:.2f}"
    out.rule(header)
    if item.context:
        out.print(f"[cyan]{escape(item.context)}[/]")
    if item.before:
        out.print(f"[dim]{escape(item.before)}[/]")
    out.print(f"[bold yellow]» {escape(item.text or '(no text)')}[/]")
    if item.after:
        out.print(f"[dim]{escape(item.after)}[/]")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("key")
    table.add_column("coder")
    table.add_column("codes")
    for key, coder in enumerate(item.coders, start=1):
        cells = []
        for choice in item.codings[coder]:
            label = escape(choice.code)
            if choice.confidence is not None:
                label += f" ({choice.confidence:.2f})"
            cells.append(f"[bold red]{label}[/]" if choice.code in item.disputed else label)
        table.add_row(str(key), escape(coder), ", ".join(cells) or "[dim](none)[/]")
    out.print(table)
    out.print(f"disputed: {escape('; '.join(item.disputed))}")


def _ask_codes(
    item: ReviewItem, known: list[str], ask: Callable[[str], str], out: Console
) -> list[str] | None:
    """Ask for the codes of an edit; None cancels, ``-`` means no code."""
    given = sorted({code for coder in item.coders for code in item.codes_of(coder)})
    out.print(f"[dim]codes the coders gave: {escape('; '.join(given))}[/]")
    while True:
        answer = ask("codes (separated by ';', '-' for none, empty to cancel): ").strip()
        if not answer:
            return None
        if answer == "-":
            return []
        codes = [c.strip() for c in answer.split(";") if c.strip()]
        unknown = [c for c in codes if c not in known]
        if not unknown:
            return codes
        out.print(f"[red]unknown code(s): {escape(', '.join(unknown))}[/]")
        close = [k for k in known if any(u.lower() in k.lower() for u in unknown)][:10]
        if close:
            out.print(f"did you mean: {escape(', '.join(close))}")


@dataclass(frozen=True)
class _Choice:
    """A decision as typed: the action, the coder accepted or the codes typed."""

    action: str
    coder: str | None = None
    codes: list[str] | None = None


def _decide(
    store: ReviewStore,
    item: ReviewItem,
    reviewer: str,
    choice: _Choice,
    note: str | None,
    ask: Callable[[str], str],
    out: Console,
) -> bool:
    """Store a decision; on a conflict ask whether to override. True when something was saved."""

    def save(override: bool) -> Decision:
        return store.decide(
            item.unit,
            choice.action,
            reviewer=reviewer,
            coder=choice.coder,
            codes=choice.codes,
            note=note,
            override=override,
        )

    try:
        saved = save(override=False)
    except DecisionConflict as conflict:
        other = conflict.existing
        out.print(
            f"[yellow]{escape(item.unit)} was already decided by {escape(other.reviewer)} at "
            f"{other.decided_at}: {escape('; '.join(other.code_ids) or '(no codes)')}[/]"
        )
        if ask("type o to override it, Enter to keep it: ").strip().lower() != "o":
            return False
        saved = save(override=True)
    codes = "; ".join(saved.code_ids) or "(no codes)"
    out.print(f"[green]saved #{saved.id}: {escape(item.unit)} → {escape(codes)}[/]")
    return True


def review_loop(
    store: ReviewStore,
    reviewer: str,
    *,
    ask: Callable[[str], str],
    out: Console,
) -> LoopSummary:
    """Show undecided units one at a time and store each decision as it is made.

    ``ask(prompt)`` returns one line of input and raises ``EOFError`` at the end of input (which
    ends the session like ``q``). Skipped units are offered again in the next session.
    """
    summary = LoopSummary()
    skipped: set[str] = set()
    keys = {str(i): coder for i, coder in enumerate(store.coders, start=1)}
    help_text = HELP.format(n=len(keys))
    out.print(help_text)
    try:
        while True:
            item = store.next_item(reviewer, skip=skipped)
            if item is None:
                status = store.status()
                summary.finished = status.remaining == 0
                left = "nothing left to review" if summary.finished else "no more units for now"
                out.print(f"{left}: {status.decided} of {status.disputed} decided")
                return summary
            _show(item, out, store.status().remaining)
            while True:
                line = ask("decision: ").strip()
                key, _, note = line.partition(" ")
                key = key.lower()
                note = note.strip()
                if not key:
                    continue
                if key == "q":
                    return summary
                if key in ("?", "h", "help"):
                    out.print(help_text)
                    continue
                if key == "s":
                    skipped.add(item.unit)
                    summary.skipped += 1
                    break
                if key in keys:
                    choice = _Choice("accept", coder=keys[key])
                elif key == "b":
                    choice = _Choice("both")
                elif key == "n":
                    choice = _Choice("neither")
                elif key == "e":
                    codes = _ask_codes(item, store.codes, ask, out)
                    if codes is None:
                        continue
                    choice = _Choice("edit", codes=codes)
                else:
                    out.print(f"[red]unknown key {escape(key)!r}[/]  {help_text}")
                    continue
                if _decide(store, item, reviewer, choice, note or None, ask, out):
                    summary.decided += 1
                break
    except (EOFError, KeyboardInterrupt):
        return summary
    finally:
        store.release(reviewer)


@review_app.command("create")
def create_cli(
    database: Path = typer.Argument(..., help="Review database to create (SQLite file)."),
    inputs: list[Path] = typer.Argument(..., help="Codings to compare (as for `qualcode agree`)."),
    corpus: Path | None = typer.Option(
        None, "--corpus", help="Transcripts, to show each unit with its surrounding turns."
    ),
    reference: str | None = typer.Option(None, "--reference", "-r", help="Reference coder."),
    unit: Literal["segment", "document"] = AgreeOptions.unit,
    level: int | None = AgreeOptions.level,
    coder: list[str] | None = AgreeOptions.coder,
    intersection: bool = AgreeOptions.intersection,
    codebook: Path | None = AgreeOptions.codebook,
    empty_rows: Literal["missing", "none"] = AgreeOptions.empty_rows,
) -> None:
    """Compare codings and queue the units where coders differ, most consequential first.

    Example: qualcode review create review.db coder-a.csv coder-b.csv --intersection
    """
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
    documents = read_corpus(corpus, speakers="optional") if corpus is not None else None
    with ReviewStore.create(database, result, corpus=documents) as store:
        for note in store.meta.get("notes", []):
            typer.echo(f"note: {note}", err=True)
        status = store.status()
    console.print(
        f"{database}: {status.units} units, {status.disputed} with disagreements to review "
        f"({', '.join(result.coders)})\nreview with: qualcode review run {database}"
    )


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError) as exc:  # no login name in some containers
        detail = "cannot tell who you are; give your name with --reviewer"
        raise ReviewError(problem("E605", detail=detail)) from exc


@review_app.command("run")
def run_cli(
    database: Path = typer.Argument(..., help="Review database."),
    reviewer: str | None = typer.Option(
        None, "--reviewer", help="Your name, stored with every decision (default: login name)."
    ),
) -> None:
    """Work through the disagreements; every decision is saved at once.

    Shows each unit in context with every coder's codes. Keys: 1, 2, … accept that coder;
    b both; n neither; e edit; s skip; q quit; a note may follow the key. Quit or kill it at
    any time: the next run resumes at the next undecided unit.

    Example: qualcode review run review.db --reviewer ana
    """
    name = reviewer or _login_name()
    with ReviewStore.open(database) as store:
        summary = review_loop(store, name, ask=console.input, out=console)
    console.print(f"{summary.decided} decided, {summary.skipped} skipped in this session")


@review_app.command("status")
def status_cli(database: Path = typer.Argument(..., help="Review database.")) -> None:
    """Show how far a review is, per reviewer.

    Example: qualcode review status review.db
    """
    with ReviewStore.open(database) as store:
        status = store.status()
        coders = ", ".join(store.coders)
    console.print(
        f"{database}: {coders}; {status.units} units, {status.disputed} disputed, "
        f"{status.decided} decided, {status.remaining} to go"
        + (
            f", {status.superseded} overridden decision(s) in the history"
            if status.superseded
            else ""
        )
    )
    if status.by_reviewer:
        print_frame(
            pd.DataFrame(sorted(status.by_reviewer.items()), columns=["reviewer", "decided"])
        )


@review_app.command("export")
def export_cli(
    database: Path = typer.Argument(..., help="Review database."),
    out: Path = typer.Option(..., "--out", "-o", help="Gold JSON Lines file to write."),
    allow_undecided: bool = typer.Option(
        False, "--allow-undecided", help="Leave undecided units out instead of refusing."
    ),
    decisions: Path | None = typer.Option(
        None, "--decisions", help="Also write every decision, with its history, to this CSV."
    ),
) -> None:
    """Export the adjudicated codings as gold JSON Lines (docs/gold-format.md).

    Example: qualcode review export review.db --out gold/adjudicated.jsonl
    """
    summary = export_gold(database, out, allow_undecided=allow_undecided, decisions=decisions)
    console.print(
        f"wrote {summary.lines} units to {out}: {summary.agreed} agreed, {summary.decided} "
        f"decided" + (f", {summary.left_out} undecided left out" if summary.left_out else "")
    )
