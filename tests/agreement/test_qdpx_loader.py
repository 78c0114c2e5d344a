"""A REFI-QDA project's users compared user against user on sentence units."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qualcode
from qualcode.cli import app
from qualcode.errors import AgreementError
from qualcode.interop import write_qdpx
from qualcode.interop.examples import example_project


def test_users_of_a_project_are_coders_on_sentences(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "demo.qdpx", *example_project())
    result = qualcode.agreement([path])
    by_code = result.by_code.set_index("code")
    # ana coded housing and safety, the machine only housing: housing agrees everywhere,
    # safety differs on exactly one of the 5 sentences.
    assert by_code.loc["housing.finding_housing", "percent_agreement"] == 1.0  # ids from names
    assert by_code.loc["safety", "n_units"] == 5
    assert by_code.loc["safety", "percent_agreement"] == pytest.approx(4 / 5)
    assert list(result.disagreements["text"]) == ["But I feel safe here."]


def test_cli_agree_on_a_qdpx(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "demo.qdpx", *example_project())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["agree", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "agreement_by_code.csv").is_file()


def test_project_without_codings(tmp_path: Path) -> None:
    documents, codings, codebook = example_project()
    path = write_qdpx(tmp_path / "empty.qdpx", documents, codings.iloc[0:0], codebook)
    with pytest.raises(AgreementError) as info:
        qualcode.agreement([path])
    assert info.value.code in {"E601", "E603"}


def test_users_with_the_same_name_are_compared_as_two_coders(tmp_path: Path) -> None:
    documents, codings, codebook = example_project()
    path = write_qdpx(tmp_path / "demo.qdpx", documents, codings, codebook)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    qde = members["project.qde"].decode("utf-8")
    names = sorted(set(codings["coder"]))
    assert len(names) == 2
    members["project.qde"] = qde.replace(f'name="{names[1]}"', f'name="{names[0]}"').encode()
    with zipfile.ZipFile(tmp_path / "same.qdpx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.warns(UserWarning, match="more than one user"):
        result = qualcode.agreement([tmp_path / "same.qdpx"])
    assert result.coders == (names[0], f"{names[0]} (2)")
    assert any("more than one user" in note for note in result.notes)
