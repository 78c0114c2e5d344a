from __future__ import annotations

import base64
import dataclasses
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from qualcode.errors import ReportError
from qualcode.report import build_report, report_tables
from qualcode.report.excel import sheet_names
from qualcode.report.write import ResultWriter
from tests.report.conftest import hand_result, make_result, report_codebook

PNG = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    """Collects what a self-contained page must get right."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.tables_outside_wrappers = 0
        self._wrappers = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.add(str(found["id"]))
        if tag == "img":
            self.images.append(found)
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        if tag in {"link", "script"} and (found.get("href") or found.get("src")):
            self.external.append(tag)
        if tag == "div":
            wrapper = "table-wrap" in (found.get("class") or "")
            self._stack.append(wrapper)
            self._wrappers += wrapper
        if tag == "table" and not self._wrappers:
            self.tables_outside_wrappers += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._stack:
            self._wrappers -= self._stack.pop()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # d has no country
        build_report(hand_result(), out, by=["country", "route"], title="Hand <report>")
    return out


def test_writes_every_format(report: Path) -> None:
    names = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    assert {
        "overview.csv",
        "frequencies.csv",
        "frequencies_by_valence.csv",
        "frequencies_by_stage.csv",
        "salience.csv",
        "crosstab_country.csv",
        "crosstab_route.csv",
        "cooccurrence_segments.csv",
        "cooccurrence_documents.csv",
        "quotes.csv",
        "codes.csv",
        "report.xlsx",
        "report.md",
        "report.html",
        "charts/shares.png",
        "charts/crosstab_country.png",
    } <= names
    leftovers = [n for n in names if (n.startswith(".") or "/." in n) and n != ".qualcode-outputs"]
    assert not leftovers  # no staging left
    frequencies = pd.read_csv(report / "frequencies.csv").set_index("code")
    assert frequencies.loc["housing", "documents"] == 3
    assert frequencies.loc["housing", "share_ci_low"] == pytest.approx(0.3006, abs=5e-5)
    crosstab = pd.read_csv(report / "crosstab_country.csv", keep_default_na=False)
    assert "(missing)" in set(crosstab["value"])


def test_workbook_has_a_formatted_sheet_per_table(report: Path) -> None:
    workbook = load_workbook(report / "report.xlsx")
    assert workbook.sheetnames[:3] == ["overview", "frequencies", "frequencies_by_valence"]
    assert {"crosstab_country", "crosstab_route", "quotes", "codes"} <= set(workbook.sheetnames)
    sheet = workbook["frequencies"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["code", "label", "parent"] and sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2"
    share = sheet.cell(row=2, column=header.index("share_documents") + 1)
    assert share.number_format == "0.0%" and share.value == pytest.approx(0.75)
    assert sheet.column_dimensions["B"].width > len("label")
    quotes = workbook["quotes"]
    text = [c.value for c in quotes[1]].index("text") + 1
    assert quotes.cell(row=2, column=text).alignment.wrap_text


def test_html_is_self_contained_with_contents_and_charts(report: Path) -> None:
    html = (report / "report.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert "Hand &lt;report&gt;" in html  # escaped
    assert page.external == [] and "http://" not in html and "https://" not in html
    assert len(page.images) == 5  # shares, two crosstabs, two co-occurrence heatmaps
    for image in page.images:
        src = str(image["src"])
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == PNG
        assert image["alt"] and image["width"] and image["height"]
    anchors = [link[1:] for link in page.links if link.startswith("#")]
    assert anchors and all(anchor in page.ids for anchor in anchors)
    assert {"frequencies", "crosstabs", "cooccurrence", "quotes", "codebook"} <= page.ids
    assert page.tables_outside_wrappers == 0
    style = html[html.index("<style>") : html.index("</style>")]
    assert "overflow-x: auto" in style and "@media print" in style
    assert '"Segoe UI"' in style and "&#34;" not in style  # the style sheet is not escaped
    assert "A home." in html and "crime; feeling safe" in html  # codebook definitions
    assert "75% (30–95%)" in html  # housing: 3 of 4 with its interval
    assert '<span class="code-id">housing.search</span>' in html
    assert "fewer than 5 respondents" in html


def test_markdown_report(report: Path) -> None:
    text = (report / "report.md").read_text(encoding="utf-8")
    assert text.startswith("# Hand <report>")
    for heading in ("## Frequencies", "## Drivers and barriers", "## By case attribute"):
        assert heading in text
    assert "![Share of respondents per code, with intervals](charts/shares.png)" in text
    assert "| **Housing** (`housing`) | 3 | 3/4 | 75% (30–95%) |" in text
    assert "| \u2003Finding housing (`housing.search`) | 2 | 2/4 | 50% (15–85%) |" in text
    assert "India (n=2) †" in text


def test_tables_are_dataframes(hand) -> None:
    tables = report_tables(hand, by=["route"], quotes=1)
    assert set(tables.crosstabs) == {"route"}
    for name, table in tables.named():
        assert isinstance(table, pd.DataFrame), name
    assert (
        tables.overview.set_index("item").loc["respondents (documents with coded speech)", "value"]
        == "4"
    )
    assert tables.quotes.groupby(["code", "group"]).size().max() == 1


def test_selected_formats_only(tmp_path: Path, hand) -> None:
    written = build_report(hand, tmp_path, formats=["html"], by=[])
    assert [p.name for p in written] == ["report.html"]
    with pytest.raises(ReportError) as caught:
        build_report(hand, tmp_path, formats=["html", "pdf"])
    assert caught.value.code == "E507" and "'pdf'" in str(caught.value)


def test_nothing_to_report(tmp_path: Path) -> None:
    empty = make_result(report_codebook(), [], [], [])
    with pytest.raises(ReportError, match="no documents") as caught:
        build_report(empty, tmp_path / "out")
    assert caught.value.code == "E503" and not (tmp_path / "out").exists()
    silent = make_result(report_codebook(), [("a", 0, {})], [], [])
    with pytest.raises(ReportError, match="none of the 1 documents has coded speech"):
        build_report(silent, tmp_path / "out")


def test_code_never_found_appears_with_zero(tmp_path: Path) -> None:
    result = make_result(report_codebook(), [("a", 4, {})], [("a", 0, "we felt safe here")],
                         [{"document": "a", "segment": 0, "code": "safety"}])  # fmt: skip
    build_report(result, tmp_path, formats=["csv", "md"])
    frequencies = pd.read_csv(tmp_path / "frequencies.csv").set_index("code")
    assert frequencies.loc["policy.ruling", ["segments", "documents"]].tolist() == [0, 0]
    assert "| \u200330% ruling (`policy.ruling`) | 0 | 0/1 | 0% (0–79%) |" in (
        tmp_path / "report.md"
    ).read_text(encoding="utf-8")


def test_failure_while_writing_leaves_the_previous_report(
    tmp_path: Path, hand, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_report(hand, tmp_path, formats=["csv", "html"], by=["route"])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("qualcode.report.html.report_html", broken)
    changed = make_result(
        report_codebook(),
        [("z", 3, {"route": "x"})],
        [("z", 0, "safe safe safe")],
        [{"document": "z", "segment": 0, "code": "safety"}],
    )
    with pytest.raises(RuntimeError):
        build_report(changed, tmp_path, formats=["csv", "html"], by=["route"])
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing replaced, nothing half-written, no staging left


def test_sheet_names_are_unique_and_short() -> None:
    names = sheet_names(["a/b", "A/B", "x" * 40, "x" * 40])
    assert names == ["a_b", "A_B~2", "x" * 31, "x" * 29 + "~2"]
    assert all(len(name) <= 31 for name in names)


def test_charts_of_attributes_with_spaces_and_slashes_are_named_like_their_tables(
    tmp_path: Path,
) -> None:
    hand = hand_result()
    renamed = hand.documents.rename(columns={"route": "entry route/year"})
    result = dataclasses.replace(hand, documents=renamed)
    written = build_report(result, tmp_path, formats=["csv", "md", "html"], by=["entry route/year"])
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {"crosstab_entry_route_year.csv", "charts/crosstab_entry_route_year.png"} <= names
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]*)\)", text)
    assert "charts/crosstab_entry_route_year.png" in links
    assert all((tmp_path / link).is_file() for link in links)
    page = _Page()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert any("entry route/year" in str(image.get("alt")) for image in page.images)


@pytest.mark.parametrize(
    "options, named",
    [
        ({"confidence": 95}, "confidence"),
        ({"quotes": -1}, "quotes"),
        ({"min_base": -1}, "min_base"),
        ({"max_quote_words": 0}, "max_quote_words"),
    ],
)
def test_options_out_of_range_are_a_report_error_naming_them(
    tmp_path: Path, hand, options, named
) -> None:
    with pytest.raises(ReportError) as caught:
        build_report(hand, tmp_path / "r", **options)
    assert caught.value.code == "E510" and str(caught.value).startswith(f"[E510] {named} must")
    assert not (tmp_path / "r").exists()
    with pytest.raises(ReportError):
        ResultWriter(tmp_path / "w", hand.codebook, quotes=-1)
