"""What question answering returns: an `Answer` with items and their evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kg.lang import PIVOT, table
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


INTENTS = (*table("intents", PIVOT), "unknown")
"""Every intent, in the order their cues are tried — the order of the `intents` table of the
pivot language's file, which every language file keeps (tests/lang checks it) — then
"unknown", when no cue matches (even with misspelt cue words respelt)."""


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
