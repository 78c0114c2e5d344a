"""Build a :class:`~qualcode.records.Document` from text and turn spans (shared by readers)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from qualcode.corpus.normalise import DecodeError, decode, normalise_text
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import ReaderWarning
from qualcode.corpus.speakers import TurnSpan, assign_roles, named_role
from qualcode.errors import CodingError, CorpusError, problem
from qualcode.nlp import SUPPORTED_LANGUAGES, check_language, detect_language
from qualcode.records import INTERVIEWER, OTHER, RESPONDENT, Document, TimeSpan, Turn, span_times

__all__ = ["build_document", "check_size", "megabytes", "read_bytes", "read_text_source"]


def check_size(path: Path, options: ReadOptions) -> int:
    """Return the size of ``path``, refusing missing, empty and over-large files.

    Only the file's metadata is read, so a file over ``options.max_bytes`` is refused without
    being loaded.

    Raises
    ------
    CorpusError
        ``E115`` missing, ``E101`` unreadable, ``E110`` too large, ``E102`` empty.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise CorpusError(problem("E115"), path=path) from exc
    except OSError as exc:
        raise CorpusError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc
    if size > options.max_bytes:
        raise CorpusError(
            problem("E110", size=megabytes(size), limit=megabytes(options.max_bytes)), path=path
        )
    if size == 0:
        raise CorpusError(problem("E102"), path=path)
    return size


def read_bytes(path: Path, options: ReadOptions) -> bytes:
    """Read a file's bytes after :func:`check_size`."""
    check_size(path, options)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc


def read_text_source(path: Path, options: ReadOptions) -> str:
    """Read a text file (any supported encoding) as normalised text.

    Raises
    ------
    CorpusError
        ``E110`` too large, ``E102`` empty, ``E111`` binary content, ``E103`` undecodable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> _ = p.write_bytes("\\ufeffI: Café?\\r\\nR: Ja.".encode("utf-8"))
    >>> read_text_source(p, ReadOptions())
    'I: Café?\\nR: Ja.'
    """
    data = read_bytes(path, options)
    try:
        raw, _encoding = decode(data, source=path)
    except DecodeError as exc:
        found = (
            problem("E111", detail=f"({exc})") if exc.binary else problem("E103", reason=str(exc))
        )
        raise CorpusError(found, path=path) from exc
    return normalise_text(raw)


def megabytes(size: int) -> str:
    """``size`` bytes as ``"12.3 MB"``."""
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
    timeline: Sequence[TimeSpan] | None = None,
    roles: Mapping[str, str] | None = None,
) -> Document:
    """Assign roles and language and return the document.

    Parameters
    ----------
    spans : sequence of TurnSpan
        Turns in order; an empty sequence means the text has no speaker labels (an error
        unless ``options.speakers == "optional"``, when it becomes one respondent turn).
    language : str, optional
        Language stated by the source itself; ``options.language`` overrides it, and without
        either the language is detected from the respondents' words (and must be one of
        ``options.languages``).
    timeline : sequence of TimeSpan, optional
        Timed stretches of the text (subtitle cues); by default one per span that has a time.
    roles : mapping, optional
        Speaker -> role fixed by the reader (e.g. survey questions are all respondent
        speech); other speakers get roles from ``options.roles``.

    Raises
    ------
    CorpusError
        ``E102`` for a text with no words, ``E104`` without speaker labels, ``E201`` for a
        forced language qualcode does not code or a detected one not in ``options.languages``.

    Examples
    --------
    >>> from qualcode.corpus.turns import find_turns
    >>> text = "Sam: Why did you come?\\nAna: For the job.\\nSam: And then?\\nAna: I stayed."
    >>> doc = build_document("d", text, find_turns(text), options=ReadOptions(language="en"),
    ...                      source="d.txt", format="text")
    >>> doc.speakers
    {'Sam': 'interviewer', 'Ana': 'respondent'}
    """
    if not text.strip():
        raise CorpusError(problem("E102"), path=source)
    speaker_roles: dict[str, str] = {}
    if not any(span.speaker for span in spans):
        if options.speakers == "required":
            raise CorpusError(problem("E104"), path=source)
        start = len(text) - len(text.lstrip())
        spans = [TurnSpan(None, start, len(text.rstrip()))]
        unlabelled_role = RESPONDENT
    else:
        fixed = dict(roles or {})
        open_spans = [s for s in spans if s.speaker is not None and s.speaker not in fixed]
        assigned = assign_roles(open_spans, text, options.roles)
        speaker_roles = {**assigned, **fixed}
        _warn_without_interviewer(assigned, options, source)
        unlabelled_role = OTHER
    if timeline is None:
        timeline = [
            TimeSpan(s.start, s.end, s.start_time, s.end_time)
            for s in spans
            if s.start_time is not None and s.end > s.start
        ]
    timeline = tuple(timeline)
    turns = tuple(
        _turn(
            i,
            span,
            unlabelled_role if span.speaker is None else speaker_roles[span.speaker],
            timeline,
        )
        for i, span in enumerate(spans)
    )
    chosen = options.language or language
    if chosen is None:
        sample = " ".join(text[t.start : t.end] for t in turns if t.role == RESPONDENT) or text
        chosen = detect_language(sample) or "en"
        if options.languages is not None and chosen not in options.languages:
            raise CorpusError(
                problem("E201", language=chosen, supported=", ".join(options.languages)),
                path=source,
            )
    elif options.language is not None:
        try:
            check_language(chosen)
        except CodingError as exc:
            raise CorpusError(
                problem("E201", language=chosen, supported=", ".join(SUPPORTED_LANGUAGES)),
                path=source,
            ) from exc
    return Document(
        id=doc_id,
        text=text,
        turns=turns,
        language=chosen,
        source=str(source),
        format=format,
        attributes=dict(attributes or {}),
        timeline=timeline,
    )


def _warn_without_interviewer(
    assigned: Mapping[str, str], options: ReadOptions, source: Path | str
) -> None:
    # two or more speakers, none the interviewer, and some a respondent only for want of a
    # better guess: the interviewer's questions may be coded as answers
    if (
        len(assigned) >= 2
        and INTERVIEWER not in assigned.values()
        and any(named_role(s, options.roles) is None for s in assigned)
    ):
        warnings.warn(
            f"{source}: no interviewer identified among {', '.join(assigned)}; all are coded as"
            " respondents (name the interviewer in roles.yaml or with --interviewer)",
            ReaderWarning,
            stacklevel=3,
        )


def _turn(index: int, span: TurnSpan, role: str, timeline: Sequence[TimeSpan]) -> Turn:
    start_time, end_time = span_times(timeline, span.start, span.end)
    return Turn(
        index=index,
        speaker=span.speaker,
        role=role,
        start=span.start,
        end=span.end,
        start_time=start_time if start_time is not None else span.start_time,
        end_time=end_time if end_time is not None else span.end_time,
    )
