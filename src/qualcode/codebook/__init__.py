"""Codebooks: the schema, loading and validation, the pattern language, and display."""

from qualcode.codebook.load import (
    codebook_from_dict,
    dump_codebook,
    load_codebook,
    validate_codebook,
)
from qualcode.codebook.patterns import CompiledPattern, PatternSyntaxError, compile_pattern
from qualcode.codebook.schema import Code, Codebook, Facet
from qualcode.codebook.summary import codebook_table

__all__ = [
    "Code",
    "Codebook",
    "CompiledPattern",
    "Facet",
    "PatternSyntaxError",
    "codebook_from_dict",
    "codebook_table",
    "compile_pattern",
    "dump_codebook",
    "load_codebook",
    "validate_codebook",
]
