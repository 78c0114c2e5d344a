from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from qualcode.errors import InteropError
from qualcode.interop import read_qdpx
from tests.interop.builders import (
    ANA_GUID,
    ANA_RAW,
    BRAM_RAW,
    CODE_SEARCH,
    USER_ANNE,
    USER_BOB,
    docx_bytes,
    project_xml,
    selection,
    span,
    tiny_qdpx,
)


def test_reads_users_codes_sources_cases_and_codings(tmp_path: Path) -> None:
    project = read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))
    assert (project.name, project.origin) == ("tiny", "hand-made")
    assert [(u.name, u.id) for u in project.users] == [("anne", None), ("bob", "B")]
    assert [(c.id, c.name, c.parent, c.codable) for c in project.codes] == [
        ("housing", "Housing", None, False),
        ("housing.finding_housing", "Finding housing", "housing", True),
        ("cafe_culture", "Café culture", None, True),
    ]
    assert project.codebook is not None
    assert project.codebook["housing"].color == "#aa00cc"  # 3-digit colour expanded
    assert project.codebook["housing"].definition == "Where people live."
    assert [s.document for s in project.sources] == ["Ana", "bram"]
    assert project.attributes("Ana") == {"country": "Brazil"}
    assert project.attributes("bram") == {}
    assert len(project.codings) == 5
    assert project.coders == ["anne", "bob"]


def test_users_who_share_a_name_stay_distinct_coders(tmp_path: Path) -> None:
    third = "0b000000-0000-4000-8000-000000000003"
    flat = span(ANA_RAW, "Finding a flat was hard.")
    qde = (
        project_xml(selections="")
        .replace('name="bob" id="B"', 'name="anne"')
        .replace("</Users>", f'<User guid="{third}" name="anne (2)"/></Users>')
        .replace(
            'plainTextPath="internal://ana.txt">',
            'plainTextPath="internal://ana.txt">'
            + selection(1, *flat, USER_ANNE, CODE_SEARCH)
            + selection(2, *flat, USER_BOB, CODE_SEARCH)
            + selection(3, *flat, third, CODE_SEARCH),
        )
    )
    with pytest.warns(UserWarning, match="more than one user is named 'anne'"):
        project = read_qdpx(tiny_qdpx(tmp_path / "same.qdpx", qde))
    assert [u.name for u in project.users] == ["anne", "anne (3)", "anne (2)"]
    by_user = {c.user_guid: c.coder for c in project.codings}
    assert by_user == {USER_ANNE: "anne", USER_BOB: "anne (3)", third: "anne (2)"}
    assert sorted(project.coders) == ["anne", "anne (2)", "anne (3)"]


def test_selections_map_through_line_ends_and_composition(tmp_path: Path) -> None:
    project = read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))
    ana = project.source("Ana")
    assert ana.raw_text == ANA_RAW and "\r" not in ana.text and "café" in ana.text
    quoted = {
        (c.coder, c.code): ana.text[c.start : c.end] for c in project.codings if c.document == "Ana"
    }
    assert quoted[("anne", "cafe_culture")] == "café culture"
    assert quoted[("anne", "housing.finding_housing")] == "Finding a flat was hard."
    assert quoted[("bob", "cafe_culture")] == "Finding a flat was hard."
    raw = {c.code: (c.raw_start, c.raw_end) for c in project.codings if c.coder == "anne"}
    assert raw["cafe_culture"] == span(ANA_RAW, "cafe\u0301 culture")
    # the normalised offsets really differ from the stored ones here
    coding = next(c for c in project.codings if c.code == "cafe_culture" and c.coder == "anne")
    assert coding.start == coding.raw_start - 1 and coding.end == coding.raw_end - 2


def test_a_coding_of_a_whole_source_spans_its_text(tmp_path: Path) -> None:
    project = read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))
    whole = [c for c in project.codings if c.document == "bram"]
    assert [(c.start, c.end, c.coder, c.selection_guid) for c in whole] == [
        (0, len(BRAM_RAW), "bob", None)
    ]


def test_blank_plain_text_falls_back_to_the_docx(tmp_path: Path) -> None:
    qde = project_xml(
        selections="",
        ana_attributes='plainTextPath="internal://ana.txt" richTextPath="internal://ana.docx"',
    )
    members = {"sources__ana.txt": b"\n", "sources__ana.docx": docx_bytes("Ana: Hi.", "Ana: Bye.")}
    path = tiny_qdpx(tmp_path / "nvivo.qdpx", qde, **members)
    project = read_qdpx(path)
    ana = project.source("Ana")
    assert (ana.text, ana.text_from) == ("Ana: Hi.\nAna: Bye.", "docx")


def test_inline_text_and_a_blank_source(tmp_path: Path) -> None:
    extra = (
        '<TextSource guid="0a000000-0000-4000-8000-000000000003" name="inline">'
        "<PlainTextContent>Said inline.</PlainTextContent></TextSource>"
        '<TextSource guid="0a000000-0000-4000-8000-000000000004" name="blank"/>'
        '<PictureSource guid="0a000000-0000-4000-8000-000000000005" name="photo"/>'
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        project = read_qdpx(tiny_qdpx(tmp_path / "x.qdpx", project_xml(extra_sources=extra)))
    assert project.source("inline").text == "Said inline."
    assert project.source("inline").text_from == "inline"
    assert project.source("blank").text == ""
    notes = " ".join(str(w.message) for w in caught)
    assert "blank: the source has no text" in notes and "PictureSource" in notes


def test_selection_outside_the_text_names_the_source(tmp_path: Path) -> None:
    bad = selection(9, 10, len(ANA_RAW) + 5, USER_ANNE, CODE_SEARCH)
    path = tiny_qdpx(tmp_path / "bad.qdpx", project_xml(selections=bad))
    with pytest.raises(InteropError) as info:
        read_qdpx(path)
    assert info.value.code == "E702"
    message = str(info.value)
    assert "Ana.docx" in message and f"{len(ANA_RAW)} characters" in message
    assert "bad.qdpx" in message and "selection s9" in message


def test_negative_and_reversed_selections(tmp_path: Path) -> None:
    bad = selection(1, -3, 4, USER_ANNE, CODE_SEARCH) + selection(2, 9, 4, USER_ANNE, CODE_SEARCH)
    path = tiny_qdpx(tmp_path / "bad.qdpx", project_xml(selections=bad))
    with pytest.raises(InteropError) as info:
        read_qdpx(path)
    assert [p.code for p in info.value.problems] == ["E702", "E708"]  # all problems at once


def test_lenient_reading_skips_or_clips_with_warnings(tmp_path: Path) -> None:
    length = len(ANA_RAW)
    bad = (
        selection(1, 10, length + 5, USER_ANNE, CODE_SEARCH)
        + selection(2, length + 1, length + 9, USER_ANNE, CODE_SEARCH)
        + selection(3, 9, 4, USER_ANNE, CODE_SEARCH)
    )
    path = tiny_qdpx(tmp_path / "bad.qdpx", project_xml(selections=bad))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        skipped = read_qdpx(path, bad_selections="skip")
    assert [c.document for c in skipped.codings] == ["bram"]
    assert len(caught) == 3 and all("dropped" in str(w.message) for w in caught)
    assert "Ana.docx -> selection s1" in str(caught[0].message)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clipped = read_qdpx(path, bad_selections="clip")
    assert f"clipped to 10-{length}" in str(caught[0].message)
    ana = [c for c in clipped.codings if c.document == "Ana"]
    assert [(c.raw_start, c.raw_end) for c in ana] == [(10, length)]
    assert len(clipped.warnings) == 3


def test_unknown_code_and_bad_positions_are_reported(tmp_path: Path) -> None:
    bad = (
        selection(1, 0, 4, USER_ANNE, "0c000000-0000-4000-8000-0000000000ff")
        + '<PlainTextSelection guid="0f000000-0000-4000-8000-000000000002" name="x" '
        'startPosition="a" endPosition="4"/>'
    )
    with pytest.raises(InteropError) as info:
        read_qdpx(tiny_qdpx(tmp_path / "bad.qdpx", project_xml(selections=bad)))
    assert [p.code for p in info.value.problems] == ["E701", "E701"]
    assert "unknown code 0c000000" in str(info.value) and "not integers" in str(info.value)


def test_text_outside_the_archive_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    for reference in (f"file://{secret}", str(secret), "../secret.txt", "C:\\secret.txt"):
        qde = project_xml(selections="", ana_attributes=f'plainTextPath="{reference}"')
        with pytest.raises(InteropError) as info:
            read_qdpx(tiny_qdpx(tmp_path / "out.qdpx", qde))
        assert info.value.code == "E706"
        assert "not inside the archive" in str(info.value)


def test_missing_project_and_missing_file(tmp_path: Path) -> None:
    from tests.interop.builders import write_zip

    with pytest.raises(InteropError, match=r"E701.*no project.qde"):
        read_qdpx(write_zip(tmp_path / "empty.qdpx", {"sources/a.txt": b"x"}))
    with pytest.raises(InteropError, match="E115"):
        read_qdpx(tmp_path / "nope.qdpx")


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    qde = project_xml().replace("</Users>", "</Userz>")
    with pytest.raises(InteropError) as info:
        read_qdpx(tiny_qdpx(tmp_path / "bad.qdpx", qde))
    problem = info.value.problems[0]
    assert problem.code == "E701" and problem.line == 6 and "well-formed" in problem.message


def test_duplicate_source_names_get_distinct_ids(tmp_path: Path) -> None:
    extra = (
        '<TextSource guid="0a000000-0000-4000-8000-000000000003" name="BRAM">'
        "<PlainTextContent>Another text.</PlainTextContent></TextSource>"
    )
    project = read_qdpx(tiny_qdpx(tmp_path / "x.qdpx", project_xml(extra_sources=extra)))
    assert [s.document for s in project.sources] == ["Ana", "bram", "BRAM-2"]


def test_guids_are_normalised(tmp_path: Path) -> None:
    qde = project_xml().replace(f'guid="{ANA_GUID}"', f'guid="{{{ANA_GUID.upper()}}}"')
    project = read_qdpx(tiny_qdpx(tmp_path / "x.qdpx", qde))
    assert project.source("Ana").guid == ANA_GUID
    assert project.attributes("Ana") == {"country": "Brazil"}  # the case still finds it
