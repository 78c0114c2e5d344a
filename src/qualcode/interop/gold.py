"""Human codings from a REFI-QDA project as qualcode gold codings (``docs/gold-format.md``).

QDA tools code free spans (qc selects whole lines, NVivo any run of characters); qualcode trains
and evaluates on sentences. Each sentence of a document becomes one gold unit, coded with every
code whose selections (by the chosen user) cover at least ``min_overlap`` of its characters.
Sentences no selection covers are kept with no codes: they are the negative examples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from qualcode._io import atomic_path
from qualcode.corpus.segment import segment_document
from qualcode.errors import InteropError, problem
from qualcode.interop.model import QdaProject
from qualcode.interop.tables import project_documents
from qualcode.records import Document

__all__ = ["gold_records", "write_gold"]


def gold_records(
    project: QdaProject,
    *,
    coder: str | None = None,
    documents: Sequence[Document] | None = None,
    roles: Iterable[str] | None = None,
    min_overlap: float = 0.5,
    nlp_model: str | None = None,
) -> list[dict[str, Any]]:
    """One gold unit per sentence, coded from ``coder``'s selections.

    Parameters
    ----------
    project : QdaProject
    coder : str, optional
        Whose codings to use; may be omitted when only one user coded.
    documents : sequence of Document, optional
        The project's documents (default: :func:`project_documents`).
    roles : iterable of str, optional
        Only sentences spoken in these roles (default: every sentence).
    min_overlap : float
        Share of a sentence's characters a code's selections must cover, in (0, 1].
    nlp_model : str, optional
        Installed spaCy pipeline for sentence splitting (default: the built-in one).

    Returns
    -------
    list of dict
        Gold lines (``document``, ``start``, ``end``, ``codes``, ``text``, ``coder``) sorted by
        document and start.

    Raises
    ------
    InteropError
        ``E709`` when the project has no codings, when several users coded and ``coder`` is not
        given, or for an unknown coder or ``min_overlap`` outside (0, 1].

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> from qualcode.interop import read_qdpx
    >>> for line in gold_records(read_qdpx(path), coder="ana"):
    ...     print(line["text"], [c["code"] for c in line["codes"]])
    Why did you stay in Eindhoven? []
    Finding a flat was hard. ['housing.finding_housing']
    But I feel safe here. ['safety']
    Anything else? []
    The job, of course. []
    """
    if not 0 < min_overlap <= 1:
        raise InteropError(
            problem("E709", detail=f"min_overlap must be in (0, 1], not {min_overlap}")
        )
    coders = project.coders
    if coder is None:
        if not coders:
            raise InteropError(
                problem("E709", detail="the project has no codings"), path=project.path
            )
        if len(coders) > 1:
            raise InteropError(
                problem(
                    "E709",
                    detail=f"several users coded this project ({', '.join(coders)}); "
                    "choose one (coder= / --coder)",
                ),
                path=project.path,
            )
        coder = coders[0]
    elif coder not in coders:
        raise InteropError(
            problem(
                "E709",
                detail=f"user {coder!r} has no codings (users who coded: "
                f"{', '.join(coders) or 'none'})",
            ),
            path=project.path,
        )
    # document -> code -> merged covered intervals
    covered: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for coding in project.codings:
        if coding.coder == coder and coding.end > coding.start:
            covered.setdefault(coding.document, {}).setdefault(coding.code, []).append(
                (coding.start, coding.end)
            )
    merged = {
        document: {code: _merge(spans) for code, spans in by_code.items()}
        for document, by_code in covered.items()
    }
    order = {code.id: i for i, code in enumerate(project.codes)}
    records = []
    for document in documents if documents is not None else project_documents(project):
        by_code = merged.get(document.id, {})
        for segment in segment_document(document, roles=roles, nlp_model=nlp_model):
            length = segment.end - segment.start
            codes = sorted(
                (
                    code
                    for code, spans in by_code.items()
                    if length
                    and _overlap(spans, segment.start, segment.end) / length >= min_overlap
                ),
                key=lambda code: order.get(code, len(order)),
            )
            records.append(
                {
                    "document": document.id,
                    "start": segment.start,
                    "end": segment.end,
                    "codes": [{"code": code, "valence": None, "stage": None} for code in codes],
                    "text": segment.text,
                    "coder": coder,
                }
            )
    return sorted(records, key=lambda r: (r["document"], r["start"]))


def write_gold(records: Iterable[dict[str, Any]], path: str | Path) -> Path:
    """Write gold lines as JSON Lines (UTF-8, atomically) and return the path."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Path(path)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
