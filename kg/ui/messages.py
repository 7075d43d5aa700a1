"""kg's errors, skipped files and build reports in the words of the app's language.

The library speaks English (`str(err)` is for the CLI and logs); here each error becomes one
short line in the user's language, from the error's type and fields.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg import api
from kg.errors import InputError, KgError, QueryError, QueryTimeoutError, StoreLockedError
from kg.ui.text import REASONS

__all__ = ["build_summary", "error_text", "reason_text", "skipped_text"]

_SYNTAX = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)", re.DOTALL)
# what a parser says it expected: quoted tokens and keywords; character classes (the long
# Unicode ranges) stand for "a name"
_TOKEN = re.compile(r"\"[^\"]*\"|\[[^\]]*\]|[A-Z][A-Z_]+")
_MAX_TOKENS = 8


def reason_text(reason: str, lang: str) -> str:
    """Why kg did not read a file, in `lang` (the reason as kg gave it when it is new)."""
    for pattern, words in REASONS:
        if found := re.fullmatch(pattern, reason, re.DOTALL):
            return words[lang].format(*found.groups())
    return reason


def _where(path: Path, line: int | None) -> str:
    return f"{path.name}:{line}" if line is not None else path.name


def skipped_text(path: Path, reason: str, line: int | None, text: dict[str, str], lang: str) -> str:
    """One line on a file a build did not read."""
    return text["skipped"].format(where=_where(path, line), reason=reason_text(reason, lang))


def _expected(found: str, text: dict[str, str]) -> str:
    tokens: list[str] = []
    for token in _TOKEN.findall(found):
        word = text["err_a_name"] if token.startswith("[") else token
        if word not in tokens:
            tokens.append(word)
    if len(tokens) > _MAX_TOKENS:
        tokens = [*tokens[: _MAX_TOKENS - 1], "…"]
    if len(tokens) < 2:
        return tokens[0] if tokens else text["err_a_name"]
    return f"{', '.join(tokens[:-1])} {text['err_or']} {tokens[-1]}"


def error_text(err: KgError, text: dict[str, str], lang: str, *, timeout: float = 5.0) -> str:
    """One line saying what went wrong, in the app's language."""
    message = str(err)
    if isinstance(err, QueryTimeoutError):
        return text["err_timeout"].format(seconds=f"{timeout:g}")
    if isinstance(err, QueryError):
        if syntax := _SYNTAX.search(message):
            line, column, found = syntax.groups()
            expected = _expected(found, text)
            return text["err_syntax"].format(line=line, column=column, expected=expected)
        if "not allowed" in message:
            return text["err_not_allowed"]
        return text["err_query"].format(detail=message.splitlines()[0])
    if isinstance(err, StoreLockedError):
        return text["err_locked"]
    if isinstance(err, InputError):
        where = _where(err.path, err.line)
        return text["err_input"].format(where=where, reason=reason_text(err.reason, lang))
    return text["err_other"].format(detail=message.splitlines()[0] if message else "")


def build_summary(report: api.BuildReport, text: dict[str, str]) -> str:
    """What a build read, in one line."""
    return text["built"].format(
        docs=len(report.documents),
        concepts=report.concepts,
        relations=sum(report.relations.values()),
        seconds=f"{report.seconds:.1f}".replace(".", text["decimal"]),
    )
