"""A tiny synthetic training corpus (housing, safety and small talk), for tests that need a
trained model: a few sentences per code, so a model trains in a fraction of a second."""

from __future__ import annotations

import numpy as np
import pandas as pd

import qualcode
from qualcode.codebook import Codebook
from qualcode.coding.model import CodingModel
from qualcode.coding.train import TrainingData, train

HOUSING = [
    "Finding a flat was a nightmare.",
    "The rental market here is brutal.",
    "We were outbid on every apartment.",
    "Our landlord wanted three months up front.",
    "We lived in a tiny room for a year.",
    "Getting a place to live took forever.",
]
SAFETY = [
    "I feel safe cycling home at night.",
    "The kids can walk to school alone.",
    "Nobody bothers you on the street.",
    "It is a very safe country.",
]
OTHER = [
    "The weather is grey.",
    "I like the cheese.",
    "We watched football.",
    "My cat is called Pipoca.",
    "The coffee here is fine.",
    "I play the piano.",
]


def interview(doc_id: str, sentences: list[str]) -> qualcode.Document:
    """One question and one answer made of ``sentences``."""
    text = "I: Tell me?\nR: " + " ".join(sentences)
    turns = (
        qualcode.Turn(0, "I", "interviewer", 3, 11),
        qualcode.Turn(1, "R", "respondent", 15, len(text)),
    )
    return qualcode.Document(doc_id, text, turns, "en")


def training_data(seed: int) -> TrainingData:
    """Six interviews labelled sentence by sentence with the tiny codebook's codes."""
    rng = np.random.default_rng(seed)
    documents, labels, units = [], [], []
    for d in range(6):
        chosen = [
            *rng.choice(HOUSING, 2, replace=False),
            *rng.choice(SAFETY, 1),
            *rng.choice(OTHER, 2, replace=False),
        ]
        rng.shuffle(chosen)
        document = interview(f"d{seed}-{d}", list(chosen))
        documents.append(document)
        for sentence in chosen:
            start = document.text.index(sentence)
            units.append((document.id, start, start + len(sentence)))
            code = (
                "housing.search"
                if sentence in HOUSING
                else "cultural.safety"
                if sentence in SAFETY
                else None
            )
            if code:
                valence = "barrier" if code == "housing.search" else "driver"
                labels.append((document.id, start, start + len(sentence), code, valence, None))
    return TrainingData(
        tuple(documents),
        pd.DataFrame(labels, columns=["document", "start", "end", "code", "valence", "stage"]),
        pd.DataFrame(units, columns=["document", "start", "end"]),
        description=f"synthetic {seed}",
    )


def train_tiny(codebook: Codebook) -> CodingModel:
    """A model for the tiny codebook (``tests.conftest.TINY_CODEBOOK``)."""
    return train(codebook, training_data(1), dev=training_data(2), min_df=1)
