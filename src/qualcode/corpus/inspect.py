"""A corpus at a glance: one row per document with format, language, speakers, words, attributes."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from qualcode.records import INTERVIEWER, OTHER, RESPONDENT, Corpus, Document

__all__ = ["INSPECT_COLUMNS", "inspect_corpus", "summarise_corpus"]

#: Columns of :func:`inspect_corpus`, in order.
INSPECT_COLUMNS: list[str] = [
    "document",
    "format",
    "language",
    "speakers",
    "turns",
    "interviewer_turns",
    "respondent_turns",
    "other_turns",
    "words",
    "respondent_words",
    "preamble",
    "duration",
    "attributes",
    "source",
]


def _speaker_turns(document: Document) -> list:
    """Turns spoken by someone: all but the speakerless preamble and headings."""
    return [t for t in document.turns if t.speaker is not None or t.role != OTHER]


def inspect_corpus(corpus: Corpus) -> pd.DataFrame:
    """Describe each document of ``corpus``.

    Returns
    -------
    pandas.DataFrame
        One row per document with columns (:data:`INSPECT_COLUMNS`):

        ``document``, ``format``, ``language``; ``speakers`` (``"Name (role): turns"`` joined
        by ``"; "``, in order of first appearance; an unlabelled respondent is ``"(none)"``);
        ``turns`` (spoken turns; the preamble and headings are not turns) and
        ``interviewer_turns``, ``respondent_turns``, ``other_turns``; ``words`` and
        ``respondent_words`` (whitespace-separated, in spoken turns); ``preamble`` (text before
        the first label was kept); ``duration`` (seconds from the first to the last timed cue,
        ``NaN`` without times); ``attributes`` (``key=value`` joined by ``"; "``); ``source``.

    Examples
    --------
    >>> from qualcode.records import Turn
    >>> doc = Document("d", "I: Why?\\nR: Work.", (Turn(0, "I", "interviewer", 3, 7),
    ...                Turn(1, "R", "respondent", 11, 16)), "en", attributes={"city": "Delft"})
    >>> row = inspect_corpus(Corpus((doc,))).iloc[0]
    >>> row["speakers"], int(row["turns"]), row["attributes"]
    ('I (interviewer): 1; R (respondent): 1', 2, 'city=Delft')
    """
    rows = []
    for document in corpus:
        spoken = _speaker_turns(document)
        per_speaker = Counter(t.speaker for t in spoken)
        roles = {t.speaker: t.role for t in reversed(spoken)}
        per_role = Counter(t.role for t in spoken)
        speakers = "; ".join(
            f"{speaker if speaker is not None else '(none)'} ({roles[speaker]}): {count}"
            for speaker, count in per_speaker.items()
        )
        timeline = document.timeline
        duration = (
            (timeline[-1].end_time or timeline[-1].start_time) - timeline[0].start_time
            if timeline
            else float("nan")
        )
        rows.append(
            {
                "document": document.id,
                "format": document.format,
                "language": document.language,
                "speakers": speakers,
                "turns": len(spoken),
                "interviewer_turns": per_role[INTERVIEWER],
                "respondent_turns": per_role[RESPONDENT],
                "other_turns": per_role[OTHER],
                "words": sum(len(document.turn_text(t).split()) for t in spoken),
                "respondent_words": document.words((RESPONDENT,)),
                "preamble": len(spoken) < len(document.turns),
                "duration": duration,
                "attributes": "; ".join(f"{k}={v}" for k, v in document.attributes.items()),
                "source": document.source,
            }
        )
    return pd.DataFrame(rows, columns=INSPECT_COLUMNS)


def summarise_corpus(corpus: Corpus) -> dict[str, object]:
    """Totals over ``corpus``: documents, per format and language, turns, words, attributes.

    Examples
    --------
    >>> summarise_corpus(Corpus(()))["documents"]
    0
    """
    frame = inspect_corpus(corpus)
    attributes: Counter[str] = Counter()
    for document in corpus:
        attributes.update(document.attributes.keys())
    return {
        "documents": len(frame),
        "formats": dict(Counter(frame["format"])),
        "languages": dict(Counter(frame["language"])),
        "turns": int(frame["turns"].sum()),
        "words": int(frame["words"].sum()),
        "respondent_words": int(frame["respondent_words"].sum()),
        "attributes": dict(attributes),
        "skipped": len(corpus.skipped),
    }
