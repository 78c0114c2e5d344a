"""Options shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from qualcode.corpus.speakers import RoleRule
from qualcode.nlp.language import SUPPORTED_LANGUAGES

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions"]

#: Files larger than this are refused with a clear error rather than read into memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How to read documents.

    Parameters
    ----------
    language : str, optional
        Force every document's language (``"en"``/``"nl"``) instead of detecting it.
    speakers : {"required", "optional"}
        ``"required"``: a transcript without speaker labels is an error. ``"optional"``: it is
        read as one respondent turn.
    roles : RoleRule
        Speaker -> role rule (merged with a ``roles.yaml`` found beside the transcripts). A
        label it names is a speaker label even where it occurs only once in a transcript.
    max_bytes : int
        Refuse larger files (``E110``).
    id_column : str, optional
        Survey tables (CSV/XLSX): the column holding the respondent id (default: a column
        named like ``id``/``ResponseId``/``respondent``, else the first column if its values
        are unique).
    text_columns : tuple of str
        Survey tables: the answer columns (default: every column holding free text).
    languages : tuple of str or None
        Languages a document may be detected as; another one is refused (``E201``). ``None``
        accepts any (:func:`~qualcode.corpus.read_corpus` passes ``None`` and checks after
        applying a ``language`` attribute).
    """

    language: str | None = None
    speakers: Literal["required", "optional"] = "required"
    roles: RoleRule = field(default_factory=RoleRule)
    max_bytes: int = DEFAULT_MAX_BYTES
    id_column: str | None = None
    text_columns: tuple[str, ...] = ()
    languages: tuple[str, ...] | None = SUPPORTED_LANGUAGES
