"""Subtitle transcripts: WebVTT ``.vtt`` (Teams, Zoom, YouTube) and SubRip ``.srt``.

Speakers come from voice tags (``<v Ana Silva>text</v>``, as Teams writes them) or from a
``Name: text`` prefix in the cue (as Zoom writes them). Consecutive cues of one speaker are
merged into a turn, and qualcode builds the document text as one line per turn::

    Ana Silva: first cue text second cue text ...

Cue lines are joined with spaces, since cues break sentences at arbitrary points. Cue tags
(``<i>``, ``<c.yellow>``, timestamps; in SubRip only ``<b> <i> <u> <font>``) are removed and
WebVTT character references (``&amp;``) decoded.
Each cue's stretch of text keeps the cue's start and end time in the document's
:attr:`~qualcode.records.Document.timeline`, so a sentence gets the time of the cue it is in.
A file without any speakers is read as one respondent turn.

Every cue timing line is checked before parsing, so a broken time is reported with its line
number instead of the cue being dropped silently.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from qualcode.corpus.document import build_document, read_text_source
from qualcode.corpus.normalise import normalise_text
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import register_reader
from qualcode.corpus.turns import KNOWN_LABEL, TurnSpan, label_key
from qualcode.errors import CorpusError, problem
from qualcode.records import Document, TimeSpan

__all__ = ["Cue", "read_srt", "read_vtt", "subtitle_cues"]

_VTT_TIME = r"(?:\d+:)?\d{1,2}:\d{2}\.\d{1,3}"
_SRT_TIME = r"\d+:\d{1,2}:\d{1,2}[,.]\d{1,3}"
_TIMING = {
    "vtt": re.compile(rf"^\s*(?P<start>{_VTT_TIME})\s*-->\s*(?P<end>{_VTT_TIME})(?:\s|$)"),
    "srt": re.compile(rf"^\s*(?P<start>{_SRT_TIME})\s*-->\s*(?P<end>{_SRT_TIME})\s*$"),
}
# A line meant as a cue timing but with a mistyped arrow ("00:00:01.000 -> 00:00:02.000").
_TIMING_ATTEMPT = re.compile(r"^\s*\[?\d+:\d+\S*\s*(?:-+>|→|[–—]+>?)\s*\d")
_EXPECTED = {"vtt": "hh:mm:ss.mmm --> hh:mm:ss.mmm", "srt": "hh:mm:ss,mmm --> hh:mm:ss,mmm"}
_TAG = re.compile(r"<(/?)([^>]*)>")
_SRT_TAG = re.compile(r"<(/?)((?:[biu]|font)(?:\s[^>]*)?)>", re.IGNORECASE)
_VOICE = re.compile(r"v(?:\.[\w-]+)*[ \t]+(?P<name>[^>]+)")
_PREFIX = re.compile(r"^(?P<label>[^\W\d_][\w.'’\- ]{0,40}?)[^\S\n]*:[^\S\n]+")
_LANGUAGE = re.compile(r"^\s*language\s*:\s*(?P<code>[a-z]{2})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue's text (tags removed) with its speaker, if the cue names one, and times."""

    speaker: str | None
    text: str
    start_time: float
    end_time: float


def _seconds(value: str) -> float:
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _check_timings(text: str, kind: str, path: Path) -> int:
    """Check every cue timing line; return how many cues the file has."""
    pattern = _TIMING[kind]
    count = 0
    head, size = "", 0  # the first line of the current block and its number of lines so far
    for number, line in enumerate(text.split("\n"), start=1):
        head, size = (head or line, size + 1) if line.strip() else ("", 0)
        if "-->" not in line and not (_timing_place(head, size) and _TIMING_ATTEMPT.match(line)):
            continue
        match = pattern.match(line)
        reason = None
        if match is None:
            reason = f"expected '{_EXPECTED[kind]}'"
        else:
            parts = [p for t in (match["start"], match["end"]) for p in t.split(":")[-2:]]
            start, end = _seconds(match["start"]), _seconds(match["end"])
            if any(float(p.replace(",", ".")) >= 60 for p in parts):
                reason = "minutes and seconds must be below 60"
            elif end < start:
                reason = "the cue ends before it starts"
        if reason is not None:
            raise CorpusError(
                problem("E117", line=number, timing=line.strip(), reason=reason), path=path
            )
        count += 1
    return count


def _timing_place(head: str, size: int) -> bool:
    """Whether line ``size`` of a block starting with ``head`` stands where a cue's timing goes:
    first in its block, or second after a cue identifier. Elsewhere a line is cue text ("9:00 –
    10:00 and then lunch") and only a line with ``-->`` is read as a timing."""
    return size == 1 or (
        size == 2
        and "-->" not in head
        and not _TIMING_ATTEMPT.match(head)
        and not head.startswith(("WEBVTT", "NOTE", "STYLE", "REGION"))
    )


def _check_vtt_blocks(text: str, path: Path) -> None:
    """A WebVTT block after the header must be a cue, a NOTE, STYLE or REGION."""
    lines = text.split("\n")
    if not lines[0].startswith("WEBVTT"):
        raise CorpusError(
            problem("E114", line=1, detail="not a WebVTT file: the first line must be 'WEBVTT'"),
            path=path,
        )
    block_start: int | None = None
    block: list[str] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if block_start is None:
                block_start = number
            block.append(line)
            continue
        if block and block_start is not None and block_start > 1:
            head = block[0]
            is_cue = any("-->" in b for b in block[:2])
            if not is_cue and not head.startswith(("NOTE", "STYLE", "REGION")):
                raise CorpusError(
                    problem(
                        "E114",
                        line=block_start,
                        detail="text outside any cue (a cue needs a 'start --> end' line; "
                        "a blank line ends a cue)",
                    ),
                    path=path,
                )
        block, block_start = [], None


def _pieces(raw: str, kind: str) -> list[tuple[str | None, str]]:
    """Split cue text into (voice, text) pieces at ``<v Name>`` tags; other tags dropped.

    In WebVTT every ``<...>`` is markup and text escapes ``&``/``<`` as character references;
    in SubRip only ``<b>``, ``<i>``, ``<u>`` and ``<font>`` are markup and ``&`` is text.
    """
    pieces: list[tuple[str | None, str]] = []
    voice: str | None = None
    position = 0
    current: list[str] = []
    for match in (_TAG if kind == "vtt" else _SRT_TAG).finditer(raw):
        current.append(raw[position : match.start()])
        position = match.end()
        closing, body = match.group(1), match.group(2).strip()
        named = _VOICE.fullmatch(body)
        if (named is not None and not closing) or (closing and body == "v"):
            pieces.append((voice, "".join(current)))
            current = []
            voice = named["name"].strip() if named is not None and not closing else None
    current.append(raw[position:])
    pieces.append((voice, "".join(current)))
    cleaned = [(v, _clean(html.unescape(t) if kind == "vtt" else t)) for v, t in pieces]
    return [(v, t) for v, t in cleaned if t]


def _clean(text: str) -> str:
    return " ".join(normalise_text(text).split())


def subtitle_cues(text: str, kind: str, path: Path) -> tuple[list[Cue], str | None]:
    """Parse normalised subtitle ``text`` (``kind`` ``"vtt"`` or ``"srt"``) into cues.

    Returns the cues in order (a cue with several voices gives one :class:`Cue` per voice)
    and the language its header states, if any.

    Raises
    ------
    CorpusError
        ``E117`` naming the line of a broken cue timing; ``E114`` for text outside any cue or
        a file that is not in the format.
    """
    expected = _check_timings(text, kind, path)
    language = None
    try:
        if kind == "vtt":
            _check_vtt_blocks(text, path)
            parsed = webvtt.from_string(text)
            stated = [m for line in parsed.metadata if (m := _LANGUAGE.match(line))]
            language = stated[0]["code"].lower() if stated else None
        else:
            parsed = webvtt.from_buffer(io.StringIO(text), format="srt")
    except (MalformedFileError, MalformedCaptionError) as exc:
        what = "WebVTT" if kind == "vtt" else "SubRip"
        raise CorpusError(
            problem("E114", detail=f"not a readable {what} file ({exc})"), path=path
        ) from exc
    if len(parsed.captions) != expected:
        raise CorpusError(
            problem(
                "E114",
                detail=f"{expected} cue timings but {len(parsed.captions)} readable cues; "
                "check for cues without text or numbering errors",
            ),
            path=path,
        )
    cues = []
    for caption in parsed.captions:
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        for voice, piece in _pieces(" ".join(caption.lines), kind):
            cues.append(Cue(voice, piece, start, end))
    return _prefixed_speakers(cues), language


def _prefixed_speakers(cues: list[Cue]) -> list[Cue]:
    """Take ``Name: text`` prefixes of voiceless cues as speakers when the name recurs."""
    prefixes = [_PREFIX.match(c.text) if c.speaker is None else None for c in cues]
    counts = Counter(label_key(m["label"]) for m in prefixes if m is not None)
    result = []
    for cue, match in zip(cues, prefixes, strict=True):
        if match is not None:
            key = label_key(match["label"])
            if (counts[key] >= 2 or KNOWN_LABEL.match(key)) and cue.text[match.end() :].strip():
                cue = dataclasses.replace(
                    cue, speaker=match["label"].strip(), text=cue.text[match.end() :].strip()
                )
        result.append(cue)
    return result


def compose(cues: Sequence[Cue]) -> tuple[str, list[TurnSpan], list[TimeSpan]]:
    """Merge consecutive cues of one speaker into turns: text, turn spans and cue timeline.

    A voiceless cue continues the current speaker's turn.

    Examples
    --------
    >>> text, turns, timeline = compose([Cue("Sam", "Why did", 0, 1), Cue("Sam", "you come?", 1, 2),
    ...                                  Cue("Ana", "For work.", 2, 3)])
    >>> text
    'Sam: Why did you come?\\nAna: For work.'
    >>> [(t.speaker, text[t.start:t.end], t.start_time, t.end_time) for t in turns]
    [('Sam', 'Why did you come?', 0, 2), ('Ana', 'For work.', 2, 3)]
    """
    parts: list[str] = []
    length = 0
    turns: list[TurnSpan] = []
    timeline: list[TimeSpan] = []
    speaker: str | None = None
    turn_start = -1
    first_cue = 0  # index in timeline of the current turn's first cue
    for cue in cues:
        new_turn = turn_start < 0 or (cue.speaker is not None and cue.speaker != speaker)
        if new_turn:
            if turn_start >= 0:
                turns.append(_close(speaker, turn_start, length, timeline[first_cue:]))
                parts.append("\n")
                length += 1
            speaker = cue.speaker if cue.speaker is not None else speaker
            label = f"{speaker}: " if speaker is not None else ""
            parts.append(label)
            length += len(label)
            turn_start = length
            first_cue = len(timeline)
        else:
            parts.append(" ")
            length += 1
        parts.append(cue.text)
        timeline.append(TimeSpan(length, length + len(cue.text), cue.start_time, cue.end_time))
        length += len(cue.text)
    if turn_start >= 0:
        turns.append(_close(speaker, turn_start, length, timeline[first_cue:]))
    return "".join(parts), turns, timeline


def _close(speaker: str | None, start: int, end: int, cues: Sequence[TimeSpan]) -> TurnSpan:
    return TurnSpan(speaker, start, end, cues[0].start_time, cues[-1].end_time)


def _read(path: Path, options: ReadOptions, kind: str) -> list[Document]:
    source = read_text_source(path, options)
    cues, language = subtitle_cues(source, kind, path)
    text, turns, timeline = compose(cues)
    if not any(t.speaker for t in turns):
        turns = []  # one respondent turn: subtitles without voices are still a transcript
    return [
        build_document(
            path.stem,
            text,
            turns,
            options=dataclasses.replace(options, speakers="optional"),
            source=path,
            format=kind,
            language=language,
            timeline=timeline,
        )
    ]


@register_reader("vtt", (".vtt",))
def read_vtt(path: Path, options: ReadOptions) -> list[Document]:
    """Read a WebVTT transcript (see the module docstring); its id is the file name.

    Raises
    ------
    CorpusError
        ``E117`` with the line of a broken cue timing, ``E114`` for stray text or a file not
        in the format, ``E102`` for an empty file, and the decoding errors of text files.
    """
    return _read(path, options, "vtt")


@register_reader("srt", (".srt",))
def read_srt(path: Path, options: ReadOptions) -> list[Document]:
    """Read a SubRip transcript (see the module docstring); its id is the file name."""
    return _read(path, options, "srt")
