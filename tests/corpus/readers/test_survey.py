from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.corpus import read_corpus, segment_document
from qualcode.errors import CorpusError
from tests.corpus.builders import write_csv, write_xlsx

HEADER = ["ResponseId", "age", "Why did you come to the Netherlands?", "Code 1"]
ROWS = [
    ["R_1", "34", "For the job, and my partner found work in Delft too.", "job"],
    ["R_2", "41", "", ""],
    ["R_3", "29", "The 30% ruling made the move attractive for us.", "policy->tax"],
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_one_document_per_answered_row_other_columns_are_attributes(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"survey{suffix}"
    if suffix == ".csv":
        write_csv(path, HEADER, ROWS)
    else:  # numbers stay numbers in Excel; they come back as Excel shows them
        write_xlsx(path, HEADER, [[r[0], int(r[1]), *r[2:]] for r in ROWS])
    with pytest.warns(UserWarning, match=r"1 row\(s\) without an answer skipped \(line 3\)"):
        corpus = read_corpus(path, language="en")
    assert corpus.ids == ["R_1", "R_3"]
    first = corpus["R_1"]
    assert first.format == suffix[1:]
    assert first.text == ROWS[0][2]
    assert dict(first.attributes) == {"age": "34", "Code 1": "job"}
    assert [(t.speaker, t.role) for t in first.turns] == [(None, "respondent")]
    assert any("without an answer" in w for w in corpus.warnings)


def test_several_answer_columns_are_turns_named_by_the_question(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        ["id", "Q5", "Q6", "city"],
        [["r1", "Housing was hard to find here.", "We will stay for the schools.", "Delft"]],
    )
    doc = read_corpus(path, language="en").documents[0]
    assert doc.text == "Q5: Housing was hard to find here.\n\nQ6: We will stay for the schools."
    assert doc.speakers == {"Q5": "respondent", "Q6": "respondent"}
    assert [s.speaker for s in segment_document(doc)] == ["Q5", "Q6"]


def test_columns_can_be_named_and_semicolons_and_multiline_answers_work(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text('nr;note;answer\n7;x;"Short.\nTwo lines."\n8;y;"Also short."\n', "utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(path)  # answers of two words are not recognised as free text
    assert info.value.code == "E118" and "no answer column" in str(info.value)
    corpus = read_corpus(path, language="en", text_columns=["answer"], id_column="nr")
    assert corpus.ids == ["7", "8"] and corpus["7"].text == "Short.\nTwo lines."
    with pytest.raises(CorpusError) as info:
        read_corpus(path, text_columns=["answr"])
    assert "no text column 'answr'" in str(info.value)


def test_duplicate_respondent_ids_name_both_lines(tmp_path: Path) -> None:
    rows = [["a", "One answer with some words."], ["a", "Another answer with words."]]
    path = write_csv(tmp_path / "d.csv", ["id", "answer"], rows)
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == "E105" and info.value.problems[0].line == 3
    assert "line 2" in str(info.value)


def test_without_an_id_column_ids_come_from_lines(tmp_path: Path) -> None:
    rows = [["We came for the job and stayed."], ["We came for the job and stayed."]]
    corpus = read_corpus(write_csv(tmp_path / "s.csv", ["answer"], rows), language="en")
    assert corpus.ids == ["s-2", "s-3"]


def test_short_answers_in_two_languages_each_get_their_own(tmp_path: Path) -> None:
    rows = [
        ["1", "Finding a flat took five months."],
        ["2", "De 30%-regeling was de reden om te blijven."],
        ["3", "Everyone here speaks English."],
        ["4", "Salary."],
    ]
    corpus = read_corpus(write_csv(tmp_path / "s.csv", ["id", "answer"], rows))
    languages = {d.id: d.language for d in corpus.documents}
    assert (languages["1"], languages["2"], languages["3"]) == ("en", "nl", "en")
    # one word: too little to tell; it takes the language of the file as a whole
    table = write_csv(tmp_path / "t.csv", ["id", "answer"], rows[:1] + rows[3:])
    whole = read_corpus(table, text_columns=["answer"])
    assert whole.documents[1].language == whole.documents[0].language == "en"


def test_language_column_sets_the_language(tmp_path: Path) -> None:
    rows = [["1", "nl", "The job and the people were the reason we came."]]
    corpus = read_corpus(write_csv(tmp_path / "s.csv", ["id", "Language", "answer"], rows))
    assert corpus.documents[0].language == "nl"
    assert read_corpus(tmp_path / "s.csv", language="en").documents[0].language == "en"
