"""Read, validate and write codebook files (YAML).

Validation collects *every* problem before raising — YAML syntax, schema, references between
codes, patterns — each with a location such as ``codes -> housing.search -> patterns -> en -> 2``
and the line in the file, in one :class:`~qualcode.errors.CodebookError`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from qualcode._io import atomic_write_text
from qualcode.codebook.patterns import PatternSyntaxError, compile_pattern
from qualcode.codebook.schema import Codebook
from qualcode.errors import CodebookError, Problem, problem

__all__ = ["codebook_from_dict", "dump_codebook", "load_codebook", "validate_codebook"]


def load_codebook(path: str | Path, *, check_patterns: bool = True) -> Codebook:
    """Load and validate a codebook file.

    Parameters
    ----------
    path : str or Path
        A YAML codebook (``.yaml``/``.yml``) or a REFI-QDA codebook (``.qdc``).
    check_patterns : bool, default True
        Also compile every pattern with the language's spaCy pipeline.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        Listing every problem found, each with its location and line.

    Examples
    --------
    >>> cb = load_codebook("codebooks/kennismigratie.yaml")
    >>> cb["housing.search"].label
    'Barriers in finding housing'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".qdc":
        from qualcode.interop.qdc import read_qdc  # imported lazily: optional format

        return read_qdc(path)
    if suffix not in {".yaml", ".yml"}:
        raise CodebookError(problem("E015", suffix=suffix or path.name), path=path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CodebookError(problem("E101", reason="no such file"), path=path) from exc
    except UnicodeDecodeError as exc:
        raise CodebookError(problem("E103", reason=str(exc.reason)), path=path) from exc
    except OSError as exc:
        raise CodebookError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc
    if not text.strip():
        raise CodebookError(problem("E102"), path=path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = " ".join(str(getattr(exc, "problem", None) or exc).split())
        line = mark.line + 1 if mark is not None else None
        raise CodebookError(problem("E001", line=line, detail=detail), path=path) from exc
    return codebook_from_dict(data, path=path, node=root, check_patterns=check_patterns)


def codebook_from_dict(
    data: Any,
    *,
    path: str | Path | None = None,
    node: yaml.Node | None = None,
    check_patterns: bool = True,
) -> Codebook:
    """Validate a codebook given as plain data (what ``yaml.safe_load`` returns).

    ``node`` (from ``yaml.compose``) lets problems carry line numbers.
    """
    if not isinstance(data, dict):
        raise CodebookError(
            problem("E002", detail="a codebook is a mapping with 'name' and 'codes'"), path=path
        )
    problems: list[Problem] = []
    try:
        codebook = Codebook.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                Problem("E002", _message(error), _location(loc, data), _line(node, loc))
            )
        codebook = None
    problems.extend(_reference_problems(data, node))
    if check_patterns:
        problems.extend(_pattern_problems(data, node))
    CodebookError.collect(problems, path=path)
    assert codebook is not None
    return codebook


def validate_codebook(path: str | Path) -> tuple[Codebook, list[str]]:
    """Validate ``path`` fully and also return non-fatal warnings.

    Warnings name codable codes without patterns in a declared language (such codes can only be
    found by a trained model).

    Raises
    ------
    CodebookError
        With every problem found.
    """
    codebook = load_codebook(path)
    notes = []
    for code in codebook.codes:
        if not code.codable:
            continue
        for language in codebook.languages:
            if not code.patterns.get(language):
                notes.append(
                    str(problem("E007", f"codes -> {code.id}", id=code.id, language=language))
                )
    return codebook, notes


def dump_codebook(codebook: Codebook, path: str | Path) -> Path:
    """Write ``codebook`` as YAML (atomically) and return the path."""
    data = codebook.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("name", codebook.name)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return atomic_write_text(path, text)


# -- problem locations ------------------------------------------------------------------------


def _message(error: Any) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return f"unknown key {error['loc'][-1]!r} (not part of the codebook format)"
    if error["type"] == "missing":
        return f"missing required key {error['loc'][-1]!r}"
    if error["type"] == "string_pattern_mismatch" and "id" in error["loc"]:
        return (
            f"invalid code id {error.get('input')!r}: use lower-case words joined by dots, "
            "like 'social.network'"
        )
    return message[0].lower() + message[1:] if message else message


def _location(loc: Sequence[Any], data: Any) -> str:
    """Render a pydantic/YAML path, naming codes by id: ``codes -> housing -> patterns -> 2``."""
    parts: list[str] = []
    current = data
    for i, key in enumerate(loc):
        if isinstance(key, int) and i > 0 and loc[i - 1] == "codes":
            code_id = (
                current[key].get("id")
                if isinstance(current, list)
                and key < len(current)
                and isinstance(current[key], dict)
                else None
            )
            parts.append(str(code_id) if code_id else f"#{key + 1}")
        elif isinstance(key, int):
            parts.append(str(key + 1))
        elif key in {"str", "list[dict[str,any]]", "function-after[_version_as_text(), str]"}:
            continue  # pydantic's union branch names
        else:
            parts.append(str(key))
        try:
            current = current[key]
        except (KeyError, IndexError, TypeError):
            current = None
    return " -> ".join(parts)


def _line(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """1-based line of the YAML node at ``loc`` (or of its nearest existing ancestor)."""
    if node is None:
        return None
    best = node
    for key in loc:
        child = None
        if isinstance(best, yaml.MappingNode) and isinstance(key, str):
            for key_node, value_node in best.value:
                if getattr(key_node, "value", None) == key:
                    child = value_node
                    break
        elif (
            isinstance(best, yaml.SequenceNode)
            and isinstance(key, int)
            and 0 <= key < len(best.value)
        ):
            child = best.value[key]
        if child is None:
            break
        best = child
    return best.start_mark.line + 1


def _codes(data: Any) -> list[tuple[int, dict[str, Any]]]:
    codes = data.get("codes") if isinstance(data, dict) else None
    if not isinstance(codes, list):
        return []
    return [(i, c) for i, c in enumerate(codes) if isinstance(c, dict)]


def _reference_problems(data: Any, node: yaml.Node | None) -> Iterator[Problem]:
    first: dict[str, int] = {}
    parents: dict[str, str] = {}
    for i, code in _codes(data):
        code_id = code.get("id")
        if not isinstance(code_id, str):
            continue
        if code_id in first:
            yield problem(
                "E003",
                f"codes -> #{i + 1}",
                _line(node, ("codes", i, "id")),
                id=code_id,
                first=f"#{first[code_id] + 1}",
            )
            continue
        first[code_id] = i
        parent = code.get("parent")
        if isinstance(parent, str):
            parents[code_id] = parent
    for i, code in _codes(data):
        code_id, parent = code.get("id"), code.get("parent")
        if not isinstance(code_id, str) or not isinstance(parent, str) or first.get(code_id) != i:
            continue
        where, line = f"codes -> {code_id} -> parent", _line(node, ("codes", i, "parent"))
        if parent not in first:
            yield problem("E004", where, line, parent=parent)
            continue
        seen = [code_id]
        current: str | None = parent
        while current is not None and current not in seen:
            seen.append(current)
            current = parents.get(current)
        if current == code_id:
            yield problem("E005", where, line, id=code_id, cycle=" -> ".join([*seen, code_id]))
    declared = data.get("languages", ["en", "nl"]) if isinstance(data, dict) else []
    if isinstance(declared, list):
        for i, code in _codes(data):
            for key in ("patterns", "exclude_patterns"):
                by_language = code.get(key)
                if not isinstance(by_language, dict):
                    continue
                for language in by_language:
                    if language not in declared:
                        yield problem(
                            "E006",
                            f"codes -> {code.get('id', f'#{i + 1}')} -> {key} -> {language}",
                            _line(node, ("codes", i, key, language)),
                            language=language,
                            declared=", ".join(map(str, declared)),
                        )


def _pattern_problems(data: Any, node: yaml.Node | None) -> Iterator[Problem]:
    """Compile every pattern and check facet values, on the raw data (so these problems are
    reported together with schema problems elsewhere in the file)."""
    from qualcode.errors import CodingError
    from qualcode.nlp import load_pipeline

    if not isinstance(data, dict):
        return
    declared = data.get("languages", ["en", "nl"])
    declared = (
        [lang for lang in declared if isinstance(lang, str)] if isinstance(declared, list) else []
    )
    pipelines = {}
    for language in declared:
        try:
            pipelines[language] = load_pipeline(language)
        except CodingError as exc:
            yield Problem(
                exc.code,
                exc.problems[0].message,
                f"languages -> {language}",
                _line(node, ("languages",)),
            )

    def check(items: Any, language: Any, loc: tuple[Any, ...]) -> Iterator[Problem]:
        nlp = pipelines.get(language)
        if nlp is None or not isinstance(items, list):
            return
        for j, item in enumerate(items):
            if not isinstance(item, str | list):
                continue  # the schema reports the type
            item_loc = (*loc, j)
            try:
                compile_pattern(item, nlp)
            except PatternSyntaxError as exc:
                if exc.token_pattern:
                    found = problem("E012", detail=str(exc))
                elif str(exc) == "empty pattern":
                    found = problem("E010")
                else:
                    found = problem("E011", pattern=item, detail=str(exc))
                yield Problem(
                    found.code, found.message, _location(item_loc, data), _line(node, item_loc)
                )

    facets: dict[Any, Any] = data["facets"] if isinstance(data.get("facets"), dict) else {}
    values_of = {
        name: [v for v in facet.get("values", []) if isinstance(v, str)]
        for name, facet in facets.items()
        if isinstance(facet, dict) and isinstance(facet.get("values"), list)
    }

    def check_value(name: Any, value: Any, loc: tuple[Any, ...]) -> Iterator[Problem]:
        values = values_of.get(name)
        if value is not None and (values is None or value not in values):
            yield problem(
                "E013",
                _location(loc, data),
                _line(node, loc),
                facet=name,
                value=value,
                values=", ".join(values) if values is not None else "no such facet",
            )

    for i, code in _codes(data):
        for key in ("patterns", "exclude_patterns"):
            by_language = code.get(key)
            if isinstance(by_language, dict):
                for language, items in by_language.items():
                    yield from check(items, language, ("codes", i, key, language))
        defaults = code.get("facets")
        if isinstance(defaults, dict):
            for name, value in defaults.items():
                yield from check_value(name, value, ("codes", i, "facets", name))
    for name, facet in facets.items():
        if not isinstance(facet, dict):
            continue
        cues: dict[Any, Any] = facet["cues"] if isinstance(facet.get("cues"), dict) else {}
        for language, by_value in cues.items():
            loc = ("facets", name, "cues", language)
            if language not in declared:
                yield problem(
                    "E006",
                    _location(loc, data),
                    _line(node, loc),
                    language=language,
                    declared=", ".join(declared),
                )
                continue
            if not isinstance(by_value, dict):
                continue
            for value, items in by_value.items():
                yield from check_value(name, value, (*loc, value))
                yield from check(items, language, (*loc, value))
        negation = facet.get("on_negation")
        if isinstance(negation, dict):
            for value, target in negation.items():
                loc = ("facets", name, "on_negation", value)
                yield from check_value(name, value, loc)
                yield from check_value(name, target, loc)
    codes = _codes(data)
    if codes and not any(code.get("codable", True) is not False for _, code in codes):
        yield problem("E014", "codes", _line(node, ("codes",)))
