"""Features of a sentence for the classifier: lemmas, character n-grams, rule hits, context.

Each sentence becomes one row of a small DataFrame (:data:`FEATURE_COLUMNS`):

``lemmas``
    the sentence's lower-cased lemmas, punctuation dropped — word 1-2-grams over lemmas generalise
    over inflection ("found flats" ~ "find flat");
``chars``
    the same lemma string, for character 3-5-grams within words — they carry Dutch compounds
    ("huurwoning" ~ "woning") and spelling variants;
``rules``
    tokens for what the codebook's rules found: ``rule=<code>`` for a mention, ``dismissed=<code>``
    for one said not to matter, ``prev=<code>`` for a rule mention in the previous sentence of the
    same turn and ``turn=<code>`` for one earlier in the turn (pronouns and ellipsis: "It was
    awful."), ``opens_turn`` for an answer's first sentence, ``short``, and ``lang=<xx>``.

:func:`make_featurizer` turns the frame into a sparse matrix (a scikit-learn ``ColumnTransformer``
of TF-IDF and binary count vectorisers, so the fitted featurizer saves with skops).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from spacy.tokens import Span

from qualcode.coding.rules import RuleMatch
from qualcode.nlp.lemmatizer import doc_content_mask, doc_lemmas

__all__ = [
    "FEATURE_COLUMNS",
    "SentenceFeatures",
    "char_ngrams",
    "feature_frame",
    "make_featurizer",
    "sentence_features",
]

FEATURE_COLUMNS = ["lemmas", "chars", "rules"]


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """The raw features of one sentence (see the module docstring)."""

    lemmas: str
    rules: tuple[str, ...]


def sentence_features(
    sentence: Span,
    matches: Sequence[RuleMatch],
    language: str,
    previous: Sequence[RuleMatch] = (),
    earlier: Iterable[str] = (),
    first_in_turn: bool = False,
) -> SentenceFeatures:
    """Features of ``sentence`` given its rule matches and its context in the turn.

    Parameters
    ----------
    previous : sequence of RuleMatch
        Rule matches of the previous sentence of the same turn.
    earlier : iterable of str
        Codes the rules found in earlier sentences of the same turn (before the previous one).
    first_in_turn : bool
        Whether the sentence opens the respondent's turn (an answer to the interviewer).

    Examples
    --------
    >>> from qualcode.nlp import load_pipeline
    >>> doc = load_pipeline("en")("We found Flats, finally!")
    >>> sentence_features(doc[:], [], "en").lemmas
    'we find flat finally'
    """
    doc = sentence.doc
    words, content = doc_lemmas(doc), doc_content_mask(doc)
    kept = [words[i] for i in range(sentence.start, sentence.end) if content[i]]
    lemmas = " ".join(kept)
    rules = [f"lang={language}", "opens_turn" if first_in_turn else "in_turn"]
    if len(kept) <= 4:
        rules.append("short")  # short sentences lean on their context ("It was awful.")
    for match in matches:
        rules.append(f"{'dismissed' if match.negated else 'rule'}={match.code}")
    rules.extend(f"prev={match.code}" for match in previous if not match.negated)
    rules.extend(f"turn={code}" for code in earlier)
    return SentenceFeatures(lemmas, tuple(dict.fromkeys(rules)))


def turn_contexts(
    matches: Sequence[Sequence[RuleMatch]], turns: Sequence[int]
) -> list[tuple[Sequence[RuleMatch], tuple[str, ...], bool]]:
    """For sentences in document order: the previous sentence's matches, the codes matched
    earlier in the same turn (before the previous sentence), and whether it opens its turn.

    Examples
    --------
    >>> from qualcode.coding.rules import RuleMatch
    >>> a, b = RuleMatch("housing", "flat", 0, 1), RuleMatch("safety", "safe", 0, 1)
    >>> [(len(p), e, f) for p, e, f in turn_contexts([[a], [b], [], []], [0, 0, 0, 1])]
    [(0, (), True), (1, (), False), (1, ('housing',), False), (0, (), True)]
    """
    contexts: list[tuple[Sequence[RuleMatch], tuple[str, ...], bool]] = []
    earlier: dict[str, None] = {}
    for i, turn in enumerate(turns):
        opens = i == 0 or turns[i - 1] != turn
        if opens:
            earlier = {}
            contexts.append(((), (), True))
            continue
        if i >= 2 and turns[i - 2] == turn:
            earlier.update((m.code, None) for m in matches[i - 2] if not m.negated)
        contexts.append((matches[i - 1], tuple(earlier), False))
    return contexts


def feature_frame(features: Sequence[SentenceFeatures]) -> pd.DataFrame:
    """The featurizer's input: one row per sentence, columns :data:`FEATURE_COLUMNS`."""
    return pd.DataFrame(
        {
            "lemmas": [f.lemmas for f in features],
            "chars": [f.lemmas for f in features],
            "rules": [" ".join(f.rules) for f in features],
        },
        columns=FEATURE_COLUMNS,
    )


@functools.lru_cache(maxsize=300_000)
def _word_char_ngrams(word: str) -> tuple[str, ...]:
    # scikit-learn's "char_wb" n-grams of one word, 3 to 5 characters, padded with spaces
    padded = f" {word} "
    length = len(padded)
    grams = []
    for n in range(3, 6):
        offset = 0
        grams.append(padded[offset : offset + n])
        while offset + n < length:
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:  # a word shorter than n is counted once
            break
    return tuple(grams)


def char_ngrams(text: str) -> list[str]:
    """Character 3-5-grams within the words of ``text``, exactly as scikit-learn's
    ``analyzer="char_wb", ngram_range=(3, 5)`` gives them, cached per word: speech repeats its
    words, and n-gram extraction in Python was the slowest step of coding with a model.

    Examples
    --------
    >>> char_ngrams("flat")
    [' fl', 'fla', 'lat', 'at ', ' fla', 'flat', 'lat ', ' flat', 'flat ']
    """
    grams: list[str] = []
    for word in text.split():
        grams.extend(_word_char_ngrams(word))
    return grams


def make_featurizer(*, min_df: int = 2) -> ColumnTransformer:
    """An unfitted featurizer: word 1-2-grams and char 3-5-grams over lemmas (TF-IDF) plus
    binary rule/context/language tokens."""
    return ColumnTransformer(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=min_df,
                    sublinear_tf=True,
                    token_pattern=r"(?u)\b\w[\w'-]*\b",
                    lowercase=False,
                ),
                "lemmas",
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer=char_ngrams,
                    min_df=min_df,
                    sublinear_tf=True,
                    lowercase=False,
                    max_features=30_000,
                ),
                "chars",
            ),
            (
                "rules",
                CountVectorizer(binary=True, token_pattern=r"\S+", lowercase=False),
                "rules",
            ),
        ],
        sparse_threshold=1.0,
    )
