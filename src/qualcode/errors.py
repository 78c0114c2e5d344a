"""Exception classes and the catalogue of coded error messages.

Every error qualcode raises on bad input is a :class:`QualcodeError` carrying one or more
:class:`Problem` records. A problem has a stable code (``E012``), a message, and a location
(``codes -> housing -> patterns -> 2``, a line number, a file). The code ranges are:

========  ===========================================
E0xx      codebooks (YAML, schema, patterns, .qdc)
E1xx      corpora and readers
E2xx      coding (rules, pipelines, languages)
E3xx      models (training, loading, model cards)
E4xx      evaluation and gold codings
E5xx      reports
E6xx      agreement and review
E7xx      REFI-QDA interchange
E9xx      general I/O
========  ===========================================

The CLI prints each problem on one line and exits with code 2; the library only raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MESSAGES",
    "AgreementError",
    "CodebookError",
    "CodingError",
    "CorpusError",
    "EvaluationError",
    "InteropError",
    "ModelError",
    "OutputError",
    "Problem",
    "QualcodeError",
    "ReportError",
    "ReviewError",
    "problem",
]

#: The catalogue: one stable code per kind of problem. Messages are ``str.format`` templates.
MESSAGES: dict[str, str] = {
    # codebooks
    "E001": "YAML syntax error: {detail}",
    "E002": "{detail}",  # schema violation reported by pydantic, already phrased
    "E003": "duplicate code id {id!r} (first defined as code {first})",
    "E004": "unknown parent {parent!r}; define it as a code or remove 'parent'",
    "E005": "code {id!r} is its own ancestor (cycle: {cycle})",
    "E006": "language {language!r} is not declared in 'languages' ({declared})",
    "E007": "code {id!r} is codable but has no patterns for {language!r}",
    "E010": "empty pattern",
    "E011": "pattern {pattern!r}: {detail}",
    "E012": "token pattern: {detail}",
    "E013": "facet {facet!r} has no value {value!r} (values: {values})",
    "E014": "the codebook has no codable codes",
    "E015": "unsupported codebook file type {suffix!r}; use .yaml, .yml or .qdc",
    # corpora
    "E101": "cannot read file: {reason}",
    "E102": "file is empty",
    "E103": "cannot decode text: {reason}; save the file as UTF-8",
    "E104": "no speaker labels found; expected turns such as 'Interviewer: ...' at the start of "
    "a line (pass speakers='optional' / --no-speakers to read it as one respondent turn)",
    "E105": "duplicate document id {id!r} (also read from {other})",
    "E106": "no documents found in {path}; supported formats: {formats}",
    "E107": "unsupported file type {suffix!r}; supported: {formats}",
    "E108": "attributes file: {detail}",
    "E109": "roles file: {detail}",
    "E110": "file is too large ({size}); the limit is {limit} (raise it with max_bytes / --max-mb)",
    "E111": "this does not look like text (binary content {detail})",
    "E112": "unknown segmentation unit {unit!r}; use one of {units}",
    "E113": "unknown role {role!r}; roles are {roles}",
    "E114": "{detail}",  # format-specific reader problem, already phrased
    "E115": "path does not exist",
    "E116": "unsafe archive: {detail}",
    "E117": "broken cue timing {timing!r}: {reason}",
    "E118": "survey table: {detail}",
    # coding
    "E201": "unsupported language {language!r}; qualcode codes {supported} "
    "(override with --language)",
    "E202": "spaCy pipeline {name!r} is not installed (install it with "
    "'python -m spacy download {name}' or omit it to use the built-in lemmatizer)",
    "E203": "spaCy pipeline {name!r} is for language {actual!r}, not {expected!r}",
    "E204": "the codebook has no patterns for {language!r}, the language of document {document!r}",
    "E205": "{detail}",
    # models
    "E301": "not a qualcode model directory: {detail}",
    "E302": "model was trained for codebook {expected} but this codebook is {actual}; "
    "retrain with 'qualcode train' or pass the codebook it was trained for",
    "E303": "model file {file} is damaged or has been changed (checksum mismatch)",
    "E304": "model file {file} contains types that are not trusted: {types}",
    "E305": "training data: {detail}",
    "E306": "model format version {found} is not supported (this qualcode reads {supported})",
    # evaluation
    "E401": "gold file: {detail}",
    "E402": "predictions: {detail}",
    "E403": "gold and predictions cover different documents: {detail}",
    "E404": "unknown code {code_id!r} (not in the codebook)",
    "E405": "offsets {start}-{end} do not fall on document {document!r}: {detail}",
    "E406": "split {split!r} is empty or unknown ({detail})",
    "E407": "{detail}",
    "E408": "unit {start}-{end} of document {document!r} is given twice (first at {first})",
    "E409": "unit {start}-{end} of document {document!r} overlaps unit {other_start}-{other_end} "
    "(at {other}); units of one document must not overlap",
    "E410": "{facet} {value!r} is not a value of the codebook's facet {facet!r} ({values})",
    "E411": "code {code_id!r} is a group (codable: false); code the unit with one of its children",
    "E412": "splits file: {detail}",
    # reports
    "E501": "codings file: {detail}",
    "E502": "codings do not match the codebook: {detail}",
    "E503": "nothing to report: {detail}",
    "E504": "{detail}",
    "E505": "unknown case attribute {attribute!r}; the documents have: {available}",
    "E506": "{file} is missing; expected the output directory of 'qualcode code' "
    "({expected}){hint}",
    "E507": "unknown report format {format!r}; use one or more of {formats}",
    "E508": "{file} refers to {what} that {other} does not have: {detail}",
    "E509": "results table: {detail}",
    "E510": "{option} must be {expected}, not {value!r}",
    # agreement and review
    "E601": "codings: {detail}",
    "E602": "units differ between codings: {detail}",
    "E603": "coder {coder!r} has no codings",
    "E604": "review database: {detail}",
    "E605": "{detail}",
    "E606": "code {code_id!r} is not in the codebook (used by {coders}); fix the codings or the "
    "codebook",
    "E607": "coder name {coder!r} is used by more than one input ({inputs}); name the coders "
    "explicitly (--coder)",
    "E608": "need at least two coders to compare, found {found}",
    "E609": "reference coder {coder!r} is not one of the coders ({coders})",
    "E610": "unit {unit!r} was already decided by {reviewer} at {when}; override explicitly to "
    "replace that decision (it is kept in the history)",
    "E611": "{count} disagreement(s) are still undecided (e.g. {examples}); finish the review or "
    "export with --allow-undecided to leave them out",
    "E612": "unknown code(s) {codes} for unit {unit!r}; known codes: {known}",
    "E613": "unit {unit!r} is not in the review queue",
    # interchange
    "E701": "REFI-QDA project: {detail}",
    "E702": "selection {start}-{end} falls outside source {source!r} ({length} characters)",
    "E703": "REFI-QDA codebook: {detail}",
    "E704": "unsafe or damaged archive: {detail}",
    "E705": "{member}: refused XML: {detail}",
    "E706": "source {source!r}: {detail}",
    "E707": "codings to export: {detail}",
    "E708": "selection {start}-{end} of source {source!r} ends before it starts",
    "E709": "{detail}",  # a choice the caller must make (e.g. which coder), already phrased
    # general I/O
    "E901": "cannot write output: {reason}",
    "E902": "{detail}",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input, with a stable code and where it is.

    Parameters
    ----------
    code : str
        Stable code from :data:`MESSAGES`, e.g. ``"E012"``.
    message : str
        Human-readable message.
    location : str
        Path inside the input (``codes -> housing -> patterns -> 2``), or ``""``.
    line : int or None
        1-based line in the file, when known.
    """

    code: str
    message: str
    location: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.location
        if self.line is not None:
            where = f"{where} (line {self.line})" if where else f"line {self.line}"
        return (
            f"[{self.code}] {where}: {self.message}" if where else f"[{self.code}] {self.message}"
        )


def problem(code: str, /, location: str = "", line: int | None = None, **fields: object) -> Problem:
    """Build a :class:`Problem` from the catalogue entry ``code``.

    ``code`` is positional-only, so a message template may itself have a ``{code}`` field.

    Examples
    --------
    >>> str(problem("E004", "codes -> housing", parent="huisvesting"))
    "[E004] codes -> housing: unknown parent 'huisvesting'; define it as a code or remove 'parent'"
    """
    return Problem(code, MESSAGES[code].format(**fields), location, line)


class QualcodeError(Exception):
    """Base class of every error raised on bad input.

    Parameters
    ----------
    problems : Problem, sequence of Problem, or str
        What is wrong. A plain string becomes one problem with code ``E902``.
    path : str or Path, optional
        The file or directory the problems were found in.
    """

    def __init__(
        self, problems: Problem | Sequence[Problem] | str, *, path: str | Path | None = None
    ) -> None:
        if isinstance(problems, str):
            problems = [Problem("E902", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("a QualcodeError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.path: str | None = str(path) if path is not None else None
        super().__init__(str(self))

    @property
    def code(self) -> str:
        """The code of the first problem (stable across releases)."""
        return self.problems[0].code

    def lines(self) -> list[str]:
        """One line per problem, each naming the file: what the CLI prints."""
        prefix = f"{self.path}: " if self.path else ""
        return [f"{prefix}{p}" for p in self.problems]

    def __str__(self) -> str:
        lines = self.lines()
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)

    @classmethod
    def collect(cls, problems: Iterable[Problem], *, path: str | Path | None = None) -> None:
        """Raise one error listing ``problems`` if there are any."""
        found = list(problems)
        if found:
            raise cls(found, path=path)


class CodebookError(QualcodeError):
    """A codebook (YAML or REFI-QDA .qdc) is invalid (codes E0xx)."""


class CorpusError(QualcodeError):
    """A transcript or corpus cannot be read (codes E1xx)."""


class CodingError(QualcodeError):
    """Coding cannot run as asked (codes E2xx)."""


class ModelError(QualcodeError):
    """A trained model cannot be trained, saved or loaded safely (codes E3xx)."""


class EvaluationError(QualcodeError):
    """Gold codings or predictions are unusable for evaluation (codes E4xx)."""


class ReportError(QualcodeError):
    """A report cannot be produced from the given codings (codes E5xx)."""


class AgreementError(QualcodeError):
    """Codings cannot be compared (codes E6xx)."""


class ReviewError(QualcodeError):
    """A review database cannot be used or a decision cannot be stored (codes E6xx)."""


class InteropError(QualcodeError):
    """A REFI-QDA file cannot be read or written (codes E7xx)."""


class OutputError(QualcodeError):
    """An output cannot be written where asked: a file where a directory is needed (or the
    other way round), no permission, a full disk (code ``E901``)."""
