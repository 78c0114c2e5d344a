from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.errors import InteropError
from qualcode.interop import gold_records, project_codings, project_documents, read_qdpx, write_gold
from qualcode.tables import CODING_COLUMNS
from tests.interop.builders import tiny_qdpx


@pytest.fixture
def project(tmp_path: Path):
    return read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))


def test_documents_keep_speakers_attributes_and_text(project) -> None:
    ana, bram = project_documents(project)
    assert ana.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert ana.attributes == {"country": "Brazil"} and ana.format == "qdpx"
    assert ana.source.endswith("tiny.qdpx#Ana.docx")
    # no speaker labels: one respondent turn
    assert [(t.speaker, t.role) for t in bram.turns] == [(None, "respondent")]


def test_codings_table_has_the_standard_columns(project) -> None:
    table = project_codings(project)
    assert list(table.columns) == CODING_COLUMNS
    assert len(table) == 5
    assert set(table["source"]) == {"human"} and set(table["confidence"]) == {1.0}
    row = table[(table.coder == "anne") & (table.code == "cafe_culture")].iloc[0]
    assert (row.text, row.speaker, row.role, row.label) == (
        "café culture",
        "Ana",
        "respondent",
        "Café culture",
    )


def test_two_users_coding_one_selection_share_a_segment(project) -> None:
    table = project_codings(project)
    ana = table[table.document == "Ana"]
    flat = ana[ana.text == "Finding a flat was hard."]
    assert set(flat.coder) == {"anne", "bob"} and flat.segment.nunique() == 1
    assert sorted(ana.segment.unique()) == [0, 1]  # two distinct selections, in text order


def test_gold_is_one_line_per_sentence(project, tmp_path: Path) -> None:
    lines = gold_records(project, coder="bob")
    ana = [line for line in lines if line["document"] == "Ana"]
    for line in lines:
        assert project.source(line["document"]).text[line["start"] : line["end"]] == line["text"]
    coded = {line["text"]: [c["code"] for c in line["codes"]] for line in ana}
    assert coded["Finding a flat was hard."] == ["housing.finding_housing", "cafe_culture"]
    assert coded["The café culture."] == []  # a negative example, kept
    bram = [line for line in lines if line["document"] == "bram"]
    assert all(line["codes"][0]["code"] == "housing.finding_housing" for line in bram)
    path = write_gold(lines, tmp_path / "bob.jsonl")
    back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert back == lines and back[0]["coder"] == "bob"


def test_gold_overlap_threshold(project) -> None:
    # anne selected "café culture" inside the sentence "The café culture." (12 of 17 characters)
    strict = gold_records(project, coder="anne", min_overlap=0.9)
    loose = gold_records(project, coder="anne", min_overlap=0.5)

    def codes_of(lines):
        return next(line["codes"] for line in lines if line["text"] == "The café culture.")

    assert codes_of(strict) == []
    assert codes_of(loose) == [{"code": "cafe_culture", "valence": None, "stage": None}]


def test_gold_needs_a_coder_when_several_coded(project) -> None:
    with pytest.raises(InteropError, match=r"E709.*several users coded this project \(anne, bob\)"):
        gold_records(project)
    with pytest.raises(InteropError, match="user 'carol' has no codings"):
        gold_records(project, coder="carol")
    with pytest.raises(InteropError, match="min_overlap"):
        gold_records(project, coder="anne", min_overlap=0)
