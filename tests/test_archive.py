from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qualcode._archive import ArchiveLimits, UnsafeArchive, open_zip, read_member


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_reads_a_normal_archive(tmp_path: Path) -> None:
    archive = open_zip(_zip(tmp_path / "ok.zip", {"a/b.txt": b"hello"}))
    assert read_member(archive, "a/b.txt") == b"hello"


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "a/../../x", "C:/x", "..\\..\\x"])
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafeArchive, match="unsafe entry name"):
        open_zip(_zip(tmp_path / "evil.zip", {name: b"x"}))


def test_zip_bomb_ratio_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeArchive, match="compression ratio"):
        open_zip(_zip(tmp_path / "bomb.zip", {"big.xml": b"\0" * 5_000_000}))


def test_size_and_entry_limits(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.zip", {f"{i}.txt": b"x" for i in range(5)})
    with pytest.raises(UnsafeArchive, match="entries"):
        open_zip(path, ArchiveLimits(max_entries=3))
    with pytest.raises(UnsafeArchive, match="inflate"):
        open_zip(path, ArchiveLimits(max_total_bytes=2))


def test_truncated_and_non_zip(tmp_path: Path) -> None:
    good = _zip(tmp_path / "good.zip", {"a.txt": b"hello world" * 100})
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(good.read_bytes()[:-30])
    with pytest.raises(UnsafeArchive, match="not a valid zip"):
        open_zip(truncated)
    (tmp_path / "text.zip").write_text("not a zip")
    with pytest.raises(UnsafeArchive):
        open_zip(tmp_path / "text.zip")


def test_missing_member(tmp_path: Path) -> None:
    archive = open_zip(_zip(tmp_path / "ok.zip", {"a.txt": b"x"}))
    with pytest.raises(UnsafeArchive, match="missing entry"):
        read_member(archive, "b.txt")
