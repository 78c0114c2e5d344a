"""The plain text of REFI-QDA text sources, from inside the archive only.

A ``<TextSource>`` states its text inline (``<PlainTextContent>``) or names a file with
``plainTextPath``: ``internal://name.txt`` is ``sources/name.txt`` in the archive; a relative
path (as qc writes) is looked up under ``sources/`` and then at the archive root. Nothing is ever
read from outside the archive, whatever the path says. When the plain text is blank and the
source has a ``.docx`` rich text (NVivo exports a one-byte ``.txt`` twin), the text is taken
from the ``.docx``: its paragraphs, one per line, table rows as tab-separated cells.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import PurePosixPath

from qualcode._archive import ArchiveLimits, UnsafeArchive, open_zip, read_member
from qualcode.corpus.normalise import DecodeError, decode
from qualcode.interop.xmlsafe import local_name

__all__ = ["SourceTextError", "archive_member", "docx_text", "source_text"]


class SourceTextError(ValueError):
    """A source's text cannot be found or read; the message says why."""


def archive_member(reference: str, names: list[str]) -> str | None:
    """The archive entry a ``plainTextPath``/``richTextPath`` refers to, if it is inside.

    Examples
    --------
    >>> archive_member("internal://a.txt", ["project.qde", "sources/a.txt"])
    'sources/a.txt'
    >>> archive_member("board.txt", ["sources/board.txt"])
    'sources/board.txt'
    >>> archive_member("file:///etc/passwd", ["sources/passwd"]) is None
    True
    """
    reference = reference.strip().replace("\\", "/")
    if reference.lower().startswith("internal://"):
        candidates = [f"sources/{reference[len('internal://') :]}"]
    elif "://" in reference or reference.startswith("/") or ":" in reference.split("/")[0]:
        return None  # an absolute or external location: not part of the archive
    else:
        candidates = [f"sources/{reference}", reference]
    by_lower = {name.lower(): name for name in names}
    for candidate in candidates:
        if ".." in PurePosixPath(candidate).parts:
            return None
        if candidate in names:
            return candidate
        if candidate.lower() in by_lower:  # tools on Windows/macOS do not keep case
            return by_lower[candidate.lower()]
    return None


def source_text(
    archive: zipfile.ZipFile, source: ET.Element, limits: ArchiveLimits
) -> tuple[str, str]:
    """The raw plain text of a ``<TextSource>`` and where it came from.

    Returns
    -------
    text : str
        Decoded but not normalised (REFI-QDA positions count its characters).
    origin : {"plain text", "inline", "docx", "none"}

    Raises
    ------
    SourceTextError
        The text file is outside the archive, missing, damaged or not text.
    """
    names = archive.namelist()
    inline = next((c for c in source if local_name(c) == "PlainTextContent"), None)
    text, origin = "", "none"
    if inline is not None:
        # XML parsing has already turned \r\n into \n here; positions counted on \r\n are lost.
        text, origin = inline.text or "", "inline"
    elif source.get("plainTextPath"):
        reference = source.get("plainTextPath", "")
        member = archive_member(reference, names)
        if member is None:
            raise SourceTextError(
                f"its text {reference!r} is not inside the archive "
                "(qualcode reads only files inside the .qdpx)"
            )
        text, origin = _decode(_read(archive, member, limits), member), "plain text"
    rich = source.get("richTextPath")
    if not text.strip() and rich and rich.lower().endswith(".docx"):
        member = archive_member(rich, names)
        if member is not None:
            text, origin = docx_text(_read(archive, member, limits), limits), "docx"
    return text, origin


def _read(archive: zipfile.ZipFile, member: str, limits: ArchiveLimits) -> bytes:
    try:
        return read_member(archive, member, limits)
    except UnsafeArchive as exc:
        raise SourceTextError(str(exc)) from exc


def _decode(data: bytes, member: str) -> str:
    if not data:
        return ""
    try:
        return decode(data, source=member)[0]
    except DecodeError as exc:
        raise SourceTextError(f"{member} is not text ({exc})") from exc


def docx_text(data: bytes, limits: ArchiveLimits = ArchiveLimits()) -> str:
    """The text of a ``.docx`` given as bytes, built as the ``.docx`` corpus reader builds it
    (:func:`qualcode.corpus.readers.word.docx_text`: paragraphs as lines, speaker tables as
    ``Speaker: text`` lines). The inner archive is checked against ``limits`` first.

    Raises
    ------
    SourceTextError
        The ``.docx`` is unsafe or cannot be read.
    """
    from qualcode.corpus.readers.word import DOCX_ERRORS
    from qualcode.corpus.readers.word import docx_text as word_docx_text

    try:
        open_zip(io.BytesIO(data), limits).close()
        return word_docx_text(io.BytesIO(data)).text
    except UnsafeArchive as exc:
        raise SourceTextError(f"its .docx is unsafe: {exc}") from exc
    except DOCX_ERRORS as exc:
        raise SourceTextError(f"its .docx cannot be read ({type(exc).__name__}: {exc})") from exc
