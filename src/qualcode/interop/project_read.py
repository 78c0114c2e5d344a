"""Read a REFI-QDA project (``.qdpx``): ``project.qde`` and the text of its sources.

Everything goes through :mod:`qualcode._archive` (entry names, sizes and compression ratios are
checked before anything is inflated) and :func:`~qualcode.interop.xmlsafe.parse_xml` (no DTDs,
no entities). Problems are collected and raised together, each naming its place in the project
(``Sources -> interview 3 -> selection 7a0c...``).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from qualcode._archive import ArchiveLimits, UnsafeArchive, open_zip, read_member
from qualcode.codebook.schema import Codebook
from qualcode.errors import InteropError, Problem, problem
from qualcode.interop.codes import normalise_guid, read_code_tree
from qualcode.interop.model import QdaCase, QdaCode, QdaCoding, QdaProject, QdaSource, QdaUser
from qualcode.interop.offsets import normalise_with_offsets
from qualcode.interop.sources import SourceTextError, source_text
from qualcode.interop.xmlsafe import UnsafeXml, XmlSyntaxError, local_name, parse_xml

__all__ = ["BadSelections", "read_qdpx"]

#: What to do with a selection outside its source's text: raise E702 (``"error"``), drop it
#: with a warning (``"skip"``), or clamp it to the text and drop it only if nothing is left
#: (``"clip"``). Reversed selections (end before start) are errors (E708) or dropped.
BadSelections = Literal["error", "skip", "clip"]

_MAX_PROBLEMS = 50
_DOCUMENT_SUFFIXES = {".txt", ".text", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".md"}
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def read_qdpx(
    path: str | Path,
    *,
    reference: Codebook | None = None,
    bad_selections: BadSelections = "error",
    read_codings: bool = True,
    limits: ArchiveLimits = ArchiveLimits(),
) -> QdaProject:
    """Read a REFI-QDA project: users, code tree, text sources, cases and codings.

    Parameters
    ----------
    path : str or Path
        A ``.qdpx`` file.
    reference : Codebook, optional
        Reuse this codebook's ids for codes whose GUID qualcode gave them (see
        :func:`qualcode.interop.read_qdc`).
    bad_selections : {"error", "skip", "clip"}
        Selections outside their source's text: raise ``E702`` (default), drop them, or clamp
        them to the text. Dropped and clamped selections are listed in ``project.warnings``
        and issued as warnings.
    read_codings : bool
        ``False`` skips selections and codings entirely (reading the texts as a corpus).
    limits : ArchiveLimits
        Safety limits for the archive.

    Returns
    -------
    QdaProject

    Raises
    ------
    InteropError
        ``E704`` unsafe or damaged archive, ``E705`` XML with a DTD or entities, ``E701``
        structural problems, ``E702``/``E708`` bad selections, ``E703`` bad code tree,
        ``E706`` unreadable source text — all problems at once.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> project = read_qdpx(path)
    >>> [u.name for u in project.users], len(project.codings), project.attributes("km-01")
    (['ana', 'qualcode:rules'], 3, {'country': 'Brazil'})
    """
    path = Path(path)
    if not path.exists():
        raise InteropError(problem("E115"), path=path)
    try:
        archive = open_zip(path, limits)
    except UnsafeArchive as exc:
        raise InteropError(problem("E704", detail=str(exc)), path=path) from exc
    with archive:
        root = _project_root(archive, path, limits)
        reader = _ProjectReader(archive, limits, bad_selections, read_codings)
        project = reader.read(root, path, reference)
    for note in project.warnings:
        warnings.warn(f"{path}: {note}", stacklevel=2)
    return project


def _project_root(archive: zipfile.ZipFile, path: Path, limits: ArchiveLimits) -> ET.Element:
    names = [n for n in archive.namelist() if PurePosixPath(n).name.lower() == "project.qde"]
    top = [n for n in names if "/" not in n.strip("/")]
    if not (top or names):
        raise InteropError(
            problem("E701", detail="no project.qde in the archive (is this a REFI-QDA project?)"),
            path=path,
        )
    member = (top or names)[0]
    try:
        data = read_member(archive, member, limits)
    except UnsafeArchive as exc:
        raise InteropError(problem("E704", detail=str(exc)), path=path) from exc
    try:
        root = parse_xml(data)
    except UnsafeXml as exc:
        raise InteropError(problem("E705", member=member, detail=str(exc)), path=path) from exc
    except XmlSyntaxError as exc:
        raise InteropError(
            problem("E701", member, exc.line, detail=f"not well-formed XML ({exc})"), path=path
        ) from exc
    if local_name(root) != "Project":
        raise InteropError(
            problem("E701", member, detail=f"the root element is <{local_name(root)}>"),
            path=path,
        )
    return root


def _children(element: ET.Element | None, name: str) -> Iterator[ET.Element]:
    if element is not None:
        yield from (child for child in element if local_name(child) == name)


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    return next(_children(element, name), None)


def _reference(element: ET.Element, name: str) -> str | None:
    """The ``targetGUID`` of ``element``'s ``<name>`` child (``CodeRef``, ``VariableRef``)."""
    target = _child(element, name)
    return target.get("targetGUID") if target is not None else None


def document_id(name: str) -> str:
    """A document id from a source name: without a document suffix, safe as a file name.

    Examples
    --------
    >>> document_id("Interview 3.docx"), document_id("a/b: c"), document_id("..")
    ('Interview 3', 'a_b_ c', 'source')
    """
    name = unicodedata.normalize("NFC", name).strip()
    if PurePosixPath(name).suffix.lower() in _DOCUMENT_SUFFIXES:
        name = name[: -len(PurePosixPath(name).suffix)]
    name = _UNSAFE_IN_NAMES.sub("_", name).strip(" .")
    return name or "source"


@dataclass
class _ProjectReader:
    archive: zipfile.ZipFile
    limits: ArchiveLimits
    bad_selections: BadSelections
    read_codings: bool
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def read(self, root: ET.Element, path: Path, reference: Codebook | None) -> QdaProject:
        users = self._users(root)
        tree = read_code_tree(
            _child(_child(root, "CodeBook"), "Codes"),
            name=root.get("name") or path.stem,
            description=f"Imported from {path.name}"
            + (f" ({root.get('origin')})" if root.get("origin") else ""),
            reference=reference,
        )
        self.problems.extend(tree.problems)
        variables = {
            guid: variable.get("name") or guid
            for variable in _children(_child(root, "Variables"), "Variable")
            if (guid := normalise_guid(variable.get("guid")))
        }
        cases = tuple(self._cases(root, variables))
        sources, codings = self._sources(root, variables, {c.guid: c for c in tree.codes}, users)
        if len(self.problems) > _MAX_PROBLEMS:  # one line per problem, but not thousands
            more = len(self.problems) - _MAX_PROBLEMS
            self.problems[_MAX_PROBLEMS:] = [
                problem("E701", detail=f"and {more} more problems (fix the ones above first)")
            ]
        InteropError.collect(self.problems, path=path)
        return QdaProject(
            name=root.get("name") or path.stem,
            origin=root.get("origin") or "",
            users=tuple(users.values()),
            codes=tree.codes,
            codebook=tree.codebook,
            sources=tuple(sources),
            cases=cases,
            codings=tuple(
                sorted(codings, key=lambda c: (c.document, c.start, c.end, c.coder, c.code))
            ),
            path=str(path),
            warnings=tuple(self.notes),
        )

    def _users(self, root: ET.Element) -> dict[str, QdaUser]:
        users: dict[str, QdaUser] = {}
        for index, user in enumerate(_children(_child(root, "Users"), "User")):
            guid = normalise_guid(user.get("guid"))
            if guid is None:
                self.problems.append(
                    problem("E701", f"Users -> #{index + 1}", detail="user without a valid guid")
                )
                continue
            name = (user.get("name") or user.get("id") or guid).strip()
            users[guid] = QdaUser(guid, name, user.get("id"))
        # Users are told apart by GUID; coders by name, so a name two users share gets a number.
        taken = {user.name for user in users.values()}
        seen: set[str] = set()
        for guid, named in users.items():
            if named.name not in seen:
                seen.add(named.name)
                continue
            counter = 2
            while f"{named.name} ({counter})" in taken:
                counter += 1
            renamed = f"{named.name} ({counter})"
            taken.add(renamed)
            self.notes.append(
                f"Users: more than one user is named {named.name!r}; user {guid} is called "
                f"{renamed!r}"
            )
            users[guid] = QdaUser(guid, renamed, named.id)
        return users

    def _cases(self, root: ET.Element, variables: dict[str, str]) -> Iterator[QdaCase]:
        for case in _children(_child(root, "Cases"), "Case"):
            yield QdaCase(
                guid=normalise_guid(case.get("guid")) or "",
                name=case.get("name") or "",
                variables=self._values(case, variables),
                sources=tuple(
                    guid
                    for ref in _children(case, "SourceRef")
                    if (guid := normalise_guid(ref.get("targetGUID")))
                ),
            )

    @staticmethod
    def _values(element: ET.Element, variables: dict[str, str]) -> dict[str, str]:
        values: dict[str, str] = {}
        for value in _children(element, "VariableValue"):
            target = normalise_guid(_reference(value, "VariableRef"))
            holder = next((c for c in value if local_name(c).endswith("Value")), None)
            if target is None or holder is None or not (holder.text or "").strip():
                continue
            values[variables.get(target, target)] = holder.text.strip()  # type: ignore[union-attr]
        return values

    def _sources(
        self,
        root: ET.Element,
        variables: dict[str, str],
        codes: dict[str, QdaCode],
        users: dict[str, QdaUser],
    ) -> tuple[list[QdaSource], list[QdaCoding]]:
        sources: list[QdaSource] = []
        codings: list[QdaCoding] = []
        taken: set[str] = set()
        ignored: dict[str, int] = {}
        listed = _child(root, "Sources")
        for index, element in enumerate(list(listed) if listed is not None else []):
            kind = local_name(element)
            if kind != "TextSource":
                ignored[kind] = ignored.get(kind, 0) + 1
                continue
            guid = normalise_guid(element.get("guid")) or ""
            reference = element.get("plainTextPath") or element.get("richTextPath") or ""
            name = element.get("name") or PurePosixPath(reference.replace("\\", "/")).name
            name = name or guid or f"source {index + 1}"
            where = f"Sources -> {name}"
            if not guid:
                self.problems.append(problem("E701", where, detail="source without a valid guid"))
            try:
                raw, origin = source_text(self.archive, element, self.limits)
            except SourceTextError as exc:
                self.problems.append(problem("E706", where, source=name, detail=str(exc)))
                raw, origin = "", "none"
            text, offsets = normalise_with_offsets(raw)
            document = base = document_id(name)
            counter = 2
            while document.casefold() in taken:  # ids become file names: unique regardless of case
                document, counter = f"{base}-{counter}", counter + 1
            taken.add(document.casefold())
            source = QdaSource(
                guid=guid,
                name=name,
                document=document,
                text=text,
                raw_text=raw,
                offsets=offsets,
                text_from=origin,
                variables=self._values(element, variables),
            )
            sources.append(source)
            if not text.strip():
                self.notes.append(f"{where}: the source has no text")
            if self.read_codings:
                codings.extend(self._codings(element, source, where, codes, users))
        for kind, count in sorted(ignored.items()):
            self.notes.append(f"ignored {count} {kind} element(s): qualcode reads text sources")
        return sources, codings

    def _codings(
        self,
        element: ET.Element,
        source: QdaSource,
        where: str,
        codes: dict[str, QdaCode],
        users: dict[str, QdaUser],
    ) -> Iterator[QdaCoding]:
        length = len(source.raw_text)
        owner = normalise_guid(element.get("creatingUser"))
        spans: list[tuple[ET.Element, ET.Element | None, int, int, str]] = [
            (coding, None, 0, length, f"{where} -> coding of the whole source")
            for coding in _children(element, "Coding")
        ]
        for selection in _children(element, "PlainTextSelection"):
            label = selection.get("name") or selection.get("guid") or "?"
            here = f"{where} -> selection {label}"
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                self.problems.append(
                    problem("E701", here, detail="startPosition/endPosition are not integers")
                )
                continue
            span = self._checked_span(start, end, length, source.name, here)
            if span is not None:
                spans.extend((c, selection, *span, here) for c in _children(selection, "Coding"))
        for coding, chosen, start, end, here in spans:
            code_guid = normalise_guid(_reference(coding, "CodeRef"))
            code = codes.get(code_guid or "")
            if code is None:
                self.problems.append(
                    problem("E701", here, detail=f"coding refers to unknown code {code_guid}")
                )
                continue
            user = (
                normalise_guid(coding.get("creatingUser"))
                or (normalise_guid(chosen.get("creatingUser")) if chosen is not None else None)
                or owner
            )
            coder = users[user].name if user in users else (user or "unknown")
            yield QdaCoding(
                document=source.document,
                start=source.offsets.to_normalised(start, "start"),
                end=source.offsets.to_normalised(end, "end"),
                code=code.id,
                coder=coder,
                raw_start=start,
                raw_end=end,
                code_guid=code.guid,
                user_guid=user,
                selection_guid=normalise_guid(chosen.get("guid")) if chosen is not None else None,
                guid=normalise_guid(coding.get("guid")) or "",
            )

    def _checked_span(
        self, start: int, end: int, length: int, source: str, here: str
    ) -> tuple[int, int] | None:
        if start > end:
            if self.bad_selections == "error":
                self.problems.append(problem("E708", here, start=start, end=end, source=source))
            else:
                self.notes.append(f"{here}: dropped reversed selection {start}-{end}")
            return None
        if start >= 0 and end <= length:
            return start, end
        found = problem("E702", here, start=start, end=end, source=source, length=length)
        if self.bad_selections == "error":
            self.problems.append(found)
            return None
        if self.bad_selections == "clip":
            clipped = max(0, min(start, length)), max(0, min(end, length))
            if clipped[0] < clipped[1]:
                self.notes.append(f"{here}: {found.message}; clipped to {clipped[0]}-{clipped[1]}")
                return clipped
        self.notes.append(f"{here}: {found.message}; dropped")
        return None
