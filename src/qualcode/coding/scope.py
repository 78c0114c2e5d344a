"""Clause scope inside a sentence: negation, dismissal ("did not matter") and hypotheticals.

Without a parser, a *clause* is the stretch of a sentence between punctuation marks and
clause-opening conjunctions ("but", "because", "maar", "omdat"). A cue acts on the clause it
stands in, whether it comes before or after the mention (Dutch puts "niet" late:
"de huur was niet het probleem").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from qualcode.coding.lexicon import LEXICONS, Lexicon

__all__ = ["SentenceScope"]

_BREAK_PUNCT = frozenset(',;:()—–-"“”')


@dataclass(frozen=True)
class SentenceScope:
    """Clause boundaries and cue positions of one sentence.

    Use :meth:`of` to build one from a spaCy sentence span. Token positions are relative to
    the start of the sentence.
    """

    clause_of: tuple[int, ...]
    #: Per negation cue, the first and last token it acts on: its whole clause, or for a
    #: negating preposition ("without a contract", "zonder problemen") only its object.
    negated_spans: tuple[tuple[int, int], ...]
    dismissals: frozenset[int]
    hypothetical: bool

    @classmethod
    def of(cls, sentence: Span, language: str) -> SentenceScope:
        """Analyse ``sentence`` (a span whose tokens carry lower-cased lemmas)."""
        lexicon: Lexicon = LEXICONS[language]
        clause_of: list[int] = []
        clause = 0
        negations: list[int] = []
        dismissals: set[int] = set()
        lemmas = [t.lemma_ or t.lower_ for t in sentence]
        lowers = [t.lower_ for t in sentence]
        for i, token in enumerate(sentence):
            lemma, lower = lemmas[i], lowers[i]
            if (token.is_punct and token.text in _BREAK_PUNCT) or lemma in lexicon.clause_breaks:
                clause += 1
            clause_of.append(clause)
            if lemma in lexicon.negation or lower in lexicon.negation:
                negations.append(i)
            if lemma in lexicon.dismissal or lower in lexicon.dismissal:
                dismissals.add(i)
        spans = tuple(_negated_span(i, clause_of, lemmas, lowers, lexicon) for i in negations)
        return cls(
            tuple(clause_of),
            spans,
            frozenset(dismissals),
            _is_hypothetical(lemmas, lowers, lexicon),
        )

    def negated(self, position: int) -> bool:
        """Whether a negation cue acts on token ``position``."""
        return any(first <= position <= last for first, last in self.negated_spans)

    def dismissed(self, start: int, end: int) -> bool:
        """Whether the mention at tokens ``start:end`` is said not to matter.

        True when its clause holds a negated dismissal cue outside the mention ("housing was
        never a *problem*", "de regeling speelde *geen* *rol*", "we found a flat without any
        *problems*").
        """
        clauses = {self.clause_of[i] for i in range(start, end)}
        return any(
            self.clause_of[d] in clauses and not start <= d < end and self.negated(d)
            for d in self.dismissals
        )

    def any_dismissal(self) -> bool:
        """Whether some clause holds a negated dismissal cue ("played no role")."""
        return any(self.negated(d) for d in self.dismissals)

    def distance(self, a: int, b: int) -> int:
        """Token distance, with a large penalty for crossing clauses (for choosing nearest cues)."""
        return abs(a - b) + (0 if self.clause_of[a] == self.clause_of[b] else 100)


#: Tokens a negating preposition can reach: "without (a permanent contract)", "zonder (al te
#: veel problemen)"; the object ends sooner at a copula ("... was impossible").
_PREPOSITION_REACH = 4


def _negated_span(
    at: int, clause_of: list[int], lemmas: list[str], lowers: list[str], lexicon: Lexicon
) -> tuple[int, int]:
    """The tokens the negation cue at ``at`` acts on (first, last), within its clause."""
    clause = clause_of[at]
    if lemmas[at] not in lexicon.negating_prepositions and (
        lowers[at] not in lexicon.negating_prepositions
    ):
        first = clause_of.index(clause)
        last = len(clause_of) - 1 - clause_of[::-1].index(clause)
        return first, last
    last = at
    for i in range(at + 1, min(at + 1 + _PREPOSITION_REACH, len(clause_of))):
        if clause_of[i] != clause or lemmas[i] in lexicon.copulas or lowers[i] in lexicon.copulas:
            break
        last = i
    return at, last


def _is_hypothetical(lemmas: list[str], lowers: list[str], lexicon: Lexicon) -> bool:
    if _fronted_conditional(lowers, lexicon):
        return True
    for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
        if lemma in lexicon.conditional or lower in lexicon.conditional:
            return True
        if lower in lexicon.had_contractions and _participle_follows(lemmas, lowers, i + 1):
            continue  # "I'd been looking": had, not would
        if lower in lexicon.modal or lemma in lexicon.modal:
            following = lemmas[i + 1 : i + 3]
            if not any(word in lexicon.hedges for word in following):
                return True
    return False


def _fronted_conditional(lowers: list[str], lexicon: Lexicon) -> bool:
    first = next((i for i, lower in enumerate(lowers) if lower[:1].isalnum()), None)
    if first is None:
        return False
    if lowers[first] in lexicon.verb_first_conditional:
        return "?" not in lowers[-2:]  # "Mocht je daar werken?" asks "were you allowed"
    if lowers[first] not in lexicon.fronted_conditional:
        return False
    for i in range(first + 1, len(lowers) - 1):
        if lowers[i] == ",":
            after = lowers[i + 1 : i + 3]
            if after[0] in lexicon.then:
                return True
            # "..., vertrekken we": a verb and its subject (not "..., maar je", "..., en ze")
            if (
                len(after) == 2
                and after[1] in lexicon.subjects
                and after[0].isalpha()
                and after[0] not in lexicon.clause_breaks
                and after[0] not in {"en", "of"}
            ):
                return True
    return False


#: Adverbs that may stand between "'d" and its verb ("I'd never been").
_ADVERBS = frozenset(
    {"never", "already", "just", "always", "also", "still", "only", "ever", "even", "often"}
    | {"then", "not", "n't", "n’t"}
)
#: Irregular past participles, in case the lemmatizer does not know them.
_IRREGULAR_PARTICIPLES = frozenset(
    {"been", "gone", "done", "had", "got", "made", "left", "felt", "kept", "thought", "bought"}
    | {"brought", "found", "told", "said", "heard", "lost", "met", "paid", "sent", "spent"}
    | {"built", "taught", "caught", "meant", "seen", "given", "taken", "known"}
)


def _participle_follows(lemmas: list[str], lowers: list[str], position: int) -> bool:
    """Whether a past participle follows ``position``, after at most one adverb (English).

    A participle is a verb form whose lemma differs from it ("been", "moved", "given"; not a
    third-person "-s" or an "-ing" form), a known irregular one, or an unknown word in "-ed".
    """
    window = slice(position, position + 2)
    for lemma, lower in zip(lemmas[window], lowers[window], strict=True):
        if lower in _ADVERBS or lower.endswith("ly"):
            continue
        if lower in _IRREGULAR_PARTICIPLES:
            return True
        if lemma != lower:
            return not lower.endswith(("s", "ing"))
        return lower.endswith("ed") and not lower.endswith("eed")
    return False
