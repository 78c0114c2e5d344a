"""Segmentation: documents into sentences, paragraphs, turns or whole documents.

Sentences never cross a turn or a line break: each line of a turn (a *paragraph*) is split into
sentences on its own. Every segment's offsets point into the document text, and segments never
overlap, so the segments of a document and the gaps between them concatenate to its text.
A segment's times are those of the cues it falls in (:meth:`Document.times
<qualcode.records.Document.times>`), so a sentence in a turn merged from several subtitle cues
gets its own cue's time, not the turn's.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from qualcode.errors import CorpusError, problem
from qualcode.nlp.sentences import sentence_bounds
from qualcode.records import Document, Segment, Turn

__all__ = [
    "UNITS",
    "Paragraph",
    "ParagraphSentence",
    "check_unit",
    "is_hard_wrapped",
    "paragraph_sentences",
    "paragraphs",
    "segment_document",
    "sentence_spans",
    "unit_segments",
]

#: Segmentation units, finest first.
UNITS: tuple[str, ...] = ("sentence", "paragraph", "turn", "document")


def check_unit(unit: str) -> str:
    """Return ``unit`` if it is a segmentation unit, else raise ``CorpusError`` (E112)."""
    if unit not in UNITS:
        raise CorpusError(problem("E112", unit=unit, units=", ".join(UNITS)))
    return unit


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a turn, trimmed: the span sentences are split within.

    Normally one non-blank line. In a hard-wrapped transcript (lines broken at a fixed width,
    ``wrapped``) it is a block of lines between blank lines, and its single line breaks are
    read as spaces.
    """

    turn: Turn
    start: int
    end: int
    wrapped: bool = False


def paragraphs(document: Document, roles: Iterable[str] | None = None) -> list[Paragraph]:
    """The paragraphs of the turns whose role is in ``roles`` (all turns for ``None``).

    Examples
    --------
    >>> from qualcode.records import Turn
    >>> doc = Document("d", "A: one\\n two \\n\\nthree", (Turn(0, "A", "respondent", 3, 19),), "en")
    >>> [doc.text[p.start:p.end] for p in paragraphs(doc)]
    ['one', 'two', 'three']
    """
    wanted = None if roles is None else set(roles)
    wrapped = is_hard_wrapped(document)
    pattern = _BLOCK if wrapped else _LINE
    found: list[Paragraph] = []
    text = document.text
    for turn in document.turns:
        if wanted is not None and turn.role not in wanted:
            continue
        for match in pattern.finditer(text, turn.start, turn.end):
            piece = match.group()
            start = match.start() + len(piece) - len(piece.lstrip())
            end = match.end() - (len(piece) - len(piece.rstrip()))
            found.append(Paragraph(turn, start, end, wrapped))
    return found


#: A non-blank line; a run of non-blank lines (a paragraph of a hard-wrapped transcript).
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_TERMINAL_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")


def is_hard_wrapped(document: Document, *, min_breaks: int = 5) -> bool:
    """Whether the document's turns are hard-wrapped: most line breaks inside a turn fall in the
    middle of a sentence (the line does not end a sentence, or the next one starts in lower case).

    Transcripts that put each paragraph on its own line (the usual case) are not; text exported
    at a fixed width (some transcription tools, e-mail) is.

    Examples
    --------
    >>> from qualcode.records import Turn
    >>> lines = ["we looked for a flat for", "months and then we found", "one"] * 3
    >>> text = "A: " + "\\n".join(lines)
    >>> is_hard_wrapped(Document("d", text, (Turn(0, "A", "respondent", 3, len(text)),), "en"))
    True
    """
    breaks = mid_sentence = 0
    for turn in document.turns:
        lines = [line.strip() for line in document.text[turn.start : turn.end].split("\n")]
        for line, following in itertools.pairwise(lines):
            if line and following:
                breaks += 1
                if not _TERMINAL_END.search(line) or following[:1].islower():
                    mid_sentence += 1
    return breaks >= min_breaks and mid_sentence >= 0.6 * breaks


@dataclass(frozen=True, slots=True)
class ParagraphSentence:
    """A sentence found by :func:`paragraph_sentences`: its paragraph, its character offsets in
    the document, and its token range in ``doc``."""

    paragraph: int
    start: int
    end: int
    doc: Doc
    first: int
    last: int


#: Paragraphs are processed together in docs of at most this many characters.
_CHUNK_CHARS = 200_000


def paragraph_sentences(
    document: Document, paras: Sequence[Paragraph], nlp: Language
) -> Iterator[ParagraphSentence]:
    """Split ``paras`` of ``document`` into sentences with the pipeline ``nlp``.

    Paragraphs are joined by newlines into a few large docs (one per document unless it is very
    long) rather than one doc each: spaCy's per-doc cost dominates on short lines. A line break
    always starts a sentence, so no sentence crosses a paragraph and the sentences are those of
    each paragraph on its own.
    """
    chunk: list[int] = []
    size = 0
    for index, paragraph in enumerate(paras):
        chunk.append(index)
        size += paragraph.end - paragraph.start + 1
        if size >= _CHUNK_CHARS:
            yield from _chunk_sentences(document, paras, chunk, nlp)
            chunk, size = [], 0
    if chunk:
        yield from _chunk_sentences(document, paras, chunk, nlp)


def _chunk_sentences(
    document: Document, paras: Sequence[Paragraph], chunk: list[int], nlp: Language
) -> Iterator[ParagraphSentence]:
    # a hard-wrapped paragraph's line breaks are spaces to the sentence splitter (same length,
    # so offsets are unchanged); other paragraphs are single lines
    texts = [
        document.text[paras[i].start : paras[i].end].replace("\n", " ")
        if paras[i].wrapped
        else document.text[paras[i].start : paras[i].end]
        for i in chunk
    ]
    starts: list[int] = []  # where each paragraph begins in the joined text
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    doc = nlp("\n".join(texts))
    for first, last, start, end in sentence_bounds(doc):
        k = bisect.bisect_right(starts, start) - 1
        offset = paras[chunk[k]].start - starts[k]
        yield ParagraphSentence(chunk[k], offset + start, offset + end, doc, first, last)


def sentence_spans(doc: Doc, offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (whitespace trimmed), shifted by ``offset``."""
    return [(offset + start, offset + end) for _, _, start, end in sentence_bounds(doc)]


def unit_segments(
    document: Document,
    paras: Sequence[Paragraph],
    unit: str,
    sentences: Sequence[tuple[int, int, int]] = (),
) -> tuple[list[Segment], list[int]]:
    """Build the segments of ``unit`` and say which segment holds each sentence.

    Parameters
    ----------
    paras : sequence of Paragraph
        From :func:`paragraphs`.
    unit : str
        One of :data:`UNITS`.
    sentences : sequence of (paragraph index, start, end)
        Sentence spans; required for ``unit="sentence"``.

    Returns
    -------
    segments : list of Segment
    owner : list of int
        For each sentence, the index of the segment that contains it.
    """
    check_unit(unit)
    text = document.text
    if unit == "sentence":
        segments = [
            _segment(document, i, paras[p].turn, start, end)
            for i, (p, start, end) in enumerate(sentences)
        ]
        return segments, list(range(len(sentences)))
    if unit == "paragraph":
        group_of = list(range(len(paras)))
    elif unit == "turn":
        turn_ids: dict[int, int] = {}
        group_of = [turn_ids.setdefault(p.turn.index, len(turn_ids)) for p in paras]
    else:
        group_of = [0] * len(paras)
    groups: dict[int, list[Paragraph]] = {}
    for paragraph, group in zip(paras, group_of, strict=True):
        groups.setdefault(group, []).append(paragraph)
    segments = []
    for index, members in groups.items():
        turns = {p.turn.index: p.turn for p in members}
        start, end = members[0].start, members[-1].end
        if len(turns) == 1:
            segments.append(_segment(document, index, members[0].turn, start, end))
            continue
        speakers = {t.speaker for t in turns.values()}
        roles = {t.role for t in turns.values()}
        start_time, end_time = _times(document, None, start, end)
        segments.append(
            Segment(
                document=document.id,
                index=index,
                turn=members[0].turn.index,
                speaker=speakers.pop() if len(speakers) == 1 else None,
                role=roles.pop() if len(roles) == 1 else "mixed",
                start=start,
                end=end,
                text=text[start:end],
                start_time=start_time,
                end_time=end_time,
            )
        )
    owner = [group_of[p] for p, _, _ in sentences]
    return segments, owner


def _segment(document: Document, index: int, turn: Turn, start: int, end: int) -> Segment:
    start_time, end_time = _times(document, turn, start, end)
    return Segment(
        document=document.id,
        index=index,
        turn=turn.index,
        speaker=turn.speaker,
        role=turn.role,
        start=start,
        end=end,
        text=document.text[start:end],
        start_time=start_time,
        end_time=end_time,
    )


def _times(
    document: Document, turn: Turn | None, start: int, end: int
) -> tuple[float | None, float | None]:
    """The times of the cues the segment falls in; else its turn's times (a labelled turn
    whose source gives only a start time)."""
    start_time, end_time = document.times(start, end)
    if start_time is None and turn is not None:
        return turn.start_time, turn.end_time
    return start_time, end_time


def segment_document(
    document: Document,
    *,
    unit: str = "sentence",
    roles: Iterable[str] | None = None,
    nlp_model: str | None = None,
) -> list[Segment]:
    """Segment one document.

    Parameters
    ----------
    document : Document
    unit : {"sentence", "paragraph", "turn", "document"}
    roles : iterable of str, optional
        Only turns of these roles (all turns for ``None``).
    nlp_model : str, optional
        Installed spaCy pipeline to split sentences with (default: the built-in one).

    Examples
    --------
    >>> from qualcode.records import Turn
    >>> doc = Document("d", "R: Rent is high. We left.", (Turn(0, "R", "respondent", 3, 25),), "en")
    >>> [s.text for s in segment_document(doc)]
    ['Rent is high.', 'We left.']
    """
    check_unit(unit)
    paras = paragraphs(document, roles)
    sentences: list[tuple[int, int, int]] = []
    if unit == "sentence" and paras:
        from qualcode.nlp import load_pipeline

        nlp = load_pipeline(document.language, nlp_model)
        sentences = [
            (s.paragraph, s.start, s.end) for s in paragraph_sentences(document, paras, nlp)
        ]
    segments, _ = unit_segments(document, paras, unit, sentences)
    return segments
