from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.codebook import Codebook
from qualcode.errors import EvaluationError
from qualcode.evaluation import (
    GoldCode,
    GoldCodings,
    GoldUnit,
    check_gold_against,
    gold_to_result,
    read_gold,
    write_gold,
)
from qualcode.records import Corpus, Document
from tests.evaluation.conftest import GOLD, H, S, gold_lines, spans, tiny_corpus, write_lines


def line(
    document: str = "a", start: int = 0, end: int = 5, codes=None, text: str = "Rent.", **extra
) -> str:
    record = {"document": document, "start": start, "end": end, "codes": codes or [], "text": text}
    record.update(extra)
    return json.dumps(record)


def problems_of(error: pytest.ExceptionInfo[EvaluationError]) -> list[str]:
    return [str(p) for p in error.value.problems]


# -- reading ----------------------------------------------------------------------------------
def test_read_gold_file_sorts_units_and_keeps_codes(
    gold_path: Path, tiny_codebook: Codebook
) -> None:
    gold = read_gold(gold_path, tiny_codebook)
    assert gold.documents == ["a", "b"]
    assert len(gold) == 10
    first = gold.units[0]
    assert (first.document, first.start, first.end) == ("a", *spans("a")[0][:2])
    assert first.codes == (GoldCode(H, "barrier", None),)
    assert first.line == 1 and first.file == ""
    codes = gold.codes_frame()
    assert len(codes) == sum(len(v) for v in GOLD.values())
    assert list(codes.columns) == ["document", "start", "end", "code", "valence", "stage"]
    units = gold.units_frame()
    assert units.loc[3, "codes"] == S and units.loc[2, "codes"] == ""


def test_read_gold_directory_reads_every_jsonl_file(tmp_path: Path) -> None:
    lines = gold_lines(GOLD).splitlines()
    write_lines(tmp_path / "gold" / "b.jsonl", [x for x in lines if '"document": "b"' in x])
    write_lines(tmp_path / "gold" / "a.jsonl", [x for x in lines if '"document": "a"' in x])
    write_lines(tmp_path / "gold" / "notes.txt", "not gold")
    gold = read_gold(tmp_path / "gold")
    assert gold.documents == ["a", "b"] and len(gold) == 10
    assert {u.file for u in gold.units} == {"a.jsonl", "b.jsonl"}


def test_blank_lines_and_a_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text("\ufeff" + line() + "\n\n" + line(start=6, end=11) + "\n", encoding="utf-8")
    gold = read_gold(path)
    assert [u.line for u in gold.units] == [1, 3]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"document": "a", "start": 0,\n', "[E401] line 2: gold file: invalid JSON"),
        ("[1, 2]", "[E401] line 2: gold file: a line must be a JSON object, not list"),
        (
            json.dumps({"document": "a", "start": 0, "end": 5, "text": "Rent."}),
            "missing key(s) 'codes'",
        ),
        (line(cdoes=[]), "unknown key(s) 'cdoes'"),
        (line(document=""), "'document' must be a non-empty string"),
        (line(start=5, end=5, text=""), "0 <= start < end, not 5-5"),
        (line(start="0"), "offsets must be integers"),
        (line(start=True), "offsets must be integers"),
        (line(codes="housing.search"), "'codes' must be a list"),
        (
            line(codes=[{"valence": "barrier"}]),
            "codes -> 0: must be an object with a 'code' string",
        ),
        (line(codes=[{"code": H, "valenc": "barrier"}]), "unknown key(s) 'valenc'"),
        (line(codes=[{"code": H, "valence": 1}]), "'valence' must be a string or null"),
        (line(codes=[{"code": H}, {"code": H}]), f"code '{H}' is given twice in this unit"),
        (line(coder=3), "'coder' must be a string or null"),
        (
            line(end=6),
            "[E405] line 2: offsets 0-6 do not fall on document 'a': they span 6 characters "
            "but 'text' has 5",
        ),
    ],
)
def test_bad_lines_name_the_line_and_the_problem(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = write_lines(tmp_path / "g.jsonl", [line(start=20, end=25), content])
    with pytest.raises(EvaluationError) as error:
        read_gold(path)
    assert error.value.path == str(path)
    found = problems_of(error)
    assert any(expected in p for p in found), found
    assert all("(line 2)" in p or "line 2:" in p for p in found)  # the good line 1 is fine


def test_codes_and_facets_are_checked_against_the_codebook(
    tmp_path: Path, tiny_codebook: Codebook
) -> None:
    path = write_lines(
        tmp_path / "g.jsonl",
        [
            line(codes=[{"code": "housing.serach"}]),
            line(start=10, end=15, codes=[{"code": "housing"}]),
            line(start=20, end=25, codes=[{"code": H, "valence": "bad", "stage": "stay"}]),
            line(start=30, end=35, codes=[{"code": H, "valence": "driver", "stage": "later"}]),
        ],
    )
    with pytest.raises(EvaluationError) as error:
        read_gold(path, tiny_codebook)
    assert problems_of(error) == [
        "[E404] line 1: unknown code 'housing.serach' (not in the codebook)",
        "[E411] line 2: code 'housing' is a group (codable: false); code the unit with one of "
        "its children",
        "[E410] line 3: valence 'bad' is not a value of the codebook's facet 'valence' "
        "(driver, barrier)",
        "[E410] line 4: stage 'later' is not a value of the codebook's facet 'stage' "
        "(choose_eu, choose_nl, stay, leave)",
    ]
    assert read_gold(path).documents == ["a"]  # without a codebook only the shape is checked


def test_units_given_twice_or_overlapping_are_errors(tmp_path: Path) -> None:
    lines = [line(), line(start=3, end=8, text="t. Ab"), line(), line(document="b")]
    write_lines(tmp_path / "gold" / "a.jsonl", lines[:3])
    write_lines(tmp_path / "gold" / "b.jsonl", lines[3:])
    with pytest.raises(EvaluationError) as error:
        read_gold(tmp_path / "gold")
    assert problems_of(error) == [
        "[E408] a.jsonl (line 3): unit 0-5 of document 'a' is given twice "
        "(first at a.jsonl (line 1))",
        "[E409] a.jsonl (line 2): unit 3-8 of document 'a' overlaps unit 0-5 (at a.jsonl "
        "(line 1)); units of one document must not overlap",
    ]


def test_every_problem_is_reported_at_once_but_capped(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "g.jsonl", ["{"] * 80)
    with pytest.raises(EvaluationError) as error:
        read_gold(path)
    found = problems_of(error)
    assert len(found) == 51 and "and 30 more problem(s)" in found[-1]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing.jsonl", "no such file or directory"),
        (lambda p: write_lines(p / "empty.jsonl", "\n\n"), "no units: the gold is empty"),
        (lambda p: (p / "d").mkdir() or p / "d", "no .jsonl files in this directory"),
        (
            lambda p: (p / "x.jsonl").write_bytes(b"\xff\xfe\x00bad") and p / "x.jsonl",
            "cannot decode",
        ),
    ],
)
def test_missing_empty_or_undecodable_gold_is_an_error(tmp_path: Path, make, expected: str) -> None:
    with pytest.raises(EvaluationError) as error:
        read_gold(make(tmp_path))
    assert error.value.code == "E401" and expected in str(error.value)


# -- against the corpus -----------------------------------------------------------------------
def test_gold_that_matches_its_documents_passes(gold_path: Path) -> None:
    check_gold_against(read_gold(gold_path), tiny_corpus())


def test_units_off_the_document_or_with_other_text_are_e405(tmp_path: Path) -> None:
    corpus = Corpus((Document("a", "Rent is high. We left.", (), "en"),), path="corpus")
    path = write_lines(
        tmp_path / "g.jsonl",
        [
            line(start=0, end=4, text="Rent"),
            line(start=5, end=7, text="IS"),
            line(start=20, end=30, text="x" * 10),
            line(document="zz"),
            line(document="zz", start=9, end=14, text="again"),
        ],
    )
    with pytest.raises(EvaluationError) as error:
        check_gold_against(read_gold(path), corpus)
    assert problems_of(error) == [
        "[E405] line 2: offsets 5-7 do not fall on document 'a': the gold text 'IS' differs "
        "from the document's 'is'",
        "[E405] line 3: offsets 20-30 do not fall on document 'a': the document has 22 characters",
        "[E405] line 4: offsets 0-5 do not fall on document 'zz': the corpus has no such "
        "document (read from corpus)",
    ]


# -- writing ----------------------------------------------------------------------------------
def test_write_gold_is_canonical_and_round_trips(gold_path: Path, tmp_path: Path) -> None:
    gold = read_gold(gold_path)
    single = write_gold(gold, tmp_path / "out.jsonl")[0]
    assert single.read_text(encoding="utf-8") == gold_path.read_text(encoding="utf-8")
    written = write_gold(gold, tmp_path / "dir", per_document=True)
    assert [p.name for p in written] == ["a.jsonl", "b.jsonl"]
    assert read_gold(tmp_path / "dir") == gold


def test_write_gold_per_document_leaves_other_documents_alone(tmp_path: Path) -> None:
    write_lines(tmp_path / "dir" / "z.jsonl", line(document="z"))
    write_gold([GoldUnit("a", 0, 5, "Rent.")], tmp_path / "dir", per_document=True)
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == ["a.jsonl", "z.jsonl"]


def test_write_gold_refuses_a_document_id_that_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="cannot be a file name"):
        write_gold([GoldUnit("../x", 0, 1, "x")], tmp_path / "dir", per_document=True)
    assert not (tmp_path / "x.jsonl").exists()


facet_values = st.one_of(st.none(), st.sampled_from(["driver", "barrier"]))


@st.composite
def gold_units(draw: st.DrawFn) -> list[GoldUnit]:
    units = []
    for document in draw(
        st.lists(st.text("abcé-_", min_size=1, max_size=5), unique=True, max_size=3)
    ):
        position = 0
        for _ in range(draw(st.integers(1, 4))):
            position += draw(st.integers(0, 3))
            text = draw(st.text(min_size=1, max_size=12))
            codes = draw(st.lists(st.sampled_from([H, S, "x.y"]), unique=True, max_size=2))
            units.append(
                GoldUnit(
                    document,
                    position,
                    position + len(text),
                    text,
                    tuple(GoldCode(c, draw(facet_values), draw(facet_values)) for c in codes),
                    draw(st.one_of(st.none(), st.just("ana"))),
                    draw(st.one_of(st.none(), st.text(max_size=8))),
                )
            )
            position += len(text)
    return units


@settings(max_examples=40, deadline=None)
@given(gold_units())
def test_any_gold_round_trips_through_json_lines(tmp_path_factory, units: list[GoldUnit]) -> None:
    if not units:
        return
    path = tmp_path_factory.mktemp("g") / "gold.jsonl"
    write_gold(units, path)
    again = read_gold(path)
    assert again == GoldCodings(tuple(units), str(path))
    write_gold(again, path)  # writing what was read changes no byte
    assert read_gold(path) == again


# -- as a coding result -----------------------------------------------------------------------
def test_gold_to_result_gives_the_codings_table(gold_path: Path, tiny_codebook: Codebook) -> None:
    result = gold_to_result(read_gold(gold_path), tiny_codebook, tiny_corpus())
    assert len(result.segments) == 10
    assert len(result.codings) == sum(len(v) for v in GOLD.values())
    row = result.codings.iloc[0]
    assert (row["code"], row["label"], row["source"], row["coder"]) == (
        H,
        "Finding housing",
        "human",
        "gold",
    )
    assert set(result.codings["speaker"]) == {"R"} and set(result.segments["role"]) == {
        "respondent"
    }
    assert result.frequencies().set_index("code").loc[H, "documents"] == 2


def test_gold_to_result_needs_every_gold_document(gold_path: Path, tiny_codebook: Codebook) -> None:
    corpus = Corpus(tuple(d for d in tiny_corpus() if d.id == "a"))
    with pytest.raises(EvaluationError, match="document 'b': the corpus has no such document"):
        gold_to_result(read_gold(gold_path), tiny_codebook, corpus)
