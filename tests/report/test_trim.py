from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.report.trim import OMISSION, anchor_terms, trim_quote

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


def test_anchor_terms() -> None:
    assert anchor_terms("the? 30 % rule") == ["the", "rule"]
    assert anchor_terms("/hous(e|ing)/ market") == ["market"]
    assert anchor_terms(None) == [] and anchor_terms("[{'LOWER': 'x'}]") == []


def test_rejects_a_silly_limit() -> None:
    with pytest.raises(ValueError):
        trim_quote("a b", 0)


_word = st.text(st.characters(codec="utf-8", exclude_categories=("Z", "C")), min_size=1, max_size=8)
_sep = st.sampled_from([" ", ", ", ". ", "; ", " - ", "? ", " — "])


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
    assert result.startswith(OMISSION) == (starts[0] > 0) or len(starts) > 1
