"""Read, check and write gold codings as JSON Lines (the format of ``docs/gold-format.md``).

Reading collects every problem of every line before raising — JSON syntax, keys, types, codes and
facet values against the codebook, offsets that cannot match the text, units given twice or
overlapping — each with its file and line, in one :class:`~qualcode.errors.EvaluationError`.
Checking against the corpus (:func:`check_gold_against`) confirms that each unit's ``text`` is
exactly the document's text between its offsets. Writing is atomic and canonical (sorted units,
fixed key order), so re-writing unchanged gold changes no byte and diffs show only real edits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from qualcode._io import StagedOutput, atomic_write_text
from qualcode.codebook.schema import Codebook
from qualcode.errors import Problem, problem
from qualcode.evaluation._problems import fail, raise_problems, shorten
from qualcode.evaluation.gold import GoldCode, GoldCodings, GoldUnit
from qualcode.records import Corpus

__all__ = [
    "GOLD_SUFFIX",
    "check_gold_against",
    "gold_files",
    "gold_line",
    "read_gold",
    "unit_set_problems",
    "write_gold",
]

GOLD_SUFFIX = ".jsonl"
_REQUIRED = ("document", "start", "end", "codes", "text")
_OPTIONAL = ("coder", "note")
_CODE_KEYS = ("code", "valence", "stage")


def gold_files(path: str | Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or the ``*.jsonl`` files of a directory.

    Hidden files (editor swap files, ``.~lock``) are ignored.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.jsonl", "a.jsonl", ".a.jsonl.swp", "notes.txt"):
    ...     _ = (folder / name).write_text("")
    >>> [p.name for p in gold_files(folder)]
    ['a.jsonl', 'b.jsonl']
    """
    path = Path(path)
    if path.is_dir():
        return sorted(
            p for p in path.glob(f"*{GOLD_SUFFIX}") if p.is_file() and not p.name.startswith(".")
        )
    return [path]


def read_gold(path: str | Path, codebook: Codebook | None = None) -> GoldCodings:
    """Read gold codings from a JSON Lines file or a directory of them.

    Parameters
    ----------
    path : str or Path
        A ``.jsonl`` file, or a directory whose ``*.jsonl`` files are read (one per document,
        e.g. ``corpora/kennismigratie/gold/``).
    codebook : Codebook, optional
        Check every code (known, codable, not repeated in a unit) and facet value against it.

    Returns
    -------
    GoldCodings
        Units sorted by document and start offset.

    Raises
    ------
    EvaluationError
        Listing every problem with file and line: invalid JSON or keys (E401), unknown codes
        (E404), text whose length does not match the offsets (E405), a unit given twice
        (E408) or overlapping another (E409), a facet value the codebook lacks (E410), a group
        code (E411); also a missing path or no units at all (E401).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "d.jsonl"
    >>> _ = file.write_text('{"document": "d", "start": 0, "end": 5, "codes": '
    ...     '[{"code": "rent", "valence": "barrier", "stage": null}], "text": "Rent."}\\n')
    >>> gold = read_gold(file)
    >>> gold.units[0].codes
    (GoldCode(code='rent', valence='barrier', stage=None),)
    """
    root = Path(path)
    if not root.exists():
        fail(problem("E401", detail="no such file or directory"), path=root)
    files = gold_files(root)
    if not files:
        fail(problem("E401", detail=f"no {GOLD_SUFFIX} files in this directory"), path=root)
    problems: list[Problem] = []
    units: list[GoldUnit] = []
    for file in files:
        name = file.relative_to(root).as_posix() if root.is_dir() else ""
        units.extend(_read_file(file, name, codebook, problems))
    if not problems and not units:
        problems.append(problem("E401", detail="no units: the gold is empty"))
    gold = GoldCodings(tuple(units), str(root))
    problems.extend(unit_set_problems(gold))
    raise_problems(problems, path=root)
    return gold


def _read_file(
    file: Path, name: str, codebook: Codebook | None, problems: list[Problem]
) -> list[GoldUnit]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            problem("E401", name, detail=f"cannot decode ({exc.reason}); save as UTF-8")
        )
        return []
    except OSError as exc:
        problems.append(problem("E401", name, detail=f"cannot read: {exc.strerror or exc}"))
        return []
    units = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue  # blank lines (a trailing newline, a separator) carry nothing
        before = len(problems)
        unit = _parse_line(line, name, number, codebook, problems)
        if unit is not None and len(problems) == before:
            units.append(unit)
    return units


def _parse_line(
    line: str, name: str, number: int, codebook: Codebook | None, problems: list[Problem]
) -> GoldUnit | None:
    def report(code: str, **fields: object) -> None:
        problems.append(problem(code, name, number, **fields))

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        report("E401", detail=f"invalid JSON: {exc.msg} (column {exc.colno})")
        return None
    if not isinstance(record, dict):
        report("E401", detail=f"a line must be a JSON object, not {type(record).__name__}")
        return None
    missing = [k for k in _REQUIRED if k not in record]
    unknown = [k for k in record if k not in _REQUIRED + _OPTIONAL]
    if missing:
        report("E401", detail=f"missing key(s) {', '.join(map(repr, missing))}")
    if unknown:
        allowed = ", ".join(_REQUIRED + _OPTIONAL)
        report("E401", detail=f"unknown key(s) {', '.join(map(repr, unknown))}; keys are {allowed}")
    if missing or unknown:
        return None
    document, start, end, text = (record[k] for k in ("document", "start", "end", "text"))
    ok = True
    if not isinstance(document, str) or not document:
        report("E401", detail="'document' must be a non-empty string")
        ok = False
    if not _is_int(start) or not _is_int(end) or start < 0 or end <= start:
        report(
            "E401", detail=f"offsets must be integers with 0 <= start < end, not {start!r}-{end!r}"
        )
        ok = False
    if not isinstance(text, str):
        report("E401", detail="'text' must be a string")
        ok = False
    for key in _OPTIONAL:
        if record.get(key) is not None and not isinstance(record[key], str):
            report("E401", detail=f"{key!r} must be a string or null")
            ok = False
    codes = _parse_codes(record["codes"], codebook, report)
    if not ok or codes is None:
        return None
    if len(text) != end - start:
        report(
            "E405",
            start=start,
            end=end,
            document=document,
            detail=f"they span {end - start} characters but 'text' has {len(text)}",
        )
        return None
    return GoldUnit(
        document, start, end, text, codes, record.get("coder"), record.get("note"), name, number
    )


def _parse_codes(value: Any, codebook: Codebook | None, report: Any) -> tuple[GoldCode, ...] | None:
    if not isinstance(value, list):
        report("E401", detail="'codes' must be a list ([] for a unit coded with none)")
        return None
    codes: list[GoldCode] = []
    ok = True
    for position, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            report("E401", detail=f"codes -> {position}: must be an object with a 'code' string")
            ok = False
            continue
        unknown = [k for k in item if k not in _CODE_KEYS]
        if unknown:
            report(
                "E401",
                detail=f"codes -> {position}: unknown key(s) {', '.join(map(repr, unknown))}; "
                f"keys are {', '.join(_CODE_KEYS)}",
            )
            ok = False
        facets = {f: item.get(f) for f in ("valence", "stage")}
        for facet, facet_value in facets.items():
            if facet_value is not None and not isinstance(facet_value, str):
                report("E401", detail=f"codes -> {position}: {facet!r} must be a string or null")
                ok = False
            elif facet_value is not None and codebook is not None:
                values = codebook.facets[facet].values if facet in codebook.facets else []
                if facet_value not in values:
                    listed = ", ".join(values) if values else "the codebook has no such facet"
                    report("E410", facet=facet, value=facet_value, values=listed)
                    ok = False
        code_id = item["code"]
        if codebook is not None and code_id not in codebook:
            report("E404", code_id=code_id)
            ok = False
        elif codebook is not None and not codebook[code_id].codable:
            report("E411", code_id=code_id)
            ok = False
        if code_id in (c.code for c in codes):
            report("E401", detail=f"code {code_id!r} is given twice in this unit")
            ok = False
        codes.append(GoldCode(code_id, facets["valence"], facets["stage"]))
    return tuple(codes) if ok else None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def unit_set_problems(gold: GoldCodings) -> list[Problem]:
    """Units given twice (E408) and units that overlap (E409): gold must partition its text.

    :func:`read_gold` reports these with the rest; :func:`qualcode.evaluation.evaluate` checks
    gold made in Python with the same function.

    Examples
    --------
    >>> gold = GoldCodings((GoldUnit("d", 0, 5, "Rent."), GoldUnit("d", 3, 9, "t. No.")))
    >>> [p.code for p in unit_set_problems(gold)]
    ['E409']
    """
    found: list[Problem] = []
    previous: GoldUnit | None = None
    for unit in gold.units:
        if previous is not None and previous.document == unit.document:
            fields = {"start": unit.start, "end": unit.end, "document": unit.document}
            location, line = unit.file, unit.line
            if (previous.start, previous.end) == (unit.start, unit.end):
                found.append(problem("E408", location, line, first=previous.where, **fields))
                continue
            if unit.start < previous.end:
                found.append(
                    problem(
                        "E409",
                        location,
                        line,
                        other_start=previous.start,
                        other_end=previous.end,
                        other=previous.where,
                        **fields,
                    )
                )
        if previous is None or previous.document != unit.document or unit.end > previous.end:
            previous = unit
    return found


def check_gold_against(gold: GoldCodings, corpus: Corpus) -> None:
    """Check that every gold unit lies on its document and its ``text`` is the document's text.

    Parameters
    ----------
    gold : GoldCodings
    corpus : Corpus
        The transcripts the gold was coded on (read with :func:`qualcode.read_corpus`).

    Raises
    ------
    EvaluationError
        E405 for every unit whose document is not in the corpus, whose offsets run past the end
        of the document, or whose text differs from the document's text between its offsets
        (the transcript changed after annotation), naming document, file, line and offsets.

    Examples
    --------
    >>> from qualcode.records import Document
    >>> corpus = Corpus((Document("d", "Rent is high.", (), "en"),))
    >>> check_gold_against(GoldCodings((GoldUnit("d", 0, 4, "Rent"),)), corpus)
    >>> check_gold_against(GoldCodings((GoldUnit("d", 0, 4, "Rant"),)), corpus)
    Traceback (most recent call last):
    ...
    qualcode.errors.EvaluationError: [E405] offsets 0-4 do not fall on document 'd': \
the gold text 'Rant' differs from the document's 'Rent'
    """
    texts = {d.id: d.text for d in corpus.documents}
    problems: list[Problem] = []
    reported_missing: set[str] = set()
    for unit in gold.units:
        fields = {"start": unit.start, "end": unit.end, "document": unit.document}
        location = unit.file
        text = texts.get(unit.document)
        if text is None:
            if unit.document not in reported_missing:
                reported_missing.add(unit.document)
                detail = "the corpus has no such document" + (
                    f" (read from {corpus.path})" if corpus.path else ""
                )
                problems.append(problem("E405", location, unit.line, detail=detail, **fields))
        elif unit.end > len(text):
            detail = f"the document has {len(text)} characters"
            problems.append(problem("E405", location, unit.line, detail=detail, **fields))
        elif text[unit.start : unit.end] != unit.text:
            detail = (
                f"the gold text {shorten(unit.text)} differs from the document's "
                f"{shorten(text[unit.start : unit.end])}"
            )
            problems.append(problem("E405", location, unit.line, detail=detail, **fields))
    raise_problems(problems, path=gold.path or None)


def gold_line(unit: GoldUnit) -> str:
    """One unit as its canonical JSON line (without the line end).

    Keys in the documented order; ``valence`` and ``stage`` always present; ``coder`` and
    ``note`` only when set; codes in the order the coder gave them. Equal units give equal
    lines, so re-writing gold that was read changes no byte.

    Examples
    --------
    >>> print(gold_line(GoldUnit("d", 0, 5, "Rent.", (GoldCode("rent", "barrier"),))))
    {"document": "d", "start": 0, "end": 5, "codes": [{"code": "rent", "valence": "barrier", \
"stage": null}], "text": "Rent."}
    """
    record: dict[str, object] = {
        "document": unit.document,
        "start": unit.start,
        "end": unit.end,
        "codes": [{"code": c.code, "valence": c.valence, "stage": c.stage} for c in unit.codes],
        "text": unit.text,
    }
    for key in _OPTIONAL:
        value = getattr(unit, key)
        if value is not None:
            record[key] = value
    return json.dumps(record, ensure_ascii=False)


def write_gold(
    gold: GoldCodings | Iterable[GoldUnit], target: str | Path, *, per_document: bool = False
) -> list[Path]:
    """Write gold codings as canonical JSON Lines, atomically.

    Parameters
    ----------
    gold : GoldCodings or iterable of GoldUnit
    target : str or Path
        A ``.jsonl`` file, or with ``per_document=True`` a directory that receives one
        ``<document>.jsonl`` per document (the layout of ``corpora/kennismigratie/gold/``).
    per_document : bool
        Write one file per document instead of one file.

    Returns
    -------
    list of Path
        The files written. They appear together or not at all; files of other documents already
        in the directory are left alone.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> units = [GoldUnit("b", 0, 3, "No."), GoldUnit("a", 0, 5, "Rent.", (GoldCode("rent"),))]
    >>> [p.name for p in write_gold(units, out, per_document=True)]
    ['a.jsonl', 'b.jsonl']
    >>> read_gold(out).documents
    ['a', 'b']
    """
    ordered = gold if isinstance(gold, GoldCodings) else GoldCodings(tuple(gold))
    if not per_document:
        return [atomic_write_text(target, "".join(gold_line(u) + "\n" for u in ordered.units))]
    by_document: dict[str, list[str]] = {}
    for unit in ordered.units:
        by_document.setdefault(unit.document, []).append(gold_line(unit) + "\n")
    with StagedOutput(target) as staged:
        for document, lines in by_document.items():
            staged.path(f"{_safe_name(document)}{GOLD_SUFFIX}").write_text(
                "".join(lines), encoding="utf-8", newline="\n"
            )
    return staged.written


def _safe_name(document: str) -> str:
    """The file name of a document's gold file; ids with path separators would escape the
    directory, so they are refused rather than rewritten (a rewritten name would not round-trip)."""
    if not document or "/" in document or "\\" in document or document in {".", ".."}:
        raise_problems([problem("E401", detail=f"document id {document!r} cannot be a file name")])
    return document
