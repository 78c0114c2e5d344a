"""Write tiny transcripts in every format the readers take (used by tests and properties)."""

from __future__ import annotations

import csv
import html
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl

Turns = Sequence[tuple[str, str]]  # (speaker, text)


def _clock(seconds: float, comma: bool = False) -> str:
    ms = round(seconds * 1000)
    text = f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    return text.replace(".", ",") if comma else text


def write_text(path: Path, turns: Turns, *, preamble: str = "") -> Path:
    lines = [preamble, ""] if preamble else []
    lines += [f"{speaker}: {text}" for speaker, text in turns]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_markdown(path: Path, turns: Turns, *, title: str = "Interview") -> Path:
    lines = [f"# {title}", ""] + [f"**{speaker}:** {text}\n" for speaker, text in turns]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_docx(path: Path, turns: Turns, *, table: bool = False, preamble: str = "") -> Path:
    document = docx.Document()
    if preamble:
        document.add_paragraph(preamble)
    if table:
        grid = document.add_table(rows=len(turns) + 1, cols=2)
        grid.rows[0].cells[0].text, grid.rows[0].cells[1].text = "Speaker", "Text"
        for row, (speaker, text) in zip(grid.rows[1:], turns, strict=True):
            row.cells[0].text, row.cells[1].text = speaker, text
    else:
        for speaker, text in turns:
            document.add_paragraph(f"{speaker}: {text}")
    document.save(str(path))
    return path


def write_vtt(
    path: Path, cues: Turns, *, style: str = "teams", step: float = 2.5, header: str = ""
) -> Path:
    """Cues as Teams (``<v Name>``) or Zoom (``Name: text``) write them; '' speaker: no voice."""
    blocks = [f"WEBVTT{header}", ""]
    for i, (speaker, text) in enumerate(cues):
        escaped = html.escape(text, quote=False)
        if not speaker:
            body = escaped
        elif style == "teams":
            body = f"<v {speaker}>{escaped}</v>"
        else:
            body = f"{speaker}: {escaped}"
        blocks += [str(i + 1), f"{_clock(i * step)} --> {_clock((i + 1) * step)}", body, ""]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def write_srt(path: Path, cues: Turns, *, step: float = 2.5) -> Path:
    blocks = []
    for i, (speaker, text) in enumerate(cues):
        body = f"{speaker}: {text}" if speaker else text
        blocks += [
            str(i + 1),
            f"{_clock(i * step, True)} --> {_clock((i + 1) * step, True)}",
            body,
            "",
        ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def write_qdpx(path: Path, turns: Turns, *, line_end: str = "\n") -> Path:
    """A REFI-QDA project whose one text source (``sources/<guid>.txt``) is the transcript, with
    speaker labels and ``line_end`` line ends (Windows tools store ``\\r\\n``)."""
    guid = "0a000000-0000-4000-8000-000000000001"
    text = "".join(f"{speaker}: {said}{line_end}" for speaker, said in turns)
    project = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="transcript" origin="qualcode tests">'
        f'<Sources><TextSource guid="{guid}" name="{html.escape(path.stem)}" '
        f'plainTextPath="internal://{guid}.txt"/></Sources></Project>\n'
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project.encode("utf-8"))
        archive.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
    return path


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """Copy the zip ``source`` to ``target`` with some entries replaced or added."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            if info.filename not in replace:
                copy.writestr(info, original.read(info))
        for name, data in replace.items():
            copy.writestr(name, data)
    return target
