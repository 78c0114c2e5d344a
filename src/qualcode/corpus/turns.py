"""Speaker turns in transcript text: finding speaker labels at the start of lines.

A turn starts at the beginning of a line with a label:

- ``Name:``, ``NAME:``, ``R1:``, ``Q:``, ``Speaker 1:``, ``**Interviewer:**`` (Markdown),
  ``Name (00:01:23):``, ``00:01:23 Name:``, ``[Name] text``;
- or a line holding only a label, the text following on the next lines, as transcription
  services export it: ``Speaker 1  0:03`` (Otter), ``00:00:03 Speaker 1``, or a bare
  ``Interviewee`` where the same label is used with a colon elsewhere in the file.

A candidate label counts as a speaker only when it recurs in the file, names a role, carries a
timestamp, or is a rare misspelling of an accepted label, so a line such as ``Note: ...`` inside
an answer stays text. Labels that differ only in case, spacing or a small misspelling
(``Interviewer 1`` / ``interviewer1`` / ``Interviwer 1``) are one speaker; numbered labels
(``Interviewer 1``, ``Interviewer 2``) stay apart.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "KNOWN_LABEL",
    "TurnSpan",
    "find_turns",
    "label_key",
    "parse_time",
]

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_NAME = r"[^\W\d_][\w.'’\-]*(?:[^\S\n][\w.'’\-]+){0,3}?"
_EMPHASIS = r"(?:\*\*|__|\*|_)?"
# Labels followed by the spoken text on the same line. Each style captures 'label' and
# optionally 'time'; the match ends where the spoken text begins.
_STYLES: tuple[re.Pattern[str], ...] = (
    # Name: / NAME: / R1: / Speaker 1: / Name (00:01:23): / Name [00:01:23]: / **Name:**
    re.compile(
        rf"^[^\S\n]*{_EMPHASIS}(?P<label>{_NAME}){_EMPHASIS}[^\S\n]*"
        rf"(?:[(\[](?P<time>{_TIME})[)\]])?[^\S\n]*{_EMPHASIS}:{_EMPHASIS}(?:[^\S\n]+|$)"
    ),
    # 00:01:23 Name: / [00:01:23] Name:
    re.compile(
        rf"^[^\S\n]*\[?(?P<time>{_TIME})\]?[^\S\n]+(?P<label>{_NAME})[^\S\n]*:(?:[^\S\n]+|$)"
    ),
    # [Name] text
    re.compile(rf"^[^\S\n]*\[(?P<label>{_NAME})\](?:[^\S\n]+|$)"),
)
# A line that is only a label, optionally with a time before or after it (text on next lines).
_BARE = re.compile(
    rf"^[^\S\n]*{_EMPHASIS}(?:\[?(?P<time_before>{_TIME})\]?[^\S\n]+)?(?P<label>{_NAME}){_EMPHASIS}"
    rf"(?:[^\S\n]+[(\[]?(?P<time_after>{_TIME})[)\]]?)?[^\S\n]*$"
)
_HEADING = re.compile(r"^[^\S\n]{0,3}#{1,6}(?:[^\S\n]|$)")

#: Labels that name a role ("Interviewer", "R2", "Speaker 1"): speakers even if used once.
KNOWN_LABEL = re.compile(
    r"^(?:interviewer|interviewster|interviewee|respondent|participant|moderator|int|resp|"
    r"i|r|q|a|p|speaker|spreker|deelnemer|onderzoeker|geïnterviewde)[^\S\n]*\d{0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TurnSpan:
    """A turn found in text before roles are known: label and the span of its spoken text."""

    speaker: str | None
    start: int
    end: int
    start_time: float | None = None
    end_time: float | None = None


def label_key(label: str) -> str:
    """The form under which labels are compared: case, spacing and emphasis ignored.

    Examples
    --------
    >>> label_key("**Interviewer  1**") == label_key("interviewer1")
    True
    """
    key = re.sub(r"\s+", " ", re.sub(r"^[\s*_]+|[\s*_]+$", "", label)).casefold()
    return re.sub(r"(?<=[^\W\d_]) (?=\d)", "", key)


def parse_time(value: str | None) -> float | None:
    """Seconds in ``"01:02:03"``, ``"02:03"`` or ``"02:03.5"`` (``None`` stays ``None``).

    Examples
    --------
    >>> parse_time("01:02:03"), parse_time("0:05,5"), parse_time(None)
    (3723.0, 5.5, None)
    """
    if not value:
        return None
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


@dataclass(frozen=True, slots=True)
class _Candidate:
    line_start: int
    text_start: int
    label: str
    time: str | None
    bare: bool  # the line holds only the label; the text starts on the next line


def find_turns(
    text: str,
    *,
    known: Iterable[str] = (),
    headings: bool = False,
    max_label_words: int = 4,
) -> list[TurnSpan]:
    """Split ``text`` into speaker turns at speaker labels.

    Parameters
    ----------
    text : str
        Normalised transcript text.
    known : iterable of str
        Labels the caller knows are speakers (e.g. from a table's speaker column): accepted
        even when they occur once.
    headings : bool
        Treat Markdown headings (``# ...``) as breaks: a heading and any unlabelled text after
        it form a turn without a speaker, so they are never taken for someone's speech.
    max_label_words : int
        Longer candidates are not labels.

    Returns
    -------
    list of TurnSpan
        In order; text before the first label becomes a turn with ``speaker=None`` (the
        preamble). Empty if no speaker labels are found.

    Examples
    --------
    >>> text = "Interview 3\\n\\nInterviewer: Why?\\nAna: The job.\\nInterviewer: And?\\nAna: Fine."
    >>> [(t.speaker, text[t.start:t.end]) for t in find_turns(text)][:3]
    [(None, 'Interview 3'), ('Interviewer', 'Why?'), ('Ana', 'The job.')]
    """
    known_labels = [k.strip() for k in known if k and k.strip()]
    known_style = None
    if known_labels:
        # Known labels may hold characters a label pattern does not ("Dr. A. Smith").
        names = "|".join(re.escape(k) for k in sorted(set(known_labels), key=len, reverse=True))
        known_style = re.compile(
            rf"^[^\S\n]*(?P<label>{names})[^\S\n]*(?:[(\[](?P<time>{_TIME})[)\]])?[^\S\n]*:"
            r"(?:[^\S\n]+|$)",
            re.IGNORECASE,
        )
    candidates, heading_starts = _candidates(text, known_style, headings, max_label_words)
    accepted = _accept(candidates, {label_key(k) for k in known_labels})
    if not accepted:
        return []
    canonical = _canonical_names([c.label for c in accepted])
    breaks: list[tuple[int, int, str | None, str | None]] = [
        (c.line_start, min(c.text_start, len(text)), canonical[label_key(c.label)], c.time)
        for c in accepted
    ]
    breaks += [(start, start, None, None) for start in heading_starts]
    breaks.sort()
    spans: list[TurnSpan] = []
    if text[: breaks[0][0]].strip():
        spans.append(_span(text, None, 0, breaks[0][0], None))
    for i, (_line_start, text_start, speaker, time) in enumerate(breaks):
        end = breaks[i + 1][0] if i + 1 < len(breaks) else len(text)
        spans.append(_span(text, speaker, text_start, end, parse_time(time)))
    return spans


def _candidates(
    text: str, known_style: re.Pattern[str] | None, headings: bool, max_label_words: int
) -> tuple[list[_Candidate], list[int]]:
    candidates: list[_Candidate] = []
    heading_starts: list[int] = []
    offset = 0
    for line in text.split("\n"):
        line_end = offset + len(line)
        if headings and _HEADING.match(line):
            heading_starts.append(offset)
        else:
            match = known_style.match(line) if known_style is not None else None
            if match is not None:
                found: _Candidate | None = _Candidate(
                    offset, offset + match.end(), match.group("label"), match.group("time"), False
                )
            else:
                found = _label_in(line, offset, line_end, max_label_words)
            if found is not None:
                candidates.append(found)
        offset = line_end + 1
    return candidates, heading_starts


def _label_in(line: str, offset: int, line_end: int, max_label_words: int) -> _Candidate | None:
    for style in _STYLES:
        match = style.match(line)
        if match is not None:
            label = match.group("label").strip(" \t*_")
            if len(label.split()) <= max_label_words and not label.endswith("."):
                return _Candidate(
                    offset, offset + match.end(), label, match.groupdict().get("time"), False
                )
            return None
    match = _BARE.match(line)
    if match is not None:
        label = match.group("label").strip(" \t*_")
        if len(label.split()) <= max_label_words and not label.endswith("."):
            time = match.group("time_before") or match.group("time_after")
            return _Candidate(offset, line_end + 1, label, time, True)
    return None


def _accept(candidates: Sequence[_Candidate], known: set[str]) -> list[_Candidate]:
    """Keep the candidates that are speaker labels (see the module docstring)."""
    inline = Counter(label_key(c.label) for c in candidates if not c.bare)
    timed_bare = Counter(label_key(c.label) for c in candidates if c.bare and c.time)

    def inline_ok(c: _Candidate, key: str) -> bool:
        return inline[key] >= 2 or bool(KNOWN_LABEL.match(key)) or c.time is not None

    def bare_ok(c: _Candidate, key: str) -> bool:
        if c.time is not None and (timed_bare[key] >= 2 or inline[key] >= 1):
            return True
        # A lone "A" or "I" line is too likely to be text; "Interviewee" or "Speaker 2" is not.
        return (len(key) >= 2 and bool(KNOWN_LABEL.match(key))) or inline[key] >= 2

    keys = [label_key(c.label) for c in candidates]
    decided = [
        key in known or (bare_ok(c, key) if c.bare else inline_ok(c, key))
        for c, key in zip(candidates, keys, strict=True)
    ]
    accepted_keys = {key for key, ok in zip(keys, decided, strict=True) if ok}
    # A label used once that is a small misspelling of an accepted one ("Interviwer") is a
    # speaker too: transcribers mistype labels, and the text after it is that speaker's.
    for i, (candidate, key) in enumerate(zip(candidates, keys, strict=True)):
        if not decided[i] and not candidate.bare:
            decided[i] = any(_misspelling(key, other) for other in accepted_keys)
    return [c for c, ok in zip(candidates, decided, strict=True) if ok]


def _misspelling(key: str, other: str) -> bool:
    return (
        len(key) >= 5
        and not _numbered_apart(key, other)
        and difflib.SequenceMatcher(None, key, other).ratio() >= 0.85
    )


def _numbered_apart(key: str, other: str) -> bool:
    """``speaker1`` and ``speaker2``: same name, different numbers, so different people."""
    return _letters(key) == _letters(other) and _number(key) != _number(other)


def _letters(key: str) -> str:
    return re.sub(r"[\d\s]", "", key)


def _number(key: str) -> str:
    found = re.search(r"\d+", key)
    return found.group() if found else ""


def _span(text: str, speaker: str | None, start: int, end: int, time: float | None) -> TurnSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TurnSpan(speaker, start, end, time)


def _canonical_names(labels: Sequence[str]) -> dict[str, str]:
    """Map each label key to one display name, merging case variants and rare misspellings.

    A label is merged into a similar (ratio >= 0.85) more frequent one only if it is rare
    beside it, the two do not both name roles ("Interviewer" and "Interviewee" stay apart) and
    they do not differ only in a number ("Speaker 1" and "Speaker 2" stay apart).
    """
    spellings: dict[str, Counter[str]] = {}
    for label in labels:
        spellings.setdefault(label_key(label), Counter())[label] += 1
    totals = Counter({key: sum(c.values()) for key, c in spellings.items()})
    merged: dict[str, str] = {}
    for key, count in totals.most_common():
        target = next(
            (
                other
                for other in dict.fromkeys(merged.values())
                if len(key) >= 5
                and count <= max(2, totals[other] // 10)
                and not (KNOWN_LABEL.match(key) and KNOWN_LABEL.match(other))
                and not _numbered_apart(key, other)
                and difflib.SequenceMatcher(None, key, other).ratio() >= 0.85
            ),
            key,
        )
        merged[key] = target
    display = {key: spellings[key].most_common(1)[0][0] for key in spellings}
    return {key: display[merged[key]] for key in spellings}
