"""Text normalisation in one place: decoding bytes and normalising line ends and code points.

Every reader calls :func:`decode` (for byte sources) and :func:`normalise_text`; every offset in
qualcode refers to the text these return.
"""

from __future__ import annotations

import codecs
import unicodedata

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


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and return ``(text, encoding)``.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
    Windows-1252 (the usual legacy encoding of English and Dutch text) when it decodes without
    undefined bytes or control characters; then charset-normalizer's best guess (UTF-16 without
    BOM, other code pages). Short texts are ambiguous between code pages, and qualcode's
    languages are written in Windows-1252, so it goes first.

    Raises
    ------
    DecodeError
        For binary content or text in no recognisable encoding.

    Examples
    --------
    >>> decode("Café".encode("cp1252"))[0]
    'Café'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {encoding} after its byte-order mark: {exc.reason}"
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
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


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample or _control_share(sample.decode("latin-1")) > 0.05


def _control_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(sample)
