"""Language cues for scope: negation, dismissal, conditionals and clause breaks (as lemmas).

These are properties of English and Dutch, not of a codebook, so they live here; a codebook's
own cues (valence, stage) live in its ``facets``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LEXICONS", "Lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Cue lemmas for one language.

    Attributes
    ----------
    negation : frozenset of str
        Words that negate their clause.
    negating_prepositions : frozenset of str
        Negation words that negate only their object ("*without* a contract it was
        impossible": the contract is absent, "impossible" is not negated).
    copulas : frozenset of str
        Verbs that end a negating preposition's object ("zonder vast contract *was* ...").
    dismissal : frozenset of str
        Words that, negated, say a factor did not matter ("no *role*", "never a *problem*",
        "didn't *matter*"); a code mention in such a clause is recorded as ``negated``.
    conditional : frozenset of str
        Words that open a hypothetical ("if", "stel").
    verb_first_conditional : frozenset of str
        Verbs that open a hypothetical as the first word of a sentence that is not a question
        ("Mocht het misgaan, ..."; elsewhere "mocht" is "was allowed").
    fronted_conditional : frozenset of str
        Words that open a hypothetical as the first word of a sentence whose main clause, after
        a comma, starts with a ``then`` word or with a verb and its subject: "Als de regeling
        verdwijnt, vertrekken we" (not "Als student woonde ik ...", "as a student").
    then : frozenset of str
        Words that open the main clause after a fronted conditional ("dan").
    subjects : frozenset of str
        Subject pronouns, which follow the verb of an inverted main clause.
    modal : frozenset of str
        Conditional modals ("would", "zou").
    had_contractions : frozenset of str
        Modal spellings that also contract "had" ("'d"): not a modal before a past participle
        ("I'd been looking").
    hedges : frozenset of str
        Verbs after which a modal is a hedge, not a hypothetical ("I would *say*").
    clause_breaks : frozenset of str
        Conjunctions that start a new clause (punctuation breaks clauses too).
    """

    negation: frozenset[str]
    negating_prepositions: frozenset[str]
    copulas: frozenset[str]
    dismissal: frozenset[str]
    conditional: frozenset[str]
    verb_first_conditional: frozenset[str]
    fronted_conditional: frozenset[str]
    then: frozenset[str]
    subjects: frozenset[str]
    modal: frozenset[str]
    had_contractions: frozenset[str]
    hedges: frozenset[str]
    clause_breaks: frozenset[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEXICONS: dict[str, Lexicon] = {
    "en": Lexicon(
        negation=_words("not n't never no nothing none nobody neither nor without hardly barely"),
        negating_prepositions=_words("without"),
        copulas=_words("be is was were are been being seem become feel get make"),
        dismissal=_words(
            "matter role problem issue factor important importance concern worry care think "
            "consider reason influence difference deal priority bother relevant affect decisive "
            "motivation motivate drive criterion mind big dealbreaker thing count weigh play "
            "interested interest huge"
        ),
        conditional=_words("if unless suppose supposing imagine assuming"),
        verb_first_conditional=frozenset(),
        fronted_conditional=frozenset(),
        then=frozenset(),
        subjects=frozenset(),
        modal=_words("would 'd ’d wouldn't wouldn’t"),
        had_contractions=_words("'d ’d"),
        hedges=_words("say think guess argue imagine suppose like love"),
        clause_breaks=_words("but although though whereas while because since however yet except"),
    ),
    "nl": Lexicon(
        negation=_words(
            "niet nooit geen niemand niets niks nergens zonder nauwelijks noch allerminst"
        ),
        negating_prepositions=_words("zonder"),
        copulas=_words(
            "zijn is was waren ben bent worden werd werden wordt lijken leek blijken bleek"
        ),
        dismissal=_words(
            "rol probleem issue factor belangrijk uitmaken uit zorg zorgen reden invloed verschil "
            "boeien schelen interesseren prioriteit relevant meespelen meetellen punt bezighouden "
            "doorslaggevend motivatie overwegen nadenken denken uitmaakt punt drama"
        ),
        conditional=_words("stel indien tenzij ingeval"),
        verb_first_conditional=_words("mocht mochten"),
        fronted_conditional=_words("als"),
        then=_words("dan"),
        subjects=_words("ik je jij u we wij ze zij hij het er men jullie dat"),
        modal=_words("zou zouden"),
        had_contractions=frozenset(),
        hedges=_words("zeggen denken gokken vinden"),
        clause_breaks=_words(
            "maar hoewel terwijl omdat want dus alleen toch echter ofschoon behalve doordat"
        ),
    ),
}
