"""The example analysis script runs on a tiny corpus, using only the public API."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pandas as pd

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


def test_example_runs(tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "analysis"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tiny_corpus_dir), str(tiny_codebook_path), str(out),
         "country"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 interviews, 2 respondents" in done.stdout
    assert "Finding housing" in done.stdout and "2/2" in done.stdout
    assert "groups with fewer than 5 respondents: Brazil, Chile" in done.stdout
    shares = pd.read_csv(out / "shares_by_country.csv", index_col="label")
    assert shares.loc["Finding housing", "Brazil"] == 1.0
    assert (out / "shares_by_country.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "report" / "report.html").is_file()
    assert (out / "report" / "report.xlsx").is_file()
