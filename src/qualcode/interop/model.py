"""The records of a REFI-QDA project as qualcode reads it.

A :class:`QdaProject` holds what a ``.qdpx`` carries that qualcode uses: users, the code tree
(also as a qualcode :class:`~qualcode.codebook.Codebook`), text sources with their plain text,
cases with variables, and codings. Offsets in :class:`QdaCoding` are in qualcode's normalised
text (``start``/``end``) and, for reference, in the source's plain text as the file stated them
(``raw_start``/``raw_end``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from qualcode.codebook.schema import Codebook
from qualcode.interop.offsets import OffsetMap

__all__ = ["QdaCase", "QdaCode", "QdaCoding", "QdaProject", "QdaSource", "QdaUser"]


@dataclass(frozen=True, slots=True)
class QdaUser:
    """A user of the project: a human coder, or a machine coder such as ``qualcode:rules``.

    ``id`` is the short identifier some tools write (NVivo's initials), if any.
    """

    guid: str
    name: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class QdaCode:
    """One code of the code tree and the qualcode code it became.

    Attributes
    ----------
    guid : str
        The GUID in the file (lower case, without braces).
    id : str
        The qualcode code id: the slugs of the names on its path, joined by dots
        (``rq1_definition.competencies.programming``).
    name : str
        The name in the file, kept as the qualcode label.
    parent : str or None
        The qualcode id of the parent code.
    """

    guid: str
    id: str
    name: str
    parent: str | None = None
    codable: bool = True
    color: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class QdaSource:
    """A text source: its plain text as stored and as qualcode normalises it.

    Attributes
    ----------
    document : str
        The qualcode document id (the source's name, made unique and safe as a file name).
    text : str
        The normalised text every qualcode offset refers to.
    raw_text : str
        The plain text as stored; REFI-QDA positions count its characters.
    offsets : OffsetMap
        Maps positions between ``raw_text`` and ``text``.
    text_from : str
        Where the text came from: ``"plain text"`` (``plainTextPath``), ``"inline"``
        (``PlainTextContent``), ``"docx"`` (the rich-text ``.docx``, used when the plain-text
        twin is blank) or ``"none"``.
    variables : Mapping[str, str]
        Variable values stated on the source itself.
    """

    guid: str
    name: str
    document: str
    text: str
    raw_text: str
    offsets: OffsetMap
    text_from: str = "plain text"
    variables: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QdaCase:
    """A case: variable values for the sources it references (by GUID)."""

    guid: str
    name: str
    variables: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QdaCoding:
    """One code applied by one user to one selection of a text source.

    ``start``/``end`` are offsets into the document's normalised text; ``raw_start``/``raw_end``
    are the positions as written in the file. A coding of a whole source spans its whole text.
    """

    document: str
    start: int
    end: int
    code: str
    coder: str
    raw_start: int
    raw_end: int
    code_guid: str
    user_guid: str | None
    selection_guid: str | None
    guid: str


@dataclass(frozen=True)
class QdaProject:
    """A REFI-QDA project read by :func:`qualcode.interop.read_qdpx`.

    Attributes
    ----------
    name, origin : str
        The project's name and the software that wrote it.
    users : tuple of QdaUser
    codes : tuple of QdaCode
        In tree order (parents before children).
    codebook : Codebook or None
        The code tree as a qualcode codebook (``None`` when the project has no codes).
    sources : tuple of QdaSource
        Text sources in file order; sources with blank text are kept (``text == ""``).
    cases : tuple of QdaCase
    codings : tuple of QdaCoding
        Sorted by document, start, end, coder and code.
    path : str
        The file read.
    warnings : tuple of str
        What was skipped or adjusted (non-text sources, lenient selection handling, ...).
    """

    name: str
    origin: str
    users: tuple[QdaUser, ...]
    codes: tuple[QdaCode, ...]
    codebook: Codebook | None
    sources: tuple[QdaSource, ...]
    cases: tuple[QdaCase, ...] = ()
    codings: tuple[QdaCoding, ...] = ()
    path: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def code_guids(self) -> dict[str, str]:
        """qualcode code id -> GUID in the file (to keep GUIDs on re-export)."""
        return {code.id: code.guid for code in self.codes}

    @property
    def coders(self) -> list[str]:
        """Names of the users with at least one coding, in order of first coding."""
        return list(dict.fromkeys(coding.coder for coding in self.codings))

    def source(self, document: str) -> QdaSource:
        """The source of qualcode document id ``document``."""
        for source in self.sources:
            if source.document == document:
                return source
        raise KeyError(document)

    def attributes(self, document: str) -> dict[str, str]:
        """Case variables of ``document``: its cases' values, then its own (which win)."""
        source = self.source(document)
        merged: dict[str, str] = {}
        for case in self.cases:
            if source.guid in case.sources:
                merged.update(case.variables)
        merged.update(source.variables)
        return merged
