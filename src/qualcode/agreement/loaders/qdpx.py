"""REFI-QDA ``.qdpx`` projects as codings: each user is a coder, each sentence a unit.

Users are told apart by GUID: two users with the same name are two coders (the second named
``Name (2)``, with a note).

Users of a QDA tool select free spans, so two users' selections rarely coincide exactly. The
project's documents are therefore split into sentences and each user's selections code the
sentences they cover (at least half of a sentence, :func:`qualcode.interop.gold.gold_records`),
every sentence a unit for every user — coded with nothing where a user selected nothing — so
users are compared user against user on the same units. Documents no user coded are left out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qualcode.agreement.loaders import CodingsLoader, LoadOptions, register_codings_loader
from qualcode.agreement.loaders.gold_jsonl import gold_records_table
from qualcode.agreement.table import CodingsTable
from qualcode.errors import AgreementError, InteropError, problem

__all__ = ["load_qdpx"]


def load_qdpx(path: Path, options: LoadOptions) -> CodingsTable:
    """Load every user's codings of a ``.qdpx`` project at sentence level.

    Raises
    ------
    AgreementError
        ``E601`` when the project cannot be read or holds no codings.
    """
    from qualcode.interop import read_qdpx
    from qualcode.interop.gold import gold_records
    from qualcode.interop.tables import project_documents

    try:
        project = read_qdpx(path)
        documents = project_documents(project)
        users = sorted({coding.coder for coding in project.codings})
        if not users:
            raise AgreementError(problem("E601", detail="the project has no codings"), path=path)
        coded = {coding.document for coding in project.codings}
        chosen = [d for d in documents if d.id in coded]
        records: list[tuple[str, int, dict]] = []
        for user in users:
            for record in gold_records(project, coder=user, documents=chosen):
                records.append((path.name, len(records) + 1, {**record, "coder": user}))
    except InteropError as error:
        raise AgreementError(error.problems, path=error.path or path) from error
    if len(users) == 1 and options.coder is None:
        options = replace(options, coder=users[0])
    table = gold_records_table(records, [], path, options)
    # users who share a name were given numbers ('Ana (2)'): say so beside the agreement
    notes = project.warnings
    renamed = tuple(f"{path.name}: {note}" for note in notes if note.startswith("Users:"))
    return replace(table, warnings=(*table.warnings, *renamed))


register_codings_loader(
    CodingsLoader(
        "qdpx",
        claims=lambda p: p.is_file() and p.suffix.lower() == ".qdpx",
        load=load_qdpx,
        description="a REFI-QDA project (.qdpx); each user is a coder, sentences are units",
    )
)
