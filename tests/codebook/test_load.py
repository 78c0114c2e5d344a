from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.codebook import codebook_from_dict, dump_codebook, load_codebook, validate_codebook
from qualcode.errors import CodebookError
from tests.conftest import TINY_CODEBOOK


def _codes(error: CodebookError) -> list[str]:
    return [p.code for p in error.problems]


def test_tiny_codebook_loads(tiny_codebook) -> None:
    assert tiny_codebook.codable_ids == [
        "housing.search",
        "policy.thirty_percent",
        "cultural.safety",
    ]
    assert tiny_codebook.ancestors("housing.search") == ["housing"]
    assert tiny_codebook.at_level("housing.search", 1) == "housing"
    assert tiny_codebook.descendants("policy") == ["policy.thirty_percent"]
    assert tiny_codebook["housing.search"].label_for("nl") == "Woning vinden"


def test_every_problem_is_reported_at_once_with_locations(write) -> None:
    path = write(
        "bad.yaml",
        """\
        name: bad
        codes:
          - id: housing
            label: Housing
            colour: red
          - id: housing
            label: Again
          - id: social.network
            label: Network
            parent: socail
            patterns:
              en: ["friends", [{"LEMA": "meetup"}], "", "find ... "]
          - id: Bad-Id
            label: x
        """,
    )
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    error = info.value
    lines = error.lines()
    assert set(_codes(error)) >= {"E002", "E003", "E004", "E010", "E011", "E012"}
    assert any(
        "codes -> housing -> colour" in line and "unknown key 'colour'" in line for line in lines
    )
    assert any(
        "E004" in line and "codes -> social.network -> parent (line 10)" in line for line in lines
    )
    assert any(
        "E012" in line
        and "codes -> social.network -> patterns -> en -> 2" in line
        and "LEMA" in line
        for line in lines
    )
    assert any("E010" in line and "patterns -> en -> 3" in line for line in lines)
    assert any("E011" in line and "patterns -> en -> 4" in line for line in lines)
    assert any("invalid code id 'Bad-Id'" in line for line in lines)
    assert all(line.startswith(f"{path}: [E") for line in lines)


def test_yaml_syntax_error_reports_line(write) -> None:
    path = write("syntax.yaml", "name: x\ncodes:\n  - id: a\n    label: [unclosed\n")
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert info.value.code == "E001"
    assert info.value.problems[0].line == 5 or info.value.problems[0].line == 4


def test_cycle_is_reported(write) -> None:
    path = write(
        "cycle.yaml",
        "name: c\ncodes:\n  - {id: a, label: A, parent: b}\n  - {id: b, label: B, parent: a}\n",
    )
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert "E005" in _codes(info.value)


def test_undeclared_language_and_unknown_facet_value(write) -> None:
    path = write(
        "lang.yaml",
        """\
        name: l
        languages: [en]
        facets:
          valence:
            values: [driver, barrier]
            on_negation: {driver: obstacle}
        codes:
          - id: a
            label: A
            patterns: {de: [Wohnung]}
            facets: {valence: pushy}
        """,
    )
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert _codes(info.value).count("E013") == 2
    assert "E006" in _codes(info.value)


def test_missing_empty_and_wrong_type_files(tmp_path: Path, write) -> None:
    with pytest.raises(CodebookError) as info:
        load_codebook(tmp_path / "nope.yaml")
    assert info.value.code == "E101"
    with pytest.raises(CodebookError) as info:
        load_codebook(write("empty.yaml", "  \n"))
    assert info.value.code == "E102"
    with pytest.raises(CodebookError) as info:
        load_codebook(write("book.json", "{}"))
    assert info.value.code == "E015"
    with pytest.raises(CodebookError) as info:
        load_codebook(write("list.yaml", "- a\n- b\n"))
    assert info.value.code == "E002"


def test_no_codable_codes(write) -> None:
    with pytest.raises(CodebookError) as info:
        load_codebook(write("g.yaml", "name: g\ncodes:\n  - {id: a, label: A, codable: false}\n"))
    assert "E014" in _codes(info.value)


def test_validate_warns_about_codes_without_patterns(write) -> None:
    path = write("w.yaml", "name: w\ncodes:\n  - {id: a, label: A, patterns: {en: [x]}}\n")
    _, notes = validate_codebook(path)
    assert len(notes) == 1 and "'nl'" in notes[0]


def test_dump_round_trips(tiny_codebook, tmp_path: Path) -> None:
    out = dump_codebook(tiny_codebook, tmp_path / "again.yaml")
    assert load_codebook(out) == tiny_codebook
    assert load_codebook(out).sha256 == tiny_codebook.sha256


def test_hash_changes_with_content() -> None:
    import yaml

    data = yaml.safe_load(TINY_CODEBOOK)
    a = codebook_from_dict(data)
    data["codes"][1]["label"] = "Housing search"
    assert codebook_from_dict(data).sha256 != a.sha256
