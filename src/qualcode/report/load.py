"""Read the output directory of ``qualcode code`` back into a :class:`CodingResult`, checked.

The directory holds ``codings.csv``, ``segments.csv`` and ``documents.csv`` (columns in
:mod:`qualcode.tables`), the codebook used (``codebook.yaml``) and how the run was made
(``run.json``). Every problem of a table is reported at once, with the file and line.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from qualcode._lines import RecordLines
from qualcode.codebook import Codebook, load_codebook
from qualcode.coding.result import CodingResult
from qualcode.errors import Problem, ReportError, problem
from qualcode.tables import CODING_COLUMNS

__all__ = ["CODEBOOK_FILE", "RESULT_FILES", "RUN_FILE", "load_results"]

#: The tables ``qualcode code`` writes and a report reads.
RESULT_FILES = ("codings.csv", "segments.csv", "documents.csv")
#: The codebook the codings were made with, written beside them.
CODEBOOK_FILE = "codebook.yaml"
#: How the codings were made (unit, roles, coder, codebook hash), written beside them.
RUN_FILE = "run.json"

_REQUIRED = {
    "codings.csv": ("document", "segment", "code"),
    "segments.csv": ("document", "segment", "text"),
    "documents.csv": ("document",),
}
_INTEGER = ("segment", "turn", "start", "end", "line", "words", "coded_words", "turns")
_FLOAT = ("confidence", "start_time", "end_time")
_BOOLEAN = ("negated", "hypothetical")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_SHOWN = 3  # bad rows named per column before "and N more"


def load_results(
    directory: str | Path,
    *,
    codebook: Codebook | str | Path | None = None,
    segment_columns: Sequence[str] | None = None,
) -> CodingResult:
    """Load the codings, segments and documents written by ``qualcode code``.

    Parameters
    ----------
    directory : str or Path
        The output directory of ``qualcode code`` (or :func:`qualcode.write_results`).
    codebook : Codebook, str or Path, optional
        The codebook the codings were made with (default: ``codebook.yaml`` in ``directory``).
    segment_columns : sequence of str, optional
        Read only these columns of ``segments.csv`` (with ``document`` and ``segment``): the
        report needs ``line``, ``start_time`` and ``words``, not the text, which on a large
        corpus is most of the file.

    Returns
    -------
    CodingResult

    Raises
    ------
    ReportError
        ``E506`` for a missing file, ``E501``/``E509`` for unreadable tables or bad values
        (each with its line), ``E502`` naming codes the codebook does not have, ``E508`` when the
        tables refer to segments or documents the others do not have.

    Examples
    --------
    >>> import tempfile
    >>> from qualcode.report import write_results
    >>> from qualcode.report.demo import demo_result
    >>> out = tempfile.mkdtemp()
    >>> _ = write_results(demo_result(), out)
    >>> result = load_results(out)
    >>> len(result.codings), result.codebook.name
    (9, 'demo')
    """
    directory = Path(directory)
    expected = ", ".join([*RESULT_FILES, CODEBOOK_FILE])
    if not directory.is_dir():
        raise ReportError(
            problem("E506", file="the directory", expected=expected, hint=""), path=directory
        )
    missing = [name for name in RESULT_FILES if not (directory / name).is_file()]
    if missing:
        raise ReportError(
            [problem("E506", file=name, expected=expected, hint="") for name in missing],
            path=directory,
        )
    book = _codebook(directory, codebook, expected)
    codings = _read_table(directory / "codings.csv", "E501")
    segments = _read_table(
        directory / "segments.csv",
        "E509",
        columns=None if segment_columns is None else ("document", "segment", *segment_columns),
    )
    documents = _read_table(directory / "documents.csv", "E509")
    codings = _complete_codings(codings, segments, book)
    _check_references(directory, codings, segments, documents)
    _check_codes(directory / "codings.csv", codings, book)
    coders = sorted(pd.unique(codings["coder"].dropna().astype(str)))
    if len(coders) > 1:
        raise ReportError(
            problem(
                "E501",
                detail=f"codings by {len(coders)} coders ({', '.join(coders)}); a report "
                "describes one coder's codings: keep one coder's rows (compare coders with "
                "the agreement tools)",
            ),
            path=directory / "codings.csv",
        )
    run = _run_info(directory / RUN_FILE)
    if run.get("codebook_sha256") not in (None, book.sha256):
        warnings.warn(
            f"{directory / RUN_FILE}: the codings were made with a different version of codebook "
            f"{run.get('codebook', '?')!r} than the one given; counts use the given codebook",
            stacklevel=2,
        )
    recorded = run.get("roles")
    roles = (
        [str(role) for role in recorded]
        if isinstance(recorded, list)
        else sorted(pd.unique(segments["role"].dropna().astype(str)))
        if "role" in segments
        else []
    )
    return CodingResult(
        codings=codings,
        segments=segments,
        documents=documents,
        codebook=book,
        unit=str(run.get("unit", "sentence")),
        roles=tuple(roles) or ("respondent",),
        coder=str(run.get("coder") or (coders[0] if coders else "unknown")),
    )


def _codebook(directory: Path, codebook: Codebook | str | Path | None, expected: str) -> Codebook:
    # a report reads codes, labels and definitions, never patterns: compiling them (seconds for a
    # large codebook) would check nothing the report depends on
    if isinstance(codebook, Codebook):
        return codebook
    if codebook is not None:
        return load_codebook(codebook, check_patterns=False)
    path = directory / CODEBOOK_FILE
    if not path.is_file():
        raise ReportError(
            problem(
                "E506",
                file=CODEBOOK_FILE,
                expected=expected,
                hint="; pass the codebook the codings were made with (--codebook)",
            ),
            path=directory,
        )
    return load_codebook(path, check_patterns=False)


def _read_table(path: Path, code: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a results table, check its columns, and convert the typed ones.

    Text columns are read as text; the typed ones are left to the parser (no text object per
    cell, which on a large ``segments.csv`` is most of the memory) and checked afterwards, a
    value the parser could not read as a number arriving as text and named as a bad row.
    """
    wanted = None if columns is None else set(columns)
    typed = {*_INTEGER, *_FLOAT, *_BOOLEAN}
    options: dict[str, Any] = {
        "keep_default_na": False,
        "na_values": [""],
        "encoding": "utf-8-sig",
        "usecols": None if wanted is None else (lambda column: column.strip() in wanted),
    }
    try:
        header = pd.read_csv(path, nrows=0, **options).columns
        text = {str(c): str for c in header if str(c).strip() not in typed}
        frame = pd.read_csv(path, dtype=text, **options)
    except pd.errors.EmptyDataError as exc:
        raise ReportError(
            problem(code, detail="the file is empty (no header row)"), path=path
        ) from exc
    except (pd.errors.ParserError, UnicodeDecodeError, OSError, ValueError) as exc:
        raise ReportError(problem(code, detail=" ".join(str(exc).split())), path=path) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    required = tuple(c for c in _REQUIRED[path.name] if wanted is None or c in wanted)
    absent = [c for c in required if c not in frame.columns]
    if absent:
        raise ReportError(
            problem(
                code,
                detail=f"missing column(s) {', '.join(absent)}; found {', '.join(frame.columns)}",
            ),
            path=path,
        )
    problems: list[Problem] = []
    lines = RecordLines(path)
    for column in required:
        empty = frame.index[frame[column].isna()]
        if len(empty):
            problems.append(_bad_rows(code, column, empty, "must not be empty", frame, lines))
    for column in (c for c in _INTEGER if c in frame.columns):
        frame[column] = _convert(frame, column, code, "a whole number", _integer, problems, lines)
    for column in (c for c in _FLOAT if c in frame.columns):
        frame[column] = _convert(frame, column, code, "a number", _number, problems, lines)
    for column in (c for c in _BOOLEAN if c in frame.columns):
        frame[column] = _convert(frame, column, code, "true or false", _boolean, problems, lines)
    ReportError.collect(problems, path=path)
    for column in ("document", "code"):
        if column in frame.columns:
            values = frame[column].astype(str)
            padded = values.str.match(r"\s|.*\s$")  # new strings only where they are needed
            frame[column] = values.mask(padded, values[padded].str.strip())
    return frame


def _integer(text: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(text, errors="coerce")
    return numbers.where(numbers.isna() | (numbers % 1 == 0))


def _number(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text, errors="coerce")


def _boolean(text: pd.Series) -> pd.Series:
    lowered = text.astype(str).str.strip().str.lower()
    return lowered.map({**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)})


def _convert(
    frame: pd.DataFrame,
    column: str,
    code: str,
    kind: str,
    parse: Callable[[pd.Series], pd.Series],
    problems: list[Problem],
    lines: RecordLines,
) -> pd.Series:
    """Parse ``column`` with ``parse`` (vectorised); record one problem naming the bad rows."""
    text = frame[column]
    parsed = parse(text).where(text.notna())
    bad = frame.index[text.notna() & parsed.isna()]
    if len(bad):
        problems.append(_bad_rows(code, column, bad, f"must be {kind}", frame, lines))
    if parse is _boolean:
        return parsed.astype(object).where(parsed.notna(), False).astype(bool)
    if parse is _integer and parsed.notna().all():
        return parsed.astype("int64")
    return parsed.astype(float)


def _bad_rows(
    code: str,
    column: str,
    rows: Sequence[int],
    what: str,
    frame: pd.DataFrame,
    lines: RecordLines,
) -> Problem:
    first = int(rows[0])
    value = frame.at[first, column]
    shown = ", ".join(str(lines(int(r))) for r in rows[:_SHOWN])
    more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
    found = "" if pd.isna(value) else f", not {value!r}"
    return problem(
        code,
        line=lines(first),
        detail=f"column {column!r} {what}{found} (line(s) {shown}{more})",
    )


def _complete_codings(
    codings: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Add the documented columns a codings file from elsewhere may lack."""
    codings = codings.copy()
    defaults: dict[str, object] = {
        "source": "human",
        "confidence": 1.0,
        "negated": False,
        "hypothetical": False,
    }
    for column, value in defaults.items():
        if column not in codings.columns:
            codings[column] = value
    codings["negated"] = codings["negated"].astype(bool)
    codings["hypothetical"] = codings["hypothetical"].astype(bool)
    codings["confidence"] = codings["confidence"].fillna(1.0)
    if "label" not in codings.columns:
        codings["label"] = codings["code"].map(codebook.label)
    from_segments = [
        c for c in ("turn", "speaker", "role", "start", "end", "text") if c in segments
    ]
    lacking = [c for c in from_segments if c not in codings.columns]
    if lacking and len(codings):
        keyed = segments[["document", "segment", *lacking]].drop_duplicates(["document", "segment"])
        # the index stays the row of codings.csv, for messages naming its lines
        codings = codings.merge(keyed, on=["document", "segment"], how="left").set_axis(
            codings.index
        )
    for column in CODING_COLUMNS:
        if column not in codings.columns:
            codings[column] = None
    extra = [c for c in codings.columns if c not in CODING_COLUMNS]
    return codings[[*CODING_COLUMNS, *extra]]


def _check_references(
    directory: Path, codings: pd.DataFrame, segments: pd.DataFrame, documents: pd.DataFrame
) -> None:
    problems: list[Problem] = []
    known_documents = set(documents["document"])
    duplicated = documents["document"][documents["document"].duplicated()]
    if len(duplicated):
        problems.append(
            problem(
                "E509",
                "documents.csv",
                line=RecordLines(directory / "documents.csv")(int(duplicated.index[0])),
                detail=f"document {duplicated.iloc[0]!r} has more than one row",
            )
        )
    for name, frame in (("codings.csv", codings), ("segments.csv", segments)):
        unknown = sorted(set(frame["document"]) - known_documents)
        if unknown:
            problems.append(
                problem(
                    "E508",
                    file=name,
                    what="documents",
                    other="documents.csv",
                    detail=_names(unknown),
                )
            )
    keys = ["document", "segment"]
    matched = codings[keys].merge(
        segments[keys].drop_duplicates(), on=keys, how="left", indicator=True
    )
    stray = list(matched.loc[matched["_merge"] == "left_only", keys].itertuples(index=False))
    if stray:
        problems.append(
            problem(
                "E508",
                file="codings.csv",
                what="segments",
                other="segments.csv",
                detail=_names([f"{d}#{s}" for d, s in sorted(set(stray))]),
            )
        )
    ReportError.collect(problems, path=directory)


def _check_codes(path: Path, codings: pd.DataFrame, codebook: Codebook) -> None:
    unknown = codings.loc[~codings["code"].isin(codebook.ids), "code"]
    if unknown.empty:
        return
    first_rows = unknown.reset_index().groupby("code")["index"].min()
    lines = RecordLines(path)
    named = ", ".join(f"{code!r} (line {lines(int(row))})" for code, row in first_rows.items())
    raise ReportError(
        problem(
            "E502",
            detail=f"codebook {codebook.name!r} has no code {named}; pass the codebook the "
            "codings were made with (--codebook)",
        ),
        path=path,
    )


def _run_info(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(problem("E509", detail=f"not valid JSON: {exc}"), path=path) from exc
    if not isinstance(info, dict):
        raise ReportError(problem("E509", detail="expected a JSON object"), path=path)
    return info


def _names(items: Sequence[str], shown: int = 5) -> str:
    listed = ", ".join(repr(i) for i in items[:shown])
    return listed + (f" and {len(items) - shown} more" if len(items) > shown else "")
