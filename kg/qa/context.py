"""What an answer handler reads and returns: one question in context, and its result.

`AskContext` is built once per question by the engine: the open graph session, the concept
index, the rankers, the question with its language and intent, the concepts it links to, and
the log of the queries that ran. Handlers read the graph only through `AskContext.run`, so the
log holds exactly what ran; rankings are computed once per question and kept on the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Protocol

import pyoxigraph as ox

from kg.graph.sparql import bind_rows
from kg.graph.store import QueryResult, bind_values
from kg.qa.intents import ranking_skip_words
from kg.qa.linking import ConceptIndex
from kg.qa.model import AnswerItem, LinkedConcept
from kg.qa.question_terms import compared_sides
from kg.qa.ranking import Section, SectionMatch, SectionRanker
from kg.qa.retrieval import Ranked, Retriever
from kg.qa.templates import TEMPLATES, Row

__all__ = ["NOT_FOUND", "AskContext", "QueryLog", "Result", "Session"]

_MAX_SECTIONS = 5


class Session(Protocol):
    """An open graph: the embedded store's session or a remote one."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...


class QueryLog:
    """The queries one answer ran, as they ran (values filled in), each distinct one once, in
    the order they first ran: what `Answer.sparql` shows."""

    def __init__(self) -> None:
        self._queries: dict[str, None] = {}

    def record(self, sparql: str) -> None:
        self._queries.setdefault(sparql, None)

    @property
    def queries(self) -> tuple[str, ...]:
        return tuple(self._queries)


@dataclass(frozen=True)
class Result:
    """What a handler found: whether it answers, the markdown answer, and its items.
    `direct` is False for what answers only around the question (what the notes say of its
    concept otherwise, the sections that treat it)."""

    found: bool
    text: str = ""
    items: tuple[AnswerItem, ...] = ()
    direct: bool = True


NOT_FOUND = Result(False)


@dataclass(frozen=True)
class AskContext:
    """One question, its links, and the graph to answer it from; see the module docstring."""

    session: Session
    index: ConceptIndex
    sections: SectionRanker
    question: str
    lang: str
    intent: str
    linked: tuple[LinkedConcept, ...] = ()
    log: QueryLog = field(default_factory=QueryLog)
    statements: Retriever | None = None  # None for a graph built without a statement index

    def run(self, name: str, **bound: str) -> list[Row]:
        """The rows of the template `name` with IRIs bound to its variables (`c=iri`), run as
        the VALUES-bound text that the log then shows.

        Raises:
            QueryError, StoreError: as the session's `query`.
        """
        terms: dict[str, Any] = {k: ox.NamedNode(v) for k, v in bound.items()}
        query = TEMPLATES[name].query
        # a template's sub-select that caps what it reads reads it about the bound values
        sparql = bind_values(query, terms, subqueries=True) if terms else query
        self.log.record(sparql)
        return list(self.session.query(sparql).rows)

    def run_rows(self, name: str, variable: str, iris: Sequence[str], **bound: str) -> list[Row]:
        """The rows of the template `name` about each of many IRIs, in one query (`VALUES
        ?variable { ... }`, and other variables bound to one IRI each as `run` binds them),
        which the log then shows. Not for a template that caps what it reads in a sub-select:
        the cap would hold for all the IRIs together.

        Raises:
            ValueError: the template has a sub-select.
            QueryError, StoreError: as the session's `query`.
        """
        if "{ SELECT" in TEMPLATES[name].query:
            raise ValueError(f"{name} caps what it reads: run it about one IRI at a time")
        sparql = bind_rows(TEMPLATES[name].query, variable, [ox.NamedNode(i) for i in iris])
        if bound:
            sparql = bind_values(sparql, {k: ox.NamedNode(v) for k, v in bound.items()})
        self.log.record(sparql)
        return list(self.session.query(sparql).rows)

    def about(self, *concepts: LinkedConcept) -> AskContext:
        """The same question about other concepts, logging to the same log."""
        return replace(self, linked=concepts)

    @property
    def _ignored(self) -> frozenset[str]:
        return ranking_skip_words(self.intent)

    @cached_property
    def ranked_statements(self) -> list[Ranked]:
        """The statements that answer the question best, with what completes them (ranked
        once per question); the queries that read them go to the log."""
        if self.statements is None or not self.question:
            return []
        ran: list[str] = []
        ranked = self.statements.rank(self.question, self.intent, self.linked, self._ignored, ran)
        sides = []
        if self.intent == "difference":  # the two concepts compared, else the two names
            sides = [c.label for c in self.linked[:2]]
            sides = sides if len(sides) == 2 else compared_sides(self.question)
        ranked = self.statements.expand(ranked, self.intent, ran, sides=sides)
        for query in ran:
            self.log.record(query)
        return ranked

    def statement_coverage(self, text: str) -> float:
        """How much of the question `text` covers, measured as statements are."""
        if self.statements is None:
            return 1.0
        return self.statements.terms.coverage(self.question, self._ignored, text)

    def question_terms(self) -> frozenset[str]:
        """The index terms of the question's content words (what a code snippet is cut to)."""
        if self.statements is None:
            return frozenset()
        groups = self.statements.terms.groups(self.question, self._ignored)
        return frozenset(t for g in groups if g.factor >= 1.0 for t in g.terms)

    @cached_property
    def unknown_words(self) -> list[str]:
        """The question's content words the notes never use (a typo of theirs is theirs)."""
        if self.statements is None:
            return []
        return self.statements.terms.unknown_words(self.question, self._ignored)

    @cached_property
    def missing_names(self) -> list[str]:
        """Names the question asks about that the notes never write (read once: whether to
        answer, then what a "not found" names)."""
        if self.statements is None or not self.question:
            return []
        return self.statements.terms.missing_names(self.question, self._ignored, self.intent)

    @cached_property
    def ranked_sections(self) -> list[SectionMatch]:
        """Sections by how well their titles match the question (ranked once per question)."""
        return self.sections.rank(self.question, self.lang)

    def best_section(self) -> SectionMatch | None:
        """The section whose title matches the question best, if any shares a word."""
        ranked = self.ranked_sections
        return ranked[0] if ranked else None

    def top_sections(self) -> list[Section]:
        """The sections sharing the most words with the question (ties kept, best first)."""
        ranked = self.ranked_sections
        return [m.section for m in ranked if m.overlap == ranked[0].overlap][:_MAX_SECTIONS]
