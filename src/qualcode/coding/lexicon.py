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
    dismissal : frozenset of str
        Words that, negated, say a factor did not matter ("no *role*", "never a *problem*",
        "didn't *matter*"); a code mention in such a clause is recorded as ``negated``.
    conditional : frozenset of str
        Words that open a hypothetical ("if", "stel").
    modal : frozenset of str
        Conditional modals ("would", "zou").
    hedges : frozenset of str
        Verbs after which a modal is a hedge, not a hypothetical ("I would *say*").
    clause_breaks : frozenset of str
        Conjunctions that start a new clause (punctuation breaks clauses too).
    """

    negation: frozenset[str]
    dismissal: frozenset[str]
    conditional: frozenset[str]
    modal: frozenset[str]
    hedges: frozenset[str]
    clause_breaks: frozenset[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEXICONS: dict[str, Lexicon] = {
    "en": Lexicon(
        negation=_words("not n't never no nothing none nobody neither nor without hardly barely"),
        dismissal=_words(
            "matter role problem issue factor important importance concern worry care think "
            "consider reason influence difference deal priority bother relevant affect decisive "
            "motivation motivate drive criterion mind big dealbreaker thing count weigh play "
            "interested interest huge"
        ),
        conditional=_words("if unless suppose supposing imagine assuming otherwise"),
        modal=_words("would 'd wouldn't"),
        hedges=_words("say think guess argue imagine suppose like love"),
        clause_breaks=_words("but although though whereas while because since however yet except"),
    ),
    "nl": Lexicon(
        negation=_words(
            "niet nooit geen niemand niets niks nergens zonder nauwelijks noch allerminst"
        ),
        dismissal=_words(
            "rol probleem issue factor belangrijk uitmaken uit zorg zorgen reden invloed verschil "
            "boeien schelen interesseren prioriteit relevant meespelen meetellen punt bezighouden "
            "doorslaggevend motivatie overwegen nadenken denken uitmaakt punt drama"
        ),
        conditional=_words("stel indien mocht mochten tenzij anders ingeval"),
        modal=_words("zou zouden"),
        hedges=_words("zeggen denken gokken vinden"),
        clause_breaks=_words(
            "maar hoewel terwijl omdat want dus alleen toch echter ofschoon behalve doordat"
        ),
    ),
}
