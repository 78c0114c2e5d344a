from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from qualcode.coding.features import char_ngrams, turn_contexts
from qualcode.coding.rules import RuleMatch

_reference = TfidfVectorizer(
    analyzer="char_wb", ngram_range=(3, 5), lowercase=False
).build_analyzer()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcéz'-9", min_size=1, max_size=9), max_size=8))
def test_char_ngrams_are_scikit_learns_char_wb(words) -> None:
    text = " ".join(words)
    assert char_ngrams(text) == _reference(text)


def test_turn_contexts_reset_at_each_turn() -> None:
    a, b = RuleMatch("a", "x", 0, 1), RuleMatch("b", "y", 0, 1, negated=True)
    contexts = turn_contexts([[a], [b], [a], [], []], [0, 0, 0, 0, 1])
    assert [opens for _, _, opens in contexts] == [True, False, False, False, True]
    assert contexts[3][1] == ("a",)  # 'b' was negated: it does not carry
    assert contexts[4] == ((), (), True)
