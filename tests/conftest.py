"""Shared fixtures: tiny codebooks and corpora built in tmp_path."""

from __future__ import annotations

import errno
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.codebook import Codebook, load_codebook

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    """``../shared`` beside the checkout (also from a git worktree under ``/work/wt/``)."""
    for candidate in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared"


SHARED = _find_shared()

TINY_CODEBOOK = """\
name: tiny
languages: [en, nl]
facets:
  valence:
    values: [driver, barrier]
    cues:
      en:
        barrier: ["problem|issue|nightmare", "hard|difficult|impossible|expensive"]
        driver: ["easy|great|attractive", "reason to stay"]
      nl:
        barrier: ["probleem|drama", "lastig|moeilijk|duur"]
        driver: ["makkelijk|fijn"]
    on_negation: {driver: barrier, barrier: null}
  stage:
    values: [choose_eu, choose_nl, stay, leave]
    cues:
      en:
        stay: ["stay", "settle"]
        leave: ["leave", "move|go back"]
      nl:
        stay: [blijven]
        leave: [vertrekken, teruggaan]
    on_negation: {stay: leave, leave: stay}
codes:
  - id: housing
    label: Housing
    codable: false
  - id: housing.search
    label: Finding housing
    label_nl: Woning vinden
    parent: housing
    definition: Barriers in finding housing.
    patterns:
      en: ["housing", "find ... flat|apartment|room", "rent", "landlord"]
      nl: ["woningmarkt", "*woning", "huur"]
    exclude_patterns:
      en: ["house party"]
  - id: policy
    label: Policy
    codable: false
  - id: policy.thirty_percent
    label: 30% ruling
    parent: policy
    patterns:
      en: ["30 % rule", "tax break"]
      nl: ["30%-regeling", "30 % regeling"]
  - id: cultural
    label: Cultural-societal
    codable: false
  - id: cultural.safety
    label: Safety
    parent: cultural
    patterns:
      en: ["safe|safety|unsafe"]
      nl: ["veilig|veiligheid|onveilig"]
"""


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a text file under tmp_path (dedented) and return its path."""

    def _write(name: str, text: str | bytes, *, dedent: bool = True) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Path]:
    """Make an existing file unreadable: reading its bytes fails with "Permission denied".

    ``chmod 000`` does that for a normal user; root reads such a file anyway, so there the
    operating system's refusal is simulated for this one path.
    """
    original = Path.read_bytes
    refused: set[Path] = set()

    def read_bytes(path: Path) -> bytes:
        if path.resolve() in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return original(path)

    def make(path: Path) -> Path:
        path.chmod(0)
        if os.access(path, os.R_OK):
            refused.add(path.resolve())
            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        return path

    return make


@pytest.fixture
def tiny_codebook_path(write: Callable[..., Path]) -> Path:
    return write("codebook.yaml", TINY_CODEBOOK, dedent=False)


@pytest.fixture
def tiny_codebook(tiny_codebook_path: Path) -> Codebook:
    return load_codebook(tiny_codebook_path)


EN_INTERVIEW = """\
Interview 1, Utrecht

Interviewer: Did housing play a role when you moved here?
Ana: Finding a flat was a nightmare, honestly.
We looked for months.

Interviewer: And the 30% ruling?
Ana: The 30% ruling played no role at all for us.
I feel very safe here, that is why we stay.
Interviewer: Anything else?
Ana: If the tax break disappeared, we would leave.
"""

NL_INTERVIEW = """\
Interviewer: Was huisvesting een probleem?
Bram: De woningmarkt is echt drama, we vonden maanden geen huurwoning.
Interviewer: En veiligheid?
Bram: Ik voel me hier veilig.
Bram: De 30%-regeling speelde geen rol.
"""


@pytest.fixture
def tiny_corpus_dir(write: Callable[..., Path]) -> Path:
    write("corpus/ana.txt", EN_INTERVIEW)
    write("corpus/bram.txt", NL_INTERVIEW)
    write(
        "corpus/attributes.csv", "document,country,route\nana,Brazil,start-up\nbram,Chile,partner\n"
    )
    return write("corpus/ana.txt", EN_INTERVIEW).parent
