from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.corpus import read_corpus
from qualcode.errors import CorpusError


def test_reads_directory_with_attributes_roles_and_languages(tiny_corpus_dir: Path) -> None:
    corpus = read_corpus(tiny_corpus_dir)
    assert corpus.ids == ["ana", "bram"]
    ana, bram = corpus.documents
    assert ana.language == "en" and bram.language == "nl"
    assert ana.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert ana.attributes == {"country": "Brazil", "route": "start-up"}
    assert ana.turns[0].speaker is None and ana.turn_text(ana.turns[0]) == "Interview 1, Utrecht"
    assert corpus.warnings == ()


def test_offsets_point_into_normalised_text(write) -> None:
    path = write("crlf.txt", b"I: Why?\r\nR: Because\r\nof rent.\r\n")
    doc = read_corpus(path).documents[0]
    assert "\r" not in doc.text
    assert doc.turn_text(doc.turns[1]) == "Because\nof rent."


def test_language_can_be_forced_and_unknown_languages_are_refused(
    tiny_corpus_dir: Path, write
) -> None:
    assert {d.language for d in read_corpus(tiny_corpus_dir, language="en")} == {"en"}
    with pytest.raises(CorpusError) as info:
        read_corpus(tiny_corpus_dir, language="fr")
    assert info.value.code == "E201"
    german = write(
        "de/de.txt",
        "I: Warum sind Sie nach Deutschland gekommen?\n"
        "R: Wegen der Arbeit, und weil die Wohnung in München günstiger war als gedacht. "
        "Meine Frau hat auch schnell eine Stelle gefunden, und die Kinder gehen gern zur Schule.\n",
    )
    # Read as what it is, with a warning; refused where only en/nl are accepted (coding).
    with pytest.warns(UserWarning, match="in language 'de'"):
        corpus = read_corpus(german)
    assert corpus.documents[0].language == "de"
    with pytest.raises(CorpusError) as info:
        read_corpus(german, languages=("en", "nl"))
    assert info.value.code == "E201"
    assert str(german) in str(info.value)


@pytest.mark.parametrize(
    "content,code",
    [
        (b"", "E102"),
        (b"   \n\n  ", "E102"),
        (bytes(range(256)) * 8, "E111"),
        (b"Just a paragraph without any speaker label.\nAnd a second line.\n", "E104"),
    ],
)
def test_bad_files_get_coded_errors_naming_the_file(write, content: bytes, code: str) -> None:
    path = write("bad.txt", content)
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == code
    assert info.value.lines()[0].startswith(str(path))


def test_unlabelled_text_can_be_read_as_one_turn(write) -> None:
    doc = read_corpus(
        write("plain.txt", "We found a flat after months.\n"), speakers="optional"
    ).documents[0]
    assert [(t.speaker, t.role) for t in doc.turns] == [(None, "respondent")]


def test_other_encodings_are_decoded(write) -> None:
    path = write("cp.txt", "I: Waarom?\nR: Het café, de reünie en één baan.\n".encode("cp1252"))
    assert "reünie" in read_corpus(path).documents[0].text


def test_missing_path_no_documents_unsupported_file_and_too_large(tmp_path: Path, write) -> None:
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "nothing")
    assert info.value.code == "E115"
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "empty")
    assert info.value.code == "E106"
    with pytest.raises(CorpusError) as info:
        read_corpus(write("x.pdf", b"%PDF"))
    assert info.value.code == "E107"
    with pytest.raises(CorpusError) as info:
        read_corpus(write("big.txt", "I: a?\nR: " + "word " * 1000), max_bytes=1000)
    assert info.value.code == "E110"


def test_duplicate_ids_and_skip_bad(write) -> None:
    write("c/a.txt", "I: a?\nR: b\n")
    write("c/sub/a.md", "I: a?\nR: b\n")
    write("c/b.txt", b"")
    root = write("c/z.txt", "I: z?\nR: z\n").parent
    with pytest.raises(CorpusError) as info:
        read_corpus(root)
    assert info.value.code in {"E102", "E105"}
    corpus = read_corpus(root, skip_bad=True)
    assert corpus.ids == ["a", "z"]
    assert len(corpus.skipped) == 2
    assert any("E105" in line for line in corpus.skipped)


def test_attribute_problems(write, tiny_corpus_dir: Path) -> None:
    write("corpus/attributes.csv", "document,country\nana,Brazil\nana,Peru\n")
    with pytest.raises(CorpusError) as info:
        read_corpus(tiny_corpus_dir)
    assert info.value.code == "E108" and info.value.problems[0].line == 3
    write("corpus/attributes.csv", "document,country\nana,Brazil\nzed,Peru\n")
    with (
        pytest.warns(UserWarning, match="unknown document 'zed'"),
        pytest.warns(UserWarning, match="no attributes for document 'bram'"),
    ):
        corpus = read_corpus(tiny_corpus_dir)
    assert any("no attributes for document 'bram'" in w for w in corpus.warnings)


@pytest.mark.parametrize("name", ["Attributes.csv", "ATTRIBUTES.CSV"])
def test_attributes_file_name_in_any_case(write, name: str) -> None:
    write(f"k/{name}", "document,country\nana,India\n")
    root = write("k/ana.txt", "I: Why?\nR: For the job.\nI: And?\nR: Rent.\n").parent
    corpus = read_corpus(root, language="en")
    assert corpus.ids == ["ana"]
    assert corpus.documents[0].attributes == {"country": "India"}


def test_roles_file_in_corpus_directory(write) -> None:
    write("r/roles.yaml", "interviewer: [Sam]\n")
    root = write("r/x.txt", "Sam: hello\nAna: hi\nSam: fine\nAna: good\n").parent
    assert read_corpus(root).documents[0].speakers == {"Sam": "interviewer", "Ana": "respondent"}


def test_corpus_stream_is_public() -> None:
    import qualcode
    import qualcode.corpus

    assert "CorpusStream" in qualcode.__all__ and "CorpusStream" in qualcode.corpus.__all__
