"""Read a corpus: every supported file under a directory (or one file), attributes and roles."""

from __future__ import annotations

import dataclasses
import logging
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

from qualcode.corpus.attributes import (
    SIDECAR_NAMES,
    find_sidecar,
    language_attribute,
    language_code,
    read_attributes,
)
from qualcode.corpus.options import DEFAULT_MAX_BYTES, ReadOptions
from qualcode.corpus.readers import ReaderWarning, reader_for, supported_suffixes
from qualcode.corpus.speakers import RoleRule, load_roles, merge_rules
from qualcode.errors import CodingError, CorpusError, QualcodeError, problem
from qualcode.nlp import SUPPORTED_LANGUAGES, check_language
from qualcode.records import Corpus, Document

__all__ = ["ROLES_FILE", "CorpusStream", "corpus_files", "read_corpus"]

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
        if not candidate.is_file() or candidate.name.lower() in _SKIP_NAMES:
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
    languages: Sequence[str] | None = None,
    speakers: Literal["required", "optional"] = "required",
    roles: RoleRule | Mapping[str, Sequence[str]] | str | Path | None = None,
    attributes: str | Path | None = None,
    skip_bad: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    id_column: str | None = None,
    text_columns: Sequence[str] = (),
) -> Corpus:
    """Read every transcript under ``path`` into a :class:`~qualcode.records.Corpus`.

    Parameters
    ----------
    path : str or Path
        A directory (read recursively) or a single file.
    language : {"en", "nl"}, optional
        Force the language of every document.
    languages : sequence of str, optional
        Languages a document may be in; another language is an error (``E201``, or a skipped
        file with ``skip_bad``). ``None`` accepts any language and lists documents qualcode
        cannot code in :attr:`Corpus.warnings <qualcode.records.Corpus.warnings>`.
    speakers : {"required", "optional"}
        Whether a transcript without speaker labels is an error (subtitles and surveys never
        need labels).
    roles : RoleRule, mapping or path, optional
        Role -> speaker labels (or a ``roles.yaml``), merged over a ``roles.yaml`` in the
        directory; the later rule wins for a label both name.
    attributes : str or Path, optional
        Attribute table (default: ``attributes.csv``/``.xlsx`` in the directory). Its values
        are added to each document's attributes (over survey columns of the same name).
    skip_bad : bool
        Report and skip unreadable files instead of failing on the first; the skipped files
        are listed in :attr:`Corpus.skipped <qualcode.records.Corpus.skipped>`.
    max_bytes : int
        Refuse larger files (``E110``) before reading them.
    id_column, text_columns : optional
        For survey tables (CSV/XLSX): the respondent id column and the answer columns.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        For a missing path, no documents, duplicate ids, a bad attributes or roles file, or
        (without ``skip_bad``) any bad file.

    Notes
    -----
    A document's language is, in order of precedence: ``language`` (forced for all); a
    ``language`` column of the attributes (sidecar or survey); a language the source states
    (a WebVTT ``Language:`` header); else detected from the respondents' words.

    Examples
    --------
    >>> corpus = read_corpus("corpora/sample")
    >>> len(corpus), corpus.documents[0].speakers
    (8, {'Interviewer': 'interviewer', 'Arjun': 'respondent'})
    """
    stream = CorpusStream(
        path,
        language=language,
        languages=languages,
        speakers=speakers,
        roles=roles,
        attributes=attributes,
        skip_bad=skip_bad,
        max_bytes=max_bytes,
        id_column=id_column,
        text_columns=text_columns,
    )
    documents = tuple(stream)
    for note in stream.warnings:
        warnings.warn(note, stacklevel=2)
    return Corpus(documents, str(stream.root), tuple(stream.skipped), tuple(stream.warnings))


class CorpusStream:
    """The documents of a corpus, read one file at a time (for corpora too big for memory).

    Takes the arguments of :func:`read_corpus`; problems with the path, the attributes or roles
    file are raised at once, problems with a file when iteration reaches it. Iterate once;
    afterwards :attr:`skipped` and :attr:`warnings` hold what :class:`~qualcode.records.Corpus`
    would. :func:`read_corpus` is ``Corpus(tuple(CorpusStream(...)))``.

    Examples
    --------
    >>> stream = CorpusStream("corpora/sample")
    >>> [document.id for document in stream][:2]
    ['sample-01', 'sample-02']
    >>> len(stream.files), stream.warnings
    (8, [])
    """

    def __init__(
        self,
        path: str | Path,
        *,
        language: str | None = None,
        languages: Sequence[str] | None = None,
        speakers: Literal["required", "optional"] = "required",
        roles: RoleRule | Mapping[str, Sequence[str]] | str | Path | None = None,
        attributes: str | Path | None = None,
        skip_bad: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        id_column: str | None = None,
        text_columns: Sequence[str] = (),
    ) -> None:
        root = self.root = Path(path)
        if not root.exists():
            raise CorpusError(problem("E115"), path=root)
        if language is not None:
            _check_language(language, root)
        directory = root if root.is_dir() else root.parent
        self.options = ReadOptions(
            language=language,
            speakers=speakers,
            roles=_role_rule(directory, roles),
            max_bytes=max_bytes,
            id_column=id_column,
            text_columns=tuple(text_columns),
            languages=None,  # checked in _finish, after a language attribute has had its say
        )
        self.languages = languages
        self.skip_bad = skip_bad
        self.files = corpus_files(root)
        if root.is_file():
            reader_for(root)  # raises E107 for an unsupported single file
        if not self.files:
            raise CorpusError(
                problem("E106", path=str(root), formats=", ".join(supported_suffixes())),
                path=root,
            )
        self.sidecar = Path(attributes) if attributes is not None else find_sidecar(directory)
        self.table = read_attributes(self.sidecar, self.options) if self.sidecar else None
        self.skipped: list[str] = []
        self.warnings: list[str] = []

    def __iter__(self) -> Iterator[Document]:
        root, options, languages = self.root, self.options, self.languages
        origin: dict[str, Path] = {}
        notes: list[str] = []
        files = _read_files(
            self.files, options, self.skip_bad, self.skipped, notes, self.table, languages
        )
        for file, docs in files:
            for document in docs:
                if document.id in origin:
                    error = CorpusError(
                        problem("E105", id=document.id, other=str(origin[document.id])),
                        path=file,
                    )
                    if not self.skip_bad:
                        raise error
                    self.skipped.append(str(error))
                    continue
                origin[document.id] = file
                if languages is None and document.language not in SUPPORTED_LANGUAGES:
                    notes.append(
                        f"{document.source}: document {document.id!r} is in language "
                        f"{document.language!r}; qualcode codes {', '.join(SUPPORTED_LANGUAGES)}, "
                        "so coding will refuse it (or force one with --language)"
                    )
                yield document
        if not origin:
            raise CorpusError(
                problem("E106", path=str(root), formats=", ".join(supported_suffixes())),
                path=root,
            )
        if self.sidecar is not None and self.table is not None:
            notes += _attribute_notes(
                list(origin), self.sidecar, self.table, single_file=root.is_file()
            )
        self.warnings = notes


def _check_language(language: str, where: Path) -> None:
    try:
        check_language(language)
    except CodingError as exc:
        raise CorpusError(exc.problems, path=where) from exc


def _role_rule(
    directory: Path, roles: RoleRule | Mapping[str, Sequence[str]] | str | Path | None
) -> RoleRule:
    rules: list[RoleRule] = []
    if (directory / ROLES_FILE).is_file():
        rules.append(load_roles(directory / ROLES_FILE))
    if isinstance(roles, str | Path):
        rules.append(load_roles(roles))
    elif isinstance(roles, RoleRule):
        rules.append(roles)
    elif roles is not None:
        rules.append(RoleRule(dict(roles)))
    return merge_rules(rules)


def _read_files(
    files: list[Path],
    options: ReadOptions,
    skip_bad: bool,
    skipped: list[str],
    notes: list[str],
    table: Mapping[str, Mapping[str, str]] | None,
    languages: Sequence[str] | None,
) -> Iterator[tuple[Path, list[Document]]]:
    for file in files:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ReaderWarning)
                docs = reader_for(file).read(file, options)
            for warning in caught:
                if issubclass(warning.category, ReaderWarning):
                    notes.append(str(warning.message))
                else:  # not ours: let it through as it was
                    warnings.warn_explicit(
                        warning.message, warning.category, warning.filename, warning.lineno
                    )
            yield file, [_finish(d, file, options, table, languages) for d in docs]
        except QualcodeError as error:
            if not skip_bad:
                raise
            if error.path is None:
                error.path = str(file)
            logger.warning("skipped %s", error)
            skipped.append(str(error))


def _finish(
    document: Document,
    file: Path,
    options: ReadOptions,
    table: Mapping[str, Mapping[str, str]] | None,
    languages: Sequence[str] | None,
) -> Document:
    """Add sidecar attributes, apply a language attribute, and check the language."""
    attributes = {**document.attributes, **(table or {}).get(document.id, {})}
    chosen = document.language
    stated = language_attribute(attributes)
    if options.language is None and stated is not None:
        code = language_code(stated[1])
        if code is None:
            raise CorpusError(
                problem(
                    "E118",
                    detail=f"document {document.id!r}: {stated[0]} {stated[1]!r} is not a "
                    "language; use a code such as en or nl",
                ),
                path=file,
            )
        chosen = code
    if languages is not None and chosen not in languages:
        raise CorpusError(
            problem("E201", language=chosen, supported=", ".join(languages)), path=file
        )
    if attributes == document.attributes and chosen == document.language:
        return document
    return dataclasses.replace(document, attributes=attributes, language=chosen)


def _attribute_notes(
    document_ids: list[str],
    sidecar: Path,
    table: Mapping[str, Mapping[str, str]],
    *,
    single_file: bool,
) -> list[str]:
    ids = set(document_ids)
    notes = []
    if not single_file:  # a sidecar beside one file describes its neighbours too
        notes += [
            f"{sidecar}: attributes for unknown document {doc_id!r}"
            for doc_id in table
            if doc_id not in ids
        ]
    notes += [
        f"{sidecar}: no attributes for document {doc_id!r}"
        for doc_id in document_ids
        if doc_id not in table
    ]
    return notes
