"""The records that flow through qualcode: documents, turns, segments and codings.

Records are small frozen dataclasses. Every character offset points into the owning document's
normalised text (``\\n`` line ends, NFC code points), so a quote, a REFI-QDA selection and a review
screen all agree: ``document.text[segment.start:segment.end] == segment.text``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    "Turn",
]

INTERVIEWER = "interviewer"
RESPONDENT = "respondent"
OTHER = "other"
#: The roles a speaker can have. The preamble (text before the first speaker label) is ``other``.
ROLES: tuple[str, ...] = (INTERVIEWER, RESPONDENT, OTHER)

Source = Literal["rule", "model", "both", "human"]


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
    """

    id: str
    text: str
    turns: tuple[Turn, ...]
    language: str
    source: str = ""
    format: str = "text"
    attributes: Mapping[str, str] = field(default_factory=dict)

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
