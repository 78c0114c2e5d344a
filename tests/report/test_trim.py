from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.report.trim import OMISSION, anchor_terms, find_anchor, trim_quote

LONG = (
    "We came for the job, which was honestly great from the start. "
    "But finding a flat in Amsterdam took us four months, we saw thirty places, and the "
    "landlords all wanted three payslips and a Dutch guarantor. "
    "In the end a colleague knew someone."
)


def test_short_quotes_are_only_normalised() -> None:
    assert trim_quote("  Housing   was\nhard. ", 10) == ("Housing was hard.", False)


def test_keeps_the_sentence_with_the_anchor_and_marks_both_cuts() -> None:
    text, trimmed = trim_quote(LONG, 30, anchor=anchor_terms("find ... flat|apartment"))
    assert trimmed
    assert text.startswith(f"{OMISSION} ")
    assert "finding a flat in Amsterdam" in text
    assert "the start" not in text  # the first sentence was dropped to fit
    assert len(text.replace(OMISSION, "").split()) <= 30


def test_long_sentence_is_cut_at_a_clause_boundary() -> None:
    text, trimmed = trim_quote(LONG, 16, anchor=["landlord"])
    assert trimmed
    # the anchor's clause, the clause before it (it fits), and marks for what is left out
    assert text == (
        f"{OMISSION} we saw thirty places, and the landlords all wanted three payslips and a "
        f"Dutch guarantor. {OMISSION}"
    )


def test_without_anchor_keeps_the_start() -> None:
    text, _ = trim_quote(LONG, 12)
    assert text == f"We came for the job, which was honestly great from the start. {OMISSION}"


def test_a_clause_longer_than_the_limit_is_cut_between_words() -> None:
    text, trimmed = trim_quote(" ".join(f"w{i}" for i in range(40)), 10, anchor=["w20"])
    kept = text.replace(OMISSION, "").split()
    assert trimmed and "w20" in kept and len(kept) == 10
    assert text.startswith(OMISSION) and text.endswith(OMISSION)


def test_a_long_clause_cut_up_to_its_end_has_no_trailing_mark() -> None:
    words = " ".join(f"w{i}" for i in range(30)) + " housing"
    text, trimmed = trim_quote(words, 10, anchor=["housing"])
    assert trimmed and text == f"{OMISSION} w21 w22 w23 w24 w25 w26 w27 w28 w29 housing"


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    said = 'My wife said "we will leave." She was right about the rent, it was far too high for us.'
    kept = f'My wife said "we will leave." {OMISSION}'
    assert trim_quote(said, 8, anchor=["wife"]) == (kept, True)
    aside = "Nothing happened for a long while. (It was bad.) Housing was the real problem here."
    text, _ = trim_quote(aside, 9, anchor=["housing"])
    assert text == f"{OMISSION} (It was bad.) Housing was the real problem here."


def test_the_anchor_is_a_form_of_the_word_not_a_word_containing_it() -> None:
    text = (
        "My parents visited us in the first year and they loved the canals and the bikes. "
        "We moved twice that year because the landlord sold the building and we had to find "
        "something new quickly. In the end the rent was simply too high for us."
    )
    assert trim_quote(text, 20, anchor=anchor_terms("rent")) == (
        f"{OMISSION} In the end the rent was simply too high for us.",
        True,
    )
    words = ["Different", "parents,", "current", "rents", "rented"]
    assert find_anchor(words, ["rent"]) == 3
    assert find_anchor(["flat-hunting"], ["hunt"]) == 0
    # a leading wildcard matches inside a word (Dutch compounds), a trailing one a word's start
    assert find_anchor(["huurwoningen"], anchor_terms("*woning")) == 0
    assert find_anchor(["huurwoningen"], anchor_terms("woning*")) is None
    assert find_anchor(["Housing."], anchor_terms("hous*")) == 0


def test_anchor_terms() -> None:
    assert anchor_terms("the? 30 % rule") == ["the", "rule"]
    assert anchor_terms("/hous(e|ing)/ market") == ["market"]
    assert anchor_terms(None) == [] and anchor_terms("[{'LOWER': 'x'}]") == []


def test_rejects_a_silly_limit() -> None:
    with pytest.raises(ValueError):
        trim_quote("a b", 0)


_word = st.text(st.characters(codec="utf-8", exclude_categories=("Z", "C")), min_size=1, max_size=8)
_sep = st.sampled_from([" ", ", ", ". ", "; ", " - ", "? ", " — ", ".) ", '." '])


@given(st.lists(st.tuples(_word, _sep), min_size=1, max_size=80), st.integers(3, 40), st.data())
def test_never_cuts_inside_a_word(parts, max_words, data) -> None:
    text = "".join(word + sep for word, sep in parts).strip()
    source = text.split()
    anchor_index = data.draw(st.integers(0, len(source) - 1))
    anchor = source[anchor_index].strip(",.;?-—").lower()
    result, trimmed = trim_quote(text, max_words, anchor=[anchor] if len(anchor) >= 3 else None)
    kept = [w for w in result.split() if w != OMISSION]
    assert len(kept) <= max_words
    assert trimmed == (len(source) > max_words)
    if not trimmed:
        assert result == " ".join(source)
        return
    # the kept words are a contiguous run of the source's words, whole (a clause's trailing
    # comma or dash may go before an omission mark)
    starts = [
        i for i in range(len(source) - len(kept) + 1)
        if all(
            source[i + j] == w or source[i + j].rstrip(" ,;:—–-") == w
            for j, w in enumerate(kept)
        )
    ]  # fmt: skip
    assert starts, (text, result)
    if len(starts) == 1:  # where the kept run lies is known: marks exactly where words are left out
        assert result.startswith(OMISSION) == (starts[0] > 0), (text, result)
        assert result.endswith(OMISSION) == (starts[0] + len(kept) < len(source)), (text, result)
