"""Atomic file output: nothing already written is lost or left half-written.

Every file qualcode writes goes to a temporary file in the same directory first and is renamed
into place only when complete (``os.replace`` is atomic on POSIX and Windows). A command that
writes several files stages them all in :class:`StagedOutput` and moves them together at the
end, so a failure half-way leaves the previous outputs untouched and no partial new ones.

An output directory remembers what each kind of run published into it (``.qualcode-outputs``),
so a later run of the same kind removes the files it no longer writes (a crosstab of an
attribute dropped from ``--by``, a report not asked for again) and never a file qualcode did
not write. A target of the wrong kind (a file where a directory is needed, or the other way
round) and an operating-system error while publishing are :class:`OutputError` (``E901``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Any

from qualcode.errors import OutputError, problem

__all__ = [
    "MANIFEST_FILE",
    "StagedOutput",
    "atomic_path",
    "atomic_paths",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output_dir",
    "check_output_file",
]

#: The file in an output directory listing what each kind of run published there.
MANIFEST_FILE = ".qualcode-outputs"


def _output_error(target: Path, reason: str) -> OutputError:
    return OutputError(problem("E901", reason=reason), path=target)


def _os_error(target: Path, exc: OSError) -> OutputError:
    return _output_error(target, exc.strerror or str(exc))


def _check_parents(target: Path) -> None:
    for parent in target.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise _output_error(
                    target, f"{parent} is a file, not a directory; choose another path"
                )
            return


def check_output_file(target: str | Path) -> Path:
    """Raise :class:`OutputError` unless ``target`` can be written as a file.

    It must not be a directory, and no directory on its way may be an existing file. Commands
    call this before any work, so a wrong ``--out`` fails at once.

    Examples
    --------
    >>> import tempfile
    >>> check_output_file(tempfile.mkdtemp())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    qualcode.errors.OutputError: ...: [E901] cannot write output: it is a directory; ...
    """
    target = Path(target)
    if target.is_dir():
        raise _output_error(target, "it is a directory; give a file name")
    _check_parents(target)
    return target


def check_output_dir(target: str | Path) -> Path:
    """Raise :class:`OutputError` unless ``target`` can be used as an output directory.

    Examples
    --------
    >>> import tempfile
    >>> check_output_dir(tempfile.mkstemp()[1])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    qualcode.errors.OutputError: ...: [E901] cannot write output: it is a file, not a directory; ...
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise _output_error(
            target, "it is a file, not a directory; give a directory (or remove the file)"
        )
    _check_parents(target)
    return target


@contextlib.contextmanager
def atomic_paths(targets: Sequence[str | Path]) -> Iterator[list[Path]]:
    """Yield one temporary path beside each of ``targets``; rename them all into place on success.

    Every target is checked (and its directory created) before the block runs, so the files
    appear together or, when the block fails, none does.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_paths([d / "a.txt", d / "sub" / "b.txt"]) as (a, b):
    ...     _ = a.write_text("one"), b.write_text("two")
    >>> (d / "a.txt").read_text(), (d / "sub" / "b.txt").read_text()
    ('one', 'two')
    """
    paths = [check_output_file(t) for t in targets]
    temporaries: list[Path] = []
    try:
        for target in paths:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                )
            except OSError as exc:
                raise _os_error(target, exc) from exc
            os.close(fd)
            temporaries.append(Path(name))
        yield list(temporaries)
        for tmp, target in zip(temporaries, paths, strict=True):
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise _os_error(target, exc) from exc
    finally:
        for tmp in temporaries:
            tmp.unlink(missing_ok=True)


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
    with atomic_paths([target]) as (tmp,):
        yield tmp


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


def _read_manifest(directory: Path) -> dict[str, list[str]]:
    """What each kind of run published into ``directory``; an unreadable manifest is empty."""
    try:
        data = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        outputs = data["outputs"]
        return {
            str(kind): [str(name) for name in names]
            for kind, names in outputs.items()
            if isinstance(names, list)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _manifest_text(outputs: dict[str, list[str]]) -> str:
    record = {"version": 1, "outputs": {k: sorted(v) for k, v in sorted(outputs.items()) if v}}
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _is_inside(name: str) -> bool:
    """A manifest entry that names a file inside the directory (never ``..`` or absolute)."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and ":" not in name
        and name != MANIFEST_FILE
    )


class StagedOutput:
    """Stage several output files and publish them together into ``directory``.

    Use as a context manager; files are written under :attr:`staging` (a hidden directory beside
    ``directory``) via :meth:`path` or :meth:`open`, and moved into ``directory`` when the block
    ends without an exception — in one rename when ``directory`` does not exist yet. On an
    exception the staging directory is removed and ``directory`` is untouched (not even
    created).

    With a ``kind``, files that an earlier run of the same kind published into ``directory`` and
    this run did not write are removed after the new files are in place; the list
    (:data:`MANIFEST_FILE`) is written last. Runs of different kinds (``code`` and ``report``,
    say) may share a directory without removing each other's files, and files qualcode did not
    write are never removed.

    Parameters
    ----------
    directory : str or Path
        The output directory.
    kind : str, optional
        What writes the files (``"code"``, ``"report"``, ``"model"``, ...). Without it nothing is
        recorded or removed: for writers that add to a directory (one gold file per document).
    last : sequence of str
        Files to publish after all others (a model card after the model it describes).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
    >>> with StagedOutput(out, kind="demo") as staged:
    ...     _ = staged.path("a.csv").write_text("x\\n1\\n")
    ...     _ = staged.path("b.csv").write_text("y\\n2\\n")
    >>> with StagedOutput(out, kind="demo") as staged:
    ...     _ = staged.path("a.csv").write_text("x\\n3\\n")
    >>> sorted(p.name for p in out.iterdir())
    ['.qualcode-outputs', 'a.csv']
    """

    def __init__(
        self, directory: str | Path, *, kind: str | None = None, last: Sequence[str] = ()
    ) -> None:
        self.directory = Path(directory)
        self.kind = kind
        self.last = tuple(last)
        self.staging: Path | None = None
        self.written: list[Path] = []

    def __enter__(self) -> StagedOutput:
        check_output_dir(self.directory)
        # Staged beside the target, which is created only when the files are published: a run
        # that fails leaves no (empty) output directory behind.
        parent = self.directory.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.directory.name}.qualcode-", dir=parent)
            )
        except OSError as exc:
            raise _os_error(self.directory, exc) from exc
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
                self._publish(self.staging)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def _publish(self, staging: Path) -> None:
        names = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        names = [n for n in names if n not in self.last] + [n for n in self.last if n in names]
        try:
            if not self.directory.exists():
                if self.kind is not None:
                    (staging / MANIFEST_FILE).write_text(
                        _manifest_text({self.kind: names}), encoding="utf-8"
                    )
                os.replace(staging, self.directory)  # one atomic step
            else:
                for name in names:
                    target = self.directory / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(staging / name, target)
                if self.kind is not None:
                    self._forget_stale(self.kind, names)
        except OSError as exc:
            raise _os_error(self.directory, exc) from exc
        self.written.extend(self.directory / name for name in names)

    def _forget_stale(self, kind: str, names: list[str]) -> None:
        """Remove what the last run of this kind published and this one did not; then write the
        manifest (files this run wrote now belong to this kind)."""
        outputs = _read_manifest(self.directory)
        fresh = set(names)
        for name in outputs.get(kind, []):
            if name in fresh or not _is_inside(name):
                continue
            stale = self.directory / name
            if stale.is_file() or stale.is_symlink():
                stale.unlink()
            for folder in stale.parents:  # folders the stale files leave empty (charts/)
                if folder == self.directory or self.directory not in folder.parents:
                    break
                with contextlib.suppress(OSError):
                    folder.rmdir()
        outputs = {kind: [n for n in old if n not in fresh] for kind, old in outputs.items()}
        outputs[kind] = names
        atomic_write_text(self.directory / MANIFEST_FILE, _manifest_text(outputs))
