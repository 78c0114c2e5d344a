"""Safe reading of zip-based files (.docx, .xlsx, .qdpx): limits before any byte is inflated.

A hostile archive can be a zip bomb (tiny file, huge content), hold entries named ``../../x`` or
absolute paths, or be truncated. :func:`open_zip` checks the central directory first — entry
count, declared sizes, compression ratio, names — and :func:`read_member` never inflates more
than the declared size or the limit. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

__all__ = ["ArchiveLimits", "UnsafeArchive", "open_zip", "read_member"]


class UnsafeArchive(ValueError):
    """The archive is damaged or breaks a safety limit; the message says which."""


@dataclass(frozen=True)
class ArchiveLimits:
    """Safety limits for zip archives (defaults suit documents of a few hundred MB at most)."""

    max_entries: int = 10_000
    max_total_bytes: int = 1024 * 1024 * 1024
    max_member_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0


def open_zip(
    path: str | Path | IO[bytes], limits: ArchiveLimits = ArchiveLimits()
) -> zipfile.ZipFile:
    """Open ``path`` (a file, or bytes in a file object) as a zip archive after checking it
    against ``limits``.

    Raises
    ------
    UnsafeArchive
        Not a zip, truncated, too many entries, unsafe entry names, too large, or a
        compression ratio typical of zip bombs.

    Examples
    --------
    >>> import io, zipfile, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.zip"
    >>> with zipfile.ZipFile(p, "w") as z:
    ...     z.writestr("../../evil.txt", "x")
    >>> open_zip(p)
    Traceback (most recent call last):
    ...
    qualcode._archive.UnsafeArchive: unsafe entry name '../../evil.txt'
    """
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnsafeArchive(f"not a valid zip archive (truncated or damaged: {exc})") from exc
    except OSError as exc:
        raise UnsafeArchive(f"cannot open archive: {exc.strerror or exc}") from exc
    try:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise UnsafeArchive(f"{len(infos)} entries (limit {limits.max_entries})")
        total = 0
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise UnsafeArchive(f"unsafe entry name {name!r}")
            if info.file_size > limits.max_member_bytes:
                raise UnsafeArchive(f"entry {name!r} would inflate to {info.file_size} bytes")
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                raise UnsafeArchive(
                    f"entry {name!r} has compression ratio "
                    f"{info.file_size / info.compress_size:.0f}:1 (a zip bomb?)"
                )
            total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeArchive(f"archive would inflate to {total} bytes")
    except BaseException:
        archive.close()
        raise
    return archive


def read_member(
    archive: zipfile.ZipFile, name: str, limits: ArchiveLimits = ArchiveLimits()
) -> bytes:
    """Read one entry, refusing to inflate past its declared size or the limit."""
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise UnsafeArchive(f"missing entry {name!r}") from exc
    cap = min(info.file_size, limits.max_member_bytes)
    try:
        with archive.open(info) as handle:
            data = handle.read(cap + 1)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UnsafeArchive(f"entry {name!r} is damaged: {exc}") from exc
    if len(data) > cap:
        raise UnsafeArchive(f"entry {name!r} inflates past its declared size")
    return data
