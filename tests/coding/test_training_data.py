"""Training data loaders and the train command, on a tiny gold corpus and a tiny .qdpx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli import app
from qualcode.coding.features import SentenceFeatures
from qualcode.coding.model import load_model
from qualcode.coding.training_data import training_data_from_gold, training_data_from_qdpx
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

    for name in ("training_data_from_gold", "training_data_from_qdpx", "TrainingData", "train"):
        assert name in qualcode.__all__ and name in qualcode.coding.__all__
    assert qualcode.training_data_from_gold is training_data_from_gold
