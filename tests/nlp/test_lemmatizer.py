from __future__ import annotations

import pytest

from qualcode.nlp import lemma_table, load_pipeline


@pytest.mark.parametrize(
    "language,words,lemma",
    [
        ("nl", ["vond", "vonden", "gevonden", "vinden"], "vinden"),
        ("nl", ["huis", "huizen"], "huis"),
        ("nl", ["kopen", "kocht", "gekocht"], None),  # one key for the family, whatever it is
        ("nl", ["woning", "woningen"], "woning"),
        ("en", ["find", "found", "finding"], "find"),
        ("en", ["flat", "flats", "Flats"], "flat"),
    ],
)
def test_word_families_share_a_key(language, words, lemma) -> None:
    lemma_of = lemma_table(language)
    keys = {lemma_of(w.lower()) for w in words}
    assert len(keys) == 1
    if lemma is not None:
        assert keys == {lemma}


@pytest.mark.parametrize(
    "language,word", [("nl", "het"), ("nl", "engels"), ("nl", "weken"), ("en", "evening")]
)
def test_pinned_words_do_not_merge_with_rarer_families(language, word) -> None:
    assert lemma_table(language)(word) in {word, "week"}


def test_pipeline_lemmas_are_lower_case() -> None:
    assert [t.lemma_ for t in load_pipeline("en")("We Found HOUSES")] == ["we", "find", "house"]
