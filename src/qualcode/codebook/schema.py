"""The codebook schema: what a codebook file may contain (pydantic models, unknown keys forbidden).

A codebook is a list of codes. A code has a dotted ``id`` (``social.network``), English ``label``
and Dutch ``label_nl``, a ``definition``, ``include``/``exclude`` criteria and ``examples`` for
human coders, and per-language ``patterns`` for the rule coder. Codes nest through ``parent``; a
parent that only groups its children is ``codable: false``. Optional ``facets`` (valence, decision
stage, ...) are recorded per coding where cue patterns fire in the same sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

__all__ = ["Code", "Codebook", "Facet", "FacetName", "PatternItem"]

#: A pattern: a lemma phrase (string, see :mod:`qualcode.codebook.patterns`) or a spaCy Matcher
#: token pattern (a list of token dicts).
PatternItem = str | list[dict[str, Any]]
PatternsByLanguage = dict[str, list[PatternItem]]

#: The facets a coding records (columns of the codings table).
FacetName = Literal["valence", "stage"]

CODE_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Facet(_Strict):
    """A facet recorded on codings (e.g. valence), with cue patterns per language and value.

    ``on_negation`` maps a value to what a *negated* cue for it means: ``{"driver": "barrier",
    "barrier": None}`` reads "not easy" as a barrier and "never a problem" as no valence.
    A value absent from ``on_negation`` is dropped when its cue is negated.
    """

    description: str = ""
    values: list[str] = Field(min_length=1)
    cues: dict[str, dict[str, list[PatternItem]]] = Field(default_factory=dict)
    on_negation: dict[str, str | None] = Field(default_factory=dict)


class Code(_Strict):
    """One code of the codebook."""

    id: str = Field(pattern=CODE_ID_PATTERN)
    label: str = Field(min_length=1)
    label_nl: str | None = None
    parent: str | None = None
    codable: bool = True
    definition: str = ""
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    patterns: PatternsByLanguage = Field(default_factory=dict)
    exclude_patterns: PatternsByLanguage = Field(default_factory=dict)
    facets: dict[FacetName, str] = Field(
        default_factory=dict,
        description="Default facet values for this code when no cue fires, e.g. valence: barrier.",
    )
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")

    def label_for(self, language: str) -> str:
        """The label in ``language`` (Dutch falls back to English)."""
        return self.label_nl if language == "nl" and self.label_nl else self.label


class Codebook(_Strict):
    """A validated codebook. Load one with :func:`qualcode.load_codebook`.

    Examples
    --------
    >>> cb = Codebook(name="demo", codes=[
    ...     {"id": "housing", "label": "Housing", "codable": False},
    ...     {"id": "housing.search", "label": "Finding housing", "parent": "housing",
    ...      "patterns": {"en": ["find ... flat|apartment"]}}])
    >>> cb.codable_ids
    ['housing.search']
    >>> cb.ancestors("housing.search")
    ['housing']
    """

    name: str = Field(min_length=1)
    title: str = ""
    version: str = "1"
    description: str = ""
    source: str = ""
    languages: list[str] = Field(default_factory=lambda: ["en", "nl"])
    facets: dict[FacetName, Facet] = Field(default_factory=dict)
    codes: list[Code] = Field(min_length=1)

    _by_id: dict[str, Code] = PrivateAttr(default_factory=dict)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    def model_post_init(self, __context: Any) -> None:
        self._by_id = {}
        for code in self.codes:
            self._by_id.setdefault(code.id, code)

    # -- look-ups ---------------------------------------------------------------------------
    def __getitem__(self, code_id: str) -> Code:
        return self._by_id[code_id]

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._by_id

    def __iter__(self) -> Iterator[Code]:  # type: ignore[override]
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def ids(self) -> list[str]:
        """All code ids in codebook order."""
        return [c.id for c in self.codes]

    @property
    def codable_ids(self) -> list[str]:
        """Ids of the codes that segments can be coded with, in codebook order."""
        return [c.id for c in self.codes if c.codable]

    def children(self, code_id: str | None) -> list[Code]:
        """Direct children of ``code_id`` (top-level codes for ``None``)."""
        return [c for c in self.codes if c.parent == code_id]

    def ancestors(self, code_id: str) -> list[str]:
        """Ids from the parent of ``code_id`` up to its root."""
        found: list[str] = []
        parent = self._by_id[code_id].parent
        while parent is not None and parent not in found and parent in self._by_id:
            found.append(parent)
            parent = self._by_id[parent].parent
        return found

    def depth(self, code_id: str) -> int:
        """0 for a top-level code, 1 for its children, ..."""
        return len(self.ancestors(code_id))

    def at_level(self, code_id: str, level: int) -> str:
        """The ancestor of ``code_id`` at depth ``level - 1`` (itself if it is shallower)."""
        chain = [code_id, *self.ancestors(code_id)]
        chain.reverse()
        return chain[min(level, len(chain)) - 1]

    def descendants(self, code_id: str) -> list[str]:
        """All codes below ``code_id``, in codebook order."""
        return [c.id for c in self.codes if code_id in self.ancestors(c.id)]

    def label(self, code_id: str, language: str = "en") -> str:
        """Label of a code (the id itself for unknown codes)."""
        code = self._by_id.get(code_id)
        return code.label_for(language) if code else code_id

    @property
    def sha256(self) -> str:
        """Content hash of the codebook: identical for identical codebooks, whatever the file."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
