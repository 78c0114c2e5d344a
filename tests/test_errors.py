from __future__ import annotations

import pytest

from qualcode.errors import MESSAGES, CodebookError, Problem, QualcodeError, problem


def test_problem_renders_code_location_and_line() -> None:
    p = problem("E004", "codes -> housing.search -> parent", 12, parent="huisvesting")
    assert str(p) == (
        "[E004] codes -> housing.search -> parent (line 12): unknown parent 'huisvesting'; "
        "define it as a code or remove 'parent'"
    )


def test_error_lines_name_the_file_once_per_problem() -> None:
    error = CodebookError(
        [Problem("E010", "empty pattern", "a"), Problem("E001", "bad", line=3)], path="x.yaml"
    )
    assert error.lines() == ["x.yaml: [E010] a: empty pattern", "x.yaml: [E001] line 3: bad"]
    assert error.code == "E010"
    assert str(error).startswith("2 problems:")


def test_collect_raises_only_when_there_are_problems() -> None:
    CodebookError.collect([])
    with pytest.raises(CodebookError):
        CodebookError.collect([Problem("E010", "empty")])


def test_plain_string_becomes_general_problem() -> None:
    assert QualcodeError("boom").code == "E902"


def test_catalogue_codes_are_unique_and_well_formed() -> None:
    assert all(len(code) == 4 and code[0] == "E" and code[1:].isdigit() for code in MESSAGES)
