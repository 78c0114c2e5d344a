"""Which languages qualcode codes, and detection of a document's language."""

from __future__ import annotations

import functools
from typing import Any

from qualcode.errors import CodingError, problem

__all__ = ["MIN_WORDS_FOR_ANY_LANGUAGE", "SUPPORTED_LANGUAGES", "check_language", "detect_language"]

#: Languages with lemma tables, negation cues and codebook patterns.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "nl")

# Detect among a few neighbours too, so a German or French file is reported rather than
# silently coded as Dutch or English.
_CANDIDATES = ("en", "nl", "de", "fr", "es", "it", "pt")


def check_language(language: str) -> str:
    """Return ``language`` if qualcode supports it, else raise ``CodingError`` (E201)."""
    if language not in SUPPORTED_LANGUAGES:
        raise CodingError(
            problem("E201", language=language, supported=", ".join(SUPPORTED_LANGUAGES))
        )
    return language


#: Below this many words a text is too short to tell German from Dutch reliably, so only the
#: supported languages are considered.
MIN_WORDS_FOR_ANY_LANGUAGE = 20


@functools.lru_cache(maxsize=2)
def _detector(candidates: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in candidates]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect_language(text: str, *, sample_chars: int = 5000) -> str | None:
    """Detect the language of ``text`` as an ISO 639-1 code, or ``None`` if undecidable.

    Uses the lingua detector over a sample of the text. For texts of at least
    :data:`MIN_WORDS_FOR_ANY_LANGUAGE` words the result may be a language qualcode does not
    code (``"de"``); callers decide whether that is an error. Shorter texts are only told apart
    among the supported languages.

    Examples
    --------
    >>> detect_language("De woningmarkt is echt een drama, we zochten maanden naar een huis.")
    'nl'
    """
    sample = text[:sample_chars]
    if not sample.strip():
        return None
    short = len(sample.split()) < MIN_WORDS_FOR_ANY_LANGUAGE
    found = _detector(SUPPORTED_LANGUAGES if short else _CANDIDATES).detect_language_of(sample)
    return None if found is None else found.iso_code_639_1.name.lower()
