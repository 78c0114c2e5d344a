"""A REFI-QDA project as qualcode data: documents and the standard codings table.

Each text source with text becomes a :class:`~qualcode.records.Document` (speaker turns where the
text has speaker labels, else one respondent turn; case variables as attributes), and each
coding a row of the codings table (:data:`qualcode.tables.CODING_COLUMNS`) under its user's name
as ``coder``, so the agreement code can compare users like any other coders.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Sequence

import pandas as pd

from qualcode.corpus.document import build_document
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.speakers import find_turns
from qualcode.interop.model import QdaCoding, QdaProject
from qualcode.records import OTHER, Document, Turn
from qualcode.tables import codings_frame

__all__ = ["coding_source", "project_codings", "project_documents"]


def project_documents(project: QdaProject, *, options: ReadOptions | None = None) -> list[Document]:
    """The project's text sources as documents (sources with blank text are left out).

    Parameters
    ----------
    project : QdaProject
    options : ReadOptions, optional
        Language, roles and speaker handling; a source without speaker labels is read as one
        respondent turn whatever ``options.speakers`` says.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> from qualcode.interop import read_qdpx
    >>> document = project_documents(read_qdpx(path))[0]
    >>> document.format, document.attributes, document.speakers["Ana"]
    ('qdpx', {'country': 'Brazil'}, 'respondent')
    """
    options = options or ReadOptions()
    documents = []
    for source in project.sources:
        if not source.text.strip():
            continue
        spans = find_turns(source.text, known=options.roles.speakers)
        documents.append(
            build_document(
                source.document,
                source.text,
                spans,
                options=options if spans else dataclasses.replace(options, speakers="optional"),
                source=f"{project.path}#{source.name}",
                format="qdpx",
                attributes=project.attributes(source.document),
            )
        )
    return documents


def coding_source(coder: str) -> str:
    """The ``source`` column for a coder: ``rule``/``model`` for qualcode's coders, else ``human``.

    Examples
    --------
    >>> coding_source("qualcode:rules"), coding_source("qualcode:model-v3"), coding_source("ana")
    ('rule', 'model', 'human')
    """
    if coder == "qualcode:rules":
        return "rule"
    return "model" if coder.startswith("qualcode:") else "human"


def project_codings(
    project: QdaProject, documents: Sequence[Document] | None = None
) -> pd.DataFrame:
    """The project's codings in the standard codings table, one row per selection x code x user.

    ``segment`` numbers the distinct selections (start, end) of each document in text order,
    the same for every user, so two users' codings of one selection share a segment. ``turn``,
    ``speaker`` and ``role`` are those of the first turn the selection overlaps. ``source`` is
    ``human`` except for qualcode's own coders (see :func:`coding_source`); confidence is 1.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> from qualcode.interop import read_qdpx
    >>> table = project_codings(read_qdpx(path))
    >>> for row in table[["segment", "speaker", "code", "coder", "source"]].values.tolist():
    ...     print(row)
    [0, 'Ana', 'housing.finding_housing', 'ana', 'human']
    [0, 'Ana', 'housing.finding_housing', 'qualcode:rules', 'rule']
    [1, 'Ana', 'safety', 'ana', 'human']
    """
    by_id = {d.id: d for d in (documents if documents is not None else project_documents(project))}
    spans: dict[str, list[tuple[int, int]]] = {}
    for coding in project.codings:
        spans.setdefault(coding.document, []).append((coding.start, coding.end))
    numbers = {
        document: {span: i for i, span in enumerate(sorted(set(found)))}
        for document, found in spans.items()
    }
    turn_starts = {d.id: [t.start for t in d.turns] for d in by_id.values()}
    rows = []
    for coding in project.codings:
        document = by_id.get(coding.document)
        turn = (
            _turn_of(document, turn_starts[coding.document], coding)
            if document is not None
            else None
        )
        text = project.source(coding.document).text
        rows.append(
            {
                "document": coding.document,
                "segment": numbers[coding.document][(coding.start, coding.end)],
                "turn": turn.index if turn is not None else -1,
                "speaker": turn.speaker if turn is not None else None,
                "role": turn.role if turn is not None else OTHER,
                "start": coding.start,
                "end": coding.end,
                "text": text[coding.start : coding.end],
                "code": coding.code,
                "label": project.codebook.label(coding.code)
                if project.codebook is not None
                else coding.code,
                "source": coding_source(coding.coder),
                "confidence": 1.0,
                "valence": None,
                "stage": None,
                "negated": False,
                "hypothetical": False,
                "pattern": None,
                "coder": coding.coder,
            }
        )
    return codings_frame(rows)


def _turn_of(document: Document, starts: list[int], coding: QdaCoding) -> Turn | None:
    """The first turn overlapping the selection, else the last one starting before it."""
    turns = document.turns
    if not turns:
        return None
    index = bisect_right(starts, coding.start) - 1
    if index >= 0 and turns[index].end > coding.start:
        return turns[index]
    if index + 1 < len(turns) and turns[index + 1].start < coding.end:
        return turns[index + 1]
    return turns[max(index, 0)]
