"""Training data from the human codings qualcode reads: gold JSON Lines, REFI-QDA projects and
wide sheets of coded answers.

Each loader returns a :class:`~qualcode.coding.train.TrainingData` — documents plus labelled
spans — so :func:`qualcode.train` is the same whatever the source. Other sources become training
data by building a ``TrainingData`` from their documents and a labels table directly.

Examples
--------
>>> import qualcode
>>> codebook = qualcode.load_codebook("codebooks/kennismigratie.yaml")
>>> data = qualcode.training_data_from_gold(
...     qualcode.read_gold("corpora/kennismigratie/gold", codebook),
...     qualcode.read_corpus("corpora/kennismigratie/transcripts"),
...     documents=["km-01", "km-02"],
... )
>>> len(data.documents), sorted(data.labels.columns)
(2, ['code', 'document', 'end', 'stage', 'start', 'valence'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from qualcode.codebook.schema import Codebook
from qualcode.coding.train import LABEL_COLUMNS, TrainingData
from qualcode.errors import ModelError, problem
from qualcode.records import Corpus, Document

__all__ = ["training_data_from_gold", "training_data_from_qdpx", "training_data_from_wide"]


def _select(documents: Iterable[Document], wanted: Sequence[str] | None) -> tuple[Document, ...]:
    chosen = tuple(d for d in documents if wanted is None or d.id in set(wanted))
    if wanted is not None:
        missing = sorted(set(wanted) - {d.id for d in chosen})
        if missing:
            raise ModelError(problem("E305", detail=f"no such documents: {', '.join(missing)}"))
    return chosen


def training_data_from_gold(
    gold: object,
    corpus: Corpus,
    *,
    documents: Sequence[str] | None = None,
    description: str = "",
) -> TrainingData:
    """Training data from gold codings (:func:`qualcode.read_gold`) and their transcripts.

    Parameters
    ----------
    gold : GoldCodings
        Every coded unit of the documents (the unit set matters: uncoded units are negatives).
    corpus : Corpus
        The transcripts the gold offsets point into (checked with ``check_gold_against``).
    documents : sequence of str, optional
        Use only these documents (e.g. a split).

    Raises
    ------
    ModelError
        ``E305`` for documents named but not in the gold or the corpus.
    """
    from qualcode.evaluation import GoldCodings, check_gold_against

    assert isinstance(gold, GoldCodings)
    wanted = list(documents) if documents is not None else gold.documents
    absent = sorted(set(wanted) - set(gold.documents))
    if absent:
        raise ModelError(problem("E305", detail=f"no gold codings for {', '.join(absent)}"))
    selected = gold.select(wanted)
    chosen = _select(corpus, wanted)
    check_gold_against(selected, Corpus(chosen, corpus.path))
    labels = selected.codes_frame()[LABEL_COLUMNS]
    units = selected.units_frame()[["document", "start", "end"]]
    return TrainingData(
        chosen, labels, units, description or f"gold {gold.path} ({len(chosen)} documents)"
    )


def training_data_from_qdpx(
    path: str | Path,
    *,
    codebook: Codebook | None = None,
    users: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
) -> TrainingData:
    """Training data from the codings in a REFI-QDA project.

    Every sentence of a document with codings is an example; a selection labels the sentences
    it covers (see :mod:`qualcode.coding.train`).

    Parameters
    ----------
    codebook : Codebook, optional
        Map the project's codes to this codebook's ids (by GUID, as exported by qualcode);
        default: the project's own codebook.
    users : sequence of str, optional
        Only these coders' codings (default: all users).
    documents : sequence of str, optional
        Only these documents (default: every document with codings).
    """
    from qualcode.interop import read_qdpx
    from qualcode.interop.tables import project_codings, project_documents

    project = read_qdpx(path, reference=codebook)
    all_documents = project_documents(project)
    codings = project_codings(project, all_documents)
    if users is not None:
        unknown = sorted(set(users) - set(codings["coder"]))
        if unknown:
            raise ModelError(
                problem("E305", detail=f"no codings by {', '.join(unknown)} in {path}")
            )
        codings = codings[codings["coder"].isin(users)]
    coded = sorted(set(codings["document"]))
    chosen = _select(all_documents, documents if documents is not None else coded)
    labels = codings[codings["document"].isin({d.id for d in chosen})]
    labels = pd.DataFrame(labels[LABEL_COLUMNS].drop_duplicates()).reset_index(drop=True)
    who = ", ".join(users) if users else "all users"
    return TrainingData(chosen, labels, None, f"{Path(path).name} ({who}; {len(chosen)} documents)")


def training_data_from_wide(
    path: str | Path,
    codebook: Codebook,
    *,
    documents: Sequence[str] | None = None,
    language: str | None = None,
    sheet: str | int | None = None,
    id_column: str | None = None,
    text_column: str | None = None,
) -> TrainingData:
    """Training data from a wide CSV or Excel sheet of coded answers.

    The sheet is the one :func:`qualcode.agreement` reads: one row per answer, a unit id
    column, a text column and code columns ``Code 1`` … ``Code N``. Each answer becomes a
    document of one respondent turn, and its codes label every sentence of it; an answer
    without codes is a negative example. A code is written as the codebook's id
    (``housing.search``, or ``housing->search``) or as its English or Dutch label (any case).

    Parameters
    ----------
    path : str or Path
    codebook : Codebook
    documents : sequence of str, optional
        Only these unit ids (e.g. a split).
    language : str, optional
        Language of every answer; default: detected per answer, or for the whole sheet when an
        answer is too short to tell.
    sheet, id_column, text_column : optional
        As for the agreement loader: the Excel sheet and the columns (default: detected).

    Raises
    ------
    ModelError
        ``E305`` for codes that name no code of the codebook, named documents that are not in
        the sheet, or a sheet without answer text.

    Examples
    --------
    >>> import pathlib, tempfile, qualcode
    >>> sheet = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
    >>> _ = sheet.write_text(
    ...     "id,Why did you stay?,Code 1\\n"
    ...     "r1,Finding a flat took us a year.,housing.search\\n"
    ...     "r2,The job was great.,Career opportunities and career steps\\n"
    ... )
    >>> book = qualcode.load_codebook("codebooks/kennismigratie.yaml")
    >>> data = training_data_from_wide(sheet, book)
    >>> data.labels[["document", "code"]].values.tolist()
    [['r1', 'housing.search'], ['r2', 'professional.career']]
    """
    from qualcode.agreement.loaders import LoadOptions
    from qualcode.agreement.loaders.wide import load_wide
    from qualcode.corpus.document import build_document
    from qualcode.corpus.options import ReadOptions
    from qualcode.errors import AgreementError
    from qualcode.nlp.language import detect_language

    path = Path(path)
    options = LoadOptions(sheet=sheet, id_column=id_column, text_column=text_column)
    try:
        table = load_wide(path, options)
    except AgreementError as exc:
        raise ModelError(exc.problems, path=exc.path) from exc
    frame = table.frame[table.frame["text"].notna()]
    if frame.empty:
        raise ModelError(problem("E305", detail="no answer text in the sheet"), path=path)
    ids = _code_ids(codebook, frame["code"].dropna(), path)
    texts = dict(zip(frame["unit"], frame["text"], strict=False))
    sheet_language = language or detect_language("\n".join(texts.values()))
    read = ReadOptions(speakers="optional")
    built = [
        build_document(
            unit,
            text,
            [],
            options=read,
            source=path,
            format=path.suffix.lower().lstrip("."),
            language=language or detect_language(text) or sheet_language,
        )
        for unit, text in texts.items()
    ]
    chosen = _select(built, documents)
    wanted = {d.id for d in chosen}
    coded = frame[frame["code"].notna() & frame["unit"].isin(wanted)]
    labels = pd.DataFrame(
        {
            "document": coded["unit"].to_numpy(),
            "start": 0,
            "end": [len(texts[unit]) for unit in coded["unit"]],
            "code": [ids[code] for code in coded["code"]],
            "valence": None,
            "stage": None,
        },
        columns=LABEL_COLUMNS,
    )
    labels = labels.drop_duplicates().reset_index(drop=True)
    return TrainingData(chosen, labels, None, f"{path.name} ({len(chosen)} answers)")


def _code_ids(codebook: Codebook, written: Iterable[str], path: Path) -> dict[str, str]:
    """Codebook id of each code as a sheet writes it (id, ``a->b`` path or label)."""
    from qualcode.agreement.loaders.wide import SEPARATOR

    by_label: dict[str, str] = {}
    for code in codebook:
        for label in (code.label, code.label_nl):
            if label:
                by_label.setdefault(label.casefold(), code.id)
    ids: dict[str, str] = {}
    unknown: list[str] = []
    grouping: list[str] = []
    for text in dict.fromkeys(written):
        candidate = text.strip().replace(SEPARATOR, ".")
        found = candidate if candidate in codebook else by_label.get(text.strip().casefold())
        if found is None:
            unknown.append(text)
        elif not codebook[found].codable:
            grouping.append(text)
        else:
            ids[text] = found
    details = []
    for what, codes, hint in (
        ("not in codebook", unknown, "write them as code ids (housing.search) or labels"),
        ("only group codes in codebook", grouping, "use one of their codable children"),
    ):
        if codes:
            shown = ", ".join(repr(c) for c in codes[:10])
            more = f" and {len(codes) - 10} more" if len(codes) > 10 else ""
            details.append(f"codes {what} {codebook.name!r}: {shown}{more}; {hint}")
    if details:
        raise ModelError([problem("E305", detail=d) for d in details], path=path)
    return ids
