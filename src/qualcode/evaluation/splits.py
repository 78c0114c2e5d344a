"""Train / dev / test splits by document, fixed in a CSV file in the repository.

A splits file (``corpora/kennismigratie/splits.csv``) has one row per document: ``document``,
``split`` and the strata it was balanced on (``language``, ``route``). Splitting by document keeps
every sentence of an interview on one side, so a model never sees the test respondent's other
sentences in training. The test split is for the final figures only: tune on dev.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from qualcode.errors import Problem, problem
from qualcode.evaluation._problems import fail, raise_problems

__all__ = ["SPLIT_COLUMNS", "read_splits", "split_documents", "split_summary"]

#: The columns every splits file has; any others (the strata) are kept as they are.
SPLIT_COLUMNS: list[str] = ["document", "split"]


def read_splits(path: str | Path) -> pd.DataFrame:
    """Read a splits file: one row per document with its split and strata.

    Parameters
    ----------
    path : str or Path
        A CSV file with at least the columns ``document`` and ``split``.

    Returns
    -------
    pandas.DataFrame
        Columns ``document``, ``split``, then the file's other columns, all as strings, in file
        order. ``frame.attrs["path"]`` is the file read.

    Raises
    ------
    EvaluationError
        E412 for a missing or unreadable file, missing columns, an empty document or split,
        or a document listed twice (each with its line).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "splits.csv"
    >>> _ = file.write_text("document,split,language\\nkm-01,train,en\\nkm-02,dev,nl\\n")
    >>> read_splits(file)[["document", "split"]].values.tolist()
    [['km-01', 'train'], ['km-02', 'dev']]
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except FileNotFoundError:
        fail(problem("E412", detail="no such file"), path=path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        fail(problem("E412", detail=f"cannot read: {exc}"), path=path)
    if not rows:
        fail(problem("E412", detail="the file is empty"), path=path)
    header = [name.strip() for name in rows[0]]
    missing = [c for c in SPLIT_COLUMNS if c not in header]
    if missing:
        fail(problem("E412", line=1, detail=f"missing column(s) {', '.join(missing)}"), path=path)
    problems: list[Problem] = []
    records: list[dict[str, str]] = []
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            detail = f"{len(row)} fields, but the header has {len(header)}"
            problems.append(problem("E412", line=number, detail=detail))
            continue
        record = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        if not record["document"] or not record["split"]:
            problems.append(problem("E412", line=number, detail="empty document or split"))
            continue
        if record["document"] in first_line:
            detail = (
                f"document {record['document']!r} is listed twice "
                f"(first on line {first_line[record['document']]})"
            )
            problems.append(problem("E412", line=number, detail=detail))
            continue
        first_line[record["document"]] = number
        records.append(record)
    if not problems and not records:
        problems.append(problem("E412", detail="no documents"))
    raise_problems(problems, path=path)
    columns = SPLIT_COLUMNS + [c for c in header if c not in SPLIT_COLUMNS]
    frame = pd.DataFrame(records, columns=columns).astype(object)
    frame.attrs["path"] = str(path)
    return frame


def split_documents(splits: pd.DataFrame, name: str) -> list[str]:
    """The documents of split ``name``, in file order.

    Raises
    ------
    EvaluationError
        E406 when no document is in split ``name`` (a typo, or a split that does not exist),
        naming the splits there are.

    Examples
    --------
    >>> splits = pd.DataFrame({"document": ["a", "b", "c"], "split": ["dev", "test", "dev"]})
    >>> split_documents(splits, "dev")
    ['a', 'c']
    >>> split_documents(splits, "tset")
    Traceback (most recent call last):
    ...
    qualcode.errors.EvaluationError: [E406] split 'tset' is empty or unknown (the splits are dev, \
test)
    """
    documents = splits.loc[splits["split"] == name, "document"].tolist()
    if not documents:
        known = ", ".join(sorted(set(splits["split"])))
        fail(
            problem("E406", split=name, detail=f"the splits are {known}"),
            path=splits.attrs.get("path"),
        )
    return [str(d) for d in documents]


def split_summary(
    splits: pd.DataFrame, strata: Sequence[str] = ("language", "route")
) -> pd.DataFrame:
    """Documents per split and stratum: a check that the splits are balanced.

    Parameters
    ----------
    splits : pandas.DataFrame
        From :func:`read_splits`.
    strata : sequence of str
        Columns to count by (those absent from ``splits`` are skipped).

    Returns
    -------
    pandas.DataFrame
        One row per split (in order of first appearance) with ``documents``, then one column
        ``<stratum>=<value>`` per stratum value.

    Examples
    --------
    >>> splits = pd.DataFrame({"document": list("abcd"), "split": ["train", "dev", "train", "dev"],
    ...                        "language": ["en", "en", "nl", "nl"]})
    >>> split_summary(splits).to_dict("records")
    [{'split': 'train', 'documents': 2, 'language=en': 1, 'language=nl': 1}, \
{'split': 'dev', 'documents': 2, 'language=en': 1, 'language=nl': 1}]
    """
    order = list(dict.fromkeys(splits["split"]))
    summary = splits.groupby("split").size().rename("documents").to_frame()
    for stratum in (s for s in strata if s in splits.columns):
        counts = pd.crosstab(splits["split"], splits[stratum])
        counts.columns = [f"{stratum}={value}" for value in counts.columns]
        summary = summary.join(counts)
    return summary.reindex(order).fillna(0).astype("int64").reset_index()
