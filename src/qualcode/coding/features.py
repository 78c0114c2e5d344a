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
    same turn (pronouns: "It was awful."), and ``lang=<xx>``.

:func:`make_featurizer` turns the frame into a sparse matrix (a scikit-learn ``ColumnTransformer``
of TF-IDF and binary count vectorisers, so the fitted featurizer saves with skops).
"""

from __future__ import annotations

from collections.abc import Sequence
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
) -> SentenceFeatures:
    """Features of ``sentence`` given its rule matches and those of the previous sentence.

    Examples
    --------
    >>> from qualcode.nlp import load_pipeline
    >>> doc = load_pipeline("en")("We found Flats, finally!")
    >>> sentence_features(doc[:], [], "en").lemmas
    'we find flat finally'
    """
    doc = sentence.doc
    words, content = doc_lemmas(doc), doc_content_mask(doc)
    lemmas = " ".join(words[i] for i in range(sentence.start, sentence.end) if content[i])
    rules = [f"lang={language}"]
    for match in matches:
        rules.append(f"{'dismissed' if match.negated else 'rule'}={match.code}")
    rules.extend(f"prev={match.code}" for match in previous if not match.negated)
    return SentenceFeatures(lemmas, tuple(dict.fromkeys(rules)))


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
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    min_df=min_df,
                    sublinear_tf=True,
                    lowercase=False,
                    max_features=60_000,
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
