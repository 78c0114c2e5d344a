"""Evaluation on real third-party data (skipped when ../shared is absent).

* Two-coder survey (USENIX Security 2023 study of educators on exam proctoring): for each
  question, the secondary coder is scored against the primary as if they were predictions. Each
  answer is one unit of its own document, so the per-code figures must equal scikit-learn's on
  vectors built straight from the CSVs, and segment level must equal document level.
* A real interview transcript: gold made from its respondent sentences survives writing,
  reading and checking against the transcript, and predictions on half-sentences align to it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.codebook import codebook_from_dict
from qualcode.corpus import read_corpus, segment_document
from qualcode.evaluation import (
    GoldCode,
    GoldCodings,
    GoldUnit,
    check_gold_against,
    evaluate,
    read_gold,
    write_gold,
)
from qualcode.records import Corpus, Document, Turn
from tests.evaluation.conftest import shared_dir

SHARED = shared_dir()
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(SHARED is None, reason="needs the shared real data in ../shared"),
]


def code_id(raw: str) -> str:
    """'monitor_students->tracks_IP' -> 'monitor_students.tracks_ip' (a valid codebook id)."""
    parts = [re.sub(r"[^a-z0-9_]", "_", p.strip().lower()) for p in raw.split("->")]
    return ".".join(p if p[:1].isalpha() else f"c_{p}" for p in parts)


def survey_codings(path: Path) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """(question, response id -> answer, response id -> code ids) of one coder's CSV."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    question = table.columns[1]
    answers = {r: a for r, a in zip(table["ResponseId"], table[question], strict=True) if a.strip()}
    code_columns = [c for c in table.columns if c.startswith("Code")]
    codes = {
        r: list(dict.fromkeys(code_id(v) for v in row if v.strip()))
        for r, row in zip(table["ResponseId"], table[code_columns].values.tolist(), strict=True)
        if r in answers
    }
    return question, answers, codes


def as_gold(answers: dict[str, str], codes: dict[str, list[str]]) -> GoldCodings:
    return GoldCodings(
        tuple(
            GoldUnit(r, 0, len(a), a, tuple(GoldCode(c) for c in codes[r]))
            for r, a in answers.items()
        )
    )


def survey_files() -> list[tuple[Path, Path]]:
    if SHARED is None:
        return []
    folder = SHARED / "real-data" / "two-coder-survey"
    return [
        (p, Path(str(p).replace("(primary)", "(secondary)")))
        for p in sorted(folder.glob("*(primary).csv"))
    ]


def test_second_coder_against_first_matches_scikit_learn() -> None:
    files = survey_files()
    assert len(files) == 14
    checked_kappas = 0
    for primary, secondary in files:
        _, answers, first = survey_codings(primary)
        _, answers_again, second = survey_codings(secondary)
        assert answers == answers_again, primary.name
        ids = sorted({c for codes in (*first.values(), *second.values()) for c in codes})
        parents = sorted({i.split(".")[0] for i in ids} - set(ids))
        codebook = codebook_from_dict(
            {
                "name": "survey",
                "languages": ["en"],
                "codes": [{"id": p, "label": p, "codable": False} for p in parents]
                + [
                    {"id": i, "label": i, "parent": i.split(".")[0] if "." in i else None}
                    for i in ids
                ],
            },
            check_patterns=False,
        )
        corpus = Corpus(
            tuple(
                Document(r, a, (Turn(0, "R", "respondent", 0, len(a)),), "en")
                for r, a in answers.items()
            )
        )
        gold = as_gold(answers, first)
        check_gold_against(gold, corpus)
        result = evaluate(gold, as_gold(answers, second), codebook, corpus=corpus)
        units = sorted(answers)
        table = result.by_code.set_index("code")
        for code in ids:
            g = [int(code in first[u]) for u in units]
            p = [int(code in second[u]) for u in units]
            row = table.loc[code]
            assert row["support"] == sum(g) and row["predicted"] == sum(p), (primary.name, code)
            if len(set(g)) == 2 and len(set(p)) == 2:
                assert row["cohen_kappa"] == pytest.approx(cohen_kappa_score(g, p)), code
                checked_kappas += 1
            else:
                assert math.isnan(row["cohen_kappa"]) and row["note"], code
            both = sum(x and y for x, y in zip(g, p, strict=True))
            if sum(p):
                assert row["precision"] == pytest.approx(both / sum(p)), code
            if sum(g):
                assert row["recall"] == pytest.approx(both / sum(g)), code
        # one unit per document: document level is segment level
        numbers = ["precision", "recall", "f1", "cohen_kappa", "tp", "fp", "fn", "tn"]
        pd.testing.assert_frame_equal(result.by_code[numbers], result.by_code_documents[numbers])
        # swapping the coders swaps precision and recall and keeps kappa and F1
        swapped = evaluate(as_gold(answers, second), gold, codebook).by_code
        pd.testing.assert_series_equal(
            swapped["precision"], result.by_code["recall"], check_names=False
        )
        pd.testing.assert_series_equal(swapped["cohen_kappa"], result.by_code["cohen_kappa"])
        pd.testing.assert_series_equal(swapped["f1"], result.by_code["f1"])
    assert checked_kappas > 50  # the comparison with scikit-learn really ran


def test_gold_on_a_real_transcript_round_trips_and_aligns(tmp_path: Path) -> None:
    assert SHARED is not None
    source = SHARED / "real-data" / "interviews-mlsss" / "interview-10.txt"
    corpus = read_corpus(source, language="en", roles={"respondent": ["interviewee"]})
    document = corpus.documents[0]
    sentences = segment_document(document, roles=["respondent"])
    assert len(sentences) > 100
    # a deterministic stand-in for human codes: 'test' and 'tool' mentions
    codebook = codebook_from_dict(
        {
            "name": "t",
            "languages": ["en"],
            "codes": [{"id": "testing", "label": "Testing"}, {"id": "tools", "label": "Tools"}],
        },
        check_patterns=False,
    )

    def codes(text: str) -> tuple[GoldCode, ...]:
        lowered = text.lower()
        return tuple(
            GoldCode(c) for c, word in (("testing", "test"), ("tools", "tool")) if word in lowered
        )

    units = [GoldUnit(document.id, s.start, s.end, s.text, codes(s.text)) for s in sentences]
    write_gold(units, tmp_path / "gold", per_document=True)
    gold = read_gold(tmp_path / "gold", codebook)
    check_gold_against(gold, corpus)  # every offset and text of the real transcript holds
    halves = []
    for unit in units:
        cut = unit.text.find(" ", len(unit.text) // 2)
        if cut <= 0:
            halves.append(unit)
            continue
        halves.append(
            GoldUnit(unit.document, unit.start, unit.start + cut, unit.text[:cut], unit.codes)
        )
        halves.append(
            GoldUnit(unit.document, unit.start + cut, unit.end, unit.text[cut:], unit.codes)
        )
    result = evaluate(gold, GoldCodings(tuple(halves)), codebook, corpus=corpus)
    assert sum(1 for u in units if u.codes) >= 10
    assert (result.by_code[["precision", "recall", "f1", "cohen_kappa"]] == 1.0).all().all()
    assert result.confusions.empty and not result.notes
