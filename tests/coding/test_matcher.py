"""The lemma matcher agrees with spaCy's Matcher on the patterns codebooks compile to."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from qualcode.coding.matcher import LemmaMatcher

NLP = spacy.blank("en")
WORDS = ["find", "flat", "room", "rent", "high", "the", "a", "we", "not", "house", "huurwoning"]
WORDS += ["starterswoningen", "houses"]

_spec = st.one_of(
    st.sampled_from(WORDS).map(lambda w: {"LEMMA": w}),
    st.sampled_from(WORDS).map(lambda w: {"LOWER": w.upper() if w == "rent" else w}),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True).map(
        lambda ws: {"LOWER": {"NOT_IN": sorted(ws)}}
    ),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=3, unique=True).map(
        lambda ws: {"LEMMA": {"IN": sorted(ws)}}
    ),
    st.sampled_from(["^hou", "woning$", "^r", "^(?:.*woning(?:en|s|'s|e)?)$"]).map(
        lambda r: {"LEMMA": {"REGEX": r}}
    ),
)


@st.composite
def patterns(draw):
    specs = [draw(_spec)]
    for _ in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            specs.append({"OP": "{0,5}"})
        spec = dict(draw(_spec))
        if draw(st.integers(0, 3)) == 0:
            spec["OP"] = "?"
        specs.append(spec)
    return specs


@settings(max_examples=150, deadline=None)
@given(patterns(), st.lists(st.sampled_from(WORDS), min_size=0, max_size=12))
def test_same_starts_and_shortest_ends_as_spacy(pattern, words) -> None:
    doc = Doc(NLP.vocab, words=words or ["x"], lemmas=words or ["x"])
    reference = Matcher(NLP.vocab)
    reference.add("p", [pattern])
    shortest: dict[int, int] = {}
    for _, start, end in reference(doc):
        shortest[start] = min(end, shortest.get(start, end))
    # spaCy may also report matches that begin with an optional token that matched nothing
    # useful; compare on the starts where the first *required* token sits.
    ours = LemmaMatcher()
    assert ours.add(1, pattern)
    found = {start: end for _, start, end in ours(doc_lemmas(doc), lowers=[t.lower_ for t in doc])}
    for start, end in found.items():
        assert start in shortest and shortest[start] <= end
    required_starts = {s for s in shortest if _starts_with_required(pattern, doc, s)}
    assert required_starts <= set(found)


def doc_lemmas(doc: Doc) -> list[str]:
    return [t.lemma_ for t in doc]


def _starts_with_required(pattern, doc, start) -> bool:
    ours = LemmaMatcher()
    first_required = next(s for s in pattern if s.get("OP") != "?" and set(s) - {"OP"})
    ours.add(1, [{k: v for k, v in first_required.items() if k != "OP"}])
    lowers = [t.lower_ for t in doc]
    return any(s == start for _, s, _ in ours([t.lemma_ for t in doc], lowers=lowers))


def test_unsupported_specs_are_declined() -> None:
    matcher = LemmaMatcher()
    assert not matcher.add(1, [{"POS": "NOUN"}])
    assert not matcher.add(1, [{"LOWER": "x", "IS_PUNCT": True}])
    assert not matcher.add(1, [{"LEMMA": "x", "OP": "+"}])
    assert not matcher.add(1, [{"OP": "{2,5}"}, {"LEMMA": "x"}])
    assert len(matcher) == 0


def test_bounds_and_regex_cache() -> None:
    matcher = LemmaMatcher()
    matcher.add(1, [{"LEMMA": {"REGEX": "woning$"}}])
    lemmas = ["de", "huurwoning", ".", "koopwoning"]
    assert matcher(lemmas) == [(1, 1, 2), (1, 3, 4)]
    assert matcher(lemmas, 2, 4) == [(1, 3, 4)]
    assert matcher.specs_of("huurwoning") == frozenset({0})


def test_lower_and_not_in_specs() -> None:
    matcher = LemmaMatcher()
    assert matcher.add(
        1, [{"LOWER": {"IN": ["stay", "stayed"]}}, {"LOWER": {"NOT_IN": ["in", "at"]}}]
    )
    lemmas = ["we", "stay", "here", "we", "stay", "in", "a", "hotel"]
    assert matcher(lemmas, lowers=["we", "stayed", "here", "we", "stayed", "in", "a", "hotel"]) == [
        (1, 1, 3)
    ]


def test_optional_any_token_is_a_gap_of_one() -> None:
    matcher = LemmaMatcher()
    assert matcher.add(1, [{"LOWER": "new"}, {"OP": "?"}, {"LOWER": "job"}])
    assert matcher(["a", "new", "job"]) == [(1, 1, 3)]
    assert matcher(["a", "new", "great", "job"]) == [(1, 1, 4)]
    assert matcher(["a", "new", "very", "great", "job"]) == []
