"""Build a :class:`~qualcode.records.Document` from text and turn spans (shared by readers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from qualcode.corpus.options import ReadOptions
from qualcode.corpus.speakers import TurnSpan, assign_roles
from qualcode.errors import CodingError, CorpusError, problem
from qualcode.nlp import SUPPORTED_LANGUAGES, check_language, detect_language
from qualcode.records import OTHER, RESPONDENT, Document, Turn

__all__ = ["build_document", "read_bytes"]


def read_bytes(path: Path, options: ReadOptions) -> bytes:
    """Read a file's bytes, refusing missing, empty and over-large files with coded errors."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise CorpusError(problem("E115"), path=path) from exc
    except OSError as exc:
        raise CorpusError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc
    if size > options.max_bytes:
        raise CorpusError(
            problem("E110", size=_megabytes(size), limit=_megabytes(options.max_bytes)), path=path
        )
    if size == 0:
        raise CorpusError(problem("E102"), path=path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def build_document(
    doc_id: str,
    text: str,
    spans: Sequence[TurnSpan],
    *,
    options: ReadOptions,
    source: Path | str,
    format: str,
    attributes: Mapping[str, str] | None = None,
    language: str | None = None,
) -> Document:
    """Assign roles and language and return the document.

    Parameters
    ----------
    spans : sequence of TurnSpan
        Turns in order; an empty sequence means the text has no speaker labels (an error
        unless ``options.speakers == "optional"``, when it becomes one respondent turn).
    language : str, optional
        Language stated by the source itself; ``options.language`` overrides it.

    Raises
    ------
    CorpusError
        ``E102`` for a text with no words, ``E104`` without speaker labels, ``E201`` for a
        language qualcode does not code.
    """
    if not text.strip():
        raise CorpusError(problem("E102"), path=source)
    if not any(span.speaker for span in spans):
        if options.speakers == "required":
            raise CorpusError(problem("E104"), path=source)
        start = len(text) - len(text.lstrip())
        spans = [TurnSpan(None, start, len(text.rstrip()))]
        roles: dict[str, str] = {}
        unlabelled_role = RESPONDENT
    else:
        roles = assign_roles(spans, text, options.roles)
        unlabelled_role = OTHER
    turns = tuple(
        Turn(
            index=i,
            speaker=span.speaker,
            role=roles[span.speaker] if span.speaker is not None else unlabelled_role,
            start=span.start,
            end=span.end,
            start_time=span.start_time,
            end_time=span.end_time,
        )
        for i, span in enumerate(spans)
    )
    chosen = options.language or language
    if chosen is None:
        sample = " ".join(text[t.start : t.end] for t in turns if t.role == RESPONDENT) or text
        chosen = detect_language(sample)
        if chosen is None:
            chosen = "en"
    try:
        check_language(chosen)
    except CodingError as exc:
        raise CorpusError(
            problem("E201", language=chosen, supported=", ".join(SUPPORTED_LANGUAGES)), path=source
        ) from exc
    return Document(
        id=doc_id,
        text=text,
        turns=turns,
        language=chosen,
        source=str(source),
        format=format,
        attributes=dict(attributes or {}),
    )
