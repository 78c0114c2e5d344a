"""Load gold codings in JSON Lines (``docs/gold-format.md``) as one coder's codings.

Every line is a unit (``document``, ``start``, ``end``, ``codes``, ``text``); an empty ``codes``
list is a unit coded with nothing. The coder is the line's ``coder`` key, else the name given,
else the file (or directory) name.
"""

from __future__ import annotations

import json
from pathlib import Path

from qualcode.agreement.loaders import CodingsLoader, LoadOptions, register_codings_loader
from qualcode.agreement.table import CodingsTable, codings_table, segment_unit
from qualcode.errors import AgreementError, Problem, problem

__all__ = ["load_gold_jsonl"]

#: Stop listing problems after this many; the first ones are enough to fix a file.
MAX_PROBLEMS = 20


def _claims(path: Path) -> bool:
    if path.is_dir():
        return any(path.glob("*.jsonl")) and not (path / "codings.csv").is_file()
    return path.suffix.lower() == ".jsonl"


def _check_line(record: object) -> str | None:
    """What is wrong with one parsed line, or None."""
    if not isinstance(record, dict):
        return "a line must be a JSON object"
    if not isinstance(record.get("document"), str) or not record["document"]:
        return "'document' must be a non-empty string"
    start, end = record.get("start"), record.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        return "'start' and 'end' must be integers"
    if not 0 <= start <= end:
        return f"offsets {start}-{end} are not 0 <= start <= end"
    codes = record.get("codes")
    if not isinstance(codes, list):
        return "'codes' must be a list (empty for a unit coded with nothing)"
    for item in codes:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str) or not item["code"]:
            return "every entry of 'codes' must be an object with a non-empty 'code'"
    if "coder" in record and not isinstance(record["coder"], str):
        return "'coder' must be a string"
    return None


def _parse(files: list[Path]) -> tuple[list[tuple[str, int, dict]], list[Problem]]:
    """Every valid record with its file and line; the problems of the others."""
    records: list[tuple[str, int, dict]] = []
    problems: list[Problem] = []
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise AgreementError(problem("E601", detail=f"cannot read: {exc}"), path=file) from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(problem("E601", file.name, number, detail=f"not JSON: {exc.msg}"))
                continue
            wrong = _check_line(record)
            if wrong:
                problems.append(problem("E601", file.name, number, detail=wrong))
            else:
                records.append((file.name, number, record))
    return records, problems


def load_gold_jsonl(path: Path, options: LoadOptions) -> CodingsTable:
    """Load a gold ``.jsonl`` file or a directory of them.

    The input is one coder unless the same unit occurs under different ``coder`` keys; then
    each ``coder`` is a coder of its own. One coder is named by ``options.coder``, else by the
    ``coder`` key all lines share, else by the file (or directory) name.

    Raises
    ------
    AgreementError
        ``E601`` listing malformed lines (up to 20) and units coded twice, with line numbers.
    """
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    records, problems = _parse(files)
    return gold_records_table(records, problems, path, options)


def gold_records_table(
    records: list[tuple[str, int, dict]],
    problems: list[Problem],
    path: Path,
    options: LoadOptions,
) -> CodingsTable:
    """The codings table of parsed gold lines ``(file name, line number, record)``; shared by
    the ``.jsonl`` and ``.qdpx`` loaders."""
    keys_by_unit: dict[str, set[object]] = {}
    for _, _, record in records:
        unit = segment_unit(record["document"], record["start"], record["end"])
        keys_by_unit.setdefault(unit, set()).add(record.get("coder"))
    several = any(len(keys) > 1 for keys in keys_by_unit.values())
    if several and options.coder is not None:
        coders = sorted({str(k) for keys in keys_by_unit.values() for k in keys if k})
        detail = f"holds several coders ({', '.join(coders)}); cannot rename them all"
        raise AgreementError(problem("E601", detail=detail), path=path)
    all_keys = {record.get("coder") for _, _, record in records}
    single = next(iter(all_keys)) if len(all_keys) == 1 else None
    one_name = options.coder or (single if isinstance(single, str) else None) or path.stem
    rows: list[dict[str, object]] = []
    seen: dict[tuple[str, str], str] = {}
    for file_name, number, record in records:
        coder = (record.get("coder") or path.stem) if several else one_name
        unit = segment_unit(record["document"], record["start"], record["end"])
        if (unit, coder) in seen:
            detail = f"unit {unit} coded twice by {coder!r} (also {seen[(unit, coder)]})"
            problems.append(problem("E601", file_name, number, detail=detail))
            continue
        seen[(unit, coder)] = f"{file_name} line {number}"
        base: dict[str, object] = {
            "unit": unit,
            "coder": coder,
            "document": record["document"],
            "start": record["start"],
            "end": record["end"],
            "text": record.get("text"),
            "confidence": 1.0,
            "source": "human",
            "input": str(path / file_name) if path.is_dir() else str(path),
        }
        if not record["codes"]:
            rows.append(base)
        for item in {c["code"].strip(): c for c in record["codes"]}.values():
            rows.append(
                base
                | {
                    "code": item["code"].strip(),
                    "valence": item.get("valence"),
                    "stage": item.get("stage"),
                }
            )
    AgreementError.collect(problems[:MAX_PROBLEMS], path=path)
    return CodingsTable(codings_table(rows), str(path), ".", empty_coder=one_name)


register_codings_loader(
    CodingsLoader(
        "gold",
        claims=_claims,
        load=load_gold_jsonl,
        description="gold codings in JSON Lines (.jsonl file or directory)",
    )
)
