"""REFI-QDA codebooks (``.qdc``): read into and write from a qualcode Codebook."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from qualcode._io import atomic_write_bytes
from qualcode.codebook.schema import Codebook
from qualcode.errors import CodebookError, problem
from qualcode.interop.codes import codes_element, read_code_tree
from qualcode.interop.xmlsafe import (
    CODEBOOK_NS,
    UnsafeXml,
    XmlSyntaxError,
    local_name,
    parse_xml,
    to_bytes,
)

__all__ = ["MAX_QDC_BYTES", "origin", "read_qdc", "write_qdc"]

#: A codebook larger than this is refused unread (real ones are a few hundred kB).
MAX_QDC_BYTES = 64 * 1024 * 1024


def origin() -> str:
    """The ``origin`` qualcode writes into REFI-QDA files (``qualcode 0.1.0``)."""
    try:
        return f"qualcode {version('qualcode')}"
    except PackageNotFoundError:  # pragma: no cover - source tree without install
        return "qualcode"


def read_qdc(path: str | Path, *, reference: Codebook | None = None) -> Codebook:
    """Read a REFI-QDA codebook file as a qualcode :class:`~qualcode.codebook.Codebook`.

    Code ids are the slugs of the names on each code's path (``parent.child``); names become
    labels, descriptions definitions. The codebook has no patterns: it is for training a model
    or for reading human codings, or a starting point for a YAML codebook.

    Parameters
    ----------
    path : str or Path
    reference : Codebook, optional
        A codebook whose ids to reuse where a code's GUID is the one qualcode gives that
        reference code (so a codebook exported with :func:`write_qdc` reads back with its ids).

    Raises
    ------
    CodebookError
        ``E101``/``E102``/``E110`` for unreadable, empty or huge files, ``E705`` for XML with a
        DTD or entities, ``E703`` for anything else wrong, each naming the place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.codebook import codebook_from_dict
    >>> cb = codebook_from_dict({"name": "demo", "codes": [
    ...     {"id": "housing", "label": "Housing", "codable": False},
    ...     {"id": "housing.search", "label": "Finding housing", "parent": "housing"}]})
    >>> path = write_qdc(cb, pathlib.Path(tempfile.mkdtemp()) / "demo.qdc")
    >>> read_qdc(path).ids
    ['housing', 'housing.finding_housing']
    >>> read_qdc(path, reference=cb).ids
    ['housing', 'housing.search']
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_QDC_BYTES:
            raise CodebookError(
                problem(
                    "E110", size=f"{size / 2**20:.1f} MB", limit=f"{MAX_QDC_BYTES // 2**20} MB"
                ),
                path=path,
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise CodebookError(problem("E101", reason="no such file"), path=path) from exc
    except OSError as exc:
        raise CodebookError(problem("E101", reason=exc.strerror or str(exc)), path=path) from exc
    if not data.strip():
        raise CodebookError(problem("E102"), path=path)
    try:
        root = parse_xml(data)
    except UnsafeXml as exc:
        raise CodebookError(problem("E705", member=path.name, detail=str(exc)), path=path) from exc
    except XmlSyntaxError as exc:
        raise CodebookError(
            problem("E703", line=exc.line, detail=f"not well-formed XML ({exc})"), path=path
        ) from exc
    if local_name(root) != "CodeBook":
        raise CodebookError(
            problem("E703", detail=f"the root element is <{local_name(root)}>, not <CodeBook>"),
            path=path,
        )
    codes = next((child for child in root if local_name(child) == "Codes"), None)
    if codes is None or not any(local_name(c) == "Code" for c in codes):
        raise CodebookError(problem("E703", "CodeBook", detail="no <Codes> with codes"), path=path)
    source = root.get("origin")
    tree = read_code_tree(
        codes,
        name=path.stem,
        description=f"Imported from {path.name}" + (f" ({source})" if source else ""),
        reference=reference,
    )
    CodebookError.collect(tree.problems, path=path)
    assert tree.codebook is not None
    return tree.codebook


def write_qdc(
    codebook: Codebook, path: str | Path, *, guids: Mapping[str, str] | None = None
) -> Path:
    """Write ``codebook`` as a REFI-QDA codebook (atomically) and return the path.

    Each code's name is its label, its description its definition, and its GUID the ``uuid5``
    of its path of ids (or ``guids[code.id]`` when given), so re-exports are byte-identical.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.codebook import codebook_from_dict
    >>> cb = codebook_from_dict({"name": "demo", "codes": [{"id": "safety", "label": "Safety"}]})
    >>> path = write_qdc(cb, pathlib.Path(tempfile.mkdtemp()) / "demo.qdc")
    >>> b'name="Safety"' in path.read_bytes()
    True
    """
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": origin()})
    root.append(codes_element(codebook, CODEBOOK_NS, guids))
    return atomic_write_bytes(path, to_bytes(root))
