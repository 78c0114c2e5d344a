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
    assert tokens == ({"LEMMA": {"REGEX": "^(?:.*woning(?:en|s|'s|e)?)$"}},)
    assert compile_pattern("huur*", nl).tokens == ({"LEMMA": {"REGEX": "^(?:huur.*)$"}},)


@pytest.mark.parametrize(
    "language,pattern,text,found",
    [
        ("nl", "*woning", "Er zijn geen starterswoningen.", True),  # unknown to the lemmatizer
        ("nl", "*woning", "We zochten huurwoningen.", True),
        ("nl", "*woning", "De woningnood is groot.", False),
        ("en", "*house", "We looked at townhouses.", True),
    ],
)
def test_wildcards_take_plurals_the_lemmatizer_left(language, pattern, text, found) -> None:
    from qualcode.codebook import codebook_from_dict
    from qualcode.coding.rules import RuleSet

    codebook = codebook_from_dict(
        {
            "name": "x",
            "languages": [language],
            "codes": [{"id": "h", "label": "H", "patterns": {language: [pattern]}}],
        }
    )
    nlp = load_pipeline(language)
    assert bool(RuleSet(codebook, nlp, language).hits(nlp(text))) is found


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
