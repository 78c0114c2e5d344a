"""Rule coding: a codebook's patterns compiled into spaCy matchers over lemmas.

For each language a :class:`RuleSet` holds every code pattern, every exclusion pattern and every
facet cue: string patterns in a :class:`~qualcode.coding.matcher.LemmaMatcher` (fast, over lemma
strings) and raw spaCy token patterns in a spaCy ``Matcher``.
:func:`code_sentence` turns the hits inside one sentence into :class:`RuleMatch` records:

* a code hit overlapped by one of the code's ``exclude_patterns`` is dropped;
* a mention whose clause says the factor did not matter ("housing was never a problem") is
  ``negated``, and its valence comes only from (negated) cues, never from the code's default;
* a sentence with a conditional ("if the ruling were gone, we would leave") is ``hypothetical``;
* each facet takes the value of the cue nearest the mention, preferring its own clause; a
  negated cue is mapped through the facet's ``on_negation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from qualcode.codebook.patterns import compile_pattern
from qualcode.codebook.schema import Codebook, PatternItem
from qualcode.coding.matcher import LemmaMatcher
from qualcode.coding.scope import SentenceScope
from qualcode.nlp.lemmatizer import LEMMAS_KEY, doc_lemmas, doc_lowers

__all__ = ["Hit", "RuleMatch", "RuleSet", "code_sentence"]

CODE, EXCLUDE, CUE = "code", "exclude", "cue"


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match in a spaCy Doc (token offsets)."""

    kind: str  # "code", "exclude" or "cue"
    owner: str  # code id, or facet name for cues
    value: str | None  # facet value for cues
    pattern: str  # the pattern as written
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """The rule coder's decision for one code in one sentence."""

    code: str
    pattern: str
    start: int  # token offsets of the reported hit
    end: int
    negated: bool = False
    hypothetical: bool = False
    facets: dict[str, str | None] = field(default_factory=dict)


class RuleSet:
    """Every pattern of ``codebook`` for ``language``, compiled for the pipeline ``nlp``.

    Examples
    --------
    >>> from qualcode.codebook import codebook_from_dict
    >>> from qualcode.nlp import load_pipeline
    >>> cb = codebook_from_dict({"name": "x", "languages": ["en"], "codes": [
    ...     {"id": "housing", "label": "Housing", "patterns": {"en": ["find ... flat"]}}]})
    >>> nlp = load_pipeline("en")
    >>> rules = RuleSet(cb, nlp, "en")
    >>> [h.owner for h in rules.hits(nlp("We never found a decent flat."))]
    ['housing']
    """

    def __init__(self, codebook: Codebook, nlp: Language, language: str) -> None:
        self.language = language
        self.codebook = codebook
        self._lemmas = LemmaMatcher()  # string patterns: the fast path
        self._tokens = Matcher(nlp.vocab)  # raw spaCy token patterns, as written
        self._info: dict[int, tuple[str, str, str | None, str, int]] = {}
        self._specs_by_orth: dict[int, frozenset[int]] = {}
        self.size = 0
        for code in codebook.codes:
            if not code.codable:
                continue
            for kind, by_language in ((CODE, code.patterns), (EXCLUDE, code.exclude_patterns)):
                for i, item in enumerate(by_language.get(language, [])):
                    self._add(nlp, f"{kind}|{code.id}||{i}", (kind, code.id, None), item)
        for name, facet in codebook.facets.items():
            for value, items in facet.cues.get(language, {}).items():
                for i, item in enumerate(items):
                    self._add(nlp, f"{CUE}|{name}|{value}|{i}", (CUE, name, value), item)

    def _add(
        self, nlp: Language, key: str, info: tuple[str, str, str | None], item: PatternItem
    ) -> None:
        compiled = compile_pattern(item, nlp)
        match_id = nlp.vocab.strings.add(key)
        # the pattern's position in the codebook breaks ties between hits at the same place
        self._info[match_id] = (*info, compiled.source, len(self._info))
        if compiled.phrase is not None:
            self._lemmas.add_phrase(match_id, compiled.phrase)
        else:
            assert compiled.tokens is not None
            # patterns over lemma, lower-cased text and punctuation take the fast path; other
            # spaCy token attributes (POS, SHAPE, ...) stay with spaCy's Matcher
            if not self._lemmas.add(match_id, compiled.tokens):
                self._tokens.add(key, [list(compiled.tokens)])
        if info[0] == CODE:
            self.size += 1

    def hits(self, doc: Doc, bounds: Sequence[tuple[int, int]] | None = None) -> list[Hit]:
        """All pattern hits inside the sentences of ``doc``, sorted by position.

        ``bounds`` are the sentences' ``(first, end)`` token ranges (default: ``doc.sents``).
        """
        if bounds is None:
            bounds = [(sent.start, sent.end) for sent in doc.sents]
        raw: list[tuple[int, int, int]] = []
        if len(self._lemmas):
            raw.extend(self._lemmas.match(self._token_specs(doc), bounds))
        if len(self._tokens):
            raw.extend(self._tokens(doc))
        info = self._info
        raw.sort(key=lambda m: (m[1], m[2], info[m[0]][4]))
        return [Hit(*info[match_id][:4], start, end) for match_id, start, end in raw]

    def _token_specs(self, doc: Doc) -> list[frozenset[int]]:
        """Each token's matcher spec ids. With qualcode's own lemmatizer a token's lemma and
        lower-cased text follow from its text, so the spec ids are cached per token id."""
        lemmas, lowers = doc_lemmas(doc), doc_lowers(doc)
        specs_of = self._lemmas.specs_of
        if LEMMAS_KEY not in doc.user_data:  # a trained pipeline: lemmas depend on context
            return [specs_of(lemma, lower) for lemma, lower in zip(lemmas, lowers, strict=True)]
        cache = self._specs_by_orth
        at = []
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            found = cache.get(orth)
            if found is None:
                found = cache[orth] = specs_of(lemmas[i], lowers[i])
            at.append(found)
        return at


def code_sentence(
    sentence: Span, hits: Sequence[Hit], codebook: Codebook, language: str
) -> list[RuleMatch]:
    """Decide the rule codings of one sentence from the hits that fall inside it.

    Parameters
    ----------
    sentence : spacy.tokens.Span
        The sentence (tokens carry lower-cased lemmas).
    hits : sequence of Hit
        Hits of the sentence's Doc; those not inside the sentence are ignored.
    codebook : Codebook
    language : str

    Returns
    -------
    list of RuleMatch
        One per code, in order of first mention.
    """
    inside = [h for h in hits if h.start >= sentence.start and h.end <= sentence.end]
    if not any(h.kind == CODE for h in inside):
        return []
    offset = sentence.start
    scope = SentenceScope.of(sentence, language)
    excluded = [h for h in inside if h.kind == EXCLUDE]
    cues = [h for h in inside if h.kind == CUE]
    by_code: dict[str, list[Hit]] = {}
    for hit in inside:
        if hit.kind != CODE:
            continue
        if any(x.owner == hit.owner and x.start < hit.end and hit.start < x.end for x in excluded):
            continue
        by_code.setdefault(hit.owner, []).append(hit)
    matches = []
    for code_id, code_hits in by_code.items():
        dismissed = [scope.dismissed(h.start - offset, h.end - offset) for h in code_hits]
        chosen = next((h for h, d in zip(code_hits, dismissed, strict=True) if not d), code_hits[0])
        negated = all(dismissed)
        facets = _facet_values(chosen, cues, scope, offset, codebook, code_id, negated)
        matches.append(
            RuleMatch(
                code_id,
                chosen.pattern,
                chosen.start,
                chosen.end,
                negated,
                scope.hypothetical,
                facets,
            )
        )
    return matches


def _facet_values(
    mention: Hit,
    cues: Sequence[Hit],
    scope: SentenceScope,
    offset: int,
    codebook: Codebook,
    code_id: str,
    negated: bool,
) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    anchor = mention.start - offset
    for name, facet in codebook.facets.items():
        candidates = [c for c in cues if c.owner == name]
        value: str | None = None
        if candidates:
            cue = min(candidates, key=lambda c: (scope.distance(anchor, c.start - offset), c.start))
            value = cue.value
            if scope.negated(cue.start - offset):
                value = facet.on_negation.get(value)  # type: ignore[arg-type]
        elif not negated:
            value = codebook[code_id].facets.get(name)
        values[name] = value
    return values
