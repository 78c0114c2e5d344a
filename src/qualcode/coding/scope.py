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
    negations: frozenset[int]
    dismissals: frozenset[int]
    hypothetical: bool

    @classmethod
    def of(cls, sentence: Span, language: str) -> SentenceScope:
        """Analyse ``sentence`` (a span whose tokens carry lower-cased lemmas)."""
        lexicon: Lexicon = LEXICONS[language]
        clause_of: list[int] = []
        clause = 0
        negations: set[int] = set()
        dismissals: set[int] = set()
        lemmas = [t.lemma_ or t.lower_ for t in sentence]
        lowers = [t.lower_ for t in sentence]
        for i, token in enumerate(sentence):
            lemma, lower = lemmas[i], lowers[i]
            if (token.is_punct and token.text in _BREAK_PUNCT) or lemma in lexicon.clause_breaks:
                clause += 1
            clause_of.append(clause)
            if lemma in lexicon.negation or lower in lexicon.negation:
                negations.add(i)
            if lemma in lexicon.dismissal or lower in lexicon.dismissal:
                dismissals.add(i)
        return cls(
            tuple(clause_of),
            frozenset(negations),
            frozenset(dismissals),
            _is_hypothetical(lemmas, lowers, lexicon),
        )

    def negated(self, position: int) -> bool:
        """Whether a negation cue stands in the clause of token ``position``."""
        clause = self.clause_of[position]
        return any(self.clause_of[i] == clause for i in self.negations)

    def dismissed(self, start: int, end: int) -> bool:
        """Whether the mention at tokens ``start:end`` is said not to matter.

        True when its clause holds both a negation cue and a dismissal cue outside the mention
        ("housing was never a *problem*", "de regeling speelde *geen* *rol*").
        """
        clauses = {self.clause_of[i] for i in range(start, end)}
        negation = any(self.clause_of[i] in clauses for i in self.negations)
        dismissal = any(
            self.clause_of[i] in clauses and not start <= i < end for i in self.dismissals
        )
        return negation and dismissal

    def any_dismissal(self) -> bool:
        """Whether some clause holds both a negation and a dismissal cue ("played no role")."""
        return any(
            self.clause_of[n] == self.clause_of[d] for n in self.negations for d in self.dismissals
        )

    def distance(self, a: int, b: int) -> int:
        """Token distance, with a large penalty for crossing clauses (for choosing nearest cues)."""
        return abs(a - b) + (0 if self.clause_of[a] == self.clause_of[b] else 100)


def _is_hypothetical(lemmas: list[str], lowers: list[str], lexicon: Lexicon) -> bool:
    for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
        if lemma in lexicon.conditional or lower in lexicon.conditional:
            return True
        if lower in lexicon.modal or lemma in lexicon.modal:
            following = lemmas[i + 1 : i + 3]
            if not any(word in lexicon.hedges for word in following):
                return True
    return False
