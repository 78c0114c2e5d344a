"""Plain-text and Markdown transcripts with speaker labels at the start of lines.

The document text is the file's normalised text. In Markdown, ``**Interviewer:**`` labels are
speaker labels and headings are kept as turns without a speaker (like the preamble), so they
are never coded as anyone's speech.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.corpus.document import build_document, read_text_source
from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import register_reader
from qualcode.corpus.turns import find_turns
from qualcode.records import Document

__all__ = ["read_markdown", "read_text"]


@register_reader("text", (".txt", ".text"))
def read_text(path: Path, options: ReadOptions) -> list[Document]:
    """Read one plain-text transcript; its id is the file name without extension.

    Raises
    ------
    CorpusError
        Unreadable, empty, binary or undecodable files, and files without speaker labels.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "ana.txt"
    >>> _ = p.write_text("Interviewer: Why Delft?\\nAna: The job.\\nInterviewer: Ok.\\nAna: Yes.")
    >>> read_text(p, ReadOptions(language="en"))[0].speakers
    {'Interviewer': 'interviewer', 'Ana': 'respondent'}
    """
    text = read_text_source(path, options)
    return [
        build_document(
            path.stem,
            text,
            find_turns(text, known=options.roles.speakers),
            options=options,
            source=path,
            format="text",
        )
    ]


@register_reader("markdown", (".md", ".markdown"))
def read_markdown(path: Path, options: ReadOptions) -> list[Document]:
    """Read one Markdown transcript (bold labels, headings kept as speakerless turns)."""
    text = read_text_source(path, options)
    spans = find_turns(text, known=options.roles.speakers, headings=True)
    return [build_document(path.stem, text, spans, options=options, source=path, format="markdown")]
