"""The .qdpx corpus reader (qualcode.corpus.readers.qdpx) through read_corpus."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from qualcode.corpus import read_corpus, supported_suffixes
from qualcode.errors import CorpusError, InteropError
from qualcode.interop import read_qdpx
from tests.interop.builders import project_xml, tiny_qdpx


def test_qdpx_is_a_corpus_format(tmp_path: Path) -> None:
    assert ".qdpx" in supported_suffixes()
    corpus = read_corpus(tiny_qdpx(tmp_path / "tiny.qdpx"))
    assert corpus.ids == ["Ana", "bram"]
    ana = corpus["Ana"]
    assert ana.format == "qdpx" and ana.attributes == {"country": "Brazil"}
    assert ana.text == read_qdpx(tmp_path / "tiny.qdpx").source("Ana").text
    assert ana.speakers == {"Interviewer": "interviewer", "Ana": "respondent"}
    assert [t.role for t in corpus["bram"].turns] == ["respondent"]  # no labels: one turn


def test_a_directory_mixing_qdpx_and_text(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    tiny_qdpx(tmp_path / "corpus" / "study.qdpx")
    (tmp_path / "corpus" / "extra.txt").write_text("Interviewer: Hi?\nEva: Hello.\n")
    assert read_corpus(tmp_path / "corpus").ids == ["extra", "Ana", "bram"]  # in file order


def test_codings_do_not_matter_to_the_corpus(tmp_path: Path) -> None:
    bad = project_xml(
        selections='<PlainTextSelection guid="0f000000-0000-4000-8000-000000000001" '
        'startPosition="0" endPosition="99999"/>'
    )
    path = tiny_qdpx(tmp_path / "bad.qdpx", bad)
    with pytest.raises(InteropError, match="E702"):
        read_qdpx(path)
    assert read_corpus(path).ids == ["Ana", "bram"]


def test_a_project_without_text_says_so(tmp_path: Path) -> None:
    qde = project_xml(selections="")
    path = tiny_qdpx(
        tmp_path / "blank.qdpx", qde, **{"sources__ana.txt": b"\n", "sources__bram.txt": b""}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(CorpusError) as info:
            read_corpus(path)
    assert info.value.code == "E114" and "Ana.docx, bram" in str(info.value)


def test_size_limit_and_skip_bad(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    path = tiny_qdpx(tmp_path / "c" / "tiny.qdpx")
    with pytest.raises(CorpusError, match="E110"):
        read_corpus(path, max_bytes=100)
    (tmp_path / "c" / "broken.qdpx").write_bytes(b"PK\x03\x04 not really")
    corpus = read_corpus(tmp_path / "c", skip_bad=True)
    assert corpus.ids == ["Ana", "bram"]
    assert len(corpus.skipped) == 1 and "[E704]" in corpus.skipped[0]
