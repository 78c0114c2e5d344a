"""The REFI-QDA code tree in both directions: ``<Codes>`` elements <-> a qualcode Codebook.

Reading, each code gets a qualcode id made of the slugs of the names on its path
(``Rationales > CS is coming`` -> ``rationales.cs_is_coming``), so ids are unique even where a
tool repeats a name under different parents, and its name becomes the label. A *reference*
codebook can supply ids instead: a code whose GUID is the one qualcode would give a code of the
reference (see :func:`qualcode.interop.guids.code_guid`) takes that code's id, so a codebook
exported to NVivo and back keeps its ids.

Writing, a code's name is its label and its GUID comes from its path of ids (or from a given
mapping, to keep the GUIDs of an imported project). REFI-QDA cannot carry patterns, Dutch labels,
inclusion/exclusion criteria, examples or facets; they stay in the YAML codebook.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from qualcode.codebook.load import codebook_from_dict
from qualcode.codebook.schema import Codebook
from qualcode.errors import Problem, problem
from qualcode.interop.guids import code_guid
from qualcode.interop.model import QdaCode
from qualcode.interop.xmlsafe import local_name, xml_text

__all__ = [
    "CodeTree",
    "code_guid_map",
    "code_paths",
    "codebook_guids",
    "codes_element",
    "normalise_guid",
    "read_code_tree",
    "slug",
]

_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_COLOR = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


def normalise_guid(value: str | None) -> str | None:
    """A GUID in lower case without braces, or ``None`` if ``value`` is not a GUID.

    Examples
    --------
    >>> normalise_guid("{0A1B2C3D-0000-4000-8000-00000000000F}")
    '0a1b2c3d-0000-4000-8000-00000000000f'
    """
    if value is None:
        return None
    match = _GUID.match(value.strip())
    return match.group(1).lower() if match else None


def slug(name: str) -> str:
    """One segment of a code id from a code's name: ASCII, lower case, words joined by ``_``.

    Examples
    --------
    >>> slug("Self-categorization"), slug("Woning vinden (huur)"), slug("30% ruling")
    ('self_categorization', 'woning_vinden_huur', 'c_30_ruling')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    if not text:
        return "code"
    return text if text[0].isalpha() else f"c_{text}"


@dataclass(frozen=True)
class CodeTree:
    """A code tree read from XML: the codes in tree order, the codebook, and any problems."""

    codes: tuple[QdaCode, ...]
    codebook: Codebook | None
    problems: tuple[Problem, ...]


def read_code_tree(
    codes: ET.Element | None,
    *,
    name: str,
    description: str = "",
    reference: Codebook | None = None,
    location: str = "CodeBook -> Codes",
    problem_code: str = "E703",
) -> CodeTree:
    """Read a ``<Codes>`` element (of a ``.qde`` or ``.qdc``) into codes and a codebook.

    Problems (missing names, bad or duplicate GUIDs) are collected, not raised, so a caller can
    report them with its other findings.
    """
    found: list[QdaCode] = []
    problems: list[Problem] = []
    known = codebook_guids(reference) if reference is not None else {}
    used_ids: set[str] = set()
    seen_guids: dict[str, str] = {}

    def visit(element: ET.Element, parent: QdaCode | None, where: str) -> None:
        taken: set[str] = set()
        for index, child in enumerate(c for c in element if local_name(c) == "Code"):
            code_name = (child.get("name") or "").strip()
            here = f"{where} -> {code_name or f'#{index + 1}'}"
            guid = normalise_guid(child.get("guid"))
            if guid is None:
                problems.append(
                    problem(problem_code, here, detail=f"invalid guid {child.get('guid')!r}")
                )
                guid = ""
            elif guid in seen_guids:
                problems.append(
                    problem(
                        problem_code,
                        here,
                        detail=f"guid {guid} is also used by code {seen_guids[guid]!r}",
                    )
                )
            if not code_name:
                problems.append(problem(problem_code, here, detail="code without a name"))
                code_name = "code"
            code_id = known.get(guid, "")
            if not code_id or code_id in used_ids:
                base = slug(code_name)
                stem = f"{parent.id}.{base}" if parent else base
                code_id, counter = stem, 2
                while code_id in used_ids or code_id in taken:
                    code_id, counter = f"{stem}_{counter}", counter + 1
            taken.add(code_id)
            used_ids.add(code_id)
            if guid:
                seen_guids.setdefault(guid, code_id)
            color = child.get("color")
            if color is not None and _COLOR.match(color) and len(color) == 4:
                color = "#" + "".join(ch * 2 for ch in color[1:])
            described = next((c for c in child if local_name(c) == "Description"), None)
            code = QdaCode(
                guid=guid,
                id=code_id,
                name=code_name,
                parent=parent.id if parent else None,
                codable=(child.get("isCodable", "true").strip().lower() in {"true", "1"}),
                color=color if color is not None and _COLOR.match(color) else None,
                description=(described.text or "").strip() if described is not None else "",
            )
            found.append(code)
            visit(child, code, here)

    if codes is not None:
        visit(codes, None, location)
    codebook = None
    if found and not problems:
        data = {
            "name": name,
            "description": description,
            "codes": [
                {
                    "id": code.id,
                    "label": code.name,
                    **({"parent": code.parent} if code.parent else {}),
                    "codable": code.codable,
                    **({"definition": code.description} if code.description else {}),
                    **({"color": code.color} if code.color else {}),
                }
                for code in found
            ],
        }
        codebook = codebook_from_dict(data, check_patterns=False)
    return CodeTree(tuple(found), codebook, tuple(problems))


def code_paths(codebook: Codebook) -> dict[str, list[str]]:
    """Code id -> the ids from its root down to itself."""
    return {code.id: [*reversed(codebook.ancestors(code.id)), code.id] for code in codebook.codes}


def codebook_guids(codebook: Codebook) -> dict[str, str]:
    """GUID -> code id for the GUIDs qualcode gives ``codebook``'s codes (by path)."""
    return {code_guid(path): code_id for code_id, path in code_paths(codebook).items()}


def code_guid_map(codebook: Codebook, guids: Mapping[str, str] | None = None) -> dict[str, str]:
    """Code id -> the GUID to write: ``guids[id]`` if given, else ``uuid5`` of the code's path."""
    guids = guids or {}
    return {
        code_id: guids.get(code_id) or code_guid(path)
        for code_id, path in code_paths(codebook).items()
    }


def codes_element(
    codebook: Codebook, namespace: str, guids: Mapping[str, str] | None = None
) -> ET.Element:
    """The ``<Codes>`` element of ``codebook`` in ``namespace`` (tree order, stable GUIDs).

    ``guids`` maps code ids to GUIDs to keep (e.g. those of an imported project); other codes
    get :func:`~qualcode.interop.guids.code_guid` of their path.
    """
    guid_of = code_guid_map(codebook, guids)
    root = ET.Element(f"{{{namespace}}}Codes")

    def add(parent: ET.Element, code_id: str | None) -> None:
        for code in codebook.children(code_id):
            attributes = {
                "guid": guid_of[code.id],
                "name": xml_text(code.label),
                "isCodable": "true" if code.codable else "false",
            }
            if code.color:
                attributes["color"] = code.color
            element = ET.SubElement(parent, f"{{{namespace}}}Code", attributes)
            if code.definition.strip():
                ET.SubElement(element, f"{{{namespace}}}Description").text = xml_text(
                    code.definition.strip()
                )
            add(element, code.id)

    add(root, None)
    return root
