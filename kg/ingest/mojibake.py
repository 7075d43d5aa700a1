"""Repair of UTF-8 text that was once decoded as Mac Roman ("Categor√≠a" for "Categoría").

Why our own code: ftfy 6.3 (measured on the seed notes) leaves `√°`, `√∫`, `¬ø`, the `üìå`
emoji and narrow no-break spaces unfixed and turns `‚Üí`/`‚úÖ` into `'Üí`/`'úÖ`; re-encoding
whole lines as Mac Roman corrupts clean text such as `Dijo —él.`. What works is local: find a run
of characters whose Mac Roman bytes form one UTF-8 sequence (a lead byte and its continuation
bytes), decode it strictly, and keep the result only when it is a plausible character (a Latin
letter, punctuation, a symbol or emoji from the blocks notes use). Anything else stays as it was.

Some lead characters are everyday text as well: `«` before a vowel (`«él»` reads as `ǎl»`),
`Í` before two accented letters (`Ííí` reads as a Yi radical). Runs led by those count only in
text that also holds unmistakable mojibake, led by `¬`, `√`, `‚` or the Apple logo (Latin-1
punctuation and letters, general punctuation and symbols, emoji), which clean notes do not
contain before a continuation character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial

__all__ = ["repair_mac_roman"]

# Mac Roman maps every byte 0x80-0xFF to one character; invert that for the high half.
_BYTE_OF: dict[str, int] = {bytes([b]).decode("mac_roman"): b for b in range(0x80, 0x100)}
_LEADS = "".join(re.escape(c) for c, b in _BYTE_OF.items() if 0xC2 <= b <= 0xF4)
_CONTS = "".join(re.escape(c) for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF)
_RUN = re.compile(f"[{_LEADS}][{_CONTS}]{{1,3}}")

# Lead bytes of the sequences that clean notes never hold: ¬ √ ‚ and the Apple logo.
_STRONG_LEADS = frozenset({0xC2, 0xC3, 0xE2, 0xF0})

# Characters that may follow an emoji and are neither letters nor symbols.
_EMOJI_COMPANIONS = {"\ufe0f", "\ufe0e", "\u200d", "\u20e3"}

# Blocks notes draw on: Latin-1 and Latin Extended-A/B, spacing modifiers, general punctuation
# through miscellaneous symbols and arrows, supplemental punctuation, and the emoji planes.
_SYMBOL_BLOCKS = ((0x80, 0x300), (0x2000, 0x2C00), (0x2E00, 0x2E80), (0x1F000, 0x1FB00))
# Latin letters: Latin-1, Extended-A/B, Extended Additional (Vietnamese), the ﬁ/ﬂ ligatures.
_LETTER_BLOCKS = ((0xC0, 0x250), (0x1E00, 0x1F00), (0xFB00, 0xFB07))


def _within(char: str, blocks: tuple[tuple[int, int], ...]) -> bool:
    point = ord(char)
    return any(low <= point < high for low, high in blocks)


def _plausible(char: str) -> bool:
    """True for what real notes contain: Latin letters, punctuation, symbols, emoji, spaces."""
    if char in _EMOJI_COMPANIONS:
        return True
    category = unicodedata.category(char)
    if category[0] in "PS" or category == "Zs":
        return _within(char, _SYMBOL_BLOCKS)
    if category[0] == "L":
        return _within(char, _LETTER_BLOCKS) and "LATIN" in unicodedata.name(char, "")
    return False


def _sequence_length(lead: int) -> int:
    if lead >= 0xF0:
        return 4
    if lead >= 0xE0:
        return 3
    return 2


def _fix_run(match: re.Match[str], *, weak_leads: bool) -> str:
    run = match.group(0)
    raw = bytes(_BYTE_OF[c] for c in run)
    if raw[0] not in _STRONG_LEADS and not weak_leads:
        return run
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


def _has_strong_evidence(text: str) -> bool:
    """True when the text holds a sequence that only mojibake produces."""
    return any(_fix_run(m, weak_leads=False) != m.group(0) for m in _RUN.finditer(text))


def repair_mac_roman(text: str) -> str:
    """Undo Mac Roman mojibake of UTF-8 text; clean text comes back unchanged.

    Applied until nothing changes, so the result is a fixed point: repairing twice is the same
    as repairing once. Each pass only shortens the text, so the loop ends.
    """
    while True:
        fix = partial(_fix_run, weak_leads=_has_strong_evidence(text))
        fixed = _RUN.sub(fix, text)
        if fixed == text:
            return fixed
        text = fixed
