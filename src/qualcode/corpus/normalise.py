"""Text normalisation in one place: decoding bytes and normalising line ends and code points.

Every reader calls :func:`decode` (for byte sources) and :func:`normalise_text`; every offset in
qualcode refers to the text these return.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
import warnings
from pathlib import Path

__all__ = ["DecodeError", "decode", "normalise_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """Bytes are not text qualcode can decode. ``binary`` tells junk from an unknown encoding."""

    def __init__(self, reason: str, *, binary: bool = False) -> None:
        super().__init__(reason)
        self.binary = binary


def decode(data: bytes, *, source: str | Path | None = None) -> tuple[str, str]:
    """Decode ``data`` to text and return ``(text, encoding)``.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then UTF-16 without a BOM when every
    other byte is NUL (text in the Latin script); then strict UTF-8; then UTF-8 with a few stray
    Windows-1252 bytes (a line pasted from another program), read as such with a warning naming
    the first one; then Windows-1252 (the usual legacy encoding of English and Dutch text) when
    it decodes without undefined bytes or control characters; then charset-normalizer's best
    guess (other code pages). Short texts are ambiguous between code pages, and qualcode's
    languages are written in Windows-1252, so it goes first.

    Parameters
    ----------
    data : bytes
    source : str or Path, optional
        The file, for the warning about stray bytes.

    Raises
    ------
    DecodeError
        For binary content or text in no recognisable encoding.

    Warns
    -----
    ReaderWarning
        UTF-8 with stray Windows-1252 bytes: where the first one is.

    Examples
    --------
    >>> decode("Café".encode("cp1252"))[0]
    'Café'
    >>> decode("Café".encode("utf-16-le"))
    ('Café', 'utf-16-le')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {encoding} after its byte-order mark: {exc.reason}"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    text: str | None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _utf8_with_stray_bytes(data, exc.start, source)
    if text is not None:
        if "\x00" in text:
            raise DecodeError("contains NUL bytes", binary=True)
        return text, "utf-8"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text and _control_share(text) == 0:
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError(
            "not valid UTF-8 and no other text encoding fits", binary=_looks_binary(data)
        )
    text = str(best)
    if "\x00" in text or _control_share(text) > 0.05:
        raise DecodeError("contains control characters", binary=True)
    return text, best.encoding


def normalise_text(text: str) -> str:
    """Normalise line ends to ``\\n``, drop a leading BOM and compose to Unicode NFC.

    Examples
    --------
    >>> normalise_text("\\ufeffa\\r\\nb\\rc") == "a\\nb\\nc"
    True
    """
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: in Latin-script text every other byte is NUL
    (odd positions in little-endian, even ones in big-endian), which binary data is not."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        encoding = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _control_share(text) > 0:
        return None
    return text, encoding


_STRAY = threading.local()
#: A well-formed UTF-8 multi-byte character; bytes 0x80-0xFF.
_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _STRAY.offsets.append(error.start)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("qualcode-stray-cp1252", _stray_as_cp1252)


def _utf8_with_stray_bytes(data: bytes, first: int, source: str | Path | None) -> str | None:
    """``data`` as UTF-8 with its invalid bytes read as Windows-1252, if it is mostly UTF-8:
    it holds more valid multi-byte characters than invalid bytes. A Windows-1252 file (no
    multi-byte characters, or only by chance) gives ``None``."""
    sequences = _MULTIBYTE.findall(data)
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if len(sequences) <= high - sum(map(len, sequences)):
        return None
    _STRAY.offsets = []
    try:
        text = data.decode("utf-8", errors="qualcode-stray-cp1252")
        stray = len(_STRAY.offsets)
    finally:
        del _STRAY.offsets
    from qualcode.corpus.readers import ReaderWarning  # the readers import this module

    line = data.count(b"\n", 0, first) + 1
    byte = data[first : first + 1].hex()
    warnings.warn(
        f"{source or 'text'}: not valid UTF-8 at byte {first} (line {line}, 0x{byte})"
        f"{f' and {stray - 1} more place(s)' if stray > 1 else ''}; read as UTF-8 with those"
        " bytes as Windows-1252 (check the characters there)",
        ReaderWarning,
        stacklevel=3,
    )
    return text


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample or _control_share(sample.decode("latin-1")) > 0.05


def _control_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(sample)
