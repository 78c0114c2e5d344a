from __future__ import annotations

import pytest

from qualcode.corpus.turns import find_turns, label_key


def _turns(text: str, **kwargs) -> list[tuple[str | None, str]]:
    return [(t.speaker, text[t.start : t.end]) for t in find_turns(text, **kwargs)]


def test_numbered_labels_merge_across_spacing_but_numbers_stay_apart() -> None:
    text = (
        "Interviewer 1: a?\nInterviewee: b\nInterviewer1: c?\nInterviewee: d\n"
        "Interviewer 2: e?\nInterviewee: f\nInterviewer 1: g?"
    )
    assert [s for s, _ in _turns(text)] == [
        "Interviewer 1",
        "Interviewee",
        "Interviewer 1",
        "Interviewee",
        "Interviewer 2",
        "Interviewee",
        "Interviewer 1",
    ]


def test_one_off_misspelt_label_is_a_turn_of_that_speaker() -> None:
    # "Interviewer2 2" (once) is a slip for "Interviewer2": its text is not the previous answer.
    text = (
        "Interviewer2: a?\nInterviewee1: b\nInterviewer2: c?\nInterviewee1: d\n"
        "Interviewer2 2: merci\nInterviewee1: e"
    )
    assert ("Interviewer2", "merci") in _turns(text)


def test_label_with_leading_space_and_space_before_colon() -> None:
    text = "Interviewer1 : a?\n Interviewee1 : b\nInterviewer1 : c?\nInterviewee1 : d"
    assert _turns(text)[1] == ("Interviewee1", "b")


def test_otter_style_label_and_time_on_their_own_line() -> None:
    text = (
        "Speaker 1  0:03\nWhy did you come here?\nAnd when?\n\n"
        "Speaker 2  0:10\nFor the job.\n\nSpeaker 1  1:02:03\nThanks."
    )
    turns = find_turns(text)
    assert [(t.speaker, text[t.start : t.end], t.start_time) for t in turns] == [
        ("Speaker 1", "Why did you come here?\nAnd when?", 3.0),
        ("Speaker 2", "For the job.", 10.0),
        ("Speaker 1", "Thanks.", 3723.0),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Speaker 1 (00:03):\nWhy here?\n\nSpeaker 2 (00:10):\nThe job.",  # Rev
        "[00:00:03] Speaker 1\nWhy here?\n\n[00:00:10] Speaker 2\nThe job.",  # Trint
        "00:00:03 Speaker 1\nWhy here?\n\n00:00:10 Speaker 2\nThe job.",
    ],
)
def test_transcription_service_styles(text: str) -> None:
    turns = find_turns(text)
    assert [(t.speaker, text[t.start : t.end], t.start_time) for t in turns] == [
        ("Speaker 1", "Why here?", 3.0),
        ("Speaker 2", "The job.", 10.0),
    ]


def test_bare_label_line_counts_when_the_label_is_used_with_a_colon() -> None:
    text = (
        "Interviewer 1: a?\n\nInterviewee: b\n\nInterviewer 1: c?\n\n"
        "Interviewee \nDon't rush it.\n\nInterviewer 1: ok\n\nUnknown Speaker\nAre you sure?"
    )
    turns = _turns(text)
    assert ("Interviewee", "Don't rush it.") in turns
    # a line that only looks like a label stays part of the turn it is in
    assert turns[-1] == ("Interviewer 1", "ok\n\nUnknown Speaker\nAre you sure?")


def test_short_lines_are_not_bare_labels() -> None:
    text = "I: Why?\nR: Well\nOkay\nYeah\nI: Sure?\nR: Yes"
    assert ("R", "Well\nOkay\nYeah") in _turns(text)


def test_markdown_bold_labels_and_headings() -> None:
    text = (
        "# Interview 2\n\nDelft, May 2024\n\n**Interviewer:** Why?\n\n**Ana:** Work.\n\n"
        "## Part two\n\n*Interviewer:* And now?\n\n__Ana:__ Staying."
    )
    assert _turns(text, headings=True) == [
        (None, "# Interview 2\n\nDelft, May 2024"),
        ("Interviewer", "Why?"),
        ("Ana", "Work."),
        (None, "## Part two"),
        ("Interviewer", "And now?"),
        ("Ana", "Staying."),
    ]


def test_known_labels_are_accepted_once_and_may_hold_any_characters() -> None:
    text = "Dr. A. Smith: Why?\nAna (0:05): Work."
    assert _turns(text) == [(None, "Dr. A. Smith: Why?"), ("Ana", "Work.")]
    turns = find_turns(text, known=["Dr. A. Smith", "Ana"])
    assert [(t.speaker, t.start_time) for t in turns] == [("Dr. A. Smith", None), ("Ana", 5.0)]


@pytest.mark.parametrize(
    "label,same", [("**Interviewer  1**", "interviewer1"), ("SPEAKER 2", "speaker2")]
)
def test_label_key(label: str, same: str) -> None:
    assert label_key(label) == label_key(same)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2003"])
def test_labels_with_non_breaking_or_wide_spaces(space: str) -> None:
    text = f"Interviewer:{space}Why?\nAna{space}:{space}For work.\nInterviewer: Ok?\nAna: Yes."
    assert _turns(text) == [
        ("Interviewer", "Why?"),
        ("Ana", "For work."),
        ("Interviewer", "Ok?"),
        ("Ana", "Yes."),
    ]


def test_a_line_break_is_not_a_space_inside_a_label() -> None:
    text = "Interviewer: Why?\nAna\nBo: x\nInterviewer: Ok?\nAna\nBo: y"
    assert "Ana\nBo" not in {s for s, _ in _turns(text)}
