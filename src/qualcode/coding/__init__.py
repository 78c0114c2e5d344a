"""Coding: rules compiled from the codebook, scope (negation, hypotheticals), the coder."""

from qualcode.coding.coder import Coder, DocumentCoding, code
from qualcode.coding.result import CodingResult
from qualcode.coding.rules import RuleSet

__all__ = ["Coder", "CodingResult", "DocumentCoding", "RuleSet", "code"]
