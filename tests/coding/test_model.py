"""Training, saving, loading and hybrid coding, on the tiny corpus of ``tests.coding.builders``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qualcode
from qualcode.coding import Coder
from qualcode.coding.model import CARD_FILE, MODEL_FILE, load_model
from qualcode.coding.train import TrainingData, train
from qualcode.errors import CodingError, ModelError
from tests.coding.builders import HOUSING, OTHER, SAFETY, interview, train_tiny, training_data


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from qualcode.codebook import load_codebook
    from tests.conftest import TINY_CODEBOOK

    path = tmp_path_factory.mktemp("cb") / "codebook.yaml"
    path.write_text(TINY_CODEBOOK)
    codebook = load_codebook(path)
    model = train_tiny(codebook)
    return codebook, model


def test_model_learns_paraphrases_rules_miss(trained) -> None:
    codebook, model = trained
    text_doc = interview("new", ["We were outbid on a place to live again.", "The cheese is fine."])
    rules = Coder(codebook).code_document(text_doc).codings
    hybrid = Coder(codebook, model=model).code_document(text_doc).codings
    assert [c.code for c in rules] == []
    assert [(c.code, c.source) for c in hybrid] == [("housing.search", "model")]
    assert 0 < hybrid[0].confidence <= 1
    assert hybrid[0].coder == "qualcode:tiny"


def test_card_records_hashes_versions_and_dev_scores(trained) -> None:
    codebook, model = trained
    card = model.card
    assert card["codebook_sha256"] == codebook.sha256
    assert card["training"]["sha256"] == training_data(1).sha256() != training_data(2).sha256()
    assert {"spacy", "scikit-learn", "numpy", "skops", "qualcode"} <= set(card["versions"])
    assert card["dev"]["scores"]["housing.search"]["support"] > 0


def test_save_load_round_trip_gives_identical_codings(trained, tmp_path: Path) -> None:
    codebook, model = trained
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m", codebook)
    corpus = [interview("x", ["Our landlord raised the rent.", "I feel safe here.", "Cats."])]
    a = qualcode.code(corpus, codebook, model=model).codings
    b = qualcode.code(corpus, codebook, model=loaded).codings
    pd.testing.assert_frame_equal(a, b)
    assert (tmp_path / "m" / "README.md").read_text().startswith("# Model card: tiny")


def test_training_is_deterministic(trained) -> None:
    codebook, model = trained
    again = train_tiny(codebook)
    X = model.transform([])
    assert X.shape[0] == 0
    doc = [interview("y", HOUSING + SAFETY + OTHER)]
    pd.testing.assert_frame_equal(
        qualcode.code(doc, codebook, model=model).codings,
        qualcode.code(doc, codebook, model=again).codings,
    )
    assert model.policy == again.policy


def test_modes(trained) -> None:
    codebook, model = trained
    doc = [
        interview("z", ["Finding a flat was a nightmare.", "I feel safe cycling home at night."])
    ]
    model_only = qualcode.code(doc, codebook, model=model, mode="model").codings
    assert set(model_only["source"]) <= {"model"}
    rules_only = qualcode.code(doc, codebook, model=model, mode="rules").codings
    assert set(rules_only["source"]) == {"rule"} and set(rules_only["coder"]) == {"qualcode:rules"}
    with pytest.raises(CodingError):
        Coder(codebook, mode="model")
    with pytest.raises(CodingError):
        Coder(codebook, mode="telepathy")


def test_loading_refuses_other_codebooks_and_tampering(trained, tmp_path: Path) -> None:
    codebook, model = trained
    directory = model.save(tmp_path / "m")
    other = qualcode.codebook.codebook_from_dict(
        {"name": "other", "codes": [{"id": "a", "label": "A", "patterns": {"en": ["x"]}}]}
    )
    with pytest.raises(ModelError) as info:
        load_model(directory, other)
    assert info.value.code == "E302"
    data = bytearray((directory / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (directory / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError) as info:
        load_model(directory, codebook)
    assert info.value.code == "E303"
    directory = model.save(tmp_path / "m2")
    card = json.loads((directory / CARD_FILE).read_text())
    card["policy"]["housing.search"]["threshold"] = 0.01
    (directory / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError) as info:
        load_model(directory, codebook)
    assert info.value.code == "E303"
    with pytest.raises(ModelError) as info:
        load_model(tmp_path)
    assert info.value.code == "E301"


def test_untrusted_types_are_refused(trained, tmp_path: Path) -> None:
    import hashlib

    import skops.io as sio

    codebook, model = trained
    directory = model.save(tmp_path / "m")
    sio.dump(
        {
            "featurizer": model.featurizer,
            "classifier": model.classifier,
            "facets": {},
            "evil": Path("/"),
        },
        directory / MODEL_FILE,
    )
    card = json.loads((directory / CARD_FILE).read_text())
    card["checksums"][MODEL_FILE] = hashlib.sha256(
        (directory / MODEL_FILE).read_bytes()
    ).hexdigest()
    (directory / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError) as info:
        load_model(directory, codebook)
    assert info.value.code == "E304" and "pathlib" in str(info.value)


def test_no_training_examples(trained) -> None:
    codebook, _ = trained
    empty = TrainingData(
        (), pd.DataFrame(columns=["document", "start", "end", "code", "valence", "stage"])
    )
    with pytest.raises(ModelError) as info:
        train(codebook, empty)
    assert info.value.code == "E305"


def test_an_empty_span_labels_no_sentence(trained) -> None:
    from qualcode.coding.train import examples_from

    codebook, _ = trained
    document = interview("d", OTHER[:3] + HOUSING[:1])
    at = document.text.index(HOUSING[0])
    labels = pd.DataFrame(
        [("d", at, at, "cultural.safety", None, None)],
        columns=["document", "start", "end", "code", "valence", "stage"],
    )
    with pytest.warns(UserWarning, match=r"ignored 1 empty labelled span.*d \d+-\d+"):
        examples = examples_from(
            TrainingData((document,), labels), Coder(codebook), codebook.codable_ids
        )
    assert len(examples.labels) == 4
    assert not np.array(examples.labels).any()
