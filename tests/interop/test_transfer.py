from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from qualcode.errors import CorpusError, InteropError
from qualcode.interop.transfer import coder_file_name, import_qdpx, read_codings
from tests.interop.builders import project_xml, tiny_qdpx


def test_a_project_without_codes_imports_its_texts(tmp_path: Path) -> None:
    qde = re.sub(r"<CodeBook>.*</CodeBook>", "", project_xml(selections=""), flags=re.S)
    qde = re.sub(r"<Coding .*?</Coding>", "", qde, flags=re.S)
    result = import_qdpx(tiny_qdpx(tmp_path / "t.qdpx", qde), tmp_path / "out")
    assert result.project.codebook is None and result.codings.empty
    assert sorted(p.name for p in result.written) == ["Ana.txt", "attributes.csv", "bram.txt"]


def test_coders_whose_names_collide_as_files_get_distinct_files(tmp_path: Path) -> None:
    qde = (
        project_xml()
        .replace('name="anne"', 'name="qualcode:rules"')
        .replace('name="bob"', 'name="Qualcode_rules"')
    )
    result = import_qdpx(tiny_qdpx(tmp_path / "t.qdpx", qde), tmp_path / "out", gold=False)
    files = [p for p in result.written if p.parent.name == "codings"]
    assert len({p.name.casefold() for p in files}) == 2  # distinct even on case-blind disks
    coders = sorted(set(pd.read_csv(p)["coder"]).pop() for p in files)
    assert coders == ["Qualcode_rules", "qualcode:rules"]


def test_a_failed_import_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "codebook.yaml").write_text("previous")
    bad = tiny_qdpx(tmp_path / "bad.qdpx", project_xml().replace("</Users>", "</Userz>"))
    with pytest.raises(InteropError):
        import_qdpx(bad, out)
    assert [p.name for p in out.iterdir()] == ["codebook.yaml"]
    assert (out / "codebook.yaml").read_text() == "previous"


def test_read_codings_from_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.csv").write_text("document,start,end,code,coder\n007,0,4,x,ana\n")
    (tmp_path / "c" / "b.csv").write_text("document,start,end,code,coder,extra\n008,1,2,y,bob,z\n")
    table = read_codings(tmp_path / "c")
    assert table["document"].tolist() == ["007", "008"]  # ids stay text
    assert coder_file_name("") == "coder"
    with pytest.raises(InteropError, match="E115"):
        read_codings(tmp_path / "missing.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InteropError, match=r"no \.csv files"):
        read_codings(tmp_path / "empty")
    (tmp_path / "bad.csv").write_text("document,start\nx,1\n")
    with pytest.raises(InteropError, match="missing column"):
        read_codings(tmp_path / "bad.csv")


def test_read_codings_from_a_coding_run_and_an_import(tmp_path: Path) -> None:
    run = tmp_path / "run"  # qualcode code: codings.csv beside tables of other shapes
    run.mkdir()
    (run / "codings.csv").write_text("document,start,end,code,coder\n01,0,4,x,qualcode:rules\n")
    (run / "segments.csv").write_text("document,segment,start,end,text\n01,0,0,4,Rent\n")
    (run / "frequencies.csv").write_text("code,label,segments\nx,X,1\n")
    assert read_codings(run)["coder"].tolist() == ["qualcode:rules"]
    imported = import_qdpx(tiny_qdpx(tmp_path / "t.qdpx"), tmp_path / "study", gold=False)
    for where in (tmp_path / "study", tmp_path / "study" / "codings"):
        table = read_codings(where)
        assert sorted(set(table["coder"])) == ["anne", "bob"]
        assert len(table) == len(imported.codings)


def test_a_project_in_another_language_needs_a_language(tmp_path: Path) -> None:
    french = (
        "Je suis venu aux Pays-Bas pour le travail, et ma femme a trouvé un poste à l'université."
        " Le logement était un cauchemar, vraiment difficile, nous avons cherché pendant des mois."
    )
    qde = project_xml(selections="").replace(
        'plainTextPath="bram.txt">', f"><PlainTextContent>{french}</PlainTextContent>"
    )
    path = tiny_qdpx(tmp_path / "fr.qdpx", qde)
    with pytest.raises(CorpusError) as info:
        import_qdpx(path, tmp_path / "out")
    assert info.value.code == "E201" and "--language" in str(info.value)
    result = import_qdpx(path, tmp_path / "out", language="en")
    assert (tmp_path / "out" / "transcripts" / "bram.txt").read_text(encoding="utf-8") == french
    assert len(result.codings) == 1
