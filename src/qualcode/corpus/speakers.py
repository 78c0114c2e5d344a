"""Speaker roles: the rule that gives each speaker a role (interviewer, respondent, other).

Roles come from, in order: labels the user assigns (``roles.yaml`` beside the transcripts, or
options); labels that name a role (``Interviewer``, ``Q``, ``Vraag``, ``Respondent``, ``R1``,
``Antwoord``); if a label names a respondent and one other speaker is left, that speaker is the
interviewer; and otherwise the speaker who asks the most questions is the interviewer. Finding
the turns themselves is :mod:`qualcode.corpus.turns`; its names are re-exported here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qualcode.corpus.turns import TurnSpan, find_turns, label_key, parse_time
from qualcode.errors import CorpusError, problem
from qualcode.records import INTERVIEWER, RESPONDENT, ROLES

__all__ = [
    "RoleRule",
    "TurnSpan",
    "assign_roles",
    "find_turns",
    "load_roles",
    "merge_rules",
    "named_role",
    "parse_time",
]

_DEFAULT_INTERVIEWER = re.compile(
    r"^(?:interviewer|interviewster|int|i|q|question|vraag|v|moderator|onderzoeker|researcher"
    r"|facilitator)[^\S\n]*\d{0,2}$",
    re.IGNORECASE,
)
_DEFAULT_RESPONDENT = re.compile(
    r"^(?:interviewee|respondent|participant|resp|r|a|answer|antwoord|p|deelnemer|geïnterviewde)"
    r"[^\S\n]*\d{0,2}$",
    re.IGNORECASE,
)


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
    The default rule: a label that names the role (``Interviewer``, ``I``, ``Q``, ``Int``,
    ``Vraag``, ``V``; ``Respondent``, ``Interviewee``, ``R``, ``A``, ``R1``, ``Antwoord``)
    decides; otherwise, if no speaker is an interviewer yet, the one speaker left beside a
    labelled respondent is the interviewer, or else the speaker who asks the most questions;
    everyone else is a respondent.
    """

    labels: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for role in self.labels:
            if role not in ROLES:
                raise CorpusError(problem("E113", role=role, roles=", ".join(ROLES)))

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every label the rule names: speakers even where the label occurs only once.

        Examples
        --------
        >>> RoleRule({"interviewer": ["Sarah"], "respondent": ["Ana", "Bo"]}).speakers
        ('Sarah', 'Ana', 'Bo')
        """
        return tuple(name for names in self.labels.values() for name in names)

    def explicit_role(self, speaker: str) -> str | None:
        key = label_key(speaker)
        for role, names in self.labels.items():
            if any(label_key(name) == key for name in names):
                return role
        return None


def named_role(speaker: str, rule: RoleRule | None = None) -> str | None:
    """The role a label gives ``speaker``: the user's labels, else a label that names a role
    (``None`` when neither does).

    Examples
    --------
    >>> named_role("Vraag"), named_role("R1"), named_role("Sarah")
    ('interviewer', 'respondent', None)
    """
    role = (rule or RoleRule()).explicit_role(speaker)
    if role is None and _DEFAULT_INTERVIEWER.match(speaker):
        return INTERVIEWER
    if role is None and _DEFAULT_RESPONDENT.match(speaker):
        return RESPONDENT
    return role


def assign_roles(
    turns: Sequence[TurnSpan], text: str, rule: RoleRule | None = None
) -> dict[str, str]:
    """Return speaker -> role for the speakers in ``turns``.

    Examples
    --------
    >>> text = "Sam: Why here?\\nAna: The job.\\nSam: Anything else?\\nAna: No."
    >>> assign_roles(find_turns(text), text)
    {'Sam': 'interviewer', 'Ana': 'respondent'}
    >>> text = "Sarah: tell me more\\nR1: We came for the job.\\nSarah: and then\\nR1: We stayed."
    >>> assign_roles(find_turns(text), text)
    {'Sarah': 'interviewer', 'R1': 'respondent'}
    """
    rule = rule or RoleRule()
    speakers = list(dict.fromkeys(t.speaker for t in turns if t.speaker is not None))
    roles: dict[str, str] = {}
    for speaker in speakers:
        role = named_role(speaker, rule)
        if role is not None:
            roles[speaker] = role
    undecided = [s for s in speakers if s not in roles]
    if len(undecided) == 1 and INTERVIEWER not in roles.values() and RESPONDENT in roles.values():
        # "Sarah" talking with "R1": the one speaker no label names is the interviewer
        roles[undecided[0]] = INTERVIEWER
    elif undecided and INTERVIEWER not in roles.values() and len(speakers) >= 2:
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
                role_of[label_key(name)] = (role, name)
    labels: dict[str, list[str]] = {}
    for role, name in role_of.values():
        labels.setdefault(role, []).append(name)
    return RoleRule(labels)
