"""Atomic output: all files or none, nothing half-written, no leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode._io import StagedOutput, atomic_path, atomic_write_text


def _leftovers(directory: Path) -> list[str]:
    return sorted(
        p.name for p in directory.iterdir() if "qualcode-" in p.name or p.suffix == ".tmp"
    )


def test_atomic_write_replaces_only_on_success(tmp_path: Path) -> None:
    target = atomic_write_text(tmp_path / "a.txt", "first")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "first" and _leftovers(tmp_path) == []


def test_staged_output_publishes_a_new_directory(tmp_path: Path) -> None:
    with StagedOutput(tmp_path / "out") as staged:
        staged.path("a.csv").write_text("x")
        staged.path("sub/b.md").write_text("y")
        assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in staged.written) == ["a.csv", "b.md"]
    assert (tmp_path / "out" / "sub" / "b.md").read_text() == "y"
    assert _leftovers(tmp_path) == []


def test_failed_run_leaves_no_directory(tmp_path: Path) -> None:
    with pytest.raises(ValueError), StagedOutput(tmp_path / "out") as staged:
        staged.path("a.csv").write_text("x")
        raise ValueError("bad input found half-way")
    assert not (tmp_path / "out").exists() and _leftovers(tmp_path) == []


def test_failed_run_keeps_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old")
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ValueError), StagedOutput(out) as staged:
        staged.path("a.csv").write_text("new")
        raise ValueError("crash")
    assert (out / "a.csv").read_text() == "old"
    with StagedOutput(out) as staged:
        staged.path("a.csv").write_text("new")
    assert (out / "a.csv").read_text() == "new" and (out / "notes.txt").read_text() == "mine"
