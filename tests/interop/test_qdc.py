from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.codebook import Codebook, codebook_from_dict, load_codebook
from qualcode.errors import CodebookError
from qualcode.interop import read_qdc, write_qdc
from qualcode.interop.codes import slug
from qualcode.interop.guids import code_guid

CODEBOOK = codebook_from_dict(
    {
        "name": "demo",
        "codes": [
            {"id": "housing", "label": "Housing", "codable": False, "color": "#112233"},
            {
                "id": "housing.search",
                "label": "Finding housing",
                "label_nl": "Woning vinden",
                "parent": "housing",
                "definition": "Barriers in finding housing.",
                "patterns": {"en": ["find ... flat"]},
            },
            {"id": "housing.cost", "label": "Finding housing", "parent": "housing"},
            {"id": "safety", "label": "Veiligheid & rust"},
        ],
    },
    check_patterns=False,
)


def _qdc(path: Path, codes: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="tool">'
        f"<Codes>{codes}</Codes></CodeBook>",
        encoding="utf-8",
    )
    return path


def test_write_and_read_back(tmp_path: Path) -> None:
    path = write_qdc(CODEBOOK, tmp_path / "demo.qdc")
    back = read_qdc(path)
    # ids from names; two siblings with the same name stay distinct
    assert back.ids == [
        "housing",
        "housing.finding_housing",
        "housing.finding_housing_2",
        "veiligheid_rust",
    ]
    assert [c.label for c in back.codes] == [c.label for c in CODEBOOK.codes]
    assert [c.codable for c in back.codes] == [c.codable for c in CODEBOOK.codes]
    assert back["housing"].color == "#112233"
    assert back["housing.finding_housing"].definition == "Barriers in finding housing."
    assert back.codes[1].patterns == {}  # REFI-QDA has no place for patterns


def test_reference_restores_ids_by_guid(tmp_path: Path) -> None:
    path = write_qdc(CODEBOOK, tmp_path / "demo.qdc")
    assert read_qdc(path, reference=CODEBOOK).ids == CODEBOOK.ids
    assert load_codebook(path).name == "demo"  # load_codebook dispatches .qdc


def test_export_is_byte_identical_and_guids_follow_paths(tmp_path: Path) -> None:
    first = write_qdc(CODEBOOK, tmp_path / "a.qdc").read_bytes()
    assert write_qdc(CODEBOOK, tmp_path / "b.qdc").read_bytes() == first
    assert code_guid(["housing", "housing.search"]).encode() in first
    kept = write_qdc(
        CODEBOOK, tmp_path / "c.qdc", guids={"safety": "0c000000-0000-4000-8000-000000000009"}
    )
    assert (
        b'guid="0c000000-0000-4000-8000-000000000009" name="Veiligheid &amp; rust"'
        in kept.read_bytes()
    )


def test_names_become_valid_ids() -> None:
    assert slug("Self-categorization") == "self_categorization"
    assert slug("  ") == "code" and slug("日本") == "code"
    assert slug("2nd order") == "c_2nd_order"
    assert slug("Ça va") == "ca_va"


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    book = Codebook(name="x", codes=[{"id": "a", "label": "A\x0bB", "definition": "x\x00y"}])
    back = read_qdc(write_qdc(book, tmp_path / "x.qdc"))
    assert back["ab"].label == "AB" and back["ab"].definition == "xy"


@pytest.mark.parametrize(
    "codes,message",
    [
        ('<Code guid="nope" name="A" isCodable="true"/>', "invalid guid 'nope'"),
        (
            '<Code guid="0c000000-0000-4000-8000-000000000001" name="A" isCodable="true"/>'
            '<Code guid="0C000000-0000-4000-8000-000000000001" name="B" isCodable="true"/>',
            "also used by code 'a'",
        ),
        ('<Code guid="0c000000-0000-4000-8000-000000000001" isCodable="true"/>', "without a name"),
        ("", "no <Codes> with codes"),
    ],
)
def test_bad_codebooks_are_refused_with_the_place(tmp_path: Path, codes: str, message: str) -> None:
    with pytest.raises(CodebookError) as info:
        read_qdc(_qdc(tmp_path / "bad.qdc", codes))
    assert info.value.code == "E703" and message in str(info.value)
    assert "bad.qdc" in str(info.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="E101"):
        read_qdc(tmp_path / "missing.qdc")
    (tmp_path / "empty.qdc").write_text("  ")
    with pytest.raises(CodebookError, match="E102"):
        read_qdc(tmp_path / "empty.qdc")
    (tmp_path / "broken.qdc").write_text("<CodeBook>\n<Codes>\n</CodeBook>")
    with pytest.raises(CodebookError) as info:
        read_qdc(tmp_path / "broken.qdc")
    assert info.value.problems[0].line == 3 and "well-formed" in str(info.value)
    (tmp_path / "project.qdc").write_text("<Project/>")
    with pytest.raises(CodebookError, match="root element is <Project>"):
        read_qdc(tmp_path / "project.qdc")
