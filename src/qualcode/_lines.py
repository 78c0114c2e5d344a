"""The line of a CSV file each record starts on, for messages that name a bad row.

A record is not always on line ``row + 2``: a text field may hold line breaks, so one record
spans several lines, and blank lines are skipped by the readers. Tables are read fast with pandas,
which does not say where a record started; the lines are found with one pass of ``csv.reader``,
and only when a message needs them.
"""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["RecordLines"]


class RecordLines:
    """Line numbers of the data records of a CSV file (its header on line 1), found on first use.

    Parameters
    ----------
    path : str or Path
    encoding : str, default "utf-8-sig"

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text('id,text\\n1,"two\\nlines"\\n\\n2,one line\\n', encoding="utf-8")
    >>> lines = RecordLines(path)
    >>> lines(0), lines(1)
    (2, 5)
    """

    def __init__(self, path: str | Path, *, encoding: str = "utf-8-sig") -> None:
        self.path = Path(path)
        self.encoding = encoding
        self._starts: list[int] | None = None

    def __call__(self, record: int) -> int:
        """The line record ``record`` (0-based, after the header) starts on."""
        if self._starts is None:
            self._starts = self._read()
        if 0 <= record < len(self._starts):
            return self._starts[record]
        return record + 2  # the file changed since it was read: the best guess

    def all(self, records: int) -> list[int]:
        """The lines of the first ``records`` records; cheap when every record is one line.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = path.write_text('id,text\\n1,"two\\nlines"\\n2,one line\\n', encoding="utf-8")
        >>> RecordLines(path).all(2)
        [2, 4]
        """
        if self._starts is None:
            try:
                data = self.path.read_bytes()
            except OSError:
                data = b""
            physical = data.count(b"\n") + (not data.endswith(b"\n"))
            if physical == records + 1 and b"\r" not in data.replace(b"\r\n", b""):
                return list(range(2, records + 2))  # no line breaks inside a record, no blanks
        return [self(record) for record in range(records)]

    def _read(self) -> list[int]:
        starts: list[int] = []
        try:
            with self.path.open(encoding=self.encoding, newline="") as handle:
                reader = csv.reader(handle)
                start = 1
                for cells in reader:
                    if cells:  # blank lines are no records (pandas skips them too)
                        starts.append(start)
                    start = reader.line_num + 1
        except (OSError, UnicodeDecodeError, csv.Error):
            pass  # the records before the one csv cannot read keep their lines
        return starts[1:]  # without the header
