"""Read a corpus: every supported file under a directory (or one file), attributes and roles."""

from __future__ import annotations

import dataclasses
import logging
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from qualcode.corpus.attributes import SIDECAR_NAMES, find_sidecar, read_attributes
from qualcode.corpus.options import DEFAULT_MAX_BYTES, ReadOptions
from qualcode.corpus.readers import reader_for, supported_suffixes
from qualcode.corpus.speakers import RoleRule, load_roles, merge_rules
from qualcode.errors import CorpusError, QualcodeError, problem
from qualcode.records import Corpus, Document

__all__ = ["ROLES_FILE", "corpus_files", "read_corpus"]

logger = logging.getLogger("qualcode")

ROLES_FILE = "roles.yaml"
_SKIP_NAMES = {*SIDECAR_NAMES, ROLES_FILE}


def corpus_files(path: Path) -> list[Path]:
    """The files under ``path`` that some reader supports, sorted; sidecars and hidden files
    excluded."""
    if path.is_file():
        return [path]
    suffixes = set(supported_suffixes())
    files = []
    for candidate in sorted(path.rglob("*")):
        relative = candidate.relative_to(path)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not candidate.is_file() or candidate.name in _SKIP_NAMES:
            continue
        if candidate.name.lower().startswith("readme"):
            continue
        if candidate.suffix.lower() in suffixes:
            files.append(candidate)
    return files


def read_corpus(
    path: str | Path,
    *,
    language: str | None = None,
    speakers: Literal["required", "optional"] = "required",
    roles: RoleRule | dict[str, Sequence[str]] | None = None,
    attributes: str | Path | None = None,
    skip_bad: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Corpus:
    """Read every transcript under ``path`` into a :class:`~qualcode.records.Corpus`.

    Parameters
    ----------
    path : str or Path
        A directory (read recursively) or a single file.
    language : {"en", "nl"}, optional
        Force the language of every document (default: detect per document).
    speakers : {"required", "optional"}
        Whether a transcript without speaker labels is an error.
    roles : RoleRule or dict, optional
        Role -> speaker labels, merged over a ``roles.yaml`` in the directory.
    attributes : str or Path, optional
        Attribute table (default: ``attributes.csv``/``.xlsx`` in the directory).
    skip_bad : bool
        Report and skip unreadable files instead of failing on the first.
    max_bytes : int
        Refuse larger files.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        For a missing path, no documents, duplicate ids, or (without ``skip_bad``) any bad file.

    Examples
    --------
    >>> corpus = read_corpus("corpora/sample")  # doctest: +SKIP
    >>> len(corpus), corpus.documents[0].speakers  # doctest: +SKIP
    (8, {'Interviewer': 'interviewer', 'Arjun': 'respondent'})
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(problem("E115"), path=root)
    directory = root if root.is_dir() else root.parent
    rules: list[RoleRule] = []
    if (directory / ROLES_FILE).is_file():
        rules.append(load_roles(directory / ROLES_FILE))
    if roles is not None:
        rules.append(roles if isinstance(roles, RoleRule) else RoleRule(dict(roles)))
    options = ReadOptions(
        language=language, speakers=speakers, roles=merge_rules(rules), max_bytes=max_bytes
    )
    files = corpus_files(root)
    if root.is_file():
        reader_for(root)  # raises E107 for an unsupported single file
    if not files:
        raise CorpusError(
            problem("E106", path=str(root), formats=", ".join(supported_suffixes())), path=root
        )
    documents: list[Document] = []
    skipped: list[str] = []
    origin: dict[str, Path] = {}
    for file, docs in _read_files(files, options, skip_bad, skipped):
        for document in docs:
            if document.id in origin:
                error = CorpusError(
                    problem("E105", id=document.id, other=str(origin[document.id])), path=file
                )
                if not skip_bad:
                    raise error
                skipped.append(str(error))
                continue
            origin[document.id] = file
            documents.append(document)
    if not documents:
        raise CorpusError(
            problem("E106", path=str(root), formats=", ".join(supported_suffixes())), path=root
        )
    notes: list[str] = []
    sidecar = Path(attributes) if attributes is not None else find_sidecar(directory)
    if sidecar is not None:
        documents, notes = _attach_attributes(documents, sidecar, single_file=root.is_file())
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return Corpus(tuple(documents), str(root), tuple(skipped), tuple(notes))


def _read_files(
    files: list[Path], options: ReadOptions, skip_bad: bool, skipped: list[str]
) -> Iterator[tuple[Path, list[Document]]]:
    for file in files:
        try:
            yield file, reader_for(file).read(file, options)
        except QualcodeError as error:
            if not skip_bad:
                raise
            if error.path is None:
                error.path = str(file)
            logger.warning("skipped %s", error)
            skipped.append(str(error))


def _attach_attributes(
    documents: list[Document], sidecar: Path, *, single_file: bool
) -> tuple[list[Document], list[str]]:
    table = read_attributes(sidecar)
    ids = {d.id for d in documents}
    notes = []
    if not single_file:  # a sidecar beside one file describes its neighbours too
        notes += [
            f"{sidecar}: attributes for unknown document {doc_id!r}"
            for doc_id in table
            if doc_id not in ids
        ]
    notes += [
        f"{sidecar}: no attributes for document {d.id!r}" for d in documents if d.id not in table
    ]
    attached = [
        dataclasses.replace(d, attributes={**d.attributes, **table.get(d.id, {})})
        for d in documents
    ]
    return attached, notes
