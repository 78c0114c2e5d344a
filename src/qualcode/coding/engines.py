"""Running a coder over many documents: in this process, in several processes, or on Dask.

Every engine yields one :class:`CodedRows` per document, **in input order**, so the output of
``--jobs 4`` or ``--engine dask`` is identical to the output of one process. Documents are
consumed through a bounded window (a few batches per worker in flight), so neither the input nor
the results pile up in memory: a corpus of any size streams through.

* ``local`` with ``jobs=1``: code in this process.
* ``local`` with ``jobs=N``: N worker processes (``concurrent.futures``, fork where available);
  each gets the coder once, when it starts.
* ``dask``: batches of documents as a Dask bag, on the local multiprocessing scheduler or, with
  ``scheduler="tcp://host:8786"``, on an existing ``dask.distributed`` cluster (the coder is
  sent to the workers once; the workers need qualcode installed).

Warnings raised while a worker codes a document travel back with its rows and are raised again
in this process as that document's rows are yielded, so they reach the caller (and the CLI's
``warning:`` lines) with every engine, as with one process.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import multiprocessing
import os
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from qualcode.coding.coder import Coder
from qualcode.errors import CodingError, problem
from qualcode.records import Document
from qualcode.tables import document_row

__all__ = ["ENGINES", "CodedRows", "code_rows", "run_coder"]

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class CodedRows:
    """The rows one coded document adds to the documents, segments and codings tables."""

    document: dict[str, object]
    segments: list[dict[str, object]]
    codings: list[dict[str, object]]
    #: Warnings raised while a worker process coded the document (raised again by run_coder).
    caught: tuple[Warning, ...] = ()


def code_rows(coder: Coder, document: Document) -> CodedRows:
    """Code one document and return its table rows."""
    coded = coder.code_document(document)
    return CodedRows(
        document_row(document, coder.roles),
        coded.segment_rows(),
        coded.coding_rows(coder.codebook),
    )


def _code_rows_caught(coder: Coder, document: Document) -> CodedRows:
    """:func:`code_rows` in a worker: its warnings are kept with the rows, since the worker's
    own would be printed raw (spawn, Dask) or lost (fork, inside the caller's catch)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = code_rows(coder, document)
    messages = tuple(
        w.message if isinstance(w.message, Warning) else w.category(w.message) for w in caught
    )
    return dataclasses.replace(rows, caught=messages)


def _rewarned(rows: Iterable[CodedRows]) -> Iterator[CodedRows]:
    """Yield ``rows``, raising the warnings a worker caught for each in this process."""
    for row in rows:
        for message in row.caught:
            warnings.warn(message, stacklevel=2)
        yield row


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def run_coder(
    coder: Coder,
    documents: Iterable[Document],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 8,
) -> Iterator[CodedRows]:
    """Code ``documents`` with ``coder`` and yield their rows in input order.

    Parameters
    ----------
    coder : Coder
    documents : iterable of Document
        Read lazily (e.g. a :class:`~qualcode.corpus.read.CorpusStream`).
    jobs : int
        Worker processes (``local``) or partitions in flight per wave (``dask``).
    engine : {"local", "dask"}
    scheduler : str, optional
        With ``engine="dask"``: address of a ``dask.distributed`` scheduler.
    batch_size : int
        Documents per task.

    Raises
    ------
    CodingError
        ``E205`` for an unknown engine, ``jobs < 1``, a scheduler without the Dask engine, or
        Dask not installed / the scheduler not reachable.

    Examples
    --------
    >>> from qualcode import load_codebook, read_corpus
    >>> documents = read_corpus("corpora/sample")
    >>> codebook = load_codebook("codebooks/kennismigratie.yaml")
    >>> rows = list(run_coder(Coder(codebook, mode="rules"), documents, jobs=2))
    >>> [row.document["document"] for row in rows][:2]
    ['sample-01', 'sample-02']
    """
    if engine not in ENGINES:
        raise CodingError(
            problem("E205", detail=f"unknown engine {engine!r}; use {', '.join(ENGINES)}")
        )
    if jobs < 1:
        raise CodingError(problem("E205", detail=f"--jobs must be at least 1, not {jobs}"))
    if scheduler is not None and engine != "dask":
        raise CodingError(problem("E205", detail="--scheduler needs --engine dask"))
    if engine == "dask":
        yield from _rewarned(_run_dask(coder, documents, jobs, scheduler, batch_size))
    elif jobs == 1:
        for document in documents:
            yield code_rows(coder, document)
    else:
        yield from _rewarned(_run_processes(coder, documents, jobs, batch_size))


# -- worker processes -------------------------------------------------------------------------

_WORKER_CODER: Coder | None = None


def _start_worker(coder: Coder) -> None:
    global _WORKER_CODER
    _WORKER_CODER = coder


def _code_batch_in_worker(batch: list[Document]) -> list[CodedRows]:
    assert _WORKER_CODER is not None, "worker started without a coder"
    return [_code_rows_caught(_WORKER_CODER, document) for document in batch]


def _context() -> Any:
    # fork shares the loaded pipelines and model with the workers at no cost; elsewhere spawn
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if "fork" in methods and os.name == "posix" else "spawn"
    )


def _run_processes(
    coder: Coder, documents: Iterable[Document], jobs: int, batch_size: int
) -> Iterator[CodedRows]:
    window: collections.deque[Future[list[CodedRows]]] = collections.deque()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_start_worker, initargs=(coder,)
    ) as pool:
        for batch in _batches(documents, batch_size):
            window.append(pool.submit(_code_batch_in_worker, batch))
            if len(window) >= 2 * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


# -- Dask -----------------------------------------------------------------------------------


def _code_batch(coder: Coder, batch: list[Document]) -> list[CodedRows]:
    return [_code_rows_caught(coder, document) for document in batch]


def _run_dask(
    coder: Coder,
    documents: Iterable[Document],
    jobs: int,
    scheduler: str | None,
    batch_size: int,
) -> Iterator[CodedRows]:
    try:
        import dask.bag as bag
    except ImportError as exc:  # pragma: no cover - dask is a dependency of the dev extra
        raise CodingError(
            problem("E205", detail="the Dask engine needs dask: pip install 'qualcode[dask]'")
        ) from exc
    client = None
    if scheduler is not None:
        try:
            from distributed import Client

            client = Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError, ImportError) as exc:
            raise CodingError(
                problem("E205", detail=f"cannot reach the Dask scheduler at {scheduler}: {exc}")
            ) from exc
    # The coder travels once: scattered to every worker of a cluster, or given to each local
    # process when it starts (one pool for the whole run, not one per wave).
    pool = None
    try:
        if client is not None:
            shared = client.scatter(coder, broadcast=True)
        else:
            pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=_context(), initializer=_start_worker,
                initargs=(coder,),
            )  # fmt: skip
        wave = max(2, 2 * jobs)
        batches = _batches(documents, batch_size)
        while chunk := list(itertools.islice(batches, wave)):
            partitions = bag.from_sequence(chunk, npartitions=len(chunk))
            if client is not None:
                mapped = partitions.map(lambda batch, c: _code_batch(c, batch), shared)
                results = client.compute(mapped).result()
            else:
                mapped = partitions.map(_code_batch_in_worker)
                results = mapped.compute(scheduler="processes", pool=pool)
            for batch_rows in results:
                yield from batch_rows
    finally:
        if client is not None:
            client.close()
        if pool is not None:
            pool.shutdown()
