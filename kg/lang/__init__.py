"""Languages as data: one file per language (`kg/lang/<code>.toml`), every file with the same keys.

Code asks this layer for words and phrases by key and never spells a language: adding a
language is adding a file. `kg/lang/languages.toml` says the order languages are tried in and
the pivot language (the one every glossary translates to, and the one a text or question that
names no language is read as). More languages come from folders named in the environment
variable `KG_LANG_PATH` (separated like `PATH`): every `*.toml` there is read after the
shipped files, folder by folder, by file name; a file with the code of a shipped language
replaces it. A language file must hold every key the pivot's file holds (the same tables,
with the same keys, at every level, but for the tables whose keys are its own words: the
glossary), each non-empty unless `languages.toml` says it may be empty, so a missing phrase is
an error when kg starts, not a wrong answer later.

Beside the words, a language names the tools that read it: its Snowball stemmer (`stemmer`),
its blank spaCy pipeline (`spacy`) and its spacy-lookups-data lemma table (`lemma_table`, ""
for none).
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import MalformedDocumentError

__all__ = [
    "LANGUAGES",
    "PATH_VARIABLE",
    "PIVOT",
    "fingerprint",
    "known",
    "language",
    "listed",
    "table",
    "words",
]

PATH_VARIABLE = "KG_LANG_PATH"
_INDEX = "languages.toml"


def _shipped() -> Iterator[tuple[str, str]]:
    """(name, text) of every language file shipped in the package, by name."""
    for entry in sorted(resources.files("kg.lang").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and entry.name != _INDEX:
            yield entry.name, entry.read_text(encoding="utf-8")


def _extra() -> Iterator[tuple[str, str]]:
    """(path, text) of every language file in the folders of `KG_LANG_PATH`."""
    for folder in os.environ.get(PATH_VARIABLE, "").split(os.pathsep):
        if folder:
            for path in sorted(Path(folder).glob("*.toml")):
                yield str(path), path.read_text(encoding="utf-8")


def _parse(where: str, text: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise MalformedDocumentError(where, f"not a valid language file: {err}") from err
    if not isinstance(data.get("code"), str) or not data["code"]:
        raise MalformedDocumentError(where, "a language file needs a `code`")
    return data


def _missing(data: dict[str, Any], schema: dict[str, Any], path: str = "") -> list[str]:
    """The keys of `schema` that `data` lacks or leaves empty (where it may not), at every
    level of its tables but inside the word tables."""
    index = _index()
    out = []
    for key, value in schema.items():
        where = path + key
        found = data.get(key)
        if found is None or (not found and where not in index["may_be_empty"]):
            out.append(where)
        elif isinstance(value, dict) and where not in index["word_tables"]:
            out += _missing(found, value, where + ".") if isinstance(found, dict) else [where]
    return out


@cache
def _index() -> dict[str, Any]:
    return tomllib.loads(resources.files("kg.lang").joinpath(_INDEX).read_text("utf-8"))


@cache
def _files() -> dict[str, dict[str, Any]]:
    """Every language by code, in the order languages are tried in."""
    index = _index()
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for where, text in [*_shipped(), *_extra()]:
        data = _parse(where, text)
        found[data["code"]] = (where, data)
    pivot = found[index["pivot"]][1]
    for where, data in found.values():
        missing = _missing(data, pivot)
        if missing:
            reason = "the language file lacks (or leaves empty) " + ", ".join(missing)
            raise MalformedDocumentError(where, reason)
    order = [code for code in index["order"] if code in found]
    order += [code for code in found if code not in order]
    return {code: found[code][1] for code in order}


@cache
def fingerprint() -> str:
    """A digest of what the language files say (shipped, index and `KG_LANG_PATH`'s): what
    was derived from them under another digest is stale."""
    data = json.dumps([_index(), _files()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


LANGUAGES: tuple[str, ...] = tuple(_files())
"""Every language kg reads, in the order they are tried in (the first is the app's first)."""
PIVOT: str = str(_index()["pivot"])
"""The language glossaries translate to, and the one text in no known language is read as."""


def known(code: str) -> str:
    """`code` when kg has a file for it, else the pivot language."""
    return code if code in _files() else PIVOT


def language(code: str) -> dict[str, Any]:
    """The data of one language (KeyError for a language kg has no file for)."""
    return _files()[code]


def table(key: str, code: str) -> dict[str, Any]:
    """The table `key` of a language ("answers", "ui", "glossary", ...)."""
    value: dict[str, Any] = _files()[code][key]
    return value


@cache
def words(key: str) -> frozenset[str]:
    """The words under `key` in every language, as written in the files."""
    return frozenset(listed(key))


@cache
def listed(key: str) -> tuple[str, ...]:
    """The entries of the list `key` of every language, in language order, without repeats.
    A key that names a list inside a table is written with a dot: "intents.usage"."""
    out: dict[str, None] = {}
    for data in _files().values():
        value: Any = data
        for part in key.split("."):
            value = value[part]
        out.update(dict.fromkeys(value))
    return tuple(out)
