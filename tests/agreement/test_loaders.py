"""Codings loaders: wide sheets, qualcode outputs, gold JSON Lines, the registry and naming."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from qualcode.agreement import CODINGS_TABLE_COLUMNS, LoadOptions, load_codings, load_inputs
from qualcode.agreement.loaders import CODINGS_LOADERS, loader_for
from qualcode.errors import AgreementError
from tests.agreement.conftest import ANSWERS, gold_jsonl, human_gold_records, wide_csv


def codes_by_unit(table) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for unit, code in zip(table.frame["unit"], table.frame["code"], strict=True):
        found.setdefault(unit, [])
        if code is not None:
            found[unit].append(code)
    return found


# -- wide sheets ---------------------------------------------------------------------------------


def test_wide_csv_rows_become_units_with_codes_text_and_question(tmp_path: Path) -> None:
    table = load_codings(wide_csv(tmp_path / "ana.csv", ANSWERS, question="Why use it?"))
    assert list(table.frame.columns) == CODINGS_TABLE_COLUMNS
    assert table.coders == ["ana"] and table.separator == "->"
    assert codes_by_unit(table)["r4"] == ["cheating", "cheating->caught"]
    assert codes_by_unit(table)["r6"] == ["NA"]  # a code, not a missing value
    row = table.frame[table.frame["unit"] == "r1"].iloc[0]
    assert row["text"] == "It stops cheating." and row["context"] == "Why use it?"
    assert row["source"] == "human" and row["confidence"] == 1.0


def test_wide_csv_rows_without_codes_count_as_none_unless_asked(tmp_path: Path) -> None:
    rows = [("r1", "Yes.", ["cheating"]), ("r2", "Not sure.", []), ("r3", "", [])]
    path = wide_csv(tmp_path / "ana.csv", rows)
    seen = codes_by_unit(load_codings(path))
    assert seen == {"r1": ["cheating"], "r2": []}  # r3 has no answer at all: missing
    missing = codes_by_unit(load_codings(path, LoadOptions(empty_rows="missing")))
    assert set(missing) == {"r1"}


def test_wide_csv_merges_duplicate_ids_with_a_warning_naming_them(tmp_path: Path) -> None:
    rows = [("r1", "First.", ["a"]), ("r2", "x", ["b"]), ("r1", "Second.", ["c", "a"])]
    table = load_codings(wide_csv(tmp_path / "ana.csv", rows))
    assert codes_by_unit(table)["r1"] == ["a", "c"]
    assert table.frame[table.frame["unit"] == "r1"]["text"].iloc[0] == "First.\n\nSecond."
    assert len(table.warnings) == 1
    assert "1 duplicate unit id(s) merged" in table.warnings[0]
    assert "r1 (lines 2, 4)" in table.warnings[0]


def test_wide_csv_strips_blanks_and_repeated_codes(tmp_path: Path) -> None:
    path = tmp_path / "ana.csv"
    path.write_text(
        "ResponseId,Answer,Code 1,Code 2,Code 3\n r1 ,yes, cheating , cheating,\n,,,,\n",
        encoding="utf-8",
    )
    table = load_codings(path)
    assert codes_by_unit(table) == {"r1": ["cheating"]}
    assert table.frame["context"].iloc[0] is None  # 'Answer' says nothing about the question


def test_wide_csv_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "ana.csv"
    path.write_bytes("id,text,Code 1\nr1,Café crème,naïve\n".encode("cp1252"))
    table = load_codings(path)
    assert table.frame["code"].tolist() == ["naïve"]
    assert table.frame["text"].tolist() == ["Café crème"]


def test_wide_csv_columns_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "ana.csv"
    path.write_text("note,answer,key,Code 1\nn,Yes,k1,a\n", encoding="utf-8")
    table = load_codings(path, LoadOptions(id_column="key", text_column="answer"))
    assert codes_by_unit(table) == {"k1": ["a"]}
    with pytest.raises(AgreementError) as error:
        load_codings(path, LoadOptions(id_column="ResponseId"))
    assert error.value.code == "E601" and "no id column 'ResponseId'" in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,text,Theme\nr1,yes,a\n", "no code columns named 'Code 1'"),
        ("id,text,Code 1\nr1,yes,a\n,orphan,b\n", "line 3: codings: empty unit id"),
    ],
)
def test_bad_wide_csv_is_reported_with_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "ana.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AgreementError) as error:
        load_codings(path)
    assert error.value.code == "E601"
    assert message in str(error.value) and str(path) in str(error.value)


def test_wide_xlsx_is_read_like_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ResponseId", "Why?", "Code 1", "Code 2"])
    sheet.append(["r1", "Cheating", "cheating", None])
    sheet.append(["r2", "NA", "NA", "other"])
    book.save(tmp_path / "ana.xlsx")
    table = load_codings(tmp_path / "ana.xlsx")
    assert codes_by_unit(table) == {"r1": ["cheating"], "r2": ["NA", "other"]}


def test_a_damaged_xlsx_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ana.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(AgreementError) as error:
        load_codings(path)
    assert error.value.code == "E601" and "zip" in str(error.value)


# -- qualcode output -----------------------------------------------------------------------------


def test_qualcode_output_units_are_all_segments_coded_or_not(coded_corpus: Path) -> None:
    table = load_codings(coded_corpus / "machine")
    assert table.coders == ["qualcode:rules"] and table.separator == "."
    units = codes_by_unit(table)
    assert len(units) == 8  # every respondent sentence, from segments.csv
    assert units["ana:127-148"] == []  # "We looked for months." has no code
    assert units["ana:85-126"] == ["housing.search"]
    coded = table.frame.dropna(subset=["code"])
    assert set(coded["source"]) == {"rule"}
    assert coded[coded["unit"] == "ana:85-126"]["valence"].iloc[0] == "barrier"


def test_codings_csv_alone_compares_coded_segments_and_says_so(
    coded_corpus: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "run" / "codings.csv"
    alone.parent.mkdir()
    alone.write_bytes((coded_corpus / "machine" / "codings.csv").read_bytes())
    assert loader_for(alone).name == "qualcode"
    table = load_codings(alone)
    assert len(codes_by_unit(table)) == 7
    assert "no segments.csv" in table.warnings[0]


def test_qualcode_codings_with_a_bad_offset_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "codings.csv"
    path.write_text(
        "document,segment,start,end,code,coder\nd,0,0,5,a,x\nd,1,five,9,a,x\n", encoding="utf-8"
    )
    with pytest.raises(AgreementError) as error:
        load_codings(path)
    assert "line 3" in str(error.value) and "'five' is not an offset" in str(error.value)


# -- gold JSON Lines -----------------------------------------------------------------------------


def test_gold_lines_are_units_with_facets_and_empty_codes(tmp_path: Path) -> None:
    table = load_codings(gold_jsonl(tmp_path / "gold" / "ana.jsonl", human_gold_records()))
    assert table.coders == ["ana"]
    units = codes_by_unit(table)
    assert len(units) == 8 and units["ana:188-232"] == []
    housing = table.frame[table.frame["code"] == "housing.search"]
    assert set(housing["valence"]) == {"barrier"} and set(housing["source"]) == {"human"}


def test_gold_directory_of_files_is_one_coder(tmp_path: Path) -> None:
    records = human_gold_records()
    gold_jsonl(tmp_path / "people" / "ana.jsonl", records[:5])
    gold_jsonl(tmp_path / "people" / "bram.jsonl", records[5:])
    table = load_codings(tmp_path / "people")
    assert table.coders == ["people"] and len(codes_by_unit(table)) == 8


def test_gold_coder_key_names_the_coder(tmp_path: Path) -> None:
    table = load_codings(gold_jsonl(tmp_path / "g.jsonl", human_gold_records("carla")))
    assert table.coders == ["carla"]


def test_gold_with_mixed_coder_keys_but_each_unit_once_is_one_coder(tmp_path: Path) -> None:
    # an adjudicated export: each unit once, "coder" says who settled it
    records = human_gold_records()
    records[1]["coder"] = "carla"
    table = load_codings(gold_jsonl(tmp_path / "adjudicated.jsonl", records))
    assert table.coders == ["adjudicated"]


def test_bad_gold_lines_are_all_reported_with_line_numbers(tmp_path: Path) -> None:
    good = human_gold_records()
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({**good[1], "start": "12"}),
        json.dumps({**good[2], "codes": "housing"}),
        json.dumps(good[0]),
    ]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AgreementError) as error:
        load_codings(path)
    text = str(error.value)
    assert text.startswith("4 problems")
    assert "(line 2): codings: not JSON" in text
    assert "(line 3): codings: 'start' and 'end' must be integers" in text
    assert "(line 4): codings: 'codes' must be a list" in text
    assert "(line 5): codings: unit ana:85-126 coded twice by 'g' (also g.jsonl line 1)" in text


# -- registry and naming -------------------------------------------------------------------------


def test_every_builtin_loader_is_registered() -> None:
    loader_for  # noqa: B018 - importing registers the built-ins on first use
    load_inputs  # noqa: B018
    assert {"qualcode", "gold", "wide"} <= set(CODINGS_LOADERS)


@pytest.mark.parametrize("name", ["notes.txt", "missing.csv"])
def test_unknown_or_missing_inputs_are_refused(tmp_path: Path, name: str) -> None:
    if name == "notes.txt":
        (tmp_path / name).write_text("hello", encoding="utf-8")
    with pytest.raises(AgreementError) as error:
        load_codings(tmp_path / name)
    assert error.value.code == "E601" and str(tmp_path / name) in str(error.value)


def test_file_derived_coder_names_keep_only_what_differs(two_coders: tuple[Path, Path]) -> None:
    tables = load_inputs(list(two_coders))
    assert [t.coders for t in tables] == [["ana"], ["bo"]]


def test_names_that_would_collide_or_vanish_stay_whole(tmp_path: Path) -> None:
    first = wide_csv(tmp_path / "coder_anna.csv", ANSWERS)
    second = wide_csv(tmp_path / "coder_andy.csv", ANSWERS)
    assert [t.coders[0] for t in load_inputs([first, second])] == ["coder_anna", "coder_andy"]


def test_coder_names_can_be_given_one_per_input(two_coders: tuple[Path, Path]) -> None:
    tables = load_inputs(list(two_coders), coders=["primary", "secondary"])
    assert [t.coders for t in tables] == [["primary"], ["secondary"]]
    with pytest.raises(AgreementError, match="1 coder name"):
        load_inputs(list(two_coders), coders=["primary"])


def test_a_multi_coder_input_cannot_be_given_one_name(tmp_path: Path) -> None:
    records = human_gold_records("ana") + [{**r, "coder": "bo"} for r in human_gold_records()]
    path = gold_jsonl(tmp_path / "both.jsonl", records)
    assert load_codings(path).coders == ["ana", "bo"]
    with pytest.raises(AgreementError, match="holds several coders"):
        load_codings(path, LoadOptions(coder="x"))


def test_empty_rows_option_is_checked() -> None:
    with pytest.raises(AgreementError, match="empty_rows must be"):
        LoadOptions(empty_rows="sometimes")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["ana.csv", "codings.csv"])
def test_an_empty_file_says_so(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(AgreementError) as error:
        load_codings(path, loader="qualcode" if name == "codings.csv" else None)
    assert error.value.code == "E601" and "the file is empty" in str(error.value)
