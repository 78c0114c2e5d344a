"""Corpora: readers per format behind one registry, speaker turns and roles, segmentation."""

from qualcode.corpus.attributes import read_attributes
from qualcode.corpus.inspect import INSPECT_COLUMNS, inspect_corpus, summarise_corpus
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.read import CorpusStream, corpus_files, read_corpus
from qualcode.corpus.readers import (
    READERS,
    ReaderWarning,
    reader_for,
    register_reader,
    supported_suffixes,
)
from qualcode.corpus.segment import UNITS, paragraphs, segment_document
from qualcode.corpus.speakers import RoleRule, assign_roles, load_roles, merge_rules
from qualcode.corpus.tabular import read_table
from qualcode.corpus.turns import find_turns

__all__ = [
    "INSPECT_COLUMNS",
    "READERS",
    "UNITS",
    "CorpusStream",
    "ReadOptions",
    "ReaderWarning",
    "RoleRule",
    "assign_roles",
    "corpus_files",
    "find_turns",
    "inspect_corpus",
    "load_roles",
    "merge_rules",
    "paragraphs",
    "read_attributes",
    "read_corpus",
    "read_table",
    "reader_for",
    "register_reader",
    "segment_document",
    "summarise_corpus",
    "supported_suffixes",
]
