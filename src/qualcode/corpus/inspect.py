"""A corpus at a glance: one row per document with format, language, speakers, words, attributes."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from qualcode.records import Corpus

__all__ = ["inspect_corpus"]


def inspect_corpus(corpus: Corpus) -> pd.DataFrame:
    """Describe each document of ``corpus``.

    Returns
    -------
    pandas.DataFrame
        Columns ``document``, ``format``, ``language``, ``speakers`` (``"Name (role): turns"``
        joined by ``"; "``), ``turns``, ``words``, ``respondent_words``, ``preamble`` (whether
        text before the first label was kept), ``attributes`` (``key=value`` pairs).

    Examples
    --------
    >>> inspect_corpus(read_corpus("corpora/sample"))  # doctest: +SKIP
    """
    rows = []
    for document in corpus:
        turns = Counter(t.speaker for t in document.turns if t.speaker is not None)
        speakers = "; ".join(
            f"{speaker} ({role}): {turns[speaker]}" for speaker, role in document.speakers.items()
        )
        rows.append(
            {
                "document": document.id,
                "format": document.format,
                "language": document.language,
                "speakers": speakers,
                "turns": sum(turns.values()),
                "words": document.words(),
                "respondent_words": document.words(("respondent",)),
                "preamble": any(t.speaker is None and t.role == "other" for t in document.turns),
                "attributes": "; ".join(f"{k}={v}" for k, v in document.attributes.items()),
            }
        )
    return pd.DataFrame(rows)
