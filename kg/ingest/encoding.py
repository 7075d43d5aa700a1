"""Bytes → repaired text: encoding detection, undecodable bytes, and mojibake repair."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ftfy

from kg.errors import BinaryFileError, EmptyDocumentError
from kg.ingest.mojibake import repair_mac_roman

__all__ = ["DecodedText", "decode_bytes", "repair_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of C0 control characters (other than tab, newline, carriage return, form feed) above
# which a file is taken to be binary rather than text.
_CONTROL_RATIO = 0.05
# UTF-16 without a BOM: share of NUL bytes in one byte position (the high byte of Latin-script
# characters) and at most this share in the other (U+0100, U+2000, ... have a NUL low byte).
_UTF16_NUL_SHARE = 0.3
_UTF16_STRAY_NULS = 0.01

# What UTF-8 read as cp1252/latin-1 leaves in the text: Â Ã â ð (lead bytes of Latin-1
# punctuation, Latin-1 letters, general punctuation, emoji) before a continuation byte.
_CONTINUATIONS = "".join(
    {bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}
    | {chr(b) for b in range(0x80, 0xC0)}
)
_CP1252_MOJIBAKE = re.compile(f"[ÂÃâð][{re.escape(_CONTINUATIONS)}]")


@dataclass(frozen=True)
class DecodedText:
    """Text as decoded and repaired, with what was done to it."""

    text: str
    encoding: str
    repaired: bool  # mojibake or undecodable bytes were fixed


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode a byte that is not valid UTF-8 as cp1252 (latin-1 where cp1252 has a hole).

    A file that is mostly UTF-8 with a few stray Windows bytes keeps both parts intact; a
    file that is entirely cp1252 or latin-1 decodes exactly as that encoding would.
    """
    if not isinstance(err, UnicodeDecodeError):  # registered for decoding only
        raise err
    byte = err.object[err.start : err.start + 1]
    try:
        return byte.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), err.start + 1


codecs.register_error("kg-cp1252-fallback", _cp1252_fallback)


def _decode(data: bytes) -> tuple[str, str, bool]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name.replace("-sig", ""), False
    if utf16 := _utf16_without_bom(data):
        return utf16
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="kg-cp1252-fallback")
    mixed = _has_utf8_multibyte(data)
    return text, ("utf-8+cp1252" if mixed else "cp1252"), mixed


def _utf16_without_bom(data: bytes) -> tuple[str, str, bool] | None:
    """UTF-16 text saved without a byte order mark, told by where its NUL bytes fall.

    Latin-script text in UTF-16 has a NUL high byte in most characters: at odd offsets in
    little-endian, at even ones in big-endian, and (almost) never in the other position. UTF-8
    and single-byte text hold no NULs; binary files hold them in both positions.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= _UTF16_NUL_SHARE * half and other <= _UTF16_STRAY_NULS * half:
            try:
                return data.decode(name), name, False
            except UnicodeDecodeError:  # unpaired surrogates: not UTF-16 after all
                return None
    return None


def _has_utf8_multibyte(data: bytes) -> bool:
    """True when `data` holds at least one valid multi-byte UTF-8 sequence."""
    i = 0
    while i < len(data):
        b = data[i]
        size = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if size:
            try:
                data[i : i + size].decode("utf-8")
                return True
            except UnicodeDecodeError:
                pass
        i += 1
    return False


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    return controls > _CONTROL_RATIO * max(len(text), 1)


def repair_text(text: str) -> str:
    """Repair mojibake in already-decoded text; clean text comes back unchanged.

    Mac Roman mojibake first (our own repair, see `mojibake`), then ftfy's encoding fixer for
    the cp1252/latin-1 kind ("CategorÃ­a"), which it handles well. Only `fix_encoding` is used:
    ftfy's other fixes (uncurling quotes, unescaping HTML) would change clean text.

    ftfy sees mojibake in clean text too (measured: `»Ü` → `Ȇ`, `É¡A` → `ɡA`, `Ç“A` → `ǓA`),
    so it only sees lines that hold the unmistakable cp1252 kind (`Ã©`, `â€œ`), and a fix it
    explains as Mac Roman is refused: that kind is already repaired by then.
    """
    lines = repair_mac_roman(text).splitlines(keepends=True)
    return "".join(_fix_cp1252_line(line) for line in lines)


def _fix_cp1252_line(line: str) -> str:
    if not _CP1252_MOJIBAKE.search(line):
        return line
    fixed, steps = ftfy.fix_encoding_and_explain(line)
    if any(param == "macroman" for _, param in steps or ()):
        return line
    return str(fixed)


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> DecodedText:
    """Decode a file's bytes to repaired text.

    Raises:
        EmptyDocumentError: the file holds no text.
        BinaryFileError: the file holds NUL bytes or mostly control characters.
    """
    if not data.strip():
        raise EmptyDocumentError(path, "empty file")
    text, encoding, repaired = _decode(data)
    if _looks_binary(text):
        raise BinaryFileError(path, "binary or undecodable content (not text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed = repair_text(text)
    if not fixed.strip():
        raise EmptyDocumentError(path, "empty file")
    return DecodedText(fixed, encoding, repaired or fixed != text)
