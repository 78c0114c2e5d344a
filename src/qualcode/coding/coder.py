"""The coder: documents in, segments and codings out.

A :class:`Coder` segments each document's turns (only the roles it codes, by default the
respondents), runs the rule set of the document's language over every paragraph, decides codes
per sentence, and aggregates them to the chosen unit. It streams: :meth:`Coder.iter_code` yields
one :class:`DocumentCoding` at a time, so a corpus of any size codes in constant memory.
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from qualcode.codebook.schema import Codebook
from qualcode.coding.decisions import MODES, SentenceCode, decide_sentences
from qualcode.coding.model import CodingModel
from qualcode.coding.result import CodingResult
from qualcode.coding.rules import RuleMatch, RuleSet, code_sentence
from qualcode.corpus.segment import (
    Paragraph,
    check_unit,
    paragraph_sentences,
    paragraphs,
    unit_segments,
)
from qualcode.errors import CodingError, problem
from qualcode.nlp import check_language, load_pipeline
from qualcode.records import RESPONDENT, ROLES, Coding, Corpus, Document, Segment
from qualcode.tables import (
    coding_row,
    codings_frame,
    document_row,
    documents_frame,
    segment_row,
    segments_frame,
)

__all__ = ["Coder", "DocumentCoding", "SentenceAnalysis", "code"]

_NEWLINE = re.compile("\n")

RULES_CODER = "qualcode:rules"


@dataclass(frozen=True, slots=True)
class SentenceAnalysis:
    """One sentence as the coder sees it: where it is, its tokens, and what the rules found.

    ``start``/``end`` are character offsets into the document; ``first``/``last`` the token
    range in ``doc``, the spaCy Doc of its paragraph.
    """

    paragraph: int
    start: int
    end: int
    doc: Doc
    first: int
    last: int
    matches: tuple[RuleMatch, ...]

    @property
    def span(self) -> Span:
        """The sentence as a spaCy Span (built on demand)."""
        return self.doc[self.first : self.last]


@dataclass(frozen=True)
class DocumentCoding:
    """The segments and codings of one document."""

    document: Document
    segments: list[Segment]
    codings: list[Coding]

    def segment_rows(self) -> list[dict[str, object]]:
        """Rows for the segments table."""
        newlines = _newlines(self.document.text)
        return [segment_row(s, bisect.bisect_right(newlines, s.start) + 1) for s in self.segments]

    def coding_rows(self, codebook: Codebook) -> list[dict[str, object]]:
        """Rows for the codings table."""
        return [
            coding_row(c, self.segments[c.segment], codebook.label(c.code)) for c in self.codings
        ]


def _newlines(text: str) -> list[int]:
    return [match.start() for match in _NEWLINE.finditer(text)]


def _warn_nothing_to_code(document: Document, roles: Sequence[str]) -> None:
    """Warn that none of ``document``'s turns is spoken in a coded role, so 0 segments are coded.

    Usually a transcript problem: a respondent's label used only once (``Ana:``) is not taken
    for a speaker and her answer becomes part of the interviewer's turn; or the speakers' roles
    were guessed wrongly.
    """
    where = f"{document.source}: " if document.source else ""
    found = ", ".join(f"{speaker} ({role})" for speaker, role in document.speakers.items())
    warnings.warn(
        f"{where}document {document.id!r} has no {' or '.join(roles)} speech to code "
        f"(speakers: {found or 'none'}), so nothing in it is coded. A label used only once "
        "(such as 'Ana:') is read as text of the turn before it: name the speakers with "
        "--respondent LABEL / --interviewer LABEL or in roles.yaml, or code other roles with "
        "--role",
        stacklevel=3,
    )


class Coder:
    """Code documents with a codebook's rules, a trained model, or both.

    Parameters
    ----------
    codebook : Codebook
    model : CodingModel, optional
        A model trained for this codebook (:func:`qualcode.load_model`).
    mode : {"rules", "model", "hybrid"}, optional
        Default: ``"hybrid"`` with a model, ``"rules"`` without.
    unit : {"sentence", "paragraph", "turn", "document"}
        What one coding applies to.
    roles : sequence of str
        Whose speech is coded (default: respondents only, so an interviewer's question that
        names a factor is not a mention).
    spacy_model : str or dict, optional
        An installed trained spaCy pipeline to use instead of the built-in blank pipeline with
        lookup lemmas; a dict maps language -> pipeline name.
    name : str, optional
        Coder name recorded on each coding (default ``"qualcode:rules"``).

    Examples
    --------
    >>> from qualcode import load_codebook, read_corpus
    >>> coder = Coder(load_codebook("codebooks/kennismigratie.yaml"))  # doctest: +SKIP
    >>> result = coder.code(read_corpus("corpora/sample"))  # doctest: +SKIP
    >>> result.codings[["document", "code", "text"]].head()  # doctest: +SKIP
    """

    def __init__(
        self,
        codebook: Codebook,
        *,
        model: CodingModel | None = None,
        mode: str | None = None,
        unit: str = "sentence",
        roles: Sequence[str] = (RESPONDENT,),
        spacy_model: str | dict[str, str] | None = None,
        name: str | None = None,
    ) -> None:
        self.codebook = codebook
        self.mode = mode or ("hybrid" if model is not None else "rules")
        if self.mode not in MODES:
            raise CodingError(
                problem("E205", detail=f"unknown mode {self.mode!r}; use {', '.join(MODES)}")
            )
        if self.mode != "rules" and model is None:
            raise CodingError(problem("E205", detail=f"mode {self.mode!r} needs a trained model"))
        if model is not None and list(model.codes) != self.codebook.codable_ids:
            raise CodingError(
                problem(
                    "E205",
                    detail="the model's codes differ from the codebook's codable codes; "
                    "load it with load_model(path, codebook) to check it",
                )
            )
        self.model = model if self.mode != "rules" else None
        self.unit = check_unit(unit)
        for role in roles:
            if role not in ROLES:
                raise CodingError(
                    problem("E205", detail=f"unknown role {role!r}; roles are {', '.join(ROLES)}")
                )
        self.roles = tuple(roles)
        self.spacy_model = spacy_model
        self.name = name or (self.model.name if self.model is not None else RULES_CODER)
        if self.model is not None and self.mode == "model":
            self.name = name or f"{self.model.name}:model-only"
        self._rules: dict[str, RuleSet] = {}

    # -- pickling (worker processes, Dask) ------------------------------------------------------
    def __getstate__(self) -> dict[str, object]:
        # compiled rule sets hold spaCy matchers; each process compiles its own on first use
        state = dict(self.__dict__)
        state["_rules"] = {}
        return state

    # -- per language ------------------------------------------------------------------------
    def _model_for(self, language: str) -> str | None:
        if isinstance(self.spacy_model, dict):
            return self.spacy_model.get(language)
        return self.spacy_model

    def rules_for(self, language: str) -> RuleSet:
        """The compiled rule set for ``language`` (built once per coder)."""
        if language not in self._rules:
            check_language(language)
            nlp = load_pipeline(language, self._model_for(language))
            self._rules[language] = RuleSet(self.codebook, nlp, language)
        return self._rules[language]

    # -- analysis ----------------------------------------------------------------------------
    def analyse(self, document: Document) -> tuple[list[Paragraph], list[SentenceAnalysis]]:
        """Split the coded turns of ``document`` into sentences and run the rules on them."""
        rules = self.rules_for(document.language)
        nlp = load_pipeline(document.language, self._model_for(document.language))
        paras = paragraphs(document, self.roles)
        sentences: list[SentenceAnalysis] = []
        language = document.language
        found = list(paragraph_sentences(document, paras, nlp))
        for doc, group in itertools.groupby(found, key=lambda s: s.doc):
            in_doc = list(group)
            hits = rules.hits(doc, [(s.first, s.last) for s in in_doc])
            position = 0  # hits are sorted by start, sentences too: walk them together
            for s in in_doc:
                while position < len(hits) and hits[position].start < s.first:
                    position += 1
                inside = []
                for hit in itertools.islice(hits, position, None):
                    if hit.start >= s.last:
                        break
                    if hit.end <= s.last:
                        inside.append(hit)
                matches = (
                    tuple(code_sentence(doc[s.first : s.last], inside, self.codebook, language))
                    if inside
                    else ()
                )
                sentences.append(
                    SentenceAnalysis(s.paragraph, s.start, s.end, doc, s.first, s.last, matches)
                )
        return paras, sentences

    # -- coding ------------------------------------------------------------------------------
    def code_document(self, document: Document) -> DocumentCoding:
        """Segment and code one document."""
        if self.mode == "rules" and self.rules_for(document.language).size == 0:
            # Without patterns for its language the rules would silently find nothing.
            raise CodingError(
                problem("E204", language=document.language, document=document.id),
                path=document.source or None,
            )
        paras, sentences = self.analyse(document)
        if not paras:
            _warn_nothing_to_code(document, self.roles)
        segments, owner = unit_segments(
            document, paras, self.unit, [(s.paragraph, s.start, s.end) for s in sentences]
        )
        turns = [paras[s.paragraph].turn.index for s in sentences]
        decided = decide_sentences(
            sentences, turns, document.language, mode=self.mode, model=self.model
        )
        # Aggregate sentences to units: per (unit, code) keep the most confident affirmed
        # mention; the unit is "negated" only if every mention in it is.
        chosen: dict[tuple[int, str], tuple[SentenceCode, bool]] = {}
        for codes, segment_index in zip(decided, owner, strict=True):
            for found in codes:
                key = (segment_index, found.code)
                previous = chosen.get(key)
                if previous is None:
                    chosen[key] = (found, found.negated)
                    continue
                best, all_negated = previous
                better = (not found.negated, found.confidence) > (not best.negated, best.confidence)
                chosen[key] = (found if better else best, all_negated and found.negated)
        order = {code: i for i, code in enumerate(self.codebook.ids)}
        codings = [
            Coding(
                document=document.id,
                segment=segment_index,
                start=segments[segment_index].start,
                end=segments[segment_index].end,
                code=code_id,
                source=found.source,
                confidence=found.confidence,
                valence=found.valence,
                stage=found.stage,
                negated=negated,
                hypothetical=found.hypothetical,
                pattern=found.pattern,
                coder=self.name,
            )
            for (segment_index, code_id), (found, negated) in sorted(
                chosen.items(), key=lambda item: (item[0][0], order[item[0][1]])
            )
        ]
        return DocumentCoding(document, segments, codings)

    def iter_code(self, documents: Iterable[Document]) -> Iterator[DocumentCoding]:
        """Code documents one at a time (streaming)."""
        for document in documents:
            yield self.code_document(document)

    def code(self, corpus: Corpus | Iterable[Document]) -> CodingResult:
        """Code a whole corpus and return its tables."""
        segment_rows: list[dict[str, object]] = []
        coding_rows: list[dict[str, object]] = []
        document_rows: list[dict[str, object]] = []
        for coded in self.iter_code(corpus):
            segment_rows.extend(coded.segment_rows())
            coding_rows.extend(coded.coding_rows(self.codebook))
            document_rows.append(document_row(coded.document, self.roles))
        return CodingResult(
            codings=codings_frame(coding_rows),
            segments=segments_frame(segment_rows),
            documents=documents_frame(document_rows),
            codebook=self.codebook,
            unit=self.unit,
            roles=self.roles,
            coder=self.name,
        )


def code(
    corpus: Corpus | Iterable[Document],
    codebook: Codebook,
    *,
    model: CodingModel | None = None,
    mode: str | None = None,
    unit: str = "sentence",
    roles: Sequence[str] = (RESPONDENT,),
    spacy_model: str | dict[str, str] | None = None,
) -> CodingResult:
    """Code ``corpus`` with ``codebook`` and return the codings, segments and documents tables.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        From :func:`qualcode.read_corpus`.
    codebook : Codebook
        From :func:`qualcode.load_codebook`.
    model : CodingModel, optional
        From :func:`qualcode.load_model`; with a model the default mode is the hybrid.
    mode : {"rules", "model", "hybrid"}, optional
        Rules only, model only, or both (see :mod:`qualcode.coding.hybrid`).
    unit : {"sentence", "paragraph", "turn", "document"}
    roles : sequence of str
        Whose speech is coded (default: respondents only).
    spacy_model : str or dict, optional
        Installed trained spaCy pipeline(s) to use instead of the built-in lemmatizer.

    Returns
    -------
    CodingResult
        With ``codings``, ``segments`` and ``documents`` DataFrames (columns in
        :mod:`qualcode.tables`).

    Examples
    --------
    >>> import qualcode
    >>> codebook = qualcode.load_codebook("codebooks/kennismigratie.yaml")  # doctest: +SKIP
    >>> result = qualcode.code(qualcode.read_corpus("corpora/sample"), codebook)  # doctest: +SKIP
    >>> result.frequencies().head()  # doctest: +SKIP
    """
    return Coder(
        codebook, model=model, mode=mode, unit=unit, roles=roles, spacy_model=spacy_model
    ).code(corpus)
