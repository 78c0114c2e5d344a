"""Tiny REFI-QDA files built in tests: a project with a \\r\\n source, a decomposed accent, a
case with variables, two users and nested codes; plus helpers for hostile variants."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# /work/main/tests -> /work/shared; /work/wt/<branch>/tests -> /work/shared
SHARED = next(
    (p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
    REPO.parent / "shared",
)
REAL_QDPX = SHARED / "real-data" / "qdpx"
XSD = SHARED / "refi-qda"

ANA_GUID = "0a000000-0000-4000-8000-000000000001"
BRAM_GUID = "0a000000-0000-4000-8000-000000000002"
USER_ANNE = "0b000000-0000-4000-8000-000000000001"
USER_BOB = "0b000000-0000-4000-8000-000000000002"
CODE_HOUSING = "0c000000-0000-4000-8000-000000000001"
CODE_SEARCH = "0c000000-0000-4000-8000-000000000002"
CODE_CULTURE = "0c000000-0000-4000-8000-000000000003"
VAR_COUNTRY = "0d000000-0000-4000-8000-000000000001"

# Windows line ends and a decomposed accent (e + U+0301): raw and normalised offsets differ.
ANA_RAW = (
    "Interviewer: Why the Netherlands?\r\n"
    "Ana: The cafe\u0301 culture. Finding a flat was hard.\r\n"
    "Interviewer: And now?\r\n"
    "Ana: We stay.\r\n"
)
BRAM_RAW = "I moved for the job. Housing was a nightmare."


def span(raw: str, piece: str) -> tuple[int, int]:
    """Raw positions of ``piece`` in ``raw``."""
    start = raw.index(piece)
    return start, start + len(piece)


def selection(guid: int, start: int, end: int, user: str, *codes: str) -> str:
    codings = "".join(
        f'<Coding guid="0e000000-0000-4000-8000-{guid:06d}{i:06d}" creatingUser="{user}">'
        f'<CodeRef targetGUID="{code}"/></Coding>'
        for i, code in enumerate(codes)
    )
    return (
        f'<PlainTextSelection guid="0f000000-0000-4000-8000-{guid:012d}" name="s{guid}" '
        f'startPosition="{start}" endPosition="{end}">{codings}</PlainTextSelection>'
    )


def default_selections() -> str:
    culture = span(ANA_RAW, "cafe\u0301 culture")
    flat = span(ANA_RAW, "Finding a flat was hard.")
    return (
        selection(1, *culture, USER_ANNE, CODE_CULTURE)
        + selection(2, *flat, USER_ANNE, CODE_SEARCH)
        + selection(3, *flat, USER_BOB, CODE_SEARCH, CODE_CULTURE)
    )


def project_xml(
    *,
    selections: str | None = None,
    ana_attributes: str = 'plainTextPath="internal://ana.txt"',
    extra_sources: str = "",
    prolog: str = '<?xml version="1.0" encoding="utf-8"?>',
) -> str:
    selections = default_selections() if selections is None else selections
    return f"""{prolog}
<Project xmlns="urn:QDA-XML:project:1.0" name="tiny" origin="hand-made">
  <Users>
    <User guid="{USER_ANNE}" name="anne"/>
    <User guid="{USER_BOB}" name="bob" id="B"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{CODE_HOUSING}" name="Housing" isCodable="false" color="#a0c">
      <Description>Where people live.</Description>
      <Code guid="{CODE_SEARCH}" name="Finding housing" isCodable="true"/>
    </Code>
    <Code guid="{CODE_CULTURE}" name="Café culture" isCodable="true"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="{VAR_COUNTRY}" name="country" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="0a100000-0000-4000-8000-000000000001" name="Ana">
      <VariableValue><VariableRef targetGUID="{VAR_COUNTRY}"/><TextValue>Brazil</TextValue>
      </VariableValue>
      <SourceRef targetGUID="{ANA_GUID}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{ANA_GUID}" name="Ana.docx" {ana_attributes}>{selections}</TextSource>
    <TextSource guid="{BRAM_GUID}" name="bram" plainTextPath="bram.txt">
      <Coding guid="0e100000-0000-4000-8000-000000000001" creatingUser="{USER_BOB}">
        <CodeRef targetGUID="{CODE_SEARCH}"/>
      </Coding>
    </TextSource>
    {extra_sources}
  </Sources>
</Project>
"""


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def tiny_qdpx(path: Path, qde: str | None = None, **members: bytes) -> Path:
    """The tiny project (or ``qde``) with Ana's text in sources/ and Bram's qc-style."""
    files = {
        "project.qde": (qde if qde is not None else project_xml()).encode("utf-8"),
        "sources/ana.txt": ANA_RAW.encode("utf-8"),
        "sources/bram.txt": BRAM_RAW.encode("utf-8"),
    }
    files.update({name.replace("__", "/"): data for name, data in members.items()})
    return write_zip(path, files)


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
