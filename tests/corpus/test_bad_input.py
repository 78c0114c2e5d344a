"""Every kind of bad input from the issue: a coded one-line error naming the file, or a skip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.corpus import read_corpus
from qualcode.errors import CorpusError
from tests.corpus.builders import write_csv, write_docx, write_text, write_vtt, write_xlsx

GOOD = [("Interviewer", "Why?"), ("Ana", "Work."), ("Interviewer", "And?"), ("Ana", "Love.")]


def _truncated(make: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        whole = make(path.with_name("whole" + path.suffix)).read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
        return path

    return build


def _sparse(path: Path) -> Path:
    with path.open("wb") as handle:  # 200 MB on paper, no memory or disk spent
        handle.truncate(200 * 1024 * 1024)
    return path


BAD: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "binary junk": ("junk.txt", lambda p: _bytes(p, bytes(range(256)) * 64), "E111"),
    "binary junk as vtt": ("junk.vtt", lambda p: _bytes(p, b"\x00\x01\xff" * 500), "E111"),
    "empty txt": ("empty.txt", lambda p: _bytes(p, b""), "E102"),
    "empty docx": ("empty.docx", lambda p: _bytes(p, b""), "E102"),
    "whitespace csv": ("blank.csv", lambda p: _bytes(p, b"\n \n"), "E102"),
    "truncated docx": ("cut.docx", _truncated(lambda p: write_docx(p, GOOD)), "E116"),
    "truncated xlsx": (
        "cut.xlsx",
        _truncated(lambda p: write_xlsx(p, ["id", "a"], [["1", "words " * 9]])),
        "E116",
    ),
    "broken cue time": (
        "cue.vtt",
        lambda p: _bytes(p, b"WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\n<v A>Hi</v>\n"),
        "E117",
    ),
    "csv without text column": (
        "scores.csv",
        lambda p: write_csv(p, ["id", "age", "score"], [["1", "34", "7"], ["2", "41", "8"]]),
        "E118",
    ),
    "csv with a ragged row": (
        "ragged.csv",
        lambda p: _bytes(p, b"id,answer\n1,We came for work and stayed.,oops\n"),
        "E114",
    ),
    "200 MB text": ("huge.txt", _sparse, "E110"),
    "200 MB docx": ("huge.docx", _sparse, "E110"),
    "200 MB csv": ("huge.csv", _sparse, "E110"),
    "no labels": ("plain.txt", lambda p: _bytes(p, b"Just prose, no speakers.\n"), "E104"),
}


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD))
def test_bad_file_gives_one_coded_line_naming_it(tmp_path: Path, case: str) -> None:
    name, build, code = BAD[case]
    path = build(tmp_path / name)
    with pytest.raises(CorpusError) as info:
        read_corpus(path)
    assert info.value.code == code, str(info.value)
    lines = info.value.lines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: [{code}]")
    assert "\n" not in lines[0]


def test_duplicate_document_ids_across_formats(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    write_text(tmp_path / "c" / "ana.txt", GOOD)
    write_vtt(tmp_path / "c" / "ana.vtt", GOOD)
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "c")
    assert info.value.code == "E105"
    assert "ana.txt" in str(info.value) and "ana.vtt" in str(info.value)


def test_skip_bad_reports_each_bad_file_and_keeps_the_good(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    write_text(corpus_dir / "good.txt", GOOD)
    for case in ("binary junk", "truncated docx", "broken cue time", "200 MB csv"):
        name, build, _code = BAD[case]
        build(corpus_dir / name)
    (corpus_dir / "whole.docx").unlink()  # left by the truncation helper
    with pytest.raises(CorpusError):
        read_corpus(corpus_dir)
    corpus = read_corpus(corpus_dir, skip_bad=True, language="en")
    assert corpus.ids == ["good"]
    assert len(corpus.skipped) == 4
    assert {line.split(": [")[1][:4] for line in corpus.skipped} == {"E111", "E116", "E117", "E110"}


def test_unreadable_file_is_e101_naming_it(
    tmp_path: Path, unreadable: Callable[[Path], Path]
) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    write_text(corpus_dir / "good.txt", GOOD)
    locked = unreadable(write_text(corpus_dir / "locked.txt", GOOD))
    with pytest.raises(CorpusError) as info:
        read_corpus(corpus_dir)
    assert info.value.code == "E101" and info.value.path == str(locked)
    assert info.value.lines() == [f"{locked}: [E101] cannot read file: Permission denied"]
    corpus = read_corpus(corpus_dir, skip_bad=True, language="en")
    assert corpus.ids == ["good"]
    assert corpus.skipped == (f"{locked}: [E101] cannot read file: Permission denied",)
