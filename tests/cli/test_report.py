"""``qualcode report`` and ``qualcode code --report`` through the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from qualcode.cli import app

runner = CliRunner()


@pytest.fixture
def coded(tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "coded"
    result = runner.invoke(
        app, ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "Example: qualcode report" in result.output


def test_report_from_a_coding_run(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", str(coded), "--out", str(out), "--by", "country"])
    assert result.exit_code == 0, result.output
    assert "housing.search" in result.output and "2/2" in result.output
    assert "report.html" in result.output and "CSV tables" in result.output
    for name in ("report.html", "report.md", "report.xlsx", "crosstab_country.csv"):
        assert (out / name).is_file(), name
    crosstab = pd.read_csv(out / "crosstab_country.csv")
    assert set(crosstab["value"]) == {"Brazil", "Chile"}
    assert crosstab["low_base"].all()


def test_code_with_report_writes_everything_in_one_place(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out),
         "--report", "--format", "csv,html", "--by", "route"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"codings.csv", "codebook.yaml", "run.json", "report.html", "quotes.csv"} <= names
    assert "report.xlsx" not in names and "report.md" not in names
    frequencies = pd.read_csv(out / "frequencies.csv").set_index("code")
    # ana: "The 30% ruling played no role at all" is negated; "If the tax break disappeared, we
    # would leave" is a hypothetical mention; bram: "De 30%-regeling speelde geen rol" negated
    ruling = frequencies.loc["policy.thirty_percent"]
    assert (ruling.documents, ruling.negated_documents, ruling.hypothetical_segments) == (1, 1, 1)


def test_unknown_codes_exit_2_with_one_line(coded: Path, tmp_path: Path) -> None:
    codings = pd.read_csv(coded / "codings.csv")
    codings.loc[0, "code"] = "housing.rent"
    codings.to_csv(coded / "codings.csv", index=False)
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", str(coded), "--out", str(out)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "[E502]" in lines[0] and "'housing.rent' (line 2)" in lines[0]
    assert not out.exists()


@pytest.mark.parametrize(
    "arguments,code",
    [
        (["--by", "nationality"], "E505"),
        (["--format", "pdf"], "E507"),
    ],
)
def test_bad_options_exit_2(coded: Path, tmp_path: Path, arguments: list[str], code: str) -> None:
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", str(coded), "--out", str(out), *arguments])
    assert result.exit_code == 2 and f"[{code}]" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_not_a_coding_run(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["report", str(tmp_path / "empty"), "--out", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert result.output.count("[E506]") == 3 and "codings.csv is missing" in result.output


def test_missing_attribute_values_are_a_warning(coded: Path, tmp_path: Path) -> None:
    documents = pd.read_csv(coded / "documents.csv")
    documents.loc[documents["document"] == "bram", "country"] = None
    documents.to_csv(coded / "documents.csv", index=False)
    result = runner.invoke(
        app, ["report", str(coded), "--out", str(tmp_path / "r"), "--by", "country", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: 1 of 2 respondents have no 'country' (bram)" in result.output
    crosstab = pd.read_csv(tmp_path / "r" / "crosstab_country.csv")
    assert set(crosstab["value"]) == {"Brazil", "(missing)"}


def test_progress_bar_counts_documents_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from qualcode.cli import _progress

    assert list(_progress.tracked([1, 2, 3], "coding")) == [1, 2, 3]  # no terminal: silent
    screen = io.StringIO()
    monkeypatch.setattr(_progress, "stderr", Console(file=screen, force_terminal=True, width=100))
    assert list(_progress.tracked(["a", "b"], "coding")) == ["a", "b"]
    assert "coding" in screen.getvalue() and "2/2" in screen.getvalue()


def test_corpus_warnings_are_lines_not_tracebacks(write, tiny_codebook_path, tmp_path) -> None:
    # 'Ana:' twice: used once, it would be text of the interviewer's turn (and warned about)
    write("c/ana.txt", "I: Why here?\nAna: The rent was high.\nI: And?\nAna: We stay.\n")
    write("c/attributes.csv", "document,country\nana,Brazil\nghost,Chile\n")
    result = runner.invoke(
        app,
        ["code", str(tmp_path / "c"), "-c", str(tiny_codebook_path), "-o", str(tmp_path / "o"),
         "--language", "en"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "ghost" in warning[0]
    assert "UserWarning" not in result.output


@pytest.mark.parametrize(
    "option, value", [("--confidence", "95"), ("--quotes", "-1"), ("--min-base", "-2")]
)
def test_an_option_out_of_range_is_refused(coded: Path, tmp_path: Path, option, value) -> None:
    result = runner.invoke(app, ["report", str(coded), "-o", str(tmp_path / "r"), option, value])
    assert result.exit_code == 2 and option in result.output
    assert not (tmp_path / "r").exists()


def test_a_confidence_of_one_is_one_line_naming_it(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", str(coded), "-o", str(out), "--confidence", "1"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: [E510] confidence must be between 0 and 1 (0.95 for 95%), not 1.0"
    ]
    assert not out.exists()


def test_code_refuses_negative_quotes_before_coding(
    tiny_corpus_dir: Path, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    arguments = ["code", str(tiny_corpus_dir), "-c", str(tiny_codebook_path), "-o", str(out)]
    result = runner.invoke(app, [*arguments, "--quotes", "-1"])
    assert result.exit_code == 2 and "--quotes" in result.output
    assert not out.exists()
