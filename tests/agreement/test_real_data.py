"""Real two-coder survey data (../shared): qualcode agree gives exactly the standard statistics.

Each question of a 2023 survey of educators was coded by a primary coder (every answer) and a
secondary coder (a reliability sample: every answer for most questions, about one in five for
N3, N4 and Q5). By default a blank row is an answer coded with nothing (presence/absence of
each code per answer, over every answer); with ``--empty-rows missing --intersection`` blank
rows are answers the coder did not code and only answers both coded are compared. Both readings
are checked against values computed here independently, with the csv module and
``sklearn.metrics.cohen_kappa_score``.
"""

from __future__ import annotations

import csv
import math
import warnings
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from qualcode.cli import app
from tests.conftest import SHARED

SURVEY = SHARED / "real-data" / "two-coder-survey"
PRIMARY = sorted(SURVEY.glob("* (primary).csv")) if SURVEY.is_dir() else []

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SURVEY.is_dir(), reason=f"real data not found at {SURVEY}"),
]


def coded_answers(path: Path, level: int | None, blank_is_none: bool) -> dict[str, set[str]]:
    """Answer id -> codes (duplicate ids merged): every answer with text when a blank row means
    "no code", else only the answers with at least one code."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    codes: dict[str, set[str]] = {}
    answered: set[str] = set()
    for row in rows[1:]:
        found = {c.strip() for c in row[2:] if c.strip()}
        if level is not None:
            found = {"->".join(c.split("->")[:level]) for c in found}
        codes.setdefault(row[0].strip(), set()).update(found)
        if row[1].strip():
            answered.add(row[0].strip())
    return {
        answer: found
        for answer, found in codes.items()
        if found or (blank_is_none and answer in answered)
    }


def expected_kappas(primary: Path, level: int | None, blank_is_none: bool) -> dict[str, float]:
    first = coded_answers(primary, level, blank_is_none)
    second = coded_answers(
        Path(str(primary).replace("(primary)", "(secondary)")), level, blank_is_none
    )
    answers = [a for a in first if a in second]
    codes = sorted(set().union(*(first[a] | second[a] for a in answers)))
    kappas = {}
    for code in codes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kappas[code] = float(
                cohen_kappa_score(
                    [code in first[a] for a in answers], [code in second[a] for a in answers]
                )
            )
    return kappas


def agree(primary: Path, tmp_path: Path, *options: str) -> list[dict[str, str]]:
    secondary = Path(str(primary).replace("(primary)", "(secondary)"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["agree", str(primary), str(secondary), "--out", str(out), *options]
    )
    assert result.exit_code == 0, result.output
    with (out / "agreement_by_code.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_all_fourteen_question_pairs_are_present() -> None:
    assert len(PRIMARY) == 14
    for primary in PRIMARY:
        assert Path(str(primary).replace("(primary)", "(secondary)")).is_file()


@pytest.mark.parametrize("blank_is_none", [True, False], ids=["blank-none", "blank-missing"])
@pytest.mark.parametrize("level", [None, 1], ids=["as-written", "level-1"])
@pytest.mark.parametrize("primary", PRIMARY, ids=lambda p: p.stem.split(" - ")[-1])
def test_per_code_kappa_is_exactly_sklearns(
    primary: Path, level: int | None, blank_is_none: bool, tmp_path: Path
) -> None:
    options = [] if blank_is_none else ["--empty-rows", "missing", "--intersection"]
    rows = agree(primary, tmp_path, *options, *(["--level", str(level)] if level else []))
    per_code = {r["code"]: r for r in rows if not r["code"].startswith("(")}
    expected = expected_kappas(primary, level, blank_is_none)
    assert list(per_code) == sorted(expected, key=lambda c: (c.casefold(), c))
    for code, kappa in expected.items():
        got = float(per_code[code]["cohen_kappa"] or "nan")
        assert got == kappa or (math.isnan(got) and math.isnan(kappa)), code
    assert rows[-2]["code"] == "(pooled)" and -1 <= float(rows[-2]["cohen_kappa"]) <= 1


def test_partly_double_coded_questions_need_intersection(tmp_path: Path) -> None:
    primary = SURVEY / "Qualitative Responses No Only - N3 (primary).csv"
    secondary = SURVEY / "Qualitative Responses No Only - N3 (secondary).csv"
    result = CliRunner().invoke(
        app,
        [
            "agree",
            str(primary),
            str(secondary),
            "--out",
            str(tmp_path / "out"),
            "--empty-rows",
            "missing",
        ],
    )
    assert result.exit_code == 2
    assert (
        "[E602]" in result.output
        and "primary has 99 units, secondary has 20 units" in result.output
    )


def test_the_duplicate_answer_id_of_q5_is_merged_with_a_warning(tmp_path: Path) -> None:
    primary = SURVEY / "Qualitative Responses Yes and No - Q5 (primary).csv"
    secondary = SURVEY / "Qualitative Responses Yes and No - Q5 (secondary).csv"
    result = CliRunner().invoke(
        app,
        ["agree", str(primary), str(secondary), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 0
    assert "duplicate unit id(s) merged" in result.output and "R_2qgbEu23HZIOAqU" in result.output
