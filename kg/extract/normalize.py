"""Labels → resolution keys: one key per concept, whatever the spelling.

Two kinds of keys:
- code identifiers (`fs.log_model(...)`, `log_model()`, `FeatureStoreClient`) get `code:` keys
  built from the qualified name, see `code_parts`;
- everything else gets a `term:` key: accent-free, lower-case, singular words without
  articles or punctuation ("Las tablas offline" and "tabla offline" share a key).
"""

from __future__ import annotations

import re

from kg.extract.cues import glossary
from kg.extract.lexicon import fold, singular
from kg.extract.patterns import strip_call_args
from kg.lang import listed

__all__ = [
    "clean_label",
    "code_parts",
    "is_code_like",
    "is_literal_value",
    "term_key",
]

# Articles and the words that join a name's words carry no meaning in a name ("tablas de
# features online"): `articles` and `name_fillers` of every language.
ARTICLES = frozenset(fold(w) for key in ("articles", "name_fillers") for w in listed(key))
# punctuation a label does not end with: marks of every language ("¿", "¡") among them
_TRAILING = " :;,.!?→-–—*|#" + "".join(listed("opening_marks"))
_IDENTIFIER = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$")
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")
_WORDS = re.compile(r"[^\W_]+|_", re.UNICODE)
_DOMAIN = re.compile(r"\.(?:org|com|net|io|dev|ai|edu|gov|html?|md|txt|csv|json|ya?ml|py)$", re.I)


def clean_label(text: str) -> str:
    """A label as displayed: single spaces, no surrounding decoration (emoji, colons, quotes)."""
    text = " ".join(text.replace("\\_", "_").split())
    text = text.strip("\"'“”‘’`«»")
    # strip leading symbols/emoji and trailing punctuation, but keep a call's parentheses
    start = 0
    while start < len(text) and not (text[start].isalnum() or text[start] in "_.("):
        start += 1
    return text[start:].rstrip(_TRAILING)


def is_code_like(text: str) -> bool:
    """True for identifiers as code writes them: `a.b`, `snake_case`, `CamelCase`, `f()`.
    A word before a parenthesis with a space between is prose with a gloss: `Mode (moda)`."""
    text = text.strip()
    bare = strip_call_args(text).strip()
    if not bare or " " in bare or not _IDENTIFIER.match(bare):
        return False
    if all(len(part) <= 1 for part in bare.split(".")):
        return False  # "e.g", "i.e": abbreviations, not attribute access
    called = text.endswith(")") and text[len(bare) : len(bare) + 1] == "("
    return "." in bare or "_" in bare or called or bool(_CAMEL.match(bare))


def is_literal_value(text: str) -> bool:
    """True for values rather than names: numbers, quoted strings, paths, URIs, assignments."""
    t = text.strip()
    return (
        not t
        or t[0] in "\"'0123456789<[{-/"
        or "://" in t
        or ":/" in t
        or "=" in t
        or t.replace(".", "").replace("_", "").isdigit()
        or bool(_DOMAIN.search(t))
    )


def code_parts(text: str) -> tuple[str, str] | None:
    """Split a code identifier into (qualifier, name): `fs.log_model(...)` → ("fs", "log_model").

    Returns None for text that is not a code identifier.
    """
    if not is_code_like(text):
        return None
    bare = strip_call_args(text.strip()).strip()
    qualifier, _, name = bare.rpartition(".")
    return qualifier, name


def term_key(text: str) -> str:
    """The `term:` key of a label: its folded singular words, without articles or punctuation,
    each mapped through the glossary to the pivot language, in sorted order — word order differs
    between languages ("tablas offline", "offline tables") and rarely tells two concepts apart.
    A repeated word stays repeated: "paso a paso" is an idiom, not "paso". The key is the same
    in every language."""
    words = [w for w in _WORDS.findall(text) if w != "_"]
    words = [w for w in words if fold(w) not in ARTICLES] or words
    table = glossary()
    kept = sorted(table.get(singular(w), singular(w)) for w in words)
    return "term:" + " ".join(kept)


def split_identifier(name: str) -> list[str]:
    """Words of an identifier: `create_training_set` → [create, training, set];
    `FeatureStoreClient` → [feature, store, client]."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.replace("_", " ").replace(".", " "))
    return [w.lower() for w in spaced.split()]
