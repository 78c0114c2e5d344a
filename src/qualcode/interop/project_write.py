"""Write a coded corpus as a REFI-QDA project (``.qdpx``), deterministically.

The archive holds ``project.qde`` and one ``sources/<guid>.txt`` per document. Every coder —
human or machine (``qualcode:rules``, ``qualcode:model-v3``) — is a ``<User>``, and each of its
codings hangs under a ``<PlainTextSelection>`` created by that user. GUIDs are ``uuid5`` of what
they identify (:mod:`qualcode.interop.guids`), elements come in a fixed order and zip entries carry
a fixed timestamp, so exporting the same input twice gives byte-identical files.
"""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from qualcode._io import atomic_path, check_output_file
from qualcode.codebook.schema import Codebook
from qualcode.errors import InteropError, Problem, problem
from qualcode.interop.codes import code_guid_map, codes_element
from qualcode.interop.guids import (
    case_guid,
    coding_guid,
    selection_guid,
    source_guid,
    user_guid,
    variable_guid,
)
from qualcode.interop.model import QdaProject
from qualcode.interop.offsets import OffsetMap, normalise_with_offsets
from qualcode.interop.qdc import origin
from qualcode.interop.tables import project_codings, project_documents
from qualcode.interop.xmlsafe import PROJECT_NS, to_bytes, xml_text
from qualcode.records import Corpus, Document

__all__ = ["REQUIRED_COLUMNS", "export_project", "write_qdpx"]

#: Columns ``write_qdpx`` needs in the codings table (any others are ignored).
REQUIRED_COLUMNS = ("document", "start", "end", "code", "coder")

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so re-exports are byte-identical
_MAX_PROBLEMS = 50


def _tag(name: str) -> str:
    return f"{{{PROJECT_NS}}}{name}"


def write_qdpx(
    path: str | Path,
    documents: Corpus | Iterable[Document],
    codings: pd.DataFrame,
    codebook: Codebook,
    *,
    name: str = "qualcode project",
    code_guids: Mapping[str, str] | None = None,
    original_texts: Mapping[str, str] | None = None,
) -> Path:
    """Write documents, their codings by every coder and the codebook as a ``.qdpx`` project.

    Parameters
    ----------
    path : str or Path
        The ``.qdpx`` to write (atomically: an existing file is replaced only when complete).
    documents : Corpus or iterable of Document
        Each becomes a text source; its attributes become case variables.
    codings : pandas.DataFrame
        At least the columns ``document``, ``start``, ``end``, ``code`` and ``coder`` (the
        codings table of :mod:`qualcode.tables`); offsets into the documents' text.
    codebook : Codebook
        Every coded code must be in it.
    name : str
        The project's name.
    code_guids : Mapping[str, str], optional
        GUIDs to keep for some codes (e.g. :attr:`QdaProject.code_guids`).
    original_texts : Mapping[str, str], optional
        Document id -> the text as originally stored, written instead of the normalised text
        when it normalises to the document's text; offsets are then carried back to it.

    Returns
    -------
    Path

    Raises
    ------
    InteropError
        ``E707`` for missing columns, unknown documents or codes, offsets outside a document,
        or duplicate document ids (all problems at once).
    OutputError
        ``E901`` when ``path`` cannot be written (a directory, say), checked first.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> from qualcode.codebook import codebook_from_dict
    >>> from qualcode.records import Document, Turn
    >>> doc = Document("ana", "R: Rent is high.", (Turn(0, "R", "respondent", 3, 16),), "en")
    >>> cb = codebook_from_dict({"name": "demo", "codes": [{"id": "housing", "label": "Housing"}]})
    >>> codings = pd.DataFrame([{"document": "ana", "start": 3, "end": 16, "code": "housing",
    ...                          "coder": "qualcode:rules"}])
    >>> out = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", [doc], codings, cb)
    >>> import zipfile; sorted(zipfile.ZipFile(out).namelist())[0]
    'project.qde'
    """
    check_output_file(path)
    docs = list(documents)
    rows = _checked_codings(codings, docs, codebook)
    guid_of = code_guid_map(codebook, code_guids)
    ET.register_namespace("", PROJECT_NS)
    root = ET.Element(_tag("Project"), {"name": xml_text(name), "origin": origin()})
    coders = sorted({row.coder for row in rows})
    if coders:
        users = ET.SubElement(root, _tag("Users"))
        for coder in coders:
            ET.SubElement(users, _tag("User"), {"guid": user_guid(coder), "name": xml_text(coder)})
    ET.SubElement(root, _tag("CodeBook")).append(codes_element(codebook, PROJECT_NS, guid_of))
    _add_cases(root, docs)
    members: list[tuple[str, bytes]] = []
    if docs:
        sources = ET.SubElement(root, _tag("Sources"))
        by_document: dict[str, list[_Row]] = {}
        for row in rows:
            by_document.setdefault(row.document, []).append(row)
        for document in docs:
            text, offsets = _stored_text(document, (original_texts or {}).get(document.id))
            guid = source_guid(document.id)
            element = ET.SubElement(
                sources,
                _tag("TextSource"),
                {
                    "guid": guid,
                    "name": xml_text(document.id),
                    "plainTextPath": f"internal://{guid}.txt",
                },
            )
            _add_selections(
                element, document.id, by_document.get(document.id, []), offsets, guid_of
            )
            members.append((f"sources/{guid}.txt", text.encode("utf-8")))
    members.insert(0, ("project.qde", to_bytes(root)))
    return _write_zip(path, members)


def export_project(project: QdaProject, path: str | Path) -> Path:
    """Write an imported project back out: same texts as stored, same code GUIDs.

    Sources without text are left out, and their codings with a warning naming the source.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> from qualcode.interop import read_qdpx
    >>> project = read_qdpx(path)
    >>> again = read_qdpx(export_project(project, path.with_name("again.qdpx")))
    >>> def key(p):
    ...     return [(c.document, c.start, c.end, c.code, c.coder) for c in p.codings]
    >>> key(again) == key(project), again.code_guids == project.code_guids
    (True, True)
    """
    check_output_file(path)
    if project.codebook is None:
        raise InteropError(problem("E707", detail="the project has no codebook"), path=project.path)
    documents = project_documents(project)
    codings = project_codings(project, documents)
    # a source without text is no document, so its codings (of nothing) have nowhere to go
    with_text = codings["document"].isin({document.id for document in documents})
    for document, count in codings[~with_text].groupby("document").size().items():
        warnings.warn(
            f"{project.path}: source {project.source(str(document)).name!r} has no text; "
            f"left out its {count} coding(s)",
            stacklevel=2,
        )
    return write_qdpx(
        path,
        documents,
        codings[with_text],
        project.codebook,
        name=project.name,
        code_guids=project.code_guids,
        original_texts={source.document: source.raw_text for source in project.sources},
    )


class _Row(NamedTuple):
    document: str
    start: int
    end: int
    coder: str
    code: str


def _checked_codings(
    codings: pd.DataFrame, documents: list[Document], codebook: Codebook
) -> list[_Row]:
    """The codings to write (deduplicated, in a fixed order), or E707 problems."""
    missing = [column for column in REQUIRED_COLUMNS if column not in codings.columns]
    if missing:
        raise InteropError(
            problem(
                "E707",
                detail=f"missing column(s) {', '.join(missing)} "
                f"(need {', '.join(REQUIRED_COLUMNS)})",
            )
        )
    problems: list[Problem] = []
    lengths: dict[str, int] = {}
    for document in documents:
        if document.id in lengths:
            problems.append(problem("E707", detail=f"duplicate document id {document.id!r}"))
        lengths[document.id] = len(document.text)
    rows = codings.loc[:, list(REQUIRED_COLUMNS)].copy()
    for index, row in enumerate(rows.itertuples(index=False), start=1):
        where = f"row {index}"
        if pd.isna(row.document) or str(row.document) not in lengths:
            problems.append(problem("E707", where, detail=f"unknown document {row.document!r}"))
            continue
        if pd.isna(row.code) or str(row.code) not in codebook:
            problems.append(
                problem("E707", where, detail=f"code {row.code!r} is not in the codebook")
            )
        if pd.isna(row.coder) or not str(row.coder).strip():
            problems.append(problem("E707", where, detail="empty coder"))
        try:
            start, end = float(row.start), float(row.end)
        except (TypeError, ValueError):
            start = end = float("nan")
        if not (start.is_integer() and end.is_integer()):
            problems.append(problem("E707", where, detail="start/end are not whole numbers"))
            continue
        length = lengths[str(row.document)]
        if not 0 <= start <= end <= length:
            problems.append(
                problem(
                    "E707",
                    where,
                    detail=f"offsets {row.start}-{row.end} do not fall on document "
                    f"{row.document!r} ({length} characters)",
                )
            )
        if len(problems) > _MAX_PROBLEMS:
            problems.append(problem("E707", detail="and more problems (fix the ones above first)"))
            break
    InteropError.collect(problems)
    order = {code_id: i for i, code_id in enumerate(codebook.ids)}
    unique = {
        _Row(str(r.document), int(r.start), int(r.end), str(r.coder), str(r.code))
        for r in rows.itertuples(index=False)
    }
    return sorted(unique, key=lambda r: (r.document, r.start, r.end, r.coder, order[r.code]))


def _stored_text(document: Document, original: str | None) -> tuple[str, OffsetMap | None]:
    """The text to store for ``document``: its original when that normalises to its text."""
    if original is not None:
        normalised, offsets = normalise_with_offsets(original)
        if normalised == document.text:
            return original, offsets
    return document.text, None


def _add_cases(root: ET.Element, documents: list[Document]) -> None:
    """A case per document with attributes; every attribute is a Text variable."""
    names = sorted({name for document in documents for name in document.attributes})
    if not names:
        return
    variables = ET.SubElement(root, _tag("Variables"))
    for variable in names:
        ET.SubElement(
            variables,
            _tag("Variable"),
            {"guid": variable_guid(variable), "name": xml_text(variable), "typeOfVariable": "Text"},
        )
    cases = ET.SubElement(root, _tag("Cases"))
    for document in documents:
        if not document.attributes:
            continue
        case = ET.SubElement(
            cases, _tag("Case"), {"guid": case_guid(document.id), "name": xml_text(document.id)}
        )
        for variable in sorted(document.attributes):
            value = ET.SubElement(case, _tag("VariableValue"))
            ET.SubElement(value, _tag("VariableRef"), {"targetGUID": variable_guid(variable)})
            ET.SubElement(value, _tag("TextValue")).text = xml_text(
                str(document.attributes[variable])
            )
        ET.SubElement(case, _tag("SourceRef"), {"targetGUID": source_guid(document.id)})


def _add_selections(
    source: ET.Element,
    document: str,
    rows: list[_Row],
    offsets: OffsetMap | None,
    guid_of: Mapping[str, str],
) -> None:
    """One selection per (start, end, coder), holding that coder's codings of it."""
    for (start, end, coder), group in groupby(rows, key=lambda r: (r.start, r.end, r.coder)):
        stored_start = offsets.to_raw(start, "start") if offsets is not None else start
        stored_end = offsets.to_raw(end, "end") if offsets is not None else end
        selection = ET.SubElement(
            source,
            _tag("PlainTextSelection"),
            {
                "guid": selection_guid(document, start, end, coder),
                "startPosition": str(stored_start),
                "endPosition": str(stored_end),
                "creatingUser": user_guid(coder),
            },
        )
        for code in (row.code for row in group):
            coding = ET.SubElement(
                selection,
                _tag("Coding"),
                {
                    "guid": coding_guid(document, start, end, coder, code),
                    "creatingUser": user_guid(coder),
                },
            )
            ET.SubElement(coding, _tag("CodeRef"), {"targetGUID": guid_of[code]})


def _write_zip(path: str | Path, members: list[tuple[str, bytes]]) -> Path:
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return Path(path)
