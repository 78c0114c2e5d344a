"""Training data from the human codings qualcode reads: gold JSON Lines and REFI-QDA projects.

Each loader returns a :class:`~qualcode.coding.train.TrainingData` — documents plus labelled
spans — so :func:`qualcode.train` is the same whatever the source. Other sources (a survey
export with code columns, say) become training data by building a ``TrainingData`` from their
documents and a labels table directly.

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

__all__ = ["training_data_from_gold", "training_data_from_qdpx"]


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
