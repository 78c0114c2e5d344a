"""Every REFI-QDA file qualcode writes validates against the REFI-QDA 1.0 schemas."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from qualcode.codebook import codebook_from_dict
from qualcode.interop import export_project, read_qdpx, write_qdc, write_qdpx
from qualcode.records import Document, Turn
from tests.interop.builders import REAL_QDPX, XSD, tiny_qdpx

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not XSD.is_dir(), reason=f"REFI-QDA schemas not found ({XSD})"),
]


@pytest.fixture(scope="module")
def project_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(XSD / "Project.xsd"))


@pytest.fixture(scope="module")
def codebook_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(XSD / "Codebook.xsd"))


def _qde(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde").decode("utf-8")


CODEBOOK = codebook_from_dict(
    {
        "name": "demo",
        "codes": [
            {"id": "housing", "label": "Housing & <rent>", "codable": False, "color": "#AA00cc"},
            {"id": "housing.search", "label": "Finding", "parent": "housing", "definition": "D"},
        ],
    }
)


def test_a_coded_corpus_with_cases_and_a_machine_coder(project_schema, tmp_path: Path) -> None:
    text = "Finding a flat was hard."
    doc = Document(
        'ana "1"',
        text,
        (Turn(0, None, "respondent", 0, len(text)),),
        "en",
        attributes={"country": "Brazil", "age group": "30-39"},
    )
    codings = pd.DataFrame(
        [
            {"document": doc.id, "start": 0, "end": 24, "code": "housing.search", "coder": c}
            for c in ("qualcode:rules", "ana")
        ]
        + [{"document": doc.id, "start": 0, "end": 24, "code": "housing", "coder": "ana"}]
    )
    path = write_qdpx(tmp_path / "x.qdpx", [doc], codings, CODEBOOK, name="n")
    project_schema.validate(_qde(path))


def test_an_empty_project(project_schema, tmp_path: Path) -> None:
    path = write_qdpx(
        tmp_path / "x.qdpx",
        [],
        pd.DataFrame(columns=["document", "start", "end", "code", "coder"]),
        CODEBOOK,
    )
    project_schema.validate(_qde(path))


def test_a_re_export(project_schema, tmp_path: Path) -> None:
    project = read_qdpx(tiny_qdpx(tmp_path / "tiny.qdpx"))
    project_schema.validate(_qde(export_project(project, tmp_path / "again.qdpx")))


def test_a_codebook(codebook_schema, tmp_path: Path) -> None:
    codebook_schema.validate(str(write_qdc(CODEBOOK, tmp_path / "x.qdc")))


@pytest.mark.skipif(not REAL_QDPX.is_dir(), reason="shared real data not found")
def test_the_real_qc_project_re_exported(project_schema, codebook_schema, tmp_path: Path) -> None:
    project = read_qdpx(REAL_QDPX / "qc-1.3.2-demo.qdpx")
    # the inputs are valid too, so the schemas and the validator agree with real tools
    project_schema.validate(_qde(REAL_QDPX / "qc-1.3.2-demo.qdpx"))
    project_schema.validate(_qde(export_project(project, tmp_path / "qc.qdpx")))
    assert project.codebook is not None
    codebook_schema.validate(str(write_qdc(project.codebook, tmp_path / "qc.qdc")))
