"""A check of regular expressions for the shapes that make Python's backtracking `re` cost the
square (or worse) of its input, read from the parsed pattern:

- A, a run entered anywhere: an unbounded repeat opens the pattern and something after it can
  fail (`\\s*\\|`, `[?!.:\\s]+$`): a search retries it at every position of a long run;
- B, a scan restarted inside itself: a character opens the pattern and a later unbounded
  repeat can match that character (`\\(.*\\)`, `[a-z]\\w*\\(`): every occurrence rescans the
  text the previous one scanned;
- C, nested quantifiers: an unbounded repeat holds another one and nothing it must match
  separates the two (`(a+)+`, `(\\w+\\s?)*`).

A pattern is exempt from A and B when it is anchored (`^`, `\\A`) or opens with a negative
look-behind (it is entered only at the start of a run). Character sets are compared on a
sample of characters, which is enough for the classes these patterns use.
"""

from __future__ import annotations

import re
import string
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

SAMPLE = frozenset(string.printable + "éñÁÑü²½¿¡«»“”—–→\u00a0\u2003_")
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_CATEGORIES = {
    c.CATEGORY_DIGIT: str.isdecimal,
    c.CATEGORY_SPACE: str.isspace,
    c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
}
_NEGATED = {
    c.CATEGORY_NOT_DIGIT: c.CATEGORY_DIGIT,
    c.CATEGORY_NOT_SPACE: c.CATEGORY_SPACE,
    c.CATEGORY_NOT_WORD: c.CATEGORY_WORD,
}


def problems(pattern: re.Pattern[str]) -> list[str]:
    """The shapes above found in `pattern` ("A", "B", "C"), empty when none."""
    tree = _parser.parse(pattern.pattern, pattern.flags)
    found: list[str] = []
    for branch in _branches(list(tree)):
        found += _opening_shapes(branch)
    found += _nested(list(tree))
    return sorted(set(found))


def _branches(items: list[Any]) -> list[list[Any]]:
    """The alternatives a pattern starts with (looking into a leading group)."""
    if len(items) == 1:
        op, av = items[0]
        if op is c.BRANCH:
            return [b for alt in av[1] for b in _branches(list(alt))]
        if op is c.SUBPATTERN:
            return [b + items[1:] for b in _branches(list(av[-1]))]
    if items and items[0][0] is c.SUBPATTERN:
        inner = _branches(list(items[0][1][-1]))
        return [b + items[1:] for b in inner]
    return [items]


def _opening_shapes(items: list[Any]) -> list[str]:
    while (
        items
        and items[0][0] is c.AT
        and items[0][1]
        not in (
            c.AT_BEGINNING,
            c.AT_BEGINNING_STRING,
        )
    ):
        items = items[1:]  # a word boundary opens no run
    if not items:
        return []
    op, av = items[0]
    if op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
        return []
    if op is c.ASSERT_NOT and av[0] == -1:  # (?<!...): entered at a run's start only
        return []
    if op in _REPEATS and av[1] == c.MAXREPEAT and len(items) > 1:
        return ["A"]
    first = _chars([items[0]])
    for later_op, later_av in items[1:-1]:
        unbounded = later_op in (c.MAX_REPEAT, c.MIN_REPEAT) and later_av[1] == c.MAXREPEAT
        if unbounded and first & _chars(list(later_av[2])):
            return ["B"]
    return []


def _nested(items: list[Any]) -> list[str]:
    found: list[str] = []
    for op, av in items:
        if op in _REPEATS:
            body = list(av[2])
            if av[1] == c.MAXREPEAT and op is not c.POSSESSIVE_REPEAT:
                for inner in _unbounded(body):
                    if not _separated(body, _chars(list(inner))):
                        found.append("C")
            found += _nested(body)
        elif op is c.SUBPATTERN:
            found += _nested(list(av[-1]))
        elif op is c.BRANCH:
            for alt in av[1]:
                found += _nested(list(alt))
    return found


def _unbounded(items: list[Any]) -> list[Any]:
    """The bodies of the unbounded repeats inside `items`, at any depth."""
    out: list[Any] = []
    for op, av in items:
        if op in _REPEATS:
            if av[1] == c.MAXREPEAT:
                out.append(av[2])
            out += _unbounded(list(av[2]))
        elif op is c.SUBPATTERN:
            out += _unbounded(list(av[-1]))
        elif op is c.BRANCH:
            for alt in av[1]:
                out += _unbounded(list(alt))
    return out


def _separated(body: list[Any], inner: frozenset[str]) -> bool:
    """Whether every way through `body` must match a character `inner` cannot."""
    if len(body) == 1 and body[0][0] is c.BRANCH:
        return all(_separated(list(alt), inner) for alt in body[0][1][1])
    for op, av in body:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            separates = not _chars([(op, av)]) & inner
        elif op is c.SUBPATTERN:
            separates = _separated(list(av[-1]), inner)
        else:  # a repeat separates when it must match at least once
            separates = op in _REPEATS and av[0] >= 1 and _separated(list(av[2]), inner)
        if separates:
            return True
    return False


def _chars(items: list[Any]) -> frozenset[str]:
    """The sample characters any element of `items` can match."""
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.NOT_LITERAL:
            out |= SAMPLE - {chr(av)}
        elif op is c.ANY:
            out |= SAMPLE - {"\n"}
        elif op is c.IN:
            out |= _in(av)
        elif op is c.CATEGORY:
            out |= _in([(op, av)])
        elif op in _REPEATS:
            out |= _chars(list(av[2]))
        elif op is c.SUBPATTERN:
            out |= _chars(list(av[-1]))
        elif op is c.BRANCH:
            for alt in av[1]:
                out |= _chars(list(alt))
    return frozenset(out)


def _in(items: list[Any]) -> frozenset[str]:
    negate = any(op is c.NEGATE for op, _ in items)
    chars = {ch for ch in SAMPLE if any(_member(ch, op, av) for op, av in items)}
    return frozenset(SAMPLE - chars if negate else chars)


def _member(ch: str, op: Any, av: Any) -> bool:
    if op is c.LITERAL:
        return ch == chr(av)
    if op is c.RANGE:
        return av[0] <= ord(ch) <= av[1]
    if op is c.CATEGORY:
        if av in _NEGATED:
            return not _CATEGORIES[_NEGATED[av]](ch)
        return bool(_CATEGORIES[av](ch))
    return False
