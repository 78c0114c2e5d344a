from __future__ import annotations

from qualcode.report import select_quotes
from qualcode.report.markdown import quotes_markdown
from qualcode.report.quotes import QUOTE_COLUMNS, format_locator
from qualcode.report.trim import OMISSION
from tests.report.conftest import make_result, report_codebook, words


def test_groups_locators_and_no_negated_quotes(hand) -> None:
    quotes = select_quotes(hand, n=3)
    assert list(quotes.columns) == QUOTE_COLUMNS
    search = quotes[quotes["code"] == "housing.search"]
    # a1 and b1 only negate the code: never quoted
    assert search["document"].tolist() == ["a", "d"]
    assert set(search["group"]) == {"all"}  # barrier mentions only: no split
    assert search["locator"].tolist() == ["line 3", "line 3"]
    cost = quotes[quotes["code"] == "housing.cost"].set_index("group")
    assert cost.loc["driver", "document"] == "b" and cost.loc["barrier", "document"] == "a"
    assert "policy.ruling" not in set(quotes["code"])  # negated only
    assert quotes.set_index(["code", "document"]).loc[("housing.search", "a"), "attributes"] == (
        "country: India; route: work"
    )
    markdown = quotes_markdown(quotes, hand.codebook)
    assert "### 30% ruling (`policy.ruling`)" in markdown
    assert "_No quotes: nobody mentioned this code._" in markdown
    assert "**As driver**" in markdown


def _candidates(rows):
    """One candidate quote per (document, attributes, text, extra coding fields)."""
    documents = {}
    segments = []
    codings = []
    for index, (document, attributes, text, extra) in enumerate(rows):
        documents.setdefault(document, attributes)
        segments.append((document, index, text))
        codings.append({"document": document, "segment": index, "code": "safety", **extra})
    return make_result(
        report_codebook(),
        [(d, 100, a) for d, a in documents.items()],
        segments,
        codings,
        start_times={(rows[-1][0], len(rows) - 1): 3723.0},
    )


def test_distinct_respondents_varied_attributes_then_corpus_order() -> None:
    result = _candidates(
        [
            ("a", {"country": "India"}, words(15, "alpha"), {}),
            ("a", {"country": "India"}, words(15, "again"), {}),
            ("b", {"country": "India"}, words(15, "beta"), {}),
            ("c", {"country": "Kenya"}, words(15, "gamma"), {}),
        ]
    )
    quotes = select_quotes(result, n=3)
    # a first (corpus order), then Kenya before a second Indian, then b; a only once
    assert quotes["document"].tolist() == ["a", "c", "b"]
    assert quotes["rank"].tolist() == [1, 2, 3]
    assert quotes["locator"].tolist()[1] == "1:02:03"  # the source has a timestamp


def test_confidence_then_full_length_beat_order() -> None:
    result = _candidates(
        [
            ("a", {}, "Safe, yes.", {}),
            ("b", {}, words(20, "unsure"), {"confidence": 0.55}),
            ("c", {}, words(20, "sure"), {}),
            ("d", {}, words(8, "short"), {}),
        ]
    )
    quotes = select_quotes(result, n=4)
    assert quotes["document"].tolist() == ["c", "d", "a", "b"]


def test_long_quotes_trimmed_around_the_pattern() -> None:
    text = (
        "We moved for the job, and the job was fine, nothing special to report on that front. "
        "What really made us stay is that the kids can cycle to school alone, it feels so safe "
        "here, even at night, compared with where we come from. Anyway, that is my answer."
    )
    result = _candidates([("a", {}, text, {"pattern": "safe|safety"})])
    quote = select_quotes(result, max_words=25).iloc[0]
    assert quote["trimmed"] and quote["segment_text"] == text
    assert "it feels so safe" in quote["text"] and quote["text"].startswith(OMISSION)
    assert len(quote["text"].replace(OMISSION, "").split()) <= 25


def test_format_locator() -> None:
    assert format_locator(float("nan"), None) == ""
    assert format_locator(7, float("nan")) == "line 7"
    assert format_locator(None, 59.9) == "0:00:59"


def test_quotes_holding_the_pattern_words_come_first() -> None:
    result = _candidates(
        [
            ("a", {}, words(15, "unrelated"), {"pattern": "safe|safety"}),
            ("b", {}, "We feel safe here, the children cycle to school on their own.",
             {"pattern": "safe|safety"}),
        ]
    )  # fmt: skip
    assert select_quotes(result, n=2)["document"].tolist() == ["b", "a"]


def test_mentions_without_a_valence_fill_up_beside_drivers_and_barriers() -> None:
    text = words(15, "searching")
    result = _candidates(
        [
            ("a", {}, text, {"valence": "driver"}),
            ("b", {}, text, {"valence": "barrier"}),
            ("a", {}, text, {}),  # a is quoted already, as a driver
            ("c", {}, text, {}),
            ("d", {}, text, {}),
            ("e", {}, text, {}),
        ]
    )
    quotes = select_quotes(result, n=3)
    assert quotes[["group", "rank", "document"]].values.tolist() == [
        ["driver", 1, "a"],
        ["barrier", 1, "b"],
        ["unspecified", 1, "c"],
    ]
    assert "**Other mentions (no valence)**" in quotes_markdown(quotes, result.codebook)
    # enough drivers and barriers: no filling up
    assert set(select_quotes(result, n=1)["group"]) == {"driver", "barrier"}
