"""What extraction produces: concepts, assertions with evidence, comparisons, notes.

Plain frozen dataclasses; spaCy objects never leave `kg.extract`. Concepts are referred to by
their resolution `key` (see `kg.extract.normalize`), which the graph turns into an IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kg.extract.statements import Statement

ConceptKind = Literal["term", "api", "class", "module", "parameter"]
Predicate = Literal[
    "requires", "differsFrom", "methodOf", "partOf", "alternativeTo", "produces", "usedFor",
    "relatedTo", "precedes", "hasMember", "hasStep",
]  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the file, the section (its first line), the line and its text.

    `text` is always a substring of that line in the repaired document.
    """

    source: Path
    section_line: int
    line: int
    text: str


@dataclass(frozen=True)
class Concept:
    """One thing the notes talk about, with every spelling seen."""

    key: str
    label: str  # preferred label
    language: str  # language of the preferred label ("" for code identifiers)
    kind: ConceptKind
    alt_labels: tuple[str, ...] = ()
    definitions: tuple[tuple[str, Evidence], ...] = ()
    mentions: tuple[Evidence, ...] = ()  # sections and lines that mention it
    examples: tuple[tuple[str, Evidence], ...] = ()  # code examples


@dataclass(frozen=True)
class Assertion:
    """`subject predicate object`, with the evidence, the rule that produced it and a
    confidence in [0, 1]; for an ordered relation (`hasStep`, `hasMember`), the object's 1-based
    place in the list or chain it was read from."""

    subject: str
    predicate: Predicate
    object: str
    evidence: Evidence
    rule: str
    confidence: float
    position: int | None = None


@dataclass(frozen=True)
class Parameter:
    """A parameter of a callable concept: as a call passes it (`value`, its source text) or as
    a signature or docstring declares it (`annotation`, `default`, `description`), with the
    evidence of where it was seen first and the rule that read it."""

    callable: str  # the concept's key
    name: str
    evidence: Evidence
    rule: str
    value: str = ""
    annotation: str = ""
    default: str = ""
    description: str = ""


@dataclass(frozen=True)
class Aspect:
    """One row of a comparison: the aspect's name and each side's value."""

    name: str
    left: str
    right: str
    line: int


@dataclass(frozen=True)
class Comparison:
    """How two concepts differ, aspect by aspect (from a vs table or a comparison table)."""

    left: str
    right: str
    aspects: tuple[Aspect, ...]
    evidence: Evidence
    rule: str


@dataclass(frozen=True)
class KeyPoint:
    """A key point or exam tip and the concepts it speaks of."""

    text: str
    concepts: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in a set of documents."""

    concepts: tuple[Concept, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    parameters: tuple[Parameter, ...] = ()  # one per callable, name and example value
    languages: dict[Path, str] = field(default_factory=dict)
    statements: tuple[Statement, ...] = ()  # every unit the notes state

    def counts(self) -> dict[str, int]:
        """Number of assertions per predicate (distinct triples), for build reports."""
        triples: dict[str, set[tuple[str, str]]] = {}
        for a in self.assertions:
            triples.setdefault(a.predicate, set()).add((a.subject, a.object))
        return {p: len(t) for p, t in sorted(triples.items())}
