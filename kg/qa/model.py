"""What question answering returns: an `Answer` with items and their evidence."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

from kg.qa.render import MAX_ANSWER, clip_answer

__all__ = [
    "INTENTS",
    "MAX_ANSWER",
    "Answer",
    "AnswerItem",
    "EvidenceRef",
    "LinkedConcept",
    "clip_answer",
]


def _intents() -> tuple[str, ...]:
    text = resources.files("kg").joinpath("data/intents.toml").read_text(encoding="utf-8")
    return (*tomllib.loads(text)["order"], "unknown")


INTENTS = _intents()
"""Every intent, in the order their cues are tried (`kg/data/intents.toml`), then "unknown"."""


@dataclass(frozen=True)
class EvidenceRef:
    source: str
    line: int
    text: str


@dataclass(frozen=True)
class AnswerItem:
    label: str
    iri: str
    relation: str
    evidence: tuple[EvidenceRef, ...] = ()


@dataclass(frozen=True)
class LinkedConcept:
    iri: str
    label: str
    kind: str = ""
    score: float = 1.0


@dataclass(frozen=True)
class Answer:
    """The design's `kg ask` contract; `to_json()` gives its JSON fields."""

    question: str
    language: str
    intent: str
    found: bool
    answer: str
    concepts: tuple[LinkedConcept, ...] = ()
    items: tuple[AnswerItem, ...] = ()
    sparql: str = ""
    suggestions: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "found": self.found,
            "answer": clip_answer(self.answer),
            "concepts": [{"iri": c.iri, "label": c.label} for c in self.concepts],
            "items": [
                {
                    "label": i.label,
                    "iri": i.iri,
                    "relation": i.relation,
                    "evidence": [asdict(e) for e in i.evidence],
                }
                for i in self.items
            ],
            "sparql": self.sparql,
            "suggestions": list(self.suggestions),
        }
