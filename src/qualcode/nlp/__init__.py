"""spaCy pipelines, lemmas and language detection: the language layer every stage shares."""

from qualcode.nlp.language import SUPPORTED_LANGUAGES, check_language, detect_language
from qualcode.nlp.lemmatizer import LookupLemmatizer, lemma_table
from qualcode.nlp.pipeline import load_pipeline

__all__ = [
    "SUPPORTED_LANGUAGES",
    "LookupLemmatizer",
    "check_language",
    "detect_language",
    "lemma_table",
    "load_pipeline",
]
