"""How a report's figures are computed, in words: printed at the end of every report."""

from __future__ import annotations

from qualcode.report.contents import ReportOptions

__all__ = ["method_notes"]


def method_notes(options: ReportOptions) -> list[str]:
    """Sentences stating what counts, the denominator, the interval and the flags.

    Examples
    --------
    >>> from qualcode.report.contents import ReportOptions
    >>> method_notes(ReportOptions())[0].startswith("A mention")
    True
    """
    level = f"{options.confidence:.0%}"
    return [
        "A mention is a coding that is not negated. A negated coding says the factor did not "
        "matter or was not a problem (\u201chousing was never a problem\u201d); it is counted "
        "separately (\u201conly negated\u201d) and never as a driver or a barrier. Conditional "
        "mentions (\u201cif the ruling went, we would leave\u201d) count as mentions.",
        "A parent code is mentioned wherever it or any code below it is; a segment or respondent "
        "counts once however many of its child codes it carries.",
        "One document is one respondent. The base of every share is the respondents with coded "
        "speech (documents whose coded speakers said at least one word).",
        f"Intervals are {level} Wilson score intervals for a binomial proportion (Wilson 1927), "
        "which stay within 0-100% and suit small samples; they describe sampling uncertainty "
        "only, not coding errors or how the respondents were selected.",
        f"In crosstabs, groups with fewer than {options.min_base} respondents are marked "
        "\u2020 and kept: their shares are too uncertain to compare. Respondents without a value "
        "for the attribute form the group \u201c(missing)\u201d.",
        "Co-occurrence counts segments (or respondents) mentioning both codes; the Jaccard "
        "index divides that by the segments (or respondents) mentioning either.",
        "Salience is the share of a respondent's coded words that lie in segments mentioning "
        "the code, averaged (mean and median) over all respondents, those who never mention it "
        "included.",
        "Quotes are chosen per code (and separately for drivers and barriers where both "
        "occur) from distinct respondents, preferring high confidence, the words that triggered "
        "the code, varied case attributes "
        f"and readable length; quotes over {options.max_quote_words} words are trimmed at "
        "sentence or clause boundaries, omissions marked [\u2026].",
    ]
