"""Speaker labels in transcripts, and the rule that gives each speaker a role.

Turns start at the beginning of a line with a label: ``Name:``, ``NAME:``, ``R1:``, ``Q:``,
``Name (00:01:23):``, ``00:01:23 Name:`` or ``[Name]``. A candidate label counts as a speaker only
when it recurs in the file or is a well-known role label, so a line such as ``Note: ...`` inside
an answer stays text. Labels that differ only in case, spacing or a small misspelling
(``Interviewer`` / ``interviewer`` / ``Interviwer``) are one speaker.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qualcode.errors import CorpusError, problem
from qualcode.records import INTERVIEWER, RESPONDENT, ROLES

__all__ = [
    "RoleRule",
    "TurnSpan",
    "assign_roles",
    "find_turns",
    "load_roles",
    "merge_rules",
    "parse_time",
]

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_NAME = r"[^\W\d_][\w.'’\-]*(?:[ \t][\w.'’\-]+){0,3}?"
# Each style captures 'label' and optionally 'time'; 'rest' begins the spoken text.
_STYLES: tuple[re.Pattern[str], ...] = (
    # Name: / NAME: / R1: / Speaker 1: / Name (00:01:23): / Name [00:01:23]:
    re.compile(
        rf"^[ \t]*(?:\*\*)?(?P<label>{_NAME})(?:\*\*)?[ \t]*"
        rf"(?:[(\[](?P<time>{_TIME})[)\]])?[ \t]*(?:\*\*)?:(?:\*\*)?(?:[ \t]+|$)"
    ),
    # 00:01:23 Name: / [00:01:23] Name:
    re.compile(rf"^[ \t]*\[?(?P<time>{_TIME})\]?[ \t]+(?P<label>{_NAME})[ \t]*:(?:[ \t]+|$)"),
    # [Name] text
    re.compile(rf"^[ \t]*\[(?P<label>{_NAME})\](?:[ \t]+|$)"),
)

_KNOWN_LABEL = re.compile(
    r"^(?:interviewer|interviewster|interviewee|respondent|participant|moderator|int|resp|"
    r"i|r|q|a|p|speaker|spreker|deelnemer|onderzoeker)[ \t]*\d{0,2}$",
    re.IGNORECASE,
)
_DEFAULT_INTERVIEWER = re.compile(
    r"^(?:interviewer|interviewster|int|i|q|moderator|onderzoeker|researcher|facilitator)"
    r"[ \t]*\d{0,2}$",
    re.IGNORECASE,
)
_DEFAULT_RESPONDENT = re.compile(
    r"^(?:interviewee|respondent|participant|resp|r|a|p|deelnemer|geïnterviewde)[ \t]*\d{0,2}$",
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


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip(" \t*")).casefold()


def parse_time(value: str | None) -> float | None:
    """Seconds in ``"01:02:03"``, ``"02:03"`` or ``"02:03.5"`` (``None`` stays ``None``)."""
    if not value:
        return None
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def find_turns(text: str, *, max_label_words: int = 4) -> list[TurnSpan]:
    """Split ``text`` into speaker turns at speaker labels.

    Parameters
    ----------
    text : str
        Normalised transcript text.
    max_label_words : int
        Longer candidates are not labels.

    Returns
    -------
    list of TurnSpan
        In order; text before the first label becomes a turn with ``speaker=None`` (the preamble).
        Empty if no speaker labels are found.

    Examples
    --------
    >>> text = "Interview 3\\n\\nInterviewer: Why?\\nAna: The job.\\nInterviewer: And?\\nAna: Fine."
    >>> [(t.speaker, text[t.start:t.end]) for t in find_turns(text)][:3]
    [(None, 'Interview 3'), ('Interviewer', 'Why?'), ('Ana', 'The job.')]
    """
    candidates: list[tuple[int, int, str, str | None]] = []  # line start, text start, label, time
    offset = 0
    for line in text.split("\n"):
        for style in _STYLES:
            match = style.match(line)
            if match is None:
                continue
            label = match.group("label").strip(" \t*")
            if len(label.split()) <= max_label_words and not label.endswith("."):
                candidates.append(
                    (offset, offset + match.end(), label, match.groupdict().get("time"))
                )
            break
        offset += len(line) + 1
    counts = Counter(_key(c[2]) for c in candidates)
    # A label must recur, name a role, or carry a timestamp: "Note: ..." inside an answer is text.
    accepted = [
        c for c in candidates if counts[_key(c[2])] >= 2 or _KNOWN_LABEL.match(c[2]) or c[3]
    ]
    if not accepted:
        return []
    canonical = _canonical_names([c[2] for c in accepted])
    spans: list[TurnSpan] = []
    first_line = accepted[0][0]
    if text[:first_line].strip():
        spans.append(_span(text, None, 0, first_line, None))
    for i, (_line_start, text_start, label, time) in enumerate(accepted):
        end = accepted[i + 1][0] if i + 1 < len(accepted) else len(text)
        spans.append(_span(text, canonical[_key(label)], text_start, end, parse_time(time)))
    return spans


def _span(text: str, speaker: str | None, start: int, end: int, time: float | None) -> TurnSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TurnSpan(speaker, start, end, time)


def _canonical_names(labels: Sequence[str]) -> dict[str, str]:
    """Map each label key to one display name, merging case variants and rare misspellings.

    A label is merged into a similar (ratio >= 0.85) more frequent one only if it is rare
    beside it and the two do not both name roles ("Interviewer" and "Interviewee" stay apart).
    """
    spellings: dict[str, Counter[str]] = {}
    for label in labels:
        spellings.setdefault(_key(label), Counter())[label] += 1
    totals = Counter({key: sum(c.values()) for key, c in spellings.items()})
    merged: dict[str, str] = {}
    for key, count in totals.most_common():
        target = next(
            (
                other
                for other in dict.fromkeys(merged.values())
                if len(key) >= 5
                and count <= max(2, totals[other] // 10)
                and not (_KNOWN_LABEL.match(key) and _KNOWN_LABEL.match(other))
                and difflib.SequenceMatcher(None, key, other).ratio() >= 0.85
            ),
            key,
        )
        merged[key] = target
    display = {key: spellings[key].most_common(1)[0][0] for key in spellings}
    return {key: display[merged[key]] for key in spellings}


@dataclass(frozen=True)
class RoleRule:
    """How speakers get roles: explicit labels per role, else patterns, else who asks most.

    Parameters
    ----------
    labels : Mapping[str, Sequence[str]]
        Role -> speaker labels (matched case-insensitively), e.g.
        ``{"interviewer": ["Sarah"], "other": ["Translator"]}``.

    Notes
    -----
    The default rule: a label that names the role (``Interviewer``, ``I``, ``Q``, ``Int``;
    ``Respondent``, ``Interviewee``, ``R``, ``A``, ``R1``) decides; otherwise, if no speaker is an
    interviewer yet, the speaker who asks the most questions is the interviewer; everyone else
    is a respondent.
    """

    labels: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for role in self.labels:
            if role not in ROLES:
                raise CorpusError(problem("E113", role=role, roles=", ".join(ROLES)))

    def explicit_role(self, speaker: str) -> str | None:
        key = _key(speaker)
        for role, names in self.labels.items():
            if any(_key(name) == key for name in names):
                return role
        return None


def assign_roles(
    turns: Sequence[TurnSpan], text: str, rule: RoleRule | None = None
) -> dict[str, str]:
    """Return speaker -> role for the speakers in ``turns``.

    Examples
    --------
    >>> text = "Sam: Why here?\\nAna: The job.\\nSam: Anything else?\\nAna: No."
    >>> assign_roles(find_turns(text), text)
    {'Sam': 'interviewer', 'Ana': 'respondent'}
    """
    rule = rule or RoleRule()
    speakers = list(dict.fromkeys(t.speaker for t in turns if t.speaker is not None))
    roles: dict[str, str] = {}
    for speaker in speakers:
        role = rule.explicit_role(speaker)
        if role is None and _DEFAULT_INTERVIEWER.match(speaker):
            role = INTERVIEWER
        elif role is None and _DEFAULT_RESPONDENT.match(speaker):
            role = RESPONDENT
        if role is not None:
            roles[speaker] = role
    undecided = [s for s in speakers if s not in roles]
    if undecided and INTERVIEWER not in roles.values() and len(speakers) >= 2:
        questions = Counter(
            t.speaker for t in turns if t.speaker in undecided and "?" in text[t.start : t.end]
        )
        if questions:
            asker = max(undecided, key=lambda s: (questions[s], -undecided.index(s)))
            roles[asker] = INTERVIEWER
    for speaker in speakers:
        roles.setdefault(speaker, RESPONDENT)
    return {s: roles[s] for s in speakers}


def load_roles(path: str | Path) -> RoleRule:
    """Read a ``roles.yaml``: role -> list of speaker labels.

    Example file::

        interviewer: [Interviewer, Sarah]
        other: [Translator]

    Raises
    ------
    CorpusError
        ``E109`` naming the file and the problem.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(problem("E109", detail=" ".join(str(exc).split())), path=path) from exc
    if not isinstance(data, dict):
        raise CorpusError(problem("E109", detail="expected a mapping of role -> labels"), path=path)
    labels: dict[str, list[str]] = {}
    for role, names in data.items():
        if role not in ROLES:
            raise CorpusError(
                problem("E109", str(role), detail=f"unknown role {role!r}; use {', '.join(ROLES)}"),
                path=path,
            )
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str | int) for n in names):
            raise CorpusError(
                problem("E109", str(role), detail="expected a list of labels"), path=path
            )
        labels[role] = [str(n) for n in names]
    return RoleRule(labels)


def merge_rules(rules: Iterable[RoleRule]) -> RoleRule:
    """Combine rules; a later rule wins for a label that two rules name."""
    role_of: dict[str, tuple[str, str]] = {}
    for rule in rules:
        for role, names in rule.labels.items():
            for name in names:
                role_of[_key(name)] = (role, name)
    labels: dict[str, list[str]] = {}
    for role, name in role_of.values():
        labels.setdefault(role, []).append(name)
    return RoleRule(labels)
