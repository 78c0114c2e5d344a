"""Coding: rules compiled from the codebook, scope (negation, hypotheticals), the coder."""

from qualcode.coding.coder import Coder, DocumentCoding, code
from qualcode.coding.result import CodingResult
from qualcode.coding.rules import RuleSet
from qualcode.coding.train import TrainingData, train
from qualcode.coding.training_data import (
    training_data_from_gold,
    training_data_from_qdpx,
    training_data_from_wide,
)

__all__ = [
    "Coder",
    "CodingResult",
    "DocumentCoding",
    "RuleSet",
    "TrainingData",
    "code",
    "train",
    "training_data_from_gold",
    "training_data_from_qdpx",
    "training_data_from_wide",
]
