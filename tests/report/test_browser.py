"""The HTML report in a real browser (headless Chromium): run with ``make check-html``."""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from types import ModuleType

import pytest

from qualcode.report import build_report
from tests.report.conftest import make_result, report_codebook, words

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_html.py"


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module.find_chromium() is None:
        pytest.skip("chromium is not installed (make check-html installs it)")
    return module


def _crowded_result():
    """20 countries with long names, long labels and quotes: what could overflow a page."""
    book = report_codebook().model_copy(deep=True)
    countries = [f"Democratic Republic of Somewhere {i}" for i in range(20)]
    documents = [
        (f"respondent-{i:02d}", 100, {"country_of_origin": countries[i % 20], "route": "route " +
         "abcdefghijklmnopqrstuvwxyz"[i % 3] * 30})
        for i in range(40)
    ]  # fmt: skip
    segments = [
        (d, 0, words(60, "unbreakablewordwithoutanyspacesatallinside")) for d, _, _ in documents
    ]
    codes = ["housing.search", "housing.cost", "policy.ruling", "safety"]
    codings = [
        {"document": d, "segment": 0, "code": codes[i % 4], "valence": ("driver", "barrier")[i % 2]}
        for i, (d, _, _) in enumerate(documents)
    ]
    codings += [{"document": d, "segment": 0, "code": "safety"} for d, _, _ in documents[::5]]
    return make_result(book, documents, segments, codings)


def test_report_renders_without_broken_images_or_overflow(checker, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build_report(
            _crowded_result(), tmp_path, formats=["html"], by=["country_of_origin", "route"]
        )
    shot = tmp_path / "report.png"
    result = checker.check_report(tmp_path / "report.html", screenshot=shot)
    assert checker.problems(result) == []
    assert result["images"] == 5 and result["tables"] >= 8
    assert shot.read_bytes()[:4] == b"\x89PNG"


def test_the_check_finds_broken_images_and_overflow(checker, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><figure><img src="data:image/png;base64,AAAA" alt="x">'
        '<figcaption>Broken</figcaption></figure><div class="table-wrap" style="overflow-x:auto">'
        '<table style="width:3000px"><tr><td>x</td></tr></table></div></body></html>',
        encoding="utf-8",
    )
    found = checker.problems(checker.check_report(page))
    assert any("broken images: Broken" in line for line in found)
    assert any("overflowing tables" in line for line in found)
