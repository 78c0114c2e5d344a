"""REFI-QDA projects (``.qdpx``) as a corpus: one document per text source.

The text comes from the source's plain text (or its ``.docx`` when the plain text is blank, as
in NVivo exports); case variables become document attributes; speaker labels are used when the
text has them, otherwise the whole text is one respondent turn. Codings in the project are not
read here — see :func:`qualcode.interop.read_qdpx` and :func:`qualcode.interop.project_codings`.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.corpus.options import ReadOptions
from qualcode.corpus.readers import register_reader
from qualcode.errors import CorpusError, problem
from qualcode.records import Document

__all__ = ["read_qdpx_documents"]


@register_reader("qdpx", (".qdpx",))
def read_qdpx_documents(path: Path, options: ReadOptions) -> list[Document]:
    """Read the text sources of a ``.qdpx`` project as documents.

    Raises
    ------
    CorpusError
        ``E110`` for an archive over ``options.max_bytes``; ``E114`` when no source has text.
    InteropError
        For an unsafe, damaged or malformed project (``E70x``; see
        :func:`qualcode.interop.read_qdpx`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> path = write_qdpx(pathlib.Path(tempfile.mkdtemp()) / "demo.qdpx", *example_project())
    >>> from qualcode import read_corpus
    >>> [(d.id, d.format, d.attributes) for d in read_corpus(path)]
    [('km-01', 'qdpx', {'country': 'Brazil'})]
    """
    from qualcode.interop import project_documents, read_qdpx  # the reader registry loads eagerly

    size = path.stat().st_size if path.exists() else 0
    if size > options.max_bytes:
        raise CorpusError(
            problem(
                "E110",
                size=f"{size / 2**20:.1f} MB",
                limit=f"{options.max_bytes / 2**20:.1f} MB",
            ),
            path=path,
        )
    project = read_qdpx(path, read_codings=False)
    documents = project_documents(project, options=options)
    if not documents:
        blank = [source.name for source in project.sources]
        detail = (
            f"none of its {len(blank)} text source(s) has any text ({', '.join(blank[:5])})"
            if blank
            else "the project has no text sources"
        )
        raise CorpusError(problem("E114", detail=detail), path=path)
    return documents
