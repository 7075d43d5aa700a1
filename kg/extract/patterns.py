"""Text patterns of extraction, each linear in the length of its input.

Python's `re` backtracks: a pattern that can match the same characters in more than one way,
or that restarts a long scan at every position of a run, costs the square of its input (one
40,000-character paragraph took 35 s to read through the old gloss pattern). The patterns here
are written so that each character is looked at a bounded number of times:

- a run is entered only at its start (a look-behind for the run's own class) and consumed
  possessively (`*+`, `++`), so a failed attempt does not restart inside the run;
- what a pattern may scan after a marker is bounded (`{1,60}`), or checked with `str` methods
  once the marker is found (`glosses`, `strip_call_args`);
- suffixes and prefixes are stripped with loops over characters, not with `[...]+$`, which
  retries at every position of a long run.

Each function names the pattern it replaces; `tests/extract/test_patterns.py` checks them
against those patterns on short random text, and runs long lines through them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.lang import listed

__all__ = [
    "IDENTIFIER_IN_TEXT",
    "VERSUS",
    "Gloss",
    "alternation",
    "drop_parentheticals",
    "glosses",
    "heading_gloss",
    "strip_call_args",
    "strip_question_marks",
    "strip_table_pipe",
]


def alternation(words: Iterable[str]) -> str:
    """A regular expression alternation of `words` (escaped), longest first, so that a
    longer word is tried before a shorter one it starts with."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# What stands between the two sides of "A vs B" ("A frente a B"), with the blanks around it:
# entered only at the start of a run of blanks (linear)
VERSUS = re.compile(rf"(?<!\s)\s+(?:{alternation(listed('versus'))})\s+", re.IGNORECASE)

# An identifier as prose writes it: `fs.score_batch`, `log_model()`, `mlflow.pyfunc.load_model`.
# Linear: the look-behind lets an attempt start only where no identifier character precedes,
# and every repetition is delimited by a character the one before cannot match.
IDENTIFIER_IN_TEXT = re.compile(
    r"(?<![\w./:@-])((?:[A-Za-z_]\w*(?:\(\))?\.)*[A-Za-z_]\w*(?:\(\.{0,3}\))?)(?![\w@/-])"
)

_GLOSS_INNER = 60  # characters of a gloss inside its parentheses
# A run of name characters right before "(": entered only at the run's start and consumed
# possessively. Group 1 starts at the run's first letter (or "_").
_NAME_BEFORE_PAREN = re.compile(r"(?<![\w\s./-])[\d\s./-]*+([^\W\d][\w\s./-]*+)\(")
_PAREN = re.compile(r"[()]")


@dataclass(frozen=True)
class Gloss:
    """ "name (inner)": the words before a parenthesis and what it holds."""

    outer: str
    inner: str
    start: int  # of the name
    end: int  # after ")"


def glosses(text: str) -> Iterator[Gloss]:
    """Every "name (inner)" of `text`, left to right, as the pattern
    `([^\\W\\d][\\w\\s./-]*?)\\s*\\(\\s*([^()]{1,60}?)\\s*\\)` found them — in linear time.

    The name is the run of word characters, spaces, ".", "/" and "-" before "(", from its first
    letter, without the spaces before "("; the inner text is what stands between "(" and the
    next ")" with no "(" between, stripped, at most 60 characters (a blank inside is kept as
    one space character, as the pattern did).
    """
    for match in _NAME_BEFORE_PAREN.finditer(text):
        opening = match.end() - 1
        inner = _inner(text, opening)
        if inner is None:
            continue
        close, value = inner
        yield Gloss(match.group(1).rstrip(), value, match.start(1), close + 1)


def _inner(text: str, opening: int) -> tuple[int, str] | None:
    """(index of ")", stripped inner text) for the "(" at `opening`, or None."""
    paren = _PAREN.search(text, opening + 1)
    if paren is None or paren.group() != ")":
        return None
    close = paren.start()
    content = text[opening + 1 : close]
    value = content.strip()
    if value:
        return (close, value) if len(value) <= _GLOSS_INNER else None
    return (close, content[-1]) if content else None


def strip_call_args(text: str) -> str:
    """`text` without a trailing call's arguments: "log_model(m, 'x')" → "log_model", as
    `re.sub(r"\\(.*\\)\\s*$", "", text, flags=re.DOTALL)` did — from the first "(" when the
    text (without trailing blanks) ends with ")"."""
    trimmed = text.rstrip()
    if not trimmed.endswith(")"):
        return text
    opening = trimmed.find("(", 0, len(trimmed) - 1)
    return text if opening < 0 else text[:opening]


_OPENING_MARKS = "".join(listed("opening_marks"))  # "¿", "¡": marks that open a question


def strip_question_marks(text: str) -> str:
    """`text` without leading opening marks ("¿", "¡") or blanks and trailing "?", "!", ".",
    ":" or blanks, as `re.sub(r"^[¿¡\\s]*|[?!.:\\s]+$", "", text)` did."""
    start, end = 0, len(text)
    while start < end and (text[start] in _OPENING_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in "?!.:" or text[end - 1].isspace()):
        end -= 1
    return text[start:end]


def strip_table_pipe(text: str) -> str:
    """`text` without a closing table pipe and the blanks around it, as
    `re.sub(r"\\s*\\|\\s*$", "", text)` did."""
    trimmed = text.rstrip()
    return trimmed[:-1].rstrip() if trimmed.endswith("|") else text


def heading_gloss(title: str) -> tuple[str, str] | None:
    """(name, gloss) of a heading "name (gloss)" — "Experimentos (Experiments)" — as
    `re.fullmatch(r"(.+?)\\s*\\((.+)\\)", title)` found them: the name up to the first "("
    after its first character (blanks before "(" dropped), the gloss up to the closing ")";
    neither holds a line break."""
    if not title.endswith(")"):
        return None
    newline = title.find("\n")
    if newline < 0:
        opening = title.find("(", 1, len(title) - 2)
    else:  # only blanks may stand between the name's line and "("
        opening = newline
        while opening < len(title) and title[opening].isspace():
            opening += 1
        if title.find("\n", opening) >= 0 or not title.startswith("(", opening):
            return None
    if opening < 1 or opening > len(title) - 3:
        return None
    name_end = opening
    while name_end > 1 and title[name_end - 1].isspace():
        name_end -= 1
    if title.find("\n", 0, name_end) >= 0:
        return None
    return title[:name_end], title[opening + 1 : -1]


def drop_parentheticals(text: str) -> str:
    """`text` without "(...)" remarks and the blanks before them, as
    `re.sub(r"\\s*\\(.*?\\)", "", text)` did: a "(" pairs with the next ")" on its line."""
    out: list[str] = []
    pos = 0  # end of the last remark removed
    search = 0  # where to look for the next "("
    line_end = -1  # end of the line being searched
    while (opening := text.find("(", search)) >= 0:
        if opening > line_end:
            line_end = text.find("\n", opening)
            line_end = len(text) if line_end < 0 else line_end
        close = text.find(")", opening + 1, line_end)
        if close < 0:  # no "(" left on this line pairs
            search = line_end + 1
            continue
        start = opening
        while start > pos and text[start - 1].isspace():
            start -= 1
        out.append(text[pos:start])
        pos = search = close + 1
    out.append(text[pos:])
    return "".join(out)
