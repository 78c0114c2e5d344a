"""Corpora: readers per format behind one registry, speaker turns and roles, segmentation."""

from qualcode.corpus.attributes import read_attributes
from qualcode.corpus.inspect import inspect_corpus
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.read import corpus_files, read_corpus
from qualcode.corpus.readers import READERS, register_reader, supported_suffixes
from qualcode.corpus.segment import UNITS, paragraphs, segment_document
from qualcode.corpus.speakers import RoleRule, assign_roles, find_turns, load_roles

__all__ = [
    "READERS",
    "UNITS",
    "ReadOptions",
    "RoleRule",
    "assign_roles",
    "corpus_files",
    "find_turns",
    "inspect_corpus",
    "load_roles",
    "paragraphs",
    "read_attributes",
    "read_corpus",
    "register_reader",
    "segment_document",
    "supported_suffixes",
]
