"""A report on real third-party interview transcripts (../shared/real-data/interviews-mlsss).

The transcripts are real research interviews about quality in machine-learning systems, with
turns marked ``interviewer:`` / ``interviewee:``. They are coded with a small codebook written
for this test; what is checked is the report, not the codebook: quotes point at the right line
of the source file, trimmed quotes keep whole words of the segment, the figures are consistent.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import qualcode
from qualcode.report.trim import OMISSION
from tests.conftest import SHARED

INTERVIEWS = SHARED / "real-data" / "interviews-mlsss"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not INTERVIEWS.is_dir(),
        reason="needs the real interview transcripts in ../shared/real-data/interviews-mlsss",
    ),
]

CODEBOOK = """\
name: ml-quality
languages: [en]
facets:
  valence:
    values: [driver, barrier]
    cues:
      en:
        barrier: ["problem|issue|challenge|struggle", "hard|difficult|painful"]
        driver: ["good|helpful|easy|great"]
    on_negation: {driver: barrier, barrier: null}
codes:
  - {id: data, label: Data, codable: false}
  - {id: data.quality, label: Data quality, parent: data,
     patterns: {en: ["data quality", "missing value|data", "noisy|noise", "outlier"]}}
  - {id: data.labels, label: Labelling, parent: data,
     patterns: {en: ["label|labeling|labelling|annotation"]}}
  - {id: model, label: Model, codable: false}
  - {id: model.performance, label: Model performance, parent: model,
     patterns: {en: ["accuracy|precision|recall|metric"]}}
  - {id: model.drift, label: Drift and retraining, parent: model,
     patterns: {en: ["drift", "retrain"]}}
  - {id: process, label: Process, codable: false}
  - {id: process.testing, label: Testing, parent: process, patterns: {en: ["test|testing"]}}
  - {id: process.deployment, label: Deployment, parent: process,
     patterns: {en: ["deploy|deployment", "production"]}}
"""
FILES = ["interview-10.txt", "interview-11.txt", "interview-13.txt", "interview-14.txt"]


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> tuple[qualcode.CodingResult, Path]:
    work = tmp_path_factory.mktemp("mlsss")
    corpus = work / "corpus"
    corpus.mkdir()
    for name in FILES:
        shutil.copy(INTERVIEWS / name, corpus / name)  # a temporary copy, never in the repo
    (work / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    codebook = qualcode.load_codebook(work / "codebook.yaml")
    result = qualcode.code(qualcode.read_corpus(corpus, language="en"), codebook)
    out = work / "report"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no attributes: no crosstab, and no warning about it
        qualcode.write_results(result, out, report=True, quotes=3)
    return result, out


def test_quotes_point_at_their_line_and_keep_whole_words(coded) -> None:
    _, out = coded
    quotes = pd.read_csv(out / "quotes.csv")
    assert len(quotes) >= 10
    for quote in quotes.itertuples():
        lines = (INTERVIEWS / f"{quote.document}.txt").read_text(encoding="utf-8").splitlines()
        segment = " ".join(str(quote.segment_text).split())
        assert quote.locator == f"line {quote.line}"
        assert " ".join(segment.split()[:6]) in " ".join(lines[quote.line - 1].split())
        kept = [word for word in str(quote.text).split() if word != OMISSION]
        source = segment.split()
        assert any(
            all(
                source[i + j] == w or source[i + j].rstrip(",;:—–-") == w
                for j, w in enumerate(kept)
            )
            for i in range(len(source) - len(kept) + 1)
        ), quote.text
        assert len(kept) <= 45
    assert quotes.groupby(["code", "group"])["document"].agg(lambda d: d.is_unique).all()


def test_figures_are_consistent(coded) -> None:
    result, out = coded
    # what `qualcode report` reads back gives the same figures as the run itself
    pd.testing.assert_frame_equal(
        qualcode.frequencies(qualcode.load_results(out)), qualcode.frequencies(result)
    )
    table = pd.read_csv(out / "frequencies.csv").set_index("code")
    assert (table["base_documents"] == len(FILES)).all()
    assert (table["documents"] <= table["base_documents"]).all()
    assert (table["share_ci_low"] <= table["share_documents"]).all()
    assert (table["share_documents"] <= table["share_ci_high"]).all()
    # a parent is mentioned by at least as many respondents as any of its children
    for child in ("data.quality", "data.labels"):
        assert table.loc["data", "documents"] >= table.loc[child, "documents"]
    assert table.loc["process", "segments"] <= (
        table.loc["process.testing", "segments"] + table.loc["process.deployment", "segments"]
    )
    pairs = pd.read_csv(out / "cooccurrence_documents.csv")
    assert pairs["jaccard"].between(0, 1).all()
    assert set(load_workbook(out / "report.xlsx").sheetnames) >= {"frequencies", "quotes"}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 2
    # the interviewer's questions are not coded: every quote is the interviewee's
    assert set(pd.read_csv(out / "quotes.csv")["speaker"].str.lower()) == {"interviewee"}
