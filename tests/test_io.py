"""Atomic output: all files or none, nothing half-written, no leftovers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qualcode._io import (
    MANIFEST_FILE,
    StagedOutput,
    atomic_path,
    atomic_paths,
    atomic_write_text,
    check_output_file,
)
from qualcode.errors import OutputError


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


def test_publish_errors_are_output_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("qualcode._io.os.replace", refuse)
    with pytest.raises(OutputError) as caught, atomic_path(tmp_path / "a.txt") as tmp:
        tmp.write_text("x")
    assert caught.value.code == "E901" and "Permission denied" in str(caught.value)
    with pytest.raises(OutputError), StagedOutput(tmp_path / "out") as staged:
        staged.path("a.csv").write_text("x")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_wrong_kind_of_target_is_refused_before_anything_is_staged(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("mine")
    with pytest.raises(OutputError, match="is a file, not a directory"):
        StagedOutput(tmp_path / "afile").__enter__()
    with pytest.raises(OutputError, match="is a directory"):
        check_output_file(tmp_path)
    with pytest.raises(OutputError, match="is a file"):
        check_output_file(tmp_path / "afile" / "x.csv")
    with pytest.raises(OutputError), atomic_paths([tmp_path / "ok.txt", tmp_path]):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_both_files_or_neither(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_paths([tmp_path / "a", tmp_path / "b"]) as (a, _):
        a.write_text("1")
        raise RuntimeError("crash before the second file")
    assert list(tmp_path.iterdir()) == []


def _names(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def test_a_rerun_removes_what_it_no_longer_writes_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with StagedOutput(out, kind="report") as staged:
        for name in ("report.html", "crosstab_country.csv", "charts/crosstab_country.png"):
            staged.path(name).write_text("old")
    (out / "notes.txt").write_text("mine")  # the researcher's own file
    with StagedOutput(out, kind="code") as staged:  # another kind sharing the directory
        staged.path("codings.csv").write_text("x")
    with StagedOutput(out, kind="report") as staged:
        staged.path("report.html").write_text("new")
    assert _names(out) == [MANIFEST_FILE, "codings.csv", "notes.txt", "report.html"]
    assert not (out / "charts").exists()  # left empty, so removed
    assert (out / "report.html").read_text() == "new"
    # a file written by one kind and then by another belongs to the last
    with StagedOutput(out, kind="code") as staged:
        staged.path("codings.csv").write_text("x")
        staged.path("report.html").write_text("from code")
    with StagedOutput(out, kind="report") as staged:
        staged.path("other.csv").write_text("y")
    assert (out / "report.html").read_text() == "from code"


def test_a_manifest_never_removes_files_outside_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.txt").write_text("keep")
    entries = ["../precious.txt", str(tmp_path / "precious.txt"), ""]
    (out / MANIFEST_FILE).write_text(json.dumps({"version": 1, "outputs": {"x": entries}}))
    with StagedOutput(out, kind="x") as staged:
        staged.path("a.csv").write_text("x")
    assert (tmp_path / "precious.txt").read_text() == "keep"
    (out / MANIFEST_FILE).write_text("not json")  # a damaged manifest removes nothing
    with StagedOutput(out, kind="x") as staged:
        staged.path("b.csv").write_text("x")
    assert _names(out) == [MANIFEST_FILE, "a.csv", "b.csv"]


def test_files_named_last_are_published_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "model"
    out.mkdir()
    order: list[str] = []
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        order.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr("qualcode._io.os.replace", replace)
    with StagedOutput(out, kind="model", last=("card.json",)) as staged:
        for name in ("card.json", "model.skops", "README.md"):
            staged.path(name).write_text(name)
    assert order[:3] == ["README.md", "model.skops", "card.json"]
