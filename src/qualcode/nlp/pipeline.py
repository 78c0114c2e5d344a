"""Build (and cache) the spaCy pipeline used to tokenise, lemmatise and sentence-split text."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from qualcode.errors import CodingError, problem
from qualcode.nlp import lemmatizer as _lemmatizer  # noqa: F401  (registers the factory)
from qualcode.nlp import sentences as _sentences  # noqa: F401  (registers the component)
from qualcode.nlp.language import check_language

__all__ = ["load_pipeline"]


@functools.lru_cache(maxsize=8)
def load_pipeline(language: str, model: str | None = None) -> Language:
    """Return the pipeline for ``language``: blank spaCy plus lookup lemmas and sentence marks.

    Parameters
    ----------
    language : {"en", "nl"}
        Language of the text.
    model : str, optional
        Name or path of an installed trained spaCy pipeline to use instead (its own
        lemmatizer and sentence boundaries are used; lemmas are lower-cased by qualcode).

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    CodingError
        ``E201`` for an unsupported language, ``E202`` if ``model`` is not installed,
        ``E203`` if it is for another language.

    Examples
    --------
    >>> nlp = load_pipeline("en")
    >>> [t.lemma_ for t in nlp("We found Houses.")]
    ['we', 'find', 'house', '.']
    """
    check_language(language)
    if model is None:
        nlp = spacy.blank(language)
        nlp.add_pipe("qualcode_lemmatizer")
        nlp.add_pipe("qualcode_sentences")
        return nlp
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise CodingError(problem("E202", name=model)) from exc
    if nlp.lang != language:
        raise CodingError(problem("E203", name=model, actual=nlp.lang, expected=language))
    if not nlp.has_pipe("qualcode_lowercase_lemmas"):
        nlp.add_pipe("qualcode_lowercase_lemmas", last=True)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("qualcode_sentences")
    return nlp


@Language.component("qualcode_lowercase_lemmas")
def _lowercase_lemmas(doc: Doc) -> Doc:
    for token in doc:
        token.lemma_ = (token.lemma_ or token.text).lower()
    return doc
