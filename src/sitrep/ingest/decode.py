"""Bytes to text: encoding detection and the checks every input goes through."""

from __future__ import annotations

import codecs
import re

from sitrep.errors import InputError

__all__ = ["decode_bytes", "check_text", "clean_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _mostly_ascii_western(data: bytes) -> str | None:
    """Decode English text with a few Western accents or typographic quotes as Windows-1252.

    Detectors guess poorly on such text (a handful of non-ASCII bytes in an English article reads
    as Baltic or Central European just as well), while cp1252/Latin-1 is what English news sites
    and exports use. Text with many non-ASCII bytes (Arabic, Cyrillic) goes to the detector.
    """
    high = sum(1 for byte in data if byte > 0x7F)
    if high == 0 or high > len(data) // 8:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    odd = [c for c in text if ord(c) > 0x7F and not (c.isalpha() or c in "‘’“”–—…«»°£€§©®·½¼¾±×")]
    return text if not odd else None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an input's bytes, detecting the encoding when it is not UTF-8.

    data (bytes): the raw input.
    name (str): the input's name, for error messages.
    RETURNS (str): the text with newlines normalised to "\\n". UTF-8 (or a BOM) first; English
        text with a few Western accents as Windows-1252; anything else as charset-normalizer says.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty.", code="E101")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                text = None
            break
    if text is None:
        if b"\x00" in data[:65536]:
            raise InputError(f"{name}: binary data (NUL bytes), not a text file.", code="E102")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_ascii_western(data)
        if text is None:
            from charset_normalizer import from_bytes

            best = from_bytes(data[:2_000_000]).best()
            if best is None:
                raise InputError(
                    f"{name}: binary or in an encoding sitrep cannot detect.", code="E102"
                ) from None
            try:
                text = data.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                raise InputError(
                    f"{name}: cannot be decoded (detected {best.encoding}).", code="E102"
                ) from None
    if len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 100):
        raise InputError(f"{name}: binary data (control characters), not text.", code="E102")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Return text without control characters and trailing white space on its lines."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def check_text(text: str, name: str, min_chars: int, max_bytes: int) -> str:
    """Refuse a text that is too short or too long; return it cleaned.

    text (str): the text of one document.
    name (str): the input's name for error messages.
    min_chars (int): fewest non-space characters accepted.
    max_bytes (int): most UTF-8 bytes accepted.
    RETURNS (str): the cleaned text.
    """
    text = clean_text(text)
    if len(text) - text.count(" ") - text.count("\n") < min_chars:
        raise InputError(f"{name}: no text (fewer than {min_chars} characters).", code="E101")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InputError(
            f"{name}: the text is {size:,} bytes, over the limit of {max_bytes:,} "
            "(ingest.max_bytes; raise it with --max-bytes).",
            code="E103",
        )
    return text
