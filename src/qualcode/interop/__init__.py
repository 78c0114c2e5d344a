"""REFI-QDA interchange: ``.qdpx`` projects and ``.qdc`` codebooks, in and out.

Import a project coded in NVivo, ATLAS.ti, MAXQDA, QualCoder or qc::

    project = read_qdpx("study.qdpx")          # users, codes, sources, cases, codings
    table = project_codings(project)           # the standard codings table, coder = user
    documents = project_documents(project)     # Documents with case variables as attributes

Export qualcode's codings (machine coders are users like any other) for review in those tools::

    write_qdpx("coded.qdpx", corpus, result.codings, codebook)

GUIDs are ``uuid5`` of what they name, so re-exports are byte-identical; offsets are carried
exactly between a source's stored text and qualcode's normalised text (:mod:`.offsets`).
"""

from qualcode.interop.gold import gold_records, write_gold
from qualcode.interop.model import QdaCase, QdaCode, QdaCoding, QdaProject, QdaSource, QdaUser
from qualcode.interop.offsets import OffsetMap, normalise_with_offsets
from qualcode.interop.project_read import BadSelections, read_qdpx
from qualcode.interop.project_write import export_project, write_qdpx
from qualcode.interop.qdc import read_qdc, write_qdc
from qualcode.interop.tables import project_codings, project_documents

__all__ = [
    "BadSelections",
    "OffsetMap",
    "QdaCase",
    "QdaCode",
    "QdaCoding",
    "QdaProject",
    "QdaSource",
    "QdaUser",
    "export_project",
    "gold_records",
    "normalise_with_offsets",
    "project_codings",
    "project_documents",
    "read_qdc",
    "read_qdpx",
    "write_gold",
    "write_qdc",
    "write_qdpx",
]
