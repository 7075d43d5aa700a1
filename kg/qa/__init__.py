"""Question answering: question → language, intent, concepts → SPARQL → `Answer`."""

from kg.qa.engine import QAEngine
from kg.qa.intents import classify
from kg.qa.model import Answer, AnswerItem, EvidenceRef, LinkedConcept

__all__ = ["Answer", "AnswerItem", "EvidenceRef", "LinkedConcept", "QAEngine", "classify"]
