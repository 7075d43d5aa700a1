"""The relations between concepts, from the one table of them (`kg/data/predicates.toml`): each
relation's name, whether it is symmetric, how a components answer lists it, and how each
language reads it (`relations.<name>` of the language files); and how each group of relation
cue phrases reads.

Extraction reads the cue groups; the graph layer generates its vocabulary, ontology and shapes
from the relations (`kg.graph.vocab`); the app draws them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.lang import PIVOT, table

__all__ = ["CueGroup", "Relation", "cue_groups", "relations"]


@dataclass(frozen=True)
class Relation:
    """One relation between concepts (the property `kg:<name>`)."""

    name: str
    symmetric: bool = False
    components: str = ""  # "object", "subject" or "": where the asked concept stands
    root: bool = False  # the relation every other one specialises
    builds_on: bool = False  # stating "A <it> B" builds on where B is introduced (topic graph)
    ordered: bool = False  # its assertions give the object's position (kg:position)

    def label(self, lang: str) -> str:
        """Its name in a language, as the ontology labels it ("requires", "requiere")."""
        return str(table("relations", lang)[self.name]["label"])

    def reads(self, lang: str) -> str:
        """How "A <it> B" reads in a language ("is part of")."""
        return str(table("relations", lang)[self.name]["reads"])

    def inverse(self, lang: str) -> str:
        """How "B <it> A" reads when A <it> B ("includes" for partOf)."""
        return str(table("relations", lang)[self.name]["inverse"])


@dataclass(frozen=True)
class CueGroup:
    """How the phrases of one group (`relation_cues.<group>` of each language) read."""

    group: str
    predicate: str  # a relation's name, or "none" for phrases that state no relation
    direction: str  # forward, reverse, split
    only_code: bool = False

    def phrases(self, lang: str) -> tuple[str, ...]:
        return tuple(table("relation_cues", lang)[self.group])


@cache
def _data() -> dict[str, Any]:
    text = resources.files("kg").joinpath("data/predicates.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def relations() -> tuple[Relation, ...]:
    """Every relation, in the table's order (the order the app offers them in).

    Raises:
        KeyError: the language files do not name one of them (a packaging error).
    """
    out = tuple(Relation(**entry) for entry in _data()["predicate"])
    named = table("relations", PIVOT)  # every language file has the pivot's keys
    missing = [r.name for r in out if r.name not in named]
    if missing:
        raise KeyError(f"the language files do not name the relations {missing}")
    return out


@cache
def cue_groups() -> tuple[CueGroup, ...]:
    """Every group of relation cue phrases, in the table's order.

    Raises:
        KeyError: a group names a relation the table does not hold, or the language files
            have no phrases for it (a packaging error).
    """
    names = {r.name for r in relations()} | {"none"}
    phrases = table("relation_cues", PIVOT)
    groups = tuple(CueGroup(**entry) for entry in _data()["cue"])
    for group in groups:
        if group.predicate not in names or group.group not in phrases:
            raise KeyError(f"cue group {group.group!r}: no relation or no phrases")
    return groups
