"""Safe opening of zip-based office files (.docx, .xlsx) before a library parses them.

python-docx and openpyxl open the zip themselves and parse its XML parts with lxml. Before
either sees a file, :func:`check_package` vets it: the zip against
:class:`~qualcode._archive.ArchiveLimits` (zip bombs, ``../../x`` entry names, truncation), and
every XML part with defusedxml, refusing any DTD or entity declaration (XXE, billion laughs):
OOXML never needs them, so a part that has one is hostile or broken. Parts are streamed, so a
large part costs time, not memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from qualcode._archive import ArchiveLimits, UnsafeArchive, open_zip
from qualcode.corpus.options import ReadOptions
from qualcode.errors import CorpusError, problem

__all__ = ["archive_limits", "check_package"]

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MIN_LIMIT = 64 * 1024 * 1024


def archive_limits(options: ReadOptions) -> ArchiveLimits:
    """Limits for a package of at most ``options.max_bytes`` on disk.

    Text XML compresses about tenfold; the defaults of :class:`ArchiveLimits` bound the rest.
    """
    default = ArchiveLimits()
    inflated = max(_MIN_LIMIT, 20 * options.max_bytes)
    return ArchiveLimits(
        max_entries=default.max_entries,
        max_total_bytes=min(default.max_total_bytes, inflated),
        max_member_bytes=min(default.max_member_bytes, inflated),
        max_ratio=default.max_ratio,
    )


def check_package(path: Path, options: ReadOptions, *, required: tuple[str, ...] = ()) -> None:
    """Refuse ``path`` unless it is a safe, complete zip package with well-formed XML parts.

    Parameters
    ----------
    required : tuple of str
        Entries the format needs (``word/document.xml``); a package without them is not of
        that format.

    Raises
    ------
    CorpusError
        ``E116`` for an unsafe or damaged archive or an XML part with a DTD or entities,
        ``E114`` for a missing part or malformed XML.
    """
    limits = archive_limits(options)
    try:
        archive = open_zip(path, limits)
    except UnsafeArchive as exc:
        raise CorpusError(problem("E116", detail=str(exc)), path=path) from exc
    with archive:
        names = set(archive.namelist())
        for name in required:
            if name not in names:
                raise CorpusError(
                    problem(
                        "E114", detail=f"not a {path.suffix} file: the part {name!r} is missing"
                    ),
                    path=path,
                )
        for info in archive.infolist():
            if info.filename.lower().endswith(_XML_SUFFIXES):
                _check_xml(archive, info, path)


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    name = info.filename
    try:
        with archive.open(info) as stream:
            for _event, element in iterparse(stream, forbid_dtd=True):
                element.clear()  # only checking: keep memory flat
    except DefusedXmlException as exc:
        raise CorpusError(
            problem(
                "E116",
                detail=f"XML part {name!r} declares a DTD or entities ({type(exc).__name__}); "
                "office files never need them, so it was refused",
            ),
            path=path,
        ) from exc
    except ParseError as exc:
        raise CorpusError(
            problem("E114", detail=f"XML part {name!r} is damaged: {exc}"), path=path
        ) from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise CorpusError(
            problem("E116", detail=f"entry {name!r} is damaged: {exc}"), path=path
        ) from exc
