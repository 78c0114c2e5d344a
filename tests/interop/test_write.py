from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.codebook import Codebook, codebook_from_dict
from qualcode.errors import InteropError
from qualcode.interop import (
    export_project,
    project_codings,
    project_documents,
    read_qdpx,
    write_qdpx,
)
from qualcode.interop.guids import code_guid, source_guid, user_guid
from qualcode.interop.offsets import normalise_with_offsets
from qualcode.records import Document, Turn
from tests.interop.builders import project_xml, tiny_qdpx

CODEBOOK = codebook_from_dict(
    {
        "name": "demo",
        "codes": [
            {"id": "housing", "label": "Housing", "codable": False},
            {"id": "housing.search", "label": "Finding housing", "parent": "housing"},
            {"id": "safety", "label": "Safety", "definition": "Feeling safe."},
        ],
    }
)


def _document(doc_id: str, text: str, **attributes: str) -> Document:
    return Document(
        doc_id, text, (Turn(0, None, "respondent", 0, len(text)),), "en", attributes=attributes
    )


DOCS = [
    _document("ana", "Finding a flat was hard. I feel safe.", country="Brazil", route="start-up"),
    _document("bram", "Housing is fine.", country="Chile"),
]
CODINGS = pd.DataFrame(
    [
        {
            "document": "ana",
            "start": 0,
            "end": 24,
            "code": "housing.search",
            "coder": "qualcode:rules",
        },
        {"document": "ana", "start": 0, "end": 24, "code": "housing.search", "coder": "ana-coder"},
        {"document": "ana", "start": 25, "end": 37, "code": "safety", "coder": "qualcode:rules"},
        {"document": "ana", "start": 0, "end": 24, "code": "safety", "coder": "qualcode:rules"},
        {"document": "bram", "start": 0, "end": 16, "code": "housing.search", "coder": "ana-coder"},
    ]
)


def _key(table: pd.DataFrame) -> list[tuple[object, ...]]:
    return sorted(map(tuple, table[["document", "start", "end", "code", "coder"]].values.tolist()))


def test_export_then_import_gives_the_same_codings(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "out.qdpx", DOCS, CODINGS, CODEBOOK, name="demo")
    project = read_qdpx(path, reference=CODEBOOK)  # GUIDs identify the codebook's ids
    assert _key(project_codings(project)) == _key(CODINGS)
    assert [u.name for u in project.users] == ["ana-coder", "qualcode:rules"]  # machine = user
    assert project.codebook is not None and project.codebook.ids == CODEBOOK.ids
    # without the reference, ids come from the names (the labels)
    by_names = read_qdpx(path).codebook
    assert by_names is not None
    assert by_names.ids == ["housing", "housing.finding_housing", "safety"]
    assert by_names.label("housing.finding_housing") == "Finding housing"
    assert by_names["safety"].definition == "Feeling safe."
    assert project.attributes("ana") == {"country": "Brazil", "route": "start-up"}
    assert [d.text for d in project_documents(project)] == [d.text for d in DOCS]


def test_export_is_deterministic_and_uses_stable_guids(tmp_path: Path) -> None:
    first = write_qdpx(tmp_path / "a.qdpx", DOCS, CODINGS, CODEBOOK)
    shuffled = CODINGS.sample(frac=1, random_state=3)
    second = write_qdpx(tmp_path / "b.qdpx", DOCS, shuffled, CODEBOOK)
    assert first.read_bytes() == second.read_bytes()
    project = read_qdpx(first)
    assert {c.id: c.guid for c in project.codes}["safety"] == code_guid(["safety"])
    assert project.source("ana").guid == source_guid("ana")
    assert {u.name: u.guid for u in project.users}["qualcode:rules"] == user_guid("qualcode:rules")
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == [
            "project.qde",
            f"sources/{source_guid('ana')}.txt",
            f"sources/{source_guid('bram')}.txt",
        ]


def test_one_selection_per_coder_and_span(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "a.qdpx", DOCS, CODINGS, CODEBOOK)
    qde = zipfile.ZipFile(path).read("project.qde").decode()
    assert qde.count("<PlainTextSelection ") == 4  # (0-24 rules), (0-24 human), (25-37), bram
    assert qde.count("<Coding ") == 5


def test_kept_guids_and_original_texts(tmp_path: Path) -> None:
    original = "Finding a flat\r\nwas hard. I feel safe.\r\n"
    text, _ = normalise_with_offsets(original)
    doc = _document("ana", text)
    codings = pd.DataFrame(
        [{"document": "ana", "start": 15, "end": 24, "code": "safety", "coder": "x"}]
    )
    kept = {"safety": "0c000000-0000-4000-8000-000000000001"}
    path = write_qdpx(
        tmp_path / "a.qdpx",
        [doc],
        codings,
        CODEBOOK,
        code_guids=kept,
        original_texts={"ana": original},
    )
    project = read_qdpx(path)
    assert project.source("ana").raw_text == original
    coding = project.codings[0]
    assert (coding.raw_start, coding.raw_end) == (16, 25)  # carried back past the \r
    assert (coding.start, coding.end) == (15, 24) and text[15:24] == "was hard."
    assert project.code_guids["safety"] == kept["safety"]


def test_an_original_text_that_does_not_match_is_not_used(tmp_path: Path) -> None:
    path = write_qdpx(
        tmp_path / "a.qdpx", DOCS, CODINGS, CODEBOOK, original_texts={"ana": "something else"}
    )
    assert read_qdpx(path).source("ana").raw_text == DOCS[0].text


def test_bad_codings_are_all_reported_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    target.write_bytes(b"previous export")
    bad = pd.DataFrame(
        [
            {"document": "nobody", "start": 0, "end": 1, "code": "safety", "coder": "x"},
            {"document": "ana", "start": 0, "end": 99, "code": "safety", "coder": "x"},
            {"document": "ana", "start": 0, "end": 4, "code": "rent", "coder": "x"},
            {"document": "ana", "start": 0.5, "end": 4, "code": "safety", "coder": "x"},
            {"document": "ana", "start": 0, "end": 4, "code": "safety", "coder": ""},
        ]
    )
    with pytest.raises(InteropError) as info:
        write_qdpx(target, DOCS, bad, CODEBOOK)
    assert [p.location for p in info.value.problems] == [f"row {i}" for i in range(1, 6)]
    text = str(info.value)
    assert "unknown document 'nobody'" in text and "do not fall on document 'ana'" in text
    assert "'rent' is not in the codebook" in text and "whole numbers" in text
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.qdpx"]  # no temp files left


def test_missing_columns_and_duplicate_documents(tmp_path: Path) -> None:
    with pytest.raises(InteropError, match=r"missing column.*coder"):
        write_qdpx(tmp_path / "x.qdpx", DOCS, CODINGS.drop(columns="coder"), CODEBOOK)
    with pytest.raises(InteropError, match="duplicate document id 'ana'"):
        write_qdpx(tmp_path / "x.qdpx", [DOCS[0], DOCS[0]], CODINGS.iloc[:0], CODEBOOK)


def test_no_codings_no_users(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "x.qdpx", DOCS, CODINGS.iloc[:0], CODEBOOK)
    project = read_qdpx(path)
    assert project.users == () and project.codings == () and len(project.sources) == 2


def test_re_export_of_an_imported_project(tmp_path: Path) -> None:
    project = read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))
    again = read_qdpx(export_project(project, tmp_path / "again.qdpx"))
    key = [
        (c.document, c.start, c.end, c.code, c.coder, c.raw_start, c.raw_end)
        for c in project.codings
    ]
    assert key == [
        (c.document, c.start, c.end, c.code, c.coder, c.raw_start, c.raw_end) for c in again.codings
    ]
    assert again.code_guids == project.code_guids
    assert again.source("Ana").raw_text == project.source("Ana").raw_text
    assert again.attributes("Ana") == {"country": "Brazil"}
    assert export_project(again, tmp_path / "third.qdpx").read_bytes() == (
        export_project(project, tmp_path / "fourth.qdpx").read_bytes()
    )


def test_re_export_leaves_out_codings_of_a_source_without_text(tmp_path: Path) -> None:
    blank = (
        '<TextSource guid="0a000000-0000-4000-8000-000000000004" name="Empty">'
        '<Coding guid="0e100000-0000-4000-8000-000000000009" '
        'creatingUser="0b000000-0000-4000-8000-000000000001">'
        '<CodeRef targetGUID="0c000000-0000-4000-8000-000000000002"/></Coding></TextSource>'
    )
    with pytest.warns(UserWarning, match="no text"):
        project = read_qdpx(tiny_qdpx(tmp_path / "t.qdpx", project_xml(extra_sources=blank)))
    assert [c for c in project.codings if c.document == "Empty"]
    with pytest.warns(UserWarning, match="source 'Empty' has no text; left out its 1 coding"):
        again = read_qdpx(export_project(project, tmp_path / "again.qdpx"))
    assert [s.document for s in again.sources] == ["Ana", "bram"]
    assert len(again.codings) == len(project.codings) - 1


# Texts where stored and normalised offsets differ, but every normalised position is a
# boundary (a composed é is one character): round trips are then exact.
_PIECES = st.sampled_from(["a", "b", " ", "\r\n", "\n", "e\u0301", "\u00e9", "\u2028", "ä"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join), st.data())
def test_spans_survive_export_and_import(
    tmp_path: Path, original: str, data: st.DataObject
) -> None:
    text, _ = normalise_with_offsets(original)
    if not text.strip():
        return
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
            min_size=1,
            max_size=4,
        )
    )
    codings = pd.DataFrame(
        [{"document": "d", "start": s, "end": e, "code": "safety", "coder": "c"} for s, e in spans]
    )
    doc = _document("d", text)
    path = write_qdpx(tmp_path / "p.qdpx", [doc], codings, CODEBOOK, original_texts={"d": original})
    project = read_qdpx(path)
    assert project.source("d").raw_text == original
    assert sorted({(c.start, c.end) for c in project.codings}) == sorted({tuple(s) for s in spans})


def test_codebook_with_a_single_code(tmp_path: Path) -> None:
    book = Codebook(name="one", codes=[{"id": "x", "label": "X"}])
    path = write_qdpx(tmp_path / "x.qdpx", DOCS[:1], CODINGS.iloc[:0], book)
    assert read_qdpx(path).codebook.ids == ["x"]  # type: ignore[union-attr]
