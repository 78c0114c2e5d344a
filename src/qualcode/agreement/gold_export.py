"""Export an adjudicated review as gold codings in JSON Lines (``docs/gold-format.md``).

Every unit of the compared codings becomes one line, sorted by document and offset: units the
coders agreed on carry their agreed codes; disputed units carry the current review decision
(with ``coder`` = the reviewer and the reviewer's ``note``). Codes are written as compared
(rolled up when the comparison used ``--level``); facets come from the coder whose code was kept.

Units without document offsets (rows of a wide CSV or Excel sheet) are written as one-unit
documents: ``document`` is the row id, ``start`` is 0, ``end`` is the length of the answer text
and ``text`` is the answer, so ``text == document_text[start:end]`` holds for a corpus made of
the answers. Document-level reviews need the documents' text (``--corpus`` when creating the
review) to give offsets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qualcode._io import atomic_paths, check_output_file
from qualcode.agreement.review.store import ReviewStore
from qualcode.errors import ReviewError, problem

__all__ = ["GoldExport", "export_gold", "gold_records"]


@dataclass(frozen=True)
class GoldExport:
    """What :func:`export_gold` wrote: the file, its lines, and where they came from."""

    path: Path
    lines: int
    agreed: int
    decided: int
    left_out: int


def gold_records(
    store: ReviewStore, *, allow_undecided: bool = False
) -> tuple[list[dict[str, object]], int]:
    """The gold records of a review and how many undecided units were left out.

    Raises
    ------
    ReviewError
        ``E611`` when disputed units are undecided and ``allow_undecided`` is false; ``E605``
        for document-level units without offsets.
    """
    records: list[tuple[tuple[str, int, int], dict[str, object]]] = []
    undecided: list[str] = []
    for item in store.items():
        if item.rank is None:
            codes = [c.as_gold() for c in item.with_facets(item.agreed)]
            extra: dict[str, object] = {}
        elif item.decision is not None:
            codes = [c.as_gold() for c in item.decision.codes]
            extra = {"coder": item.decision.reviewer}
            if item.decision.note:
                extra["note"] = item.decision.note
        else:
            undecided.append(item.unit)
            continue
        text = item.text or ""
        start, end = item.start, item.end
        if start is None or end is None:
            if store.meta.get("unit_kind") == "document":
                detail = (
                    "a document-level review has no offsets to export; create it with --corpus "
                    "so the documents' text is known"
                )
                raise ReviewError(problem("E605", detail=detail), path=store.path)
            start, end = 0, len(text)  # a wide-sheet row: a one-unit document
        record = {
            "document": item.document,
            "start": start,
            "end": end,
            "codes": codes,
            "text": text,
            **extra,
        }
        records.append(((item.document, start, end), record))
    if undecided and not allow_undecided:
        examples = ", ".join(repr(u) for u in undecided[:3])
        raise ReviewError(problem("E611", count=len(undecided), examples=examples), path=store.path)
    records.sort(key=lambda pair: pair[0])
    return [record for _, record in records], len(undecided)


def export_gold(
    store: ReviewStore | str | Path,
    out: str | Path,
    *,
    allow_undecided: bool = False,
    decisions: str | Path | None = None,
) -> GoldExport:
    """Write the adjudicated codings of a review to ``out`` as gold JSON Lines (atomically).

    Parameters
    ----------
    store : ReviewStore or path
    out : str or Path
        The ``.jsonl`` file to write.
    allow_undecided : bool
        Leave undecided disputed units out instead of raising ``E611``.
    decisions : str or Path, optional
        Also write every decision, with its history, to this CSV; the two files appear
        together or neither does.

    Raises
    ------
    ReviewError
        As :func:`gold_records`.
    OutputError
        ``E901`` when ``out`` or ``decisions`` cannot be written (checked before anything is).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.agreement import agreement
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "ana.csv").write_text("id,text,Code 1\\nr1,Fair,p\\nr2,Cheap,q\\n")
    >>> _ = (d / "bo.csv").write_text("id,text,Code 1\\nr1,Fair,p\\nr2,Cheap,p\\n")
    >>> with ReviewStore.create(d / "r.db", agreement([d / "ana.csv", d / "bo.csv"])) as s:
    ...     _ = s.decide("r2", "both", reviewer="carla")
    ...     summary = export_gold(s, d / "gold.jsonl")
    >>> import json
    >>> line = json.loads((d / "gold.jsonl").read_text().splitlines()[1])
    >>> line["document"], line["start"], line["end"], [c["code"] for c in line["codes"]]
    ('r2', 0, 5, ['p', 'q'])
    >>> line["text"], line["coder"]
    ('Cheap', 'carla')
    """
    targets = [check_output_file(out)]
    if decisions is not None:
        targets.append(check_output_file(decisions))
    opened = store if isinstance(store, ReviewStore) else ReviewStore.open(store)
    try:
        records, left_out = gold_records(opened, allow_undecided=allow_undecided)
        decided = sum(1 for r in records if "coder" in r)
        history = opened.decisions(history=True) if decisions is not None else None
    finally:
        if opened is not store:
            opened.close()
    with atomic_paths(targets) as temporaries:
        with temporaries[0].open("w", encoding="utf-8", newline="\n") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        if history is not None:
            history.to_csv(temporaries[1], index=False)
    return GoldExport(Path(out), len(records), len(records) - decided, decided, left_out)
