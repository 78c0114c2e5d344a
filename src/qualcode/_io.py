"""Atomic file output: nothing already written is lost or left half-written.

Every file qualcode writes goes to a temporary file in the same directory first and is renamed
into place only when complete (``os.replace`` is atomic on POSIX and Windows). A command that
writes several files stages them all in :class:`StagedOutput` and moves them together at the
end, so a failure half-way leaves the previous outputs untouched and no partial new ones.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from qualcode.errors import QualcodeError, problem

__all__ = ["StagedOutput", "atomic_path", "atomic_write_bytes", "atomic_write_text"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise QualcodeError(problem("E901", reason=exc.strerror or str(exc)), path=target) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(target: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding, newline="\n")
    return Path(target)


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


class StagedOutput:
    """Stage several output files and publish them together into ``directory``.

    Use as a context manager; files are written under :attr:`staging` (a hidden directory beside
    ``directory``) via :meth:`path` or :meth:`open`, and moved into ``directory`` when the block
    ends without an exception — in one rename when ``directory`` does not exist yet. On an
    exception the staging directory is removed and ``directory`` is untouched (not even
    created).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
    >>> with StagedOutput(out) as staged:
    ...     _ = staged.path("a.csv").write_text("x\\n1\\n")
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv']
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.staging: Path | None = None
        self.written: list[Path] = []

    def __enter__(self) -> StagedOutput:
        # Staged beside the target, which is created only when the files are published: a run
        # that fails leaves no (empty) output directory behind.
        parent = self.directory.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.directory.name}.qualcode-", dir=parent)
            )
        except OSError as exc:
            raise QualcodeError(
                problem("E901", reason=exc.strerror or str(exc)), path=self.directory
            ) from exc
        return self

    def path(self, name: str) -> Path:
        """Path of a file to write in the staging area (sub-directories are created)."""
        assert self.staging is not None, "use StagedOutput as a context manager"
        target = self.staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def open(self, name: str, mode: str = "w", **kwargs: Any) -> IO[Any]:
        """Open a staged file for writing (text mode defaults to UTF-8 with ``\\n`` line ends)."""
        if "b" not in mode:
            kwargs.setdefault("encoding", "utf-8")
            kwargs.setdefault("newline", "")
        return open(self.path(name), mode, **kwargs)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        assert self.staging is not None
        try:
            if exc_type is None:
                files = sorted(
                    p.relative_to(self.staging) for p in self.staging.rglob("*") if p.is_file()
                )
                if not self.directory.exists():
                    os.replace(self.staging, self.directory)  # one atomic step
                else:
                    for name in files:
                        target = self.directory / name
                        target.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(self.staging / name, target)
                self.written.extend(self.directory / name for name in files)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
