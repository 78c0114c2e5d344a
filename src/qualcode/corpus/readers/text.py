"""Plain-text and Markdown transcripts with speaker labels at the start of lines."""

from __future__ import annotations

from pathlib import Path

from qualcode.corpus.document import build_document, read_bytes
from qualcode.corpus.normalise import DecodeError, decode, normalise_text
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import register_reader
from qualcode.corpus.speakers import find_turns
from qualcode.errors import CorpusError, problem
from qualcode.records import Document

__all__ = ["read_text"]


@register_reader("text", (".txt", ".text", ".md", ".markdown"))
def read_text(path: Path, options: ReadOptions) -> list[Document]:
    """Read one transcript; its id is the file name without extension.

    Raises
    ------
    CorpusError
        Unreadable, empty, binary or undecodable files, and files without speaker labels.
    """
    data = read_bytes(path, options)
    try:
        raw, _encoding = decode(data)
    except DecodeError as exc:
        found = (
            problem("E111", detail=f"({exc})") if exc.binary else problem("E103", reason=str(exc))
        )
        raise CorpusError(found, path=path) from exc
    text = normalise_text(raw)
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return [
        build_document(path.stem, text, find_turns(text), options=options, source=path, format=fmt)
    ]
