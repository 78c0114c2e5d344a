"""The example analysis script runs on a tiny corpus, using only the public API."""

from __future__ import annotations

import ast
import runpy
import sys
from pathlib import Path

import pandas as pd
import pytest

import qualcode

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "analysis.py"


def test_example_uses_only_the_public_api() -> None:
    tree = ast.parse(EXAMPLE.read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "qualcode"
    }
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qualcode")
    }
    assert used and used <= set(qualcode.__all__)
    assert not imported  # no reaching into submodules


def test_example_runs(
    tiny_corpus_dir: Path,
    tiny_codebook_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "analysis"
    arguments = [str(tiny_corpus_dir), str(tiny_codebook_path), str(out), "country"]
    monkeypatch.setattr(sys, "argv", [str(EXAMPLE), *arguments])
    runpy.run_path(str(EXAMPLE), run_name="__main__")  # as `python examples/analysis.py ...`
    printed = capsys.readouterr().out
    assert "2 interviews, 2 respondents" in printed
    assert "Finding housing" in printed and "2/2" in printed
    assert "groups with fewer than 5 respondents: Brazil, Chile" in printed
    shares = pd.read_csv(out / "shares_by_country.csv", index_col="label")
    assert shares.loc["Finding housing", "Brazil"] == 1.0
    assert (out / "shares_by_country.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "report" / "report.html").is_file()
    assert (out / "report" / "report.xlsx").is_file()
