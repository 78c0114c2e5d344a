"""Import a ``.qdpx`` into a qualcode project directory, and read codings tables back.

``import_qdpx`` writes everything qualcode's other commands read::

    OUT/transcripts/<document>.txt      normalised text of each source with text
    OUT/transcripts/attributes.csv      case variables (when there are any)
    OUT/codebook.yaml                   the code tree as a qualcode codebook (if it has codes)
    OUT/codings/<coder>.csv             the codings table of each user
    OUT/gold/<coder>.jsonl              sentence-level gold codings of each user (optional)

All files are staged and published together: a failure leaves ``OUT`` as it was.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from qualcode._io import StagedOutput, check_output_dir
from qualcode.codebook.load import dump_codebook
from qualcode.codebook.schema import Codebook
from qualcode.corpus.options import ReadOptions
from qualcode.errors import InteropError, problem
from qualcode.interop.gold import gold_records, write_gold
from qualcode.interop.model import QdaProject
from qualcode.interop.project_read import BadSelections, read_qdpx
from qualcode.interop.tables import project_codings, project_documents

__all__ = ["QdpxImport", "coder_file_name", "import_qdpx", "read_codings"]


@dataclass(frozen=True)
class QdpxImport:
    """What :func:`import_qdpx` read and wrote.

    Attributes
    ----------
    project : QdaProject
    codings : pandas.DataFrame
        The codings table of every user (:data:`qualcode.tables.CODING_COLUMNS`).
    directory : Path
    written : tuple of Path
        Every file written, sorted.
    """

    project: QdaProject
    codings: pd.DataFrame
    directory: Path
    written: tuple[Path, ...]


def coder_file_name(coder: str) -> str:
    """A file name stem for a coder's name (``qualcode:rules`` -> ``qualcode_rules``).

    Examples
    --------
    >>> coder_file_name("qualcode:rules"), coder_file_name("Ana María")
    ('qualcode_rules', 'Ana_María')
    """
    return re.sub(r"[^\w.-]+", "_", coder).strip("._") or "coder"


def import_qdpx(
    path: str | Path,
    out: str | Path,
    *,
    reference: Codebook | None = None,
    bad_selections: BadSelections = "error",
    gold: bool = True,
    min_overlap: float = 0.5,
    language: str | None = None,
) -> QdpxImport:
    """Read a ``.qdpx`` and write its texts, attributes, codebook and codings under ``out``.

    Parameters
    ----------
    path : str or Path
    out : str or Path
        Output directory (created; files of an earlier import there are replaced, or removed
        when this import does not write them).
    reference : Codebook, optional
        Reuse its code ids where GUIDs match (see :func:`qualcode.interop.read_qdc`).
    bad_selections : {"error", "skip", "clip"}
        See :func:`qualcode.interop.read_qdpx`.
    gold : bool
        Also write sentence-level gold codings per user (see
        :func:`qualcode.interop.gold_records`).
    min_overlap : float
        For the gold codings: share of a sentence a code's selections must cover.
    language : {"en", "nl"}, optional
        Treat every source as this language instead of detecting it (a project in another
        language is otherwise refused with ``E201``).

    Raises
    ------
    InteropError
        As :func:`~qualcode.interop.read_qdpx`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.interop import write_qdpx
    >>> from qualcode.interop.examples import example_project
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_qdpx(folder / "demo.qdpx", *example_project())
    >>> result = import_qdpx(path, folder / "imported")
    >>> for written in result.written:
    ...     print(written.relative_to(folder / "imported").as_posix())
    codebook.yaml
    codings/ana.csv
    codings/qualcode_rules.csv
    gold/ana.jsonl
    gold/qualcode_rules.jsonl
    transcripts/attributes.csv
    transcripts/km-01.txt
    """
    check_output_dir(out)
    project = read_qdpx(path, reference=reference, bad_selections=bad_selections)
    documents = project_documents(project, options=ReadOptions(language=language))
    table = project_codings(project, documents)
    files: dict[str, str] = {}
    for coder in project.coders:
        stem, counter = coder_file_name(coder), 2
        while stem.casefold() in {f.casefold() for f in files.values()}:
            stem, counter = f"{coder_file_name(coder)}-{counter}", counter + 1
        files[coder] = stem
    with StagedOutput(out, kind="import-qdpx") as staged:
        for document in documents:
            staged.path(f"transcripts/{document.id}.txt").write_text(
                document.text, encoding="utf-8", newline="\n"
            )
        names = sorted({name for document in documents for name in document.attributes})
        if names:
            with staged.open("transcripts/attributes.csv") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(["document", *names])
                for document in documents:
                    writer.writerow([document.id, *(document.attributes.get(n, "") for n in names)])
        if project.codebook is not None:  # a project may hold texts only
            dump_codebook(project.codebook, staged.path("codebook.yaml"))
        for coder, stem in files.items():
            table[table["coder"] == coder].to_csv(
                staged.path(f"codings/{stem}.csv"), index=False, lineterminator="\n"
            )
            if gold:
                records = gold_records(
                    project, coder=coder, documents=documents, min_overlap=min_overlap
                )
                write_gold(records, staged.path(f"gold/{stem}.jsonl"))
    return QdpxImport(project, table, Path(out), tuple(sorted(staged.written)))


def read_codings(path: str | Path) -> pd.DataFrame:
    """Read a codings table from a CSV file or a directory of them.

    Such tables come from ``qualcode code`` (``codings.csv``) or from :func:`import_qdpx`
    (``codings/<coder>.csv``). A directory holding ``codings.csv`` is a ``qualcode code`` output
    and only that file is read (not its ``segments.csv`` or ``frequencies.csv``); otherwise every
    ``*.csv`` in the directory is read and concatenated — of its ``codings/`` folder when it is
    the output of :func:`import_qdpx`. A table without a ``coder`` column is refused, since
    REFI-QDA files every coding under a user.

    Raises
    ------
    InteropError
        ``E707`` for a missing path, an unreadable or empty table, or missing columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "codings.csv"
    >>> _ = p.write_text("document,start,end,code,coder\\n01,0,4,housing,ana\\n")
    >>> read_codings(p).loc[0, "document"]
    '01'
    """
    path = Path(path)
    if not path.exists():
        raise InteropError(problem("E115"), path=path)
    if path.is_dir() and (path / "codings.csv").is_file():
        path = path / "codings.csv"  # the output of qualcode code
    elif path.is_dir() and (path / "codings").is_dir():
        path = path / "codings"  # the output of import_qdpx
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if not files:
        raise InteropError(problem("E707", detail="no .csv files in the directory"), path=path)
    tables = []
    for file in files:
        try:
            table = pd.read_csv(
                file,
                dtype={"document": str, "code": str, "coder": str},
                keep_default_na=False,
                na_values={"start": [""], "end": [""]},
                encoding="utf-8-sig",
            )
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            raise InteropError(
                problem("E707", detail=f"cannot read the table ({' '.join(str(exc).split())})"),
                path=file,
            ) from exc
        missing = [c for c in ("document", "start", "end", "code", "coder") if c not in table]
        if missing:
            raise InteropError(
                problem("E707", detail=f"missing column(s) {', '.join(missing)}"), path=file
            )
        tables.append(table)
    return pd.concat(tables, ignore_index=True)
