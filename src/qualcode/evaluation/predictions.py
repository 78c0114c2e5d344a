"""Predictions to evaluate: the output of ``qualcode code``, a coding result, or gold-format files.

Whatever their source, predictions are a :class:`Predictions`: the *units* that were coded (so a
document with no codings is told apart from a document that was never coded), the codings on
those units, and the documents covered.

Tables
------
``units`` (one row per coded unit)
    document, start, end, text
``codings`` (one row per unit x code)
    document, start, end, code, valence, stage, negated, hypothetical, source, confidence,
    pattern, line (line of the codings file, ``<NA>`` when not read from a file)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from qualcode._lines import RecordLines
from qualcode.coding.result import CodingResult
from qualcode.errors import Problem, problem
from qualcode.evaluation._problems import fail, raise_problems
from qualcode.evaluation.gold import GoldCodings
from qualcode.evaluation.gold_io import GOLD_SUFFIX, read_gold

__all__ = [
    "PREDICTION_CODING_COLUMNS",
    "PREDICTION_UNIT_COLUMNS",
    "Predictions",
    "predictions_from_gold",
    "predictions_from_result",
    "read_predictions",
]

PREDICTION_UNIT_COLUMNS: list[str] = ["document", "start", "end", "text"]
PREDICTION_CODING_COLUMNS: list[str] = [
    "document",
    "start",
    "end",
    "code",
    "valence",
    "stage",
    "negated",
    "hypothetical",
    "source",
    "confidence",
    "pattern",
    "line",
]
_REQUIRED_CODING_COLUMNS = ["document", "start", "end", "code"]


@dataclass(frozen=True)
class Predictions:
    """Coded units and their codings, from one coder (columns in the module docstring).

    Attributes
    ----------
    units : pandas.DataFrame
    codings : pandas.DataFrame
    documents : tuple of str
        Every document that was coded, including those with no units or no codings.
    path : str
        Where the predictions were read from ("" when made in Python).
    coder : str
        Who made them, when known.
    """

    units: pd.DataFrame
    codings: pd.DataFrame
    documents: tuple[str, ...]
    path: str = ""
    coder: str = ""


def predictions_from_result(result: CodingResult) -> Predictions:
    """The predictions of a coding run made in Python (:func:`qualcode.code`).

    Examples
    --------
    >>> import qualcode
    >>> corpus = qualcode.read_corpus("corpora/sample")
    >>> codebook = qualcode.load_codebook("codebooks/kennismigratie.yaml")
    >>> result = qualcode.code(corpus, codebook, mode="rules")
    >>> predictions_from_result(result).documents[:2]
    ('sample-01', 'sample-02')
    """
    documents = (
        result.documents["document"] if len(result.documents) else result.segments["document"]
    )
    return Predictions(
        units=_units(result.segments),
        codings=_codings(result.codings),
        documents=tuple(sorted(set(map(str, documents)))),
        coder=result.coder,
    )


def predictions_from_gold(gold: GoldCodings) -> Predictions:
    """Gold-format codings (e.g. a second coder's, or reviewed machine codings) as predictions.

    Examples
    --------
    >>> from qualcode.evaluation.gold import GoldCode, GoldUnit
    >>> p = predictions_from_gold(GoldCodings((GoldUnit("d", 0, 5, "Rent.", (GoldCode("rent"),)),)))
    >>> p.codings[["document", "code", "source"]].to_dict("records")
    [{'document': 'd', 'code': 'rent', 'source': 'human'}]
    """
    units = gold.units_frame()[PREDICTION_UNIT_COLUMNS]
    lines = {(u.document, u.start, u.end): u.line for u in gold.units}
    codings = gold.codes_frame()
    codings["negated"] = False
    codings["hypothetical"] = False
    codings["source"] = "human"
    codings["confidence"] = 1.0
    codings["pattern"] = None
    codings["line"] = [
        lines[key]
        for key in zip(codings["document"], codings["start"], codings["end"], strict=True)
    ]
    coders = {u.coder for u in gold.units if u.coder}
    return Predictions(
        units=units,
        codings=_codings(codings),
        documents=tuple(gold.documents),
        path=gold.path,
        coder=coders.pop() if len(coders) == 1 else "",
    )


def read_predictions(path: str | Path) -> Predictions:
    """Read predictions from ``path``.

    Parameters
    ----------
    path : str or Path
        One of: the output directory of ``qualcode code`` (``codings.csv`` and
        ``segments.csv``, and ``documents.csv`` when present); a ``codings.csv`` with
        ``segments.csv`` beside it; a gold-format ``.jsonl`` file or a directory of them.

    Returns
    -------
    Predictions

    Raises
    ------
    EvaluationError
        E402 for a path that is none of these, a ``codings.csv`` without its ``segments.csv``
        (without the unit set, "coded, nothing found" and "never coded" look the same), missing
        columns, offsets that are not integers, or codings on no unit of ``segments.csv``; the
        errors of :func:`~qualcode.evaluation.read_gold` for gold-format files.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from qualcode.evaluation import GoldCode, GoldUnit, write_gold
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "reviewed.jsonl"
    >>> _ = write_gold([GoldUnit("d", 0, 5, "Rent.", (GoldCode("rent"),)),
    ...                 GoldUnit("d", 6, 9, "No.")], path)
    >>> predictions = read_predictions(path)
    >>> len(predictions.units), predictions.codings["code"].tolist()
    (2, ['rent'])

    The output of ``qualcode code``: ``read_predictions("out/sample")``.
    """
    path = Path(path)
    if not path.exists():
        fail(problem("E402", detail="no such file or directory"), path=path)
    if path.is_dir() and (path / "codings.csv").is_file():
        return _read_coding_output(path / "codings.csv")
    if path.is_file() and path.suffix.lower() == ".csv":
        return _read_coding_output(path)
    if path.suffix.lower() == GOLD_SUFFIX or (path.is_dir() and any(path.glob(f"*{GOLD_SUFFIX}"))):
        return predictions_from_gold(read_gold(path))
    fail(
        problem(
            "E402",
            detail="expected the output directory of 'qualcode code' (with codings.csv and "
            f"segments.csv), a codings.csv, or gold-format {GOLD_SUFFIX} files",
        ),
        path=path,
    )


def _read_coding_output(codings_path: Path) -> Predictions:
    directory = codings_path.parent
    segments_path = directory / "segments.csv"
    if not segments_path.is_file():
        fail(
            problem(
                "E402",
                detail=f"no segments.csv beside {codings_path.name}: the unit set is needed to "
                "tell a document with no codings from a document that was never coded",
            ),
            path=directory,
        )
    segments = _read_csv(segments_path, PREDICTION_UNIT_COLUMNS)
    codings = _read_csv(codings_path, _REQUIRED_CODING_COLUMNS)
    documents = set(segments["document"])
    documents_path = directory / "documents.csv"
    if documents_path.is_file():
        documents |= set(_read_csv(documents_path, ["document"])["document"])
    codings["line"] = RecordLines(codings_path).all(len(codings))
    units = _units(segments)
    problems: list[Problem] = []
    known = set(zip(units["document"], units["start"], units["end"], strict=True))
    frame = _codings(codings)
    for row in frame.itertuples(index=False):
        if (row.document, row.start, row.end) not in known:
            detail = (
                f"coding {row.code!r} of document {row.document!r} at {row.start}-{row.end} is "
                "on no unit of segments.csv (are the two files from the same run?)"
            )
            problems.append(problem("E402", codings_path.name, int(row.line), detail=detail))
    raise_problems(problems, path=directory)
    coders = set(codings["coder"]) - {""} if "coder" in codings else set()
    return Predictions(
        units=units,
        codings=frame,
        documents=tuple(sorted(documents)),
        path=str(codings_path if codings_path.name != "codings.csv" else directory),
        coder=coders.pop() if len(coders) == 1 else "",
    )


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    # Everything as text with no NA guessing: a sentence reading "NA" or "null" stays a sentence.
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        fail(problem("E402", path.name, detail=f"cannot read: {exc}".strip()), path=path.parent)
    missing = [c for c in required if c not in frame.columns]
    if missing:
        detail = f"missing column(s) {', '.join(missing)}"
        fail(problem("E402", path.name, 1, detail=detail), path=path.parent)
    problems = []
    lines = RecordLines(path)
    for column in ("start", "end"):
        if column not in frame.columns:
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce")
        for index in frame.index[numbers.isna() | (numbers % 1 != 0)]:
            value = frame.at[index, column]
            detail = f"{column!r} must be an integer offset, not {value!r}"
            problems.append(problem("E402", path.name, lines(int(index)), detail=detail))
    raise_problems(problems, path=path.parent)
    return frame


def _units(frame: pd.DataFrame) -> pd.DataFrame:
    units = frame[PREDICTION_UNIT_COLUMNS].copy()
    units["document"] = units["document"].astype(str)
    units["start"] = pd.to_numeric(units["start"]).astype("int64")
    units["end"] = pd.to_numeric(units["end"]).astype("int64")
    units["text"] = units["text"].astype(str)
    return units.sort_values(["document", "start", "end"], kind="stable").reset_index(drop=True)


def _codings(frame: pd.DataFrame) -> pd.DataFrame:
    """Normalise a codings table from any source to :data:`PREDICTION_CODING_COLUMNS`."""
    codings = pd.DataFrame(index=frame.index)
    codings["document"] = frame["document"].astype(str)
    codings["start"] = pd.to_numeric(frame["start"]).astype("int64")
    codings["end"] = pd.to_numeric(frame["end"]).astype("int64")
    codings["code"] = frame["code"].astype(str)
    for column in ("valence", "stage", "pattern", "source"):
        values = frame[column] if column in frame else pd.Series(None, index=frame.index)
        codings[column] = pd.Series(
            [_text_or_none(v) for v in values], index=frame.index, dtype=object
        )
    for column in ("negated", "hypothetical"):
        values = frame[column] if column in frame else pd.Series(False, index=frame.index)
        codings[column] = [_flag(v) for v in values]
    confidence = (
        frame["confidence"] if "confidence" in frame else pd.Series(float("nan"), index=frame.index)
    )
    codings["confidence"] = pd.to_numeric(
        confidence.replace("", float("nan")), errors="coerce"
    ).astype("float64")
    line = frame["line"] if "line" in frame else pd.Series(pd.NA, index=frame.index)
    codings["line"] = pd.array(line, dtype="Int64")
    return codings[PREDICTION_CODING_COLUMNS].reset_index(drop=True)


def _text_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value)
    return text or None


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value) if not pd.isna(value) else False
