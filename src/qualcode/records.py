"""The records that flow through qualcode: documents, turns, segments and codings.

Records are small frozen dataclasses. Every character offset points into the owning document's
normalised text (``\\n`` line ends, NFC code points), so a quote, a REFI-QDA selection and a review
screen all agree: ``document.text[segment.start:segment.end] == segment.text``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "INTERVIEWER",
    "OTHER",
    "RESPONDENT",
    "ROLES",
    "Coding",
    "Corpus",
    "Document",
    "Segment",
    "Source",
    "TimeSpan",
    "Turn",
    "span_times",
]

INTERVIEWER = "interviewer"
RESPONDENT = "respondent"
OTHER = "other"
#: The roles a speaker can have. The preamble (text before the first speaker label) is ``other``.
ROLES: tuple[str, ...] = (INTERVIEWER, RESPONDENT, OTHER)

Source = Literal["rule", "model", "both", "human"]


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A stretch of document text with the time it was said (a subtitle cue, a timed turn).

    ``start``/``end`` are offsets into the document text; ``start_time``/``end_time`` are seconds
    from the start of the recording (``end_time`` is ``None`` when the source gives only a start).
    """

    start: int
    end: int
    start_time: float
    end_time: float | None = None


def span_times(
    timeline: Sequence[TimeSpan], start: int, end: int
) -> tuple[float | None, float | None]:
    """Start time of the first and end time of the last stretch of ``timeline`` (sorted,
    disjoint) that overlaps ``start:end``; ``(None, None)`` if none does."""
    if not timeline or end <= start:
        return None, None
    first = bisect.bisect_right(timeline, start, key=lambda span: span.end)
    last = bisect.bisect_left(timeline, end, key=lambda span: span.start) - 1
    if first > last:
        return None, None
    return timeline[first].start_time, timeline[last].end_time


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn: the spoken text after the label, as a span of the document text.

    ``speaker`` is ``None`` for the preamble (text before the first label). ``start_time`` and
    ``end_time`` are seconds from the start of the recording, when the source has them.
    """

    index: int
    speaker: str | None
    role: str
    start: int
    end: int
    start_time: float | None = None
    end_time: float | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A transcript (or survey answer) as normalised text with its speaker turns.

    Attributes
    ----------
    id : str
        Unique within the corpus (by default the file name without extension).
    text : str
        The normalised text every offset refers to.
    turns : tuple of Turn
        Speaker turns in order, the preamble (if any) first.
    language : str
        ``"en"`` or ``"nl"``.
    source : str
        Where the document was read from.
    format : str
        Name of the reader that produced it (``"text"``, ``"docx"``, ...).
    attributes : Mapping[str, str]
        Case attributes (country of origin, route, ...). Treat as read-only.
    timeline : tuple of TimeSpan
        Where the source has times (subtitle cues, timestamped labels): the timed stretches of
        text in order, not overlapping. A turn merged from several cues keeps one entry per cue,
        so each sentence gets the time of the cue it falls in (see :meth:`times`).
    """

    id: str
    text: str
    turns: tuple[Turn, ...]
    language: str
    source: str = ""
    format: str = "text"
    attributes: Mapping[str, str] = field(default_factory=dict)
    timeline: tuple[TimeSpan, ...] = ()

    def turn_text(self, turn: Turn) -> str:
        """The spoken text of ``turn``."""
        return self.text[turn.start : turn.end]

    @property
    def speakers(self) -> dict[str, str]:
        """Speaker label -> role, in order of first appearance."""
        roles: dict[str, str] = {}
        for turn in self.turns:
            if turn.speaker is not None:
                roles.setdefault(turn.speaker, turn.role)
        return roles

    def words(self, roles: tuple[str, ...] | None = None) -> int:
        """Number of whitespace-separated words spoken, optionally only by ``roles``."""
        return sum(
            len(self.text[t.start : t.end].split())
            for t in self.turns
            if roles is None or t.role in roles
        )

    def line_of(self, offset: int) -> int:
        """1-based line number of character ``offset``."""
        return self.text.count("\n", 0, offset) + 1

    def times(self, start: int, end: int) -> tuple[float | None, float | None]:
        """Start and end time of the text ``start:end``: from the first and last timed stretches
        it overlaps (``(None, None)`` if it overlaps none).

        Examples
        --------
        >>> cues = (TimeSpan(0, 6, 1.0, 2.5), TimeSpan(7, 13, 2.5, 4.0))
        >>> doc = Document("d", "Hello. World.", (), "en", timeline=cues)
        >>> doc.times(0, 6), doc.times(3, 13), doc.times(7, 13)
        ((1.0, 2.5), (1.0, 4.0), (2.5, 4.0))
        """
        return span_times(self.timeline, start, end)


@dataclass(frozen=True, slots=True)
class Segment:
    """A unit of coding (sentence, paragraph, turn or document) inside a document."""

    document: str
    index: int
    turn: int
    speaker: str | None
    role: str
    start: int
    end: int
    text: str
    start_time: float | None = None
    end_time: float | None = None


@dataclass(frozen=True, slots=True)
class Coding:
    """One code applied to one segment, by one coder.

    Attributes
    ----------
    source : {"rule", "model", "both", "human"}
        What produced the coding.
    confidence : float
        In [0, 1]; 1.0 for human codings.
    valence, stage : str or None
        Facet values recorded where the text says so (e.g. ``"barrier"``, ``"stay"``).
    negated : bool
        The factor is mentioned only to say it did not matter or was not a problem.
    hypothetical : bool
        The mention is conditional ("if the ruling were gone, we would leave").
    pattern : str or None
        For rule codings, the codebook pattern that fired.
    """

    document: str
    segment: int
    start: int
    end: int
    code: str
    source: str = "rule"
    confidence: float = 1.0
    valence: str | None = None
    stage: str | None = None
    negated: bool = False
    hypothetical: bool = False
    pattern: str | None = None
    coder: str = "qualcode:rules"


@dataclass(frozen=True)
class Corpus:
    """Documents read from a path, in a stable order, with what was skipped.

    Attributes
    ----------
    documents : tuple of Document
    path : str
        The directory or file read.
    skipped : tuple of str
        One line per file that was reported and skipped (only with ``skip_bad=True``).
    warnings : tuple of str
        Non-fatal findings, such as attribute rows for unknown documents.
    """

    documents: tuple[Document, ...]
    path: str = ""
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, document_id: str) -> Document:
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    @property
    def ids(self) -> list[str]:
        """Document ids in corpus order."""
        return [d.id for d in self.documents]
