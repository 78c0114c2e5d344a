from __future__ import annotations

import pytest

from qualcode.codebook.patterns import GAP, PatternSyntaxError, compile_pattern
from qualcode.nlp import load_pipeline


@pytest.fixture(scope="module")
def en():
    return load_pipeline("en")


@pytest.fixture(scope="module")
def nl():
    return load_pipeline("nl")


def test_plain_phrase_is_lemmatised(en) -> None:
    compiled = compile_pattern("Looking for Houses", en)
    assert compiled.phrase == ("look", "for", "house")
    assert compiled.tokens is None


def test_marks_become_token_patterns(en) -> None:
    tokens = compile_pattern("find ... flats|apartment the?", en).tokens
    assert tokens == (
        {"LEMMA": "find"},
        GAP,
        {"LEMMA": {"IN": ["apartment", "flat"]}},
        {"LEMMA": "the", "OP": "?"},
    )


def test_wildcards_match_dutch_compounds(nl) -> None:
    tokens = compile_pattern("*woning", nl).tokens
    assert tokens == ({"LEMMA": {"REGEX": "^(?:.*woning)$"}},)


def test_regex_and_raw_token_patterns(en) -> None:
    assert compile_pattern("/^30%?$/", en).tokens == ({"LEMMA": {"REGEX": "^30%?$"}},)
    raw = [{"LOWER": "expat"}, {"LEMMA": "rule"}]
    assert compile_pattern(raw, en).tokens == tuple(raw)


@pytest.mark.parametrize(
    "pattern",
    ["", "   ", "... flat", "flat ...", "a||b", "*", "/[unclosed/", "x? y?", "30%|thirty"],
)
def test_malformed_patterns_are_rejected(en, pattern) -> None:
    with pytest.raises(PatternSyntaxError):
        compile_pattern(pattern, en)


def test_unknown_token_attribute_is_rejected_by_spacy(en) -> None:
    with pytest.raises(PatternSyntaxError) as info:
        compile_pattern([{"LEMA": "x"}], en)
    assert info.value.token_pattern
    assert "LEMA" in str(info.value)


def test_optional_regex(en) -> None:
    assert compile_pattern("the /^\\d+$/? rule", en).tokens == (
        {"LEMMA": "the"},
        {"LEMMA": {"REGEX": "^\\d+$"}, "OP": "?"},
        {"LEMMA": "rule"},
    )
