"""Safe XML for REFI-QDA files: parsing that refuses DTDs and entities, and writing helpers.

A ``.qde``/``.qdc`` file has no business declaring a DTD, so :func:`parse_xml` refuses any (with
:mod:`defusedxml`): that stops external entities (XXE), entity expansion ("billion laughs") and
network look-ups before they start. Writing uses the standard library's ElementTree with
characters XML 1.0 cannot carry removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

__all__ = [
    "CODEBOOK_NS",
    "PROJECT_NS",
    "UnsafeXml",
    "XmlSyntaxError",
    "local_name",
    "parse_xml",
    "to_bytes",
    "xml_text",
]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

# Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class UnsafeXml(ValueError):
    """The XML declares a DTD, entities or external references (refused unread)."""


class XmlSyntaxError(ValueError):
    """The XML is not well-formed; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def parse_xml(data: bytes) -> ET.Element:
    """Parse ``data`` refusing DTDs, entity declarations and external references.

    Raises
    ------
    UnsafeXml
        For any DTD or entity (XXE, billion laughs).
    XmlSyntaxError
        For XML that is not well-formed.

    Examples
    --------
    >>> parse_xml(b"<a x='1'/>").get("x")
    '1'
    >>> try:
    ...     parse_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    ... except UnsafeXml as exc:
    ...     print(exc)
    a DTD is declared (DTDs and entities are refused)
    """
    try:
        return DefusedET.fromstring(data, forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException as exc:
        kind = type(exc).__name__
        reason = {
            "DTDForbidden": "a DTD is declared",
            "EntitiesForbidden": "an entity is declared",
            "ExternalReferenceForbidden": "an external reference is declared",
        }.get(kind, kind)
        raise UnsafeXml(f"{reason} (DTDs and entities are refused)") from exc
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise XmlSyntaxError(str(exc).split(":")[0], line) from exc


def local_name(element: ET.Element) -> str:
    """The tag of ``element`` without its namespace (``{urn:...}Code`` -> ``Code``)."""
    return element.tag.rsplit("}", 1)[-1]


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot represent."""
    return _NOT_XML.sub("", value)


def to_bytes(root: ET.Element) -> bytes:
    """Serialise ``root`` as indented UTF-8 XML with a declaration (deterministic)."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")
