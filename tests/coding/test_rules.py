"""Rule coding: negation, dismissal, hypotheticals, exclusions, facets — one sentence at a time."""

from __future__ import annotations

import pytest

from qualcode.coding.coder import Coder
from qualcode.records import Document, Turn


def _code(codebook, sentence: str, language: str = "en"):
    text = f"R: {sentence}"
    doc = Document("d", text, (Turn(0, "R", "respondent", 3, len(text)),), language)
    return Coder(codebook).code_document(doc).codings


def test_plain_mention_with_barrier_cue(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "Finding a flat in Utrecht was a nightmare.")
    assert (coding.code, coding.valence, coding.negated, coding.pattern) == (
        "housing.search",
        "barrier",
        False,
        "find ... flat|apartment|room",
    )


def test_dismissed_mention_is_negated_and_not_a_barrier(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "Housing was never a problem for us.")
    assert coding.code == "housing.search"
    assert coding.negated is True
    assert coding.valence is None


def test_negation_without_dismissal_is_a_real_barrier(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "We could not find a flat, it was impossible.")
    assert coding.negated is False
    assert coding.valence == "barrier"


@pytest.mark.parametrize(
    "sentence,language",
    [
        ("Renting a flat without a permanent contract was impossible.", "en"),
        ("Huur betalen zonder vast contract was lastig.", "nl"),
        ("Zonder contract een woning vinden is lastig.", "nl"),
    ],
)
def test_negating_preposition_negates_only_its_object(tiny_codebook, sentence, language) -> None:
    [coding] = _code(tiny_codebook, sentence, language)
    assert coding.negated is False
    assert coding.valence == "barrier"


@pytest.mark.parametrize(
    "sentence,language",
    [
        ("We found a flat without any problems.", "en"),
        ("We vonden een woning zonder al te veel drama.", "nl"),
    ],
)
def test_negating_preposition_dismisses_its_object(tiny_codebook, sentence, language) -> None:
    [coding] = _code(tiny_codebook, sentence, language)
    assert coding.negated is True
    assert coding.valence is None


def test_negated_driver_cue_becomes_barrier(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "Paying the rent was not easy.")
    assert coding.valence == "barrier"


def test_dutch_dismissal_after_the_mention(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "De 30%-regeling speelde geen rol.", "nl")
    assert coding.code == "policy.thirty_percent" and coding.negated


def test_hypothetical_with_stage(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "If the 30% ruling were gone, we would leave.")
    assert coding.code == "policy.thirty_percent"
    assert coding.hypothetical is True
    assert coding.stage == "leave"


def test_hedge_is_not_hypothetical(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "I would say the rent is fine.")
    assert coding.hypothetical is False


def test_negated_stage_cue_is_mapped(tiny_codebook) -> None:
    [coding] = _code(tiny_codebook, "Because it is safe we will not leave.")
    assert coding.stage == "stay"


def test_exclusion_pattern_suppresses_overlapping_hit(tiny_codebook) -> None:
    assert _code(tiny_codebook, "We went to a house party with colleagues.") == []


def test_clause_boundary_limits_scope(tiny_codebook) -> None:
    codes = {
        c.code: c for c in _code(tiny_codebook, "Safety was never an issue, but the rent was hard.")
    }
    assert codes["cultural.safety"].negated and codes["cultural.safety"].valence is None
    assert not codes["housing.search"].negated and codes["housing.search"].valence == "barrier"


@pytest.mark.parametrize(
    "sentence,language,codes",
    [
        ("We looked at twenty apartments before we found one.", "en", set()),
        ("We finally found an apartment through a colleague.", "en", {"housing.search"}),
        ("Ik voel me hier veilig.", "nl", {"cultural.safety"}),
        ("We zochten maanden naar een huurwoning.", "nl", {"housing.search"}),
        ("The weather is terrible.", "en", set()),
    ],
)
def test_which_codes_fire(tiny_codebook, sentence, language, codes) -> None:
    assert {c.code for c in _code(tiny_codebook, sentence, language)} == codes
