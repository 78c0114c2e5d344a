from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode import __version__
from qualcode.cli import app

runner = CliRunner()


def test_version_and_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("code", "codebook", "corpus"):
        assert command in result.output


@pytest.mark.parametrize(
    "command", [["code"], ["codebook", "validate"], ["codebook", "show"], ["corpus", "inspect"]]
)
def test_every_command_has_help_with_an_example(command) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example: qualcode" in result.output


def test_code_writes_outputs_and_prints_table(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {
        ".qualcode-outputs",  # what this run wrote, so a rerun can remove what it no longer does
        "codings.csv",
        "segments.csv",
        "documents.csv",
        "codebook.yaml",
        "run.json",
        "frequencies.csv",
        "quotes.md",
    }
    assert "housing.search" in result.output
    freq = pd.read_csv(out / "frequencies.csv")
    assert freq.set_index("code").loc["housing.search", "documents"] == 2


def test_bad_codebook_exits_2_with_every_problem(
    write, tiny_corpus_dir: Path, tmp_path: Path
) -> None:
    bad = write(
        "bad.yaml", "name: b\ncodes:\n  - {id: a, label: A, parent: zz}\n  - {id: a, label: B}\n"
    )
    result = runner.invoke(app, ["codebook", "validate", str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 2 and all(str(bad) in line for line in lines)
    out = tmp_path / "never"
    result = runner.invoke(app, ["code", str(tiny_corpus_dir), "-c", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()


@pytest.mark.parametrize(
    "files,code",
    [
        ({"x.txt": b""}, "E102"),
        ({"x.txt": b"no labels here\n"}, "E104"),
        ({"x.txt": bytes(range(256)) * 4}, "E111"),
        ({"x.txt": b"I: a?\nR: b\n", "x.md": b"I: a?\nR: b\n"}, "E105"),
    ],
)
def test_bad_corpus_exits_2_and_leaves_no_output(
    write, tiny_codebook_path, tmp_path, files, code
) -> None:
    for name, content in files.items():
        write(f"bad/{name}", content)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["code", str(tmp_path / "bad"), "-c", str(tiny_codebook_path), "-o", str(out)]
    )
    assert result.exit_code == 2
    assert f"[{code}]" in result.output
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1
    assert not out.exists()


def test_unknown_language_option(tiny_corpus_dir, tiny_codebook_path, tmp_path) -> None:
    result = runner.invoke(
        app,
        [
            "code",
            str(tiny_corpus_dir),
            "-c",
            str(tiny_codebook_path),
            "-o",
            str(tmp_path / "o"),
            "--language",
            "fr",
        ],
    )
    assert result.exit_code == 2 and "[E201]" in result.output


def test_skip_bad_reports_count(write, tiny_codebook_path, tmp_path) -> None:
    write("mixed/good.txt", "I: Why?\nR: The rent was high.\n")
    write("mixed/bad.txt", b"")
    result = runner.invoke(
        app,
        [
            "code",
            str(tmp_path / "mixed"),
            "-c",
            str(tiny_codebook_path),
            "-o",
            str(tmp_path / "o"),
            "--skip-bad",
            "--language",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 file(s) skipped" in result.output


def test_codebook_show_and_corpus_inspect(tiny_codebook_path, tiny_corpus_dir) -> None:
    result = runner.invoke(app, ["codebook", "show", str(tiny_codebook_path)])
    assert result.exit_code == 0 and "housing.search" in result.output and "en:4" in result.output
    result = runner.invoke(app, ["corpus", "inspect", str(tiny_corpus_dir)])
    assert (
        result.exit_code == 0 and "2 documents" in result.output and "respondent" in result.output
    )
