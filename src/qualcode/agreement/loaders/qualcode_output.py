"""Load qualcode's own codings: a ``qualcode code`` output directory or its ``codings.csv``.

Units are segments, keyed ``document:start-end``. ``segments.csv`` beside ``codings.csv`` lists
every coded unit, coded or not, so units the coder left uncoded are compared too; without it
only the segments that carry a code are known (and a warning says so).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from qualcode.agreement.loaders import CodingsLoader, LoadOptions, register_codings_loader
from qualcode.agreement.table import CodingsTable, codings_table, segment_unit
from qualcode.errors import AgreementError, problem

__all__ = ["from_coding_frame", "load_qualcode_output"]

CODINGS_FILE = "codings.csv"
SEGMENTS_FILE = "segments.csv"
_REQUIRED = ("document", "start", "end", "code")
_SEGMENT_REQUIRED = ("document", "start", "end")


def _read_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return []
    return [column.strip().strip('"') for column in first.strip().split(",")]


def _claims(path: Path) -> bool:
    if path.is_dir():
        return (path / CODINGS_FILE).is_file()
    if path.suffix.lower() != ".csv":
        return False
    header = set(_read_header(path))
    return {"document", "segment", "start", "end", "code"} <= header


def _read_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError as exc:
        raise AgreementError(problem("E601", detail="the file is empty"), path=path) from exc
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise AgreementError(problem("E601", detail=" ".join(str(exc).split())), path=path) from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        detail = f"missing column(s) {', '.join(missing)} (a qualcode {path.name} has them)"
        raise AgreementError(problem("E601", detail=detail), path=path)
    for column in ("start", "end"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() | (numbers < 0) | (numbers != numbers.round())
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            value = frame[column].iloc[row]
            raise AgreementError(
                problem("E601", line=row + 2, detail=f"{column} {value!r} is not an offset"),
                path=path,
            )
        frame[column] = numbers.astype("int64")
    return frame


def _text(value: object) -> str | None:
    text = "" if value is None else str(value)
    return text if text.strip() else None


def from_coding_frame(
    codings: pd.DataFrame,
    segments: pd.DataFrame | None = None,
    *,
    source: str = "",
    separator: str = ".",
    coder: str | None = None,
) -> CodingsTable:
    """Turn a qualcode codings table (and optionally its segments table) into a codings table.

    Parameters
    ----------
    codings : pandas.DataFrame
        Columns as :data:`qualcode.tables.CODING_COLUMNS` (at least document, start, end, code;
        ``coder``, ``text``, ``valence``, ``stage``, ``confidence``, ``source`` when present).
    segments : pandas.DataFrame, optional
        Every unit the coder(s) looked at (:data:`qualcode.tables.SEGMENT_COLUMNS`); each coder in
        ``codings`` is taken to have looked at all of them.
    source : str
        Where the tables came from.
    separator : str
        How codes write their hierarchy.
    coder : str, optional
        Coder name when ``codings`` has no ``coder`` column (or no rows).

    Examples
    --------
    >>> codings = pd.DataFrame({"document": ["a"], "start": [0], "end": [5], "code": ["x"],
    ...                         "coder": ["ana"]})
    >>> segments = pd.DataFrame({"document": ["a", "a"], "start": [0, 6], "end": [5, 9],
    ...                          "text": ["Hello", "you"]})
    >>> from_coding_frame(codings, segments).frame[["unit", "coder", "code"]].values.tolist()
    [['a:0-5', 'ana', 'x'], ['a:6-9', 'ana', None]]
    """
    if "coder" in codings.columns and len(codings):
        coders = [str(c) for c in dict.fromkeys(codings["coder"]) if str(c).strip()]
    else:
        coders = []
    if not coders:
        coders = [coder or (Path(source).stem if source else "qualcode")]
    default_coder = coders[0]
    rows: list[dict[str, object]] = []
    coded: set[tuple[str, str]] = set()
    texts: dict[str, str | None] = {}
    if segments is not None:
        for seg in segments.to_dict("records"):
            unit = segment_unit(str(seg["document"]), int(seg["start"]), int(seg["end"]))
            texts[unit] = _text(seg.get("text"))
    for record in codings.to_dict("records"):
        unit = segment_unit(str(record["document"]), int(record["start"]), int(record["end"]))
        who = str(record.get("coder") or default_coder)
        coded.add((unit, who))
        confidence = pd.to_numeric(record.get("confidence", 1.0), errors="coerce")
        rows.append(
            {
                "unit": unit,
                "coder": who,
                "code": str(record["code"]).strip(),
                "document": str(record["document"]),
                "start": int(record["start"]),
                "end": int(record["end"]),
                "text": texts.get(unit) or _text(record.get("text")),
                "valence": _text(record.get("valence")),
                "stage": _text(record.get("stage")),
                "confidence": 1.0 if pd.isna(confidence) else float(confidence),
                "source": _text(record.get("source")) or "rule",
                "input": source,
            }
        )
    if segments is not None:
        for seg in segments.to_dict("records"):
            unit = segment_unit(str(seg["document"]), int(seg["start"]), int(seg["end"]))
            for who in coders:
                if (unit, who) not in coded:
                    rows.append(
                        {
                            "unit": unit,
                            "coder": who,
                            "document": str(seg["document"]),
                            "start": int(seg["start"]),
                            "end": int(seg["end"]),
                            "text": texts[unit],
                            "source": "rule",
                            "input": source,
                        }
                    )
    return CodingsTable(codings_table(rows), source, separator, empty_coder=default_coder)


def load_qualcode_output(path: Path, options: LoadOptions) -> CodingsTable:
    """Load a ``qualcode code`` output directory or a ``codings.csv`` file.

    Raises
    ------
    AgreementError
        ``E601`` for a missing column or a bad offset (with its line).
    """
    codings_path = path / CODINGS_FILE if path.is_dir() else path
    segments_path = codings_path.with_name(SEGMENTS_FILE)
    codings = _read_csv(codings_path, _REQUIRED)
    warnings: list[str] = []
    segments = None
    if segments_path.is_file():
        segments = _read_csv(segments_path, _SEGMENT_REQUIRED)
    else:
        warnings.append(
            f"{codings_path}: no {SEGMENTS_FILE} beside it, so segments coded with nothing are "
            "unknown; only segments with a code are compared"
        )
    name = path.name if path.is_dir() else path.parent.name
    table = from_coding_frame(
        codings, segments, source=str(path), coder=options.coder or name or "qualcode"
    )
    return replace(table, warnings=tuple(warnings))


register_codings_loader(
    CodingsLoader(
        "qualcode",
        claims=_claims,
        load=load_qualcode_output,
        description="a `qualcode code` output directory or its codings.csv",
    )
)
