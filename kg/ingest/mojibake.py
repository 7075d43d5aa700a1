"""Repair of UTF-8 text that was once decoded as Mac Roman ("Categor√≠a" for "Categoría").

Why our own code: ftfy 6.3 (measured on the seed notes) leaves `√°`, `√∫`, `¬ø`, the `üìå`
emoji and narrow no-break spaces unfixed and turns `‚Üí`/`‚úÖ` into `'Üí`/`'úÖ`; re-encoding
whole lines as Mac Roman corrupts clean text such as `Dijo —él.`. What works is local: find a run
of characters whose Mac Roman bytes form one UTF-8 sequence (a lead byte and its continuation
bytes), decode it strictly, and keep the result only when it is a plausible character (a Latin
letter, punctuation, a symbol or emoji). Anything else stays as it was.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["repair_mac_roman"]

# Mac Roman maps every byte 0x80-0xFF to one character; invert that for the high half.
_BYTE_OF: dict[str, int] = {bytes([b]).decode("mac_roman"): b for b in range(0x80, 0x100)}
_LEADS = "".join(re.escape(c) for c, b in _BYTE_OF.items() if 0xC2 <= b <= 0xF4)
_CONTS = "".join(re.escape(c) for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF)
_RUN = re.compile(f"[{_LEADS}][{_CONTS}]{{1,3}}")

# Characters that may follow an emoji and are neither letters nor symbols.
_EMOJI_COMPANIONS = {"\ufe0f", "\ufe0e", "\u200d", "\u20e3"}


def _plausible(char: str) -> bool:
    """True for what real notes contain: Latin letters, punctuation, symbols, emoji, spaces."""
    if char in _EMOJI_COMPANIONS:
        return True
    category = unicodedata.category(char)
    if category[0] in "PS" or category == "Zs":
        return True
    if category[0] == "L":
        return "LATIN" in unicodedata.name(char, "")
    return False


def _sequence_length(lead: int) -> int:
    if lead >= 0xF0:
        return 4
    if lead >= 0xE0:
        return 3
    return 2


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    raw = bytes(_BYTE_OF[c] for c in run)
    size = _sequence_length(raw[0])
    if len(raw) < size:
        return run
    try:
        decoded = raw[:size].decode("utf-8")
    except UnicodeDecodeError:
        return run
    if not _plausible(decoded):
        return run
    return decoded + run[size:]


def repair_mac_roman(text: str) -> str:
    """Undo Mac Roman mojibake of UTF-8 text; clean text comes back unchanged.

    Applied until nothing changes, so the result is a fixed point: repairing twice is the same
    as repairing once. Each pass only shortens the text, so the loop ends.
    """
    while True:
        fixed = _RUN.sub(_fix_run, text)
        if fixed == text:
            return fixed
        text = fixed
