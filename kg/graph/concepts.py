"""Concepts as a person looks them up: one search over every label of every concept (the app's
search box, `kg explain`, any interface), and the explanation of one concept with its evidence.

A search ranks labels equal to the typed text (case and accents ignored) first, preferred
labels before alternative ones, then close spellings by rapidfuzz's weighted ratio, so typos
still find their concept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kg.extract.lexicon import fold
from kg.graph.queries import (
    LABELS,
    ConceptFact,
    ConceptMatch,
    ConceptParameter,
    Located,
    concept_details,
    concept_extras,
    concept_facts,
    concept_parameters,
    concept_statements,
)
from kg.graph.sparql import Queryable

__all__ = ["ConceptHit", "ConceptSearch", "Explanation", "explain_concept"]


@dataclass(frozen=True)
class ConceptHit:
    """A concept found for a text: `matched` is the label the text matched (preferred or
    alternative), `score` 0-100, `exact` when that label equals the text."""

    iri: str
    label: str
    kind: str
    matched: str
    score: float
    exact: bool

    @property
    def rank(self) -> tuple[bool, float, bool, int, str, str]:
        """Sort key: exact first, then by score, preferred label, shorter label, name."""
        preferred = self.matched == self.label
        return (not self.exact, -self.score, not preferred, len(self.label), self.label, self.iri)


def _fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced text: how labels and typed text are compared."""
    return " ".join(fold(text).split())


class ConceptSearch:
    """Every label of every concept of one graph, ready to search."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """`rows`: (iri, label, kind, preferred label) for every label of every concept."""
        self._concepts: dict[str, ConceptMatch] = {}
        self._by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)  # key → (iri, label)
        for iri, label, kind, pref in rows:
            self._concepts.setdefault(iri, ConceptMatch(iri, pref, kind))
            self._by_key[_fold(label)].append((iri, label))
        self._keys = sorted(self._by_key)

    @classmethod
    def of(cls, graph: Queryable) -> ConceptSearch:
        """The search over the labels of a store's live graph (one query)."""
        rows = graph.query(LABELS).rows
        return cls(
            sorted((r["c"].value, r["label"].value, r["kind"].value, r["pref"].value) for r in rows)
        )

    def concepts(self) -> list[ConceptMatch]:
        """Every concept, by label."""
        return sorted(self._concepts.values(), key=lambda c: (c.label.lower(), c.iri))

    def get(self, iri: str) -> ConceptMatch | None:
        return self._concepts.get(iri)

    def search(self, text: str, *, limit: int = 8, cutoff: float = 60.0) -> list[ConceptHit]:
        """The concepts whose labels are closest to `text`, best first, at most `limit`."""
        key = _fold(text)
        if not key:
            return []
        best: dict[str, ConceptHit] = {}

        def keep(hit: ConceptHit) -> None:
            if hit.iri not in best or hit.rank < best[hit.iri].rank:
                best[hit.iri] = hit

        for iri, label in self._by_key.get(key, []):
            keep(self._hit(iri, label, 100.0, exact=True))
        near = process.extract(
            key, self._keys, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff
        )
        for found, score, _ in near:
            for iri, label in self._by_key[found]:
                keep(self._hit(iri, label, float(score), exact=False))
        return sorted(best.values(), key=lambda h: h.rank)[:limit]

    def exact(self, text: str) -> list[ConceptHit]:
        """The concepts with a label equal to `text` (case and accents ignored), by label."""
        hits = {iri: self._hit(iri, lbl, 100.0, True) for iri, lbl in self._by_key[_fold(text)]}
        return sorted(hits.values(), key=lambda h: (h.label, h.iri))

    def _hit(self, iri: str, matched: str, score: float, exact: bool) -> ConceptHit:
        concept = self._concepts[iri]
        return ConceptHit(iri, concept.label, concept.kind, matched, score, exact)


@dataclass(frozen=True)
class Explanation:
    """A concept and every assertion about it, with evidence (`kg explain`, the concept page)."""

    iri: str
    label: str
    kind: str
    alt_labels: tuple[str, ...]
    definitions: tuple[str, ...]
    facts: tuple[ConceptFact, ...]
    examples: tuple[str, ...] = ()
    key_points: tuple[Located, ...] = ()
    sections: tuple[Located, ...] = ()
    statements: tuple[Located, ...] = ()  # what the notes state about it, verbatim
    parameters: tuple[ConceptParameter, ...] = ()  # of a callable: declared or passed


def explain_concept(graph: Queryable, iri: str, label: str, kind: str = "") -> Explanation:
    """Everything the graph says about one concept."""
    alts, definitions = concept_details(graph, iri)
    examples, points, sections = concept_extras(graph, iri)
    return Explanation(
        iri,
        label,
        kind,
        tuple(alts),
        tuple(definitions),
        tuple(concept_facts(graph, iri)),
        tuple(examples),
        tuple(points),
        tuple(sections),
        tuple(concept_statements(graph, iri)),
        tuple(concept_parameters(graph, iri)),
    )
