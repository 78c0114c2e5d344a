"""Hypotheticals: conditionals and modals, without the false friends."""

from __future__ import annotations

import pytest

from qualcode.coding.scope import SentenceScope
from qualcode.nlp import load_pipeline


def _hypothetical(text: str, language: str) -> bool:
    return SentenceScope.of(load_pipeline(language)(text)[:], language).hypothetical


@pytest.mark.parametrize(
    "text,language",
    [
        ("If the 30% ruling were gone, we would leave.", "en"),
        ("I'd leave tomorrow.", "en"),
        ("I’d have stayed.", "en"),
        ("Als de 30%-regeling verdwijnt, vertrekken we.", "nl"),
        ("Mocht de regeling verdwijnen, dan vertrekken we.", "nl"),
        ("Stel dat de regeling verdwijnt.", "nl"),
    ],
)
def test_hypotheticals(text: str, language: str) -> None:
    assert _hypothetical(text, language)


@pytest.mark.parametrize(
    "text,language",
    [
        ("I'd been looking for a flat for months.", "en"),  # 'd is "had"
        ("I’d never moved before.", "en"),
        ("Otherwise the job was great.", "en"),
        ("Ik mocht in het begin niet werken zonder vergunning.", "nl"),  # "was allowed"
        ("Wij mochten niet stemmen.", "nl"),
        ("Het werk is hier heel anders dan in India.", "nl"),  # "different"
        ("Als kind woonde ik in Delft.", "nl"),  # "as a child"
        ("Als vrouw in de techniek, het is hier, maar je wordt serieus genomen.", "nl"),
    ],
)
def test_not_hypotheticals(text: str, language: str) -> None:
    assert not _hypothetical(text, language)
