"""Training data loaders and the train command, on a tiny gold corpus and a tiny .qdpx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.codebook import Codebook
from qualcode.coding.features import SentenceFeatures
from qualcode.coding.model import load_model
from qualcode.coding.training_data import (
    training_data_from_gold,
    training_data_from_qdpx,
    training_data_from_wide,
)
from qualcode.corpus import read_corpus
from qualcode.errors import ModelError
from qualcode.evaluation import read_gold

runner = CliRunner()

SENTENCES = {
    "housing.search": [
        "Finding a flat was a nightmare.",
        "We were outbid on every apartment.",
        "The rental market here is brutal.",
        "Our landlord wanted three months up front.",
    ],
    "cultural.safety": ["I feel safe cycling home at night.", "The kids can walk to school alone."],
    None: ["The weather is grey.", "I like the cheese.", "We watched football."],
}


def _gold_corpus(root: Path) -> tuple[Path, Path]:
    transcripts, gold = root / "transcripts", root / "gold"
    transcripts.mkdir(parents=True)
    gold.mkdir()
    for d in range(6):
        ordered = [(code, s) for code, items in SENTENCES.items() for s in items[d % 2 :: 2]]
        text = "I: Tell me?\nR: " + " ".join(s for _, s in ordered) + "\n"
        (transcripts / f"d{d}.txt").write_text(text)
        lines = []
        for code, sentence in ordered:
            start = text.index(sentence)
            codes = [{"code": code, "valence": None, "stage": None}] if code else []
            lines.append(
                json.dumps(
                    {
                        "document": f"d{d}",
                        "start": start,
                        "end": start + len(sentence),
                        "codes": codes,
                        "text": sentence,
                    }
                )
            )
        (gold / f"d{d}.jsonl").write_text("\n".join(lines) + "\n")
    (root / "splits.csv").write_text(
        "document,split,language,route\n"
        + "".join(
            f"d{d},{'train' if d < 4 else 'dev' if d == 4 else 'test'},en,x\n" for d in range(6)
        )
    )
    return transcripts, gold


def test_training_data_from_gold_uses_every_unit(tmp_path: Path, tiny_codebook) -> None:
    transcripts, gold = _gold_corpus(tmp_path)
    codings = read_gold(gold, tiny_codebook)
    data = training_data_from_gold(codings, read_corpus(transcripts), documents=["d0", "d1"])
    assert [d.id for d in data.documents] == ["d0", "d1"]
    assert len(data.units) == 9 and set(data.labels["code"]) == {
        "housing.search",
        "cultural.safety",
    }
    with pytest.raises(ModelError) as info:
        training_data_from_gold(codings, read_corpus(transcripts), documents=["nope"])
    assert info.value.code == "E305"


def _train(tmp_path: Path, codebook: Path, gold: Path, transcripts: Path, out: Path):
    return runner.invoke(
        app,
        [
            "train",
            "--codebook",
            str(codebook),
            "--gold",
            str(gold),
            "--corpus",
            str(transcripts),
            "--splits",
            str(tmp_path / "splits.csv"),
            "--out",
            str(out),
        ],
    )


def test_train_command_does_not_learn_from_the_test_split(
    tmp_path: Path, tiny_codebook_path: Path
) -> None:
    transcripts, gold = _gold_corpus(tmp_path)
    first = _train(tmp_path, tiny_codebook_path, gold, transcripts, tmp_path / "a")
    assert first.exit_code == 0, first.output
    # Recode the test document (d5) as if every sentence were housing: the model must not change.
    lines = [json.loads(line) for line in (gold / "d5.jsonl").read_text().splitlines()]
    for line in lines:
        line["codes"] = [{"code": "housing.search", "valence": None, "stage": None}]
    (gold / "d5.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    second = _train(tmp_path, tiny_codebook_path, gold, transcripts, tmp_path / "b")
    assert second.exit_code == 0, second.output
    model_a, model_b = load_model(tmp_path / "a"), load_model(tmp_path / "b")
    a, b = model_a.card, model_b.card
    assert a["training"]["documents"] == 4 and a["dev"]["documents"] == 1
    assert a["training"]["sha256"] == b["training"]["sha256"] and a["policy"] == b["policy"]
    sentences = [SentenceFeatures(s.lower().rstrip("."), ("lang=en",)) for s in SENTENCES[None]]
    probabilities_a = model_a.probabilities(model_a.transform(sentences))
    assert (probabilities_a == model_b.probabilities(model_b.transform(sentences))).all()


def test_train_needs_a_source(tiny_codebook_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["train", "--codebook", str(tiny_codebook_path), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code == 2 and "[E305]" in result.output


def test_training_data_from_qdpx(tmp_path: Path) -> None:
    from qualcode.interop import write_qdpx
    from qualcode.interop.examples import example_project

    path = write_qdpx(tmp_path / "demo.qdpx", *example_project())
    data = training_data_from_qdpx(path)
    assert data.units is None and len(data.labels) > 0 and data.documents
    with pytest.raises(ModelError):
        training_data_from_qdpx(path, users=["nobody"])


def test_training_data_loaders_are_public() -> None:
    import qualcode
    import qualcode.coding

    for name in (
        "training_data_from_gold",
        "training_data_from_qdpx",
        "training_data_from_wide",
        "TrainingData",
        "train",
    ):
        assert name in qualcode.__all__ and name in qualcode.coding.__all__
    assert qualcode.training_data_from_gold is training_data_from_gold


WIDE = (
    "ResponseId,Why did you stay?,Code 1,Code 2\n"
    "r1,Finding a flat was a nightmare. We looked for months.,housing.search,\n"
    "r2,I feel safe cycling home at night.,Safety,\n"
    "r3,De woningmarkt is een drama en ik voel me hier veilig.,Woning vinden,cultural->safety\n"
    "r4,The weather is grey and I like the cheese.,,\n"
)


def test_training_data_from_wide_reads_ids_paths_and_labels(write, tiny_codebook: Codebook) -> None:
    sheet = write("answers.csv", WIDE)
    data = training_data_from_wide(sheet, tiny_codebook)
    assert [d.id for d in data.documents] == ["r1", "r2", "r3", "r4"]
    assert [d.language for d in data.documents] == ["en", "en", "nl", "en"]
    assert data.units is None  # every sentence of every answer is an example; r4 a negative one
    labels = data.labels.sort_values(["document", "code"])
    assert labels[["document", "code"]].values.tolist() == [
        ["r1", "housing.search"],
        ["r2", "cultural.safety"],
        ["r3", "cultural.safety"],
        ["r3", "housing.search"],
    ]
    texts = {d.id: d.text for d in data.documents}
    assert all(
        row.start == 0 and row.end == len(texts[row.document]) for row in labels.itertuples()
    )
    part = training_data_from_wide(sheet, tiny_codebook, documents=["r2", "r4"])
    assert [d.id for d in part.documents] == ["r2", "r4"] and set(part.labels["document"]) == {"r2"}


def test_training_data_from_wide_refuses_codes_not_in_the_codebook(
    write, tiny_codebook: Codebook
) -> None:
    sheet = write("answers.csv", WIDE.replace("Safety", "Weather") + "r5,Nice.,Cheese,\n")
    with pytest.raises(ModelError) as info:
        training_data_from_wide(sheet, tiny_codebook)
    assert info.value.code == "E305" and str(sheet) in str(info.value)
    assert "'Weather', 'Cheese'" in str(info.value)
    with pytest.raises(ModelError) as info:
        training_data_from_wide(write("groups.csv", WIDE + "r5,Rent.,Housing,\n"), tiny_codebook)
    assert "only group codes" in str(info.value) and "'Housing'" in str(info.value)


def test_train_command_learns_from_a_wide_sheet(
    write, tiny_codebook_path: Path, tmp_path: Path
) -> None:
    rows = [
        f"a{i},{sentence},{code or ''}"
        for i, (code, sentence) in enumerate(
            (code, s) for code, items in SENTENCES.items() for s in items
        )
    ]
    sheet = write("answers.csv", "id,answer,Code 1\n" + "\n".join(rows) + "\n")
    result = runner.invoke(
        app,
        [
            "train",
            "--codebook",
            str(tiny_codebook_path),
            "--wide",
            str(sheet),
            "--train-documents",
            ",".join(f"a{i}" for i in range(len(rows)) if i != 1),
            "--dev-documents",
            "a1",
            "--out",
            str(tmp_path / "m"),
        ],
    )
    assert result.exit_code == 0, result.output
    card = load_model(tmp_path / "m").card
    assert card["training"]["documents"] == len(rows) - 1 and card["dev"]["documents"] == 1
    assert "answers.csv" in card["training"]["description"]


def test_train_command_reads_a_survey_corpus_with_its_columns(
    tmp_path: Path, tiny_codebook_path: Path
) -> None:
    # 'nr' is not named like an id and 'remark' holds free text too: only the options make the
    # documents those the gold points into (ids from 'nr', text from 'answer' alone)
    rows, gold_lines = [], []
    for d in range(4):
        ordered = [(code, s) for code, items in SENTENCES.items() for s in items[d % 2 :: 2]]
        answer = " ".join(s for _, s in ordered)
        rows.append(f'spring,"{answer}",p{d},Nothing much to add here really.\n')
        for code, sentence in ordered:
            start = answer.index(sentence)
            codes = [{"code": code, "valence": None, "stage": None}] if code else []
            unit = {"document": f"p{d}", "start": start, "end": start + len(sentence)}
            gold_lines.append(json.dumps({**unit, "codes": codes, "text": sentence}))
    survey = tmp_path / "survey.csv"
    survey.write_text("wave,answer,nr,remark\n" + "".join(rows), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    args = ["train", "-c", str(tiny_codebook_path), "--gold", str(gold), "--corpus", str(survey)]
    args += ["--train-documents", "p0,p1,p2", "--dev-documents", "p3"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "guessed")])
    assert result.exit_code == 2 and "[E305]" in result.output, result.output  # no p0 ... p3
    columns = ["--id-column", "nr", "--text-column", "answer"]
    result = runner.invoke(app, [*args, *columns, "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert load_model(tmp_path / "m").card["training"]["documents"] == 3
    result = runner.invoke(
        app, ["train", "-c", str(tiny_codebook_path), "--wide", str(survey), *columns,
              "--out", str(tmp_path / "w")],
    )  # fmt: skip
    assert result.exit_code == 2 and "--corpus" in result.output
