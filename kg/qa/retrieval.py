"""Statements ranked for a question: the full-text index narrows, SPARQL fetches, features rank.

Candidates are the statements the index finds for the question's words and the statements that
mention the linked concepts (`kg:mentions`, through SPARQL). Each is scored on the *whole* question:

- coverage: the share of the question's content words (weighted by how rare they are in the
  notes) that the statement holds, its heading path counting for less;
- BM25 from the index, relative to the best candidate;
- mentions of the linked concepts (the first one most);
- a feature for the intent: a defining sentence ("X es …", "X: …", a row whose first cell is
  X) for definitions, requirement cues for prerequisites, code and list items for how-to,
  enumerations for components, two linked concepts for differences; and, whatever the
  intent, for a question that asks what follows ("what happens if"), statements that say it.

Weights and thresholds are chosen on development questions (see `docs/answering.md`), not per
question.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.graph.analyzer import Group
from kg.graph.fulltext import Hit, StatementIndex
from kg.graph.sparql import bind_rows, bind_values
from kg.qa.completion import (
    LIST_ITEMS,
    SECTION,
    SUBHEADINGS,
    SUBSECTION,
    announced,
    captioned,
    counterparts,
    explained_by,
    is_caption,
    led,
    outline,
    shown_by,
    siblings,
    small_group,
)
from kg.qa.features import (
    asks_consequence,
    both_sides,
    consequence_score,
    kind_prior,
    mention_score,
    text_score,
)
from kg.qa.model import LinkedConcept
from kg.qa.question_terms import QuestionTerms, defined_concepts

__all__ = ["Ranked", "Retriever", "Weights"]


@dataclass(frozen=True)
class Weights:
    """How much each feature counts, and when a candidate is good enough to show."""

    coverage: float = 1.0
    heading: float = 0.5
    bm25: float = 0.5
    mention: float = 0.15
    intent: float = 0.3
    # a statement is shown when it scores at least this share of the best one
    relative: float = 0.5
    # below this coverage of the question's content words, nothing answers it ...
    abstain: float = 0.35
    # ... unless the question names a concept of the notes (a link this good), then this
    named: float = 0.9
    abstain_named: float = 0.2
    # typed facts come first unless the best statement covers the question better by more than this
    typed_margin: float = 0.0
    # when statements do not cover it well either, they still come first when they cover
    # the question better by more than this
    weak_margin: float = 0.1
    # how much a question word the notes never use counts against coverage
    unknown: float = 4.0


@dataclass(frozen=True)
class Ranked:
    """A statement with its place in the notes and its score for one question."""

    iri: str
    text: str
    kind: str
    context: str
    source: str
    line: int
    heading: str
    section: str
    language: str
    score: float
    coverage: float
    mentions: tuple[str, ...] = ()
    identifier: bool = False  # holds an identifier the question writes (`default_args`)
    completes: int = -1  # what completes a best statement: that one's rank (`expand`)


@dataclass
class _Candidate:
    iri: str
    bm25: float = 0.0
    terms: frozenset[str] = frozenset()  # with a sentence's the sentence before it
    heading_terms: frozenset[str] = frozenset()
    own_terms: frozenset[str] = frozenset()  # its own: where it writes an identifier
    kind: str = ""
    mentions: frozenset[str] = frozenset()
    text: str = ""
    early: float = 0.0  # the score from the index's terms, before the text features
    coverage: float = 0.0
    identifier: bool = False
    score: float = 0.0


_DETAILS = """SELECT ?st ?text ?kind ?context ?line ?source ?heading ?section ?lang WHERE {
  ?st kg:text ?text ; kg:kind ?kind ; kg:line ?line ; kg:headingPath ?heading ;
      dcterms:language ?lang ; dcterms:source ?doc ; prov:wasDerivedFrom ?section .
  ?doc dcterms:source ?source .
  OPTIONAL { ?st kg:context ?context }
} ORDER BY ?st"""
_MAX_CANDIDATES = 80  # from the index, by BM25
_MAX_MENTIONING = 60  # statements that mention a linked concept without the question's words
# statements that mention a linked concept (at most the index's candidates among them, so these
# many hold `_MAX_MENTIONING` others): of a concept's thousands, those of the store's index order
# (the same for the same notes; ORDER BY reads all: 0.5 s, not 1 ms), then in IRI order
_MENTIONING = f"""SELECT DISTINCT ?st WHERE {{ ?st kg:mentions ?c . }}
LIMIT {_MAX_CANDIDATES + _MAX_MENTIONING}"""
_MAX_READ = 14  # candidates read for the text features (24 before: docs/answering.md)
_BEST = 6  # the best statements an answer starts from, then completed (5 before: the same)
_HEADING_LEADS = 3  # statements shown under a heading that answers
_COMPLETED = 2  # of the best statements, how many are completed
_LEADS = ("sentence", "item")  # kinds of statement that may lead a list
_SMALL_TABLE = 4  # rows of a table (items of a list) shown whole when one of them answers
_NEAR = 0.75  # an item scoring this share of the best one brings its small list, at any rank
_DEFINITION_MORE = 2  # sentences after a defining one, which often finish it


class Retriever:
    """Ranks the statements of one graph for questions."""

    def __init__(self, session: object, index: StatementIndex, weights: Weights | None = None):
        self.session = session
        self.index = index
        self.weights = weights or Weights()
        self.terms = QuestionTerms(index, self.weights.unknown)

    def rank(
        self,
        question: str,
        intent: str,
        linked: Sequence[LinkedConcept],
        ignore: Iterable[str],
        sparql: list[str],
        limit: int = _BEST,
    ) -> list[Ranked]:
        """The best statements for the question, best first (ties by IRI)."""
        groups = self.terms.groups(question, ignore)
        candidates = self._candidates(groups, linked, sparql)
        if not candidates:
            return []
        self._score_early(candidates, groups, intent, linked)
        shortlist = sorted(candidates, key=lambda c: (-c.early, c.iri))[:_MAX_READ]
        follows = asks_consequence(question)  # "what happens if …": what follows answers
        defined = defined_concepts(question, intent, linked)
        for c in shortlist:  # the text, as the index holds it, for the text features
            said = text_score(intent, c.text, c.kind, defined)
            said += consequence_score(c.text) if follows and c.kind != "code" else 0.0
            c.score = c.early + self.weights.intent * said
        shortlist.sort(key=lambda c: (-c.score, c.iri))
        top = shortlist[0].score
        best = [c for c in shortlist if c.score >= self.weights.relative * top][:limit]
        if intent == "difference" and len(linked) >= 2:
            best = _both_sides(best, shortlist, linked, limit)
        # only the statements chosen are read from the graph
        details = self._details([c.iri for c in best], sparql)
        return [_ranked(details[c.iri], c, c.score) for c in best if c.iri in details]

    def expand(
        self,
        ranked: list[Ranked],
        intent: str,
        sparql: list[str],
        limit: int = 10,
        sides: Sequence[str] = (),
    ) -> list[Ranked]:
        """The best statements with what completes them (`kg.qa.completion`), none crowding
        out a best statement after it but what a heading or a lead-in announces: after the
        best code block, what it shows, said right above it; a heading's first statements, a
        list item's siblings (a small list's, at any rank, for an item near the best), what a
        sentence ending in ":" or a caption announces, the sentences after the best sentence
        (a scenario's fix), for a how-to the code right after a sentence, and for a difference
        between `sides` the row of the same table, or item of the same list, about the other."""
        out: list[Ranked] = []
        seen: set[str] = set()
        read: dict[str, list[dict[str, str]]] = {}  # rows of each query, read once

        def add(r: Ranked, room: int = limit, of: int = -1) -> None:
            if r.iri not in seen and len(out) < room:
                seen.add(r.iri)
                out.append(replace(r, completes=of))

        for n, best in enumerate(ranked):
            add(best)
            ahead = sum(r.iri not in seen for r in ranked[n + 1 :])  # keep a place, unless it
            room = limit if best.kind == "heading" or best.text.endswith(":") else limit - ahead
            if n == 0 and best.kind == "code":  # what the code shows, said right above it
                for r in explained_by(best, self._around(SECTION, "section", best, sparql, read)):
                    add(r, room, n)
            completes = best.kind in ("heading", "item") or best.text.endswith(":")
            # the best sentence goes on in the ones after it, whatever was asked
            more = completes or (n == 0 and best.kind == "sentence")
            # a heading alone says little: what is under it comes; a row or code leads no list
            if best.kind == "heading" or (n < _COMPLETED and (more or best.kind in _LEADS)):
                for r in self._completion(best, sparql, more, read, intent == "how_to"):
                    add(r, room, n)
            pair = len(sides) == 2
            if pair and best.kind in ("row", "item"):
                section = self._around(SECTION, "section", best, sparql, read)
                for r in counterparts(best, section, sides):  # a side of what is asked
                    add(r, room)
            if (best.kind == "row" and n < _COMPLETED and not pair) or (
                best.kind == "item" and best.score >= _NEAR * ranked[0].score
            ):  # a small table or list comes whole
                section = self._around(SECTION, "section", best, sparql, read)
                for r in small_group(best, section, _SMALL_TABLE):
                    add(r, room, n)
        if not out:
            return out
        # the statements shown, read by one query that selects exactly them (the one shown)
        shown = self._details([r.iri for r in out], sparql)
        return [replace(r, text=shown[r.iri]["text"]) for r in out if r.iri in shown]

    def _around(
        self,
        template: str,
        name: str,
        best: Ranked,
        sparql: list[str],
        read: dict[str, list[dict[str, str]]],
    ) -> list[Ranked]:
        """The statements a template reads with `?name` bound to the best one's section
        (each query run once per question: `read` keeps its rows)."""
        query = bind_values(template, {name: ox.NamedNode(best.section)})
        if query not in read:
            sparql.append(query)
            rows = self.session.query(query).rows  # type: ignore[attr-defined]
            read[query] = [{k: v.value for k, v in r.items()} for r in rows]
        return [_ranked(row, None, best.score) for row in read[query]]

    def _completion(
        self,
        best: Ranked,
        sparql: list[str],
        more: bool,
        read: dict[str, list[dict[str, str]]],
        how_to: bool = False,
    ) -> list[Ranked]:
        """What completes one of the best statements: always the list it leads; with `more`,
        what else it announces, its sibling items or the sentences after it; asked how to do
        something, the code block right after a sentence."""
        section = self._around(SECTION, "section", best, sparql, read)
        if best.kind != "heading" and (items := led(best, section)):
            return items
        if is_caption(best) and (said := captioned(best, section)):
            return said  # the bold line above a table, a code block or a paragraph
        if how_to and best.kind == "sentence" and (code := shown_by(best, section)):
            return code
        if not more:
            return []
        if best.kind == "heading":
            after = [r for r in section if r.line > best.line]
            # a list right under the heading comes whole; else its first statements
            lead = next((r.context for r in after[:2] if r.kind == "item"), None)
            if lead is not None:
                return [r for r in after if r.kind == "item" and r.context == lead][:LIST_ITEMS]
            if len(after) >= _HEADING_LEADS:
                return after[:_HEADING_LEADS]
            # little under the heading itself: it is the outline of its subsections
            # each subsection's heading with what it says first, a code block aside (long)
            return after + outline(self._around(SUBHEADINGS, "parent", best, sparql, read))
        if best.text.endswith(":") and (said := announced(best, section)):
            return said
        if best.kind == "item" and best.context:
            return siblings(best, section)[:LIST_ITEMS]
        if best.text.endswith(":"):
            return []
        after = [r for r in section if r.line >= best.line and r.iri != best.iri]
        if len(after) >= _DEFINITION_MORE:
            return after[:_DEFINITION_MORE]
        # the section ends with the definition: its first subsection goes on ("### What it
        # does" and the list under it)
        below = self._around(SUBSECTION, "parent", best, sparql, read)
        first = [r for r in below if r.section == below[0].section]
        return after + first[: 1 + LIST_ITEMS]

    def _score_early(
        self,
        candidates: list[_Candidate],
        groups: list[Group],
        intent: str,
        linked: Sequence[LinkedConcept],
    ) -> None:
        """Score what the index holds: coverage of the question, BM25, mentions, kind."""
        weights = {g: self.terms.idf(g) for g in groups}
        total = sum(weights.values()) or 1.0
        # an identifier has a second group for its words ("default_args*")
        split = {g.word[:-1] for g in groups if g.word.endswith("*")}
        identifiers = [g for g in groups if g.word in split]
        best_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
        w = self.weights
        for c in candidates:
            covered = sum(x for g, x in weights.items() if g.matches(c.terms))
            in_heading = sum(
                x
                for g, x in weights.items()
                if not g.matches(c.terms) and g.matches(c.heading_terms)
            )
            c.coverage = (covered + 0.5 * in_heading) / total
            c.identifier = any(g.matches(c.own_terms) for g in identifiers)
            c.early = (
                w.coverage * covered / total
                + w.heading * in_heading / total
                + w.bm25 * c.bm25 / best_bm25
                + w.mention * mention_score(c.mentions, linked)
                + w.intent * (kind_prior(intent, c.kind) + both_sides(intent, c.mentions, linked))
            )

    def _candidates(
        self, groups: list[Group], linked: Sequence[LinkedConcept], sparql: list[str]
    ) -> list[_Candidate]:
        mentioning: list[str] = []
        if linked:
            query = bind_rows(_MENTIONING, "c", [ox.NamedNode(c.iri) for c in linked[:3]])
            sparql.append(query)
            rows = self.session.query(query).rows  # type: ignore[attr-defined]
            mentioning = sorted(r["st"].value for r in rows)
        # one pass: the best statements, and those that mention a linked concept
        found = self.index.match(groups, _MAX_CANDIDATES, also=mentioning)
        out = {hit.iri: _from_hit(hit) for hit in found.best(_MAX_CANDIDATES)}
        if linked:
            fresh = [iri for iri in mentioning if iri not in out][:_MAX_MENTIONING]
            for hit in found.among(fresh):
                out[hit.iri] = _from_hit(hit)
            # no word of the question, but about its concept
            for hit in self.index.lookup(iri for iri in fresh if iri not in out):
                out[hit.iri] = _from_hit(hit)
        return list(out.values())

    def _details(self, iris: list[str], sparql: list[str]) -> dict[str, dict[str, str]]:
        query = bind_rows(_DETAILS, "st", [ox.NamedNode(i) for i in sorted(iris)])
        sparql.append(query)
        out: dict[str, dict[str, str]] = {}
        for r in self.session.query(query).rows:  # type: ignore[attr-defined]
            out.setdefault(r["st"].value, {k: v.value for k, v in r.items()})
        return out


def _both_sides(
    best: list[_Candidate], scored: list[_Candidate], linked: Sequence[LinkedConcept], limit: int
) -> list[_Candidate]:
    """For "A vs B": statements about both first, then the best about each side in turn, so
    neither side is missing when no statement compares them."""
    a, b = linked[0].iri, linked[1].iri
    both = [r for r in scored if a in r.mentions and b in r.mentions]
    sides = [[r for r in scored if (c in r.mentions) and r not in both] for c in (a, b)]
    out: list[_Candidate] = both[:limit]
    for pair in zip(*sides, strict=False):
        out.extend(r for r in pair if r not in out)
    out.extend([r for r in best if r not in out])
    return out[:limit]


def _from_hit(hit: Hit) -> _Candidate:
    return _Candidate(
        hit.iri, hit.score, hit.terms | hit.before_terms, hit.heading_terms, hit.terms,
        hit.kind, hit.mentions, hit.text,
    )  # fmt: skip


def _ranked(row: dict[str, str], cand: _Candidate | None, score: float) -> Ranked:
    return Ranked(
        iri=row["st"],
        text=row["text"],
        kind=row["kind"],
        context=row.get("context", ""),
        source=row["source"],
        line=int(row["line"]),
        heading=row["heading"],
        section=row["section"],
        language=row["lang"],
        score=score,
        coverage=cand.coverage if cand else 0.0,
        mentions=tuple(sorted(cand.mentions)) if cand else (),
        identifier=cand.identifier if cand else False,
    )
