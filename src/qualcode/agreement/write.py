"""Write the agreement tables: all files appear together or none do."""

from __future__ import annotations

from pathlib import Path

from qualcode._io import StagedOutput
from qualcode.agreement.compute import AgreementResult

__all__ = ["AGREEMENT_FILES", "write_agreement"]

#: What :func:`write_agreement` writes.
AGREEMENT_FILES = ("agreement_by_code.csv", "agreement_pairwise.csv", "disagreements.csv")


def write_agreement(result: AgreementResult, out: str | Path) -> list[Path]:
    """Write ``agreement_by_code.csv``, ``agreement_pairwise.csv`` and ``disagreements.csv``.

    The files are staged and moved into ``out`` together, so a failure leaves earlier outputs
    untouched.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qualcode.agreement import agreement
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text("id,text,Code 1\\nr1,x,p\\nr2,y,q\\n")
    >>> _ = (d / "b.csv").write_text("id,text,Code 1\\nr1,x,p\\nr2,y,p\\n")
    >>> [p.name for p in write_agreement(agreement([d / "a.csv", d / "b.csv"]), d / "out")]
    ['agreement_by_code.csv', 'agreement_pairwise.csv', 'disagreements.csv']
    """
    with StagedOutput(out, kind="agreement") as staged:
        result.by_code.to_csv(staged.path(AGREEMENT_FILES[0]), index=False)
        result.pairwise.to_csv(staged.path(AGREEMENT_FILES[1]), index=False)
        result.disagreements.to_csv(staged.path(AGREEMENT_FILES[2]), index=False)
    return staged.written
