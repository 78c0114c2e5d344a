from __future__ import annotations

import pytest

from qualcode.corpus.speakers import RoleRule, assign_roles, find_turns, load_roles, merge_rules
from qualcode.errors import CorpusError


def _turns(text: str) -> list[tuple[str | None, str]]:
    return [(t.speaker, text[t.start : t.end]) for t in find_turns(text)]


def test_name_colon_turns_span_several_lines() -> None:
    text = "Interviewer: Why here?\nAna: The job.\nAnd the people.\n\nInterviewer: Ok.\nAna: Yes."
    assert _turns(text) == [
        ("Interviewer", "Why here?"),
        ("Ana", "The job.\nAnd the people."),
        ("Interviewer", "Ok."),
        ("Ana", "Yes."),
    ]


def test_preamble_is_kept() -> None:
    text = "Interview 7, Delft\nAnonymised.\n\nI: Hello?\nR: Hi.\nI: Bye?\nR: Bye."
    assert _turns(text)[0] == (None, "Interview 7, Delft\nAnonymised.")


def test_single_occurrence_word_colon_inside_an_answer_is_text() -> None:
    text = "I: Why?\nR: Because.\nNote: this is part of the answer.\nI: Ok?\nR: Sure."
    turns = _turns(text)
    assert ("R", "Because.\nNote: this is part of the answer.") in turns


def test_label_case_and_small_misspellings_merge() -> None:
    text = (
        "Interviewer: a?\nAna: b\ninterviewer: c?\nAna: d\nInterviwer: e?\nAna: f\nInterviewer: g?"
    )
    assert {s for s, _ in _turns(text)} == {"Interviewer", "Ana"}


@pytest.mark.parametrize(
    "text,speaker",
    [
        ("Ana (00:01:23): hi\nBo (00:01:30): yo\nAna (00:02:00): ok", "Ana"),
        ("00:01:23 Ana: hi\n00:01:30 Bo: yo\n00:02:00 Ana: ok", "Ana"),
        ("[Ana] hi\n[Bo] yo\n[Ana] ok\n[Bo] fine", "Ana"),
        ("Speaker 1: hi\nSpeaker 2: yo\nSpeaker 1: ok", "Speaker 1"),
        ("Q: hi?\nA: yo", "Q"),
    ],
)
def test_label_styles(text: str, speaker: str) -> None:
    turns = find_turns(text)
    assert turns[0].speaker == speaker
    assert (
        text[turns[0].start : turns[0].end] == "hi" or text[turns[0].start : turns[0].end] == "hi?"
    )


def test_timestamps_are_kept() -> None:
    turns = find_turns("Ana (01:02:03): hi\nBo (00:00:05.5): yo\nAna: x\nBo: y")
    assert turns[0].start_time == 3723.0
    assert turns[1].start_time == 5.5


def test_no_labels_gives_no_turns() -> None:
    assert find_turns("Just some text.\nAnother line: with a colon.") == []


def test_default_roles_by_label_and_by_questions() -> None:
    text = "Q: Why?\nA: Work."
    assert assign_roles(find_turns(text), text) == {"Q": "interviewer", "A": "respondent"}
    text = "Sam: Why here?\nAna: The job.\nSam: And the rent?\nAna: High."
    assert assign_roles(find_turns(text), text) == {"Sam": "interviewer", "Ana": "respondent"}
    text = "interviewer: a?\ninterviewee: b\ninterviewer: c?"
    assert assign_roles(find_turns(text), text) == {
        "interviewer": "interviewer",
        "interviewee": "respondent",
    }


def test_explicit_rule_overrides_defaults() -> None:
    text = "Interviewer: a?\nAna: b\nTranslator: c\nInterviewer: d?\nAna: e\nTranslator: f"
    roles = assign_roles(
        find_turns(text), text, RoleRule({"other": ["translator"], "interviewer": ["Ana"]})
    )
    assert roles == {"Interviewer": "interviewer", "Ana": "interviewer", "Translator": "other"}


def test_roles_file(write) -> None:
    rule = load_roles(write("roles.yaml", "interviewer: [Sarah]\nother: Translator\n"))
    assert rule.explicit_role("SARAH") == "interviewer"
    assert rule.explicit_role("translator") == "other"
    with pytest.raises(CorpusError) as info:
        load_roles(write("bad.yaml", "boss: [x]\n"))
    assert info.value.code == "E109"
    with pytest.raises(CorpusError):
        RoleRule({"boss": ["x"]})


def test_later_rule_wins_when_merging() -> None:
    merged = merge_rules([RoleRule({"interviewer": ["Ana"]}), RoleRule({"respondent": ["ana"]})])
    assert merged.explicit_role("Ana") == "respondent"


def test_the_one_speaker_beside_a_labelled_respondent_is_the_interviewer() -> None:
    text = "Sarah: tell me about the move\nR1: We came for the job\nSarah: and the flat\nR1: Hard"
    assert assign_roles(find_turns(text), text) == {"Sarah": "interviewer", "R1": "respondent"}


@pytest.mark.parametrize("asker,answerer", [("Vraag", "Antwoord"), ("V", "A")])
def test_dutch_question_and_answer_labels(asker: str, answerer: str) -> None:
    # the respondent's rhetorical "Waarom?" does not make them the interviewer
    text = (
        f"{asker}: Waarom kwam je\n{answerer}: Voor het werk. Waarom? Omdat het goed betaalt.\n"
        f"{asker}: En de huur\n{answerer}: Te hoog."
    )
    assert assign_roles(find_turns(text), text) == {asker: "interviewer", answerer: "respondent"}


def test_a_transcript_without_an_interviewer_is_reported(tmp_path) -> None:
    from qualcode.corpus import read_corpus

    path = tmp_path / "talk.txt"
    path.write_text("Sarah: tell me about the move\nAna: We came for the job\nSarah: ok\nAna: yes")
    with pytest.warns(UserWarning, match=r"talk\.txt: no interviewer identified among Sarah, Ana"):
        corpus = read_corpus(path, language="en")
    assert any("no interviewer" in note for note in corpus.warnings)
    # speakers a label names as respondents are no cause for a warning
    path.write_text("Respondent: we came for the job\nInterviewee 2: and we stayed")
    assert not read_corpus(path, language="en").warnings
