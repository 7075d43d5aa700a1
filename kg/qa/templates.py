"""The SPARQL templates question answering runs, one registry with names and descriptions.

Every template reads the graph only; the concept (and section) it is about are bound as values
(`?c`, `?s`) by `kg.graph.store.bind_values` (a VALUES block of RDF terms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.extract.predicates import relations
from kg.graph.queries import LABELS

__all__ = ["TEMPLATES", "Row", "Template", "value"]

Row = dict[str, Any]
"""One solution of a template: variable name → pyoxigraph term (unbound names absent)."""


def value(row: Row, name: str, default: str = "") -> str:
    """The lexical value of `name` in a solution, or `default` when it is unbound."""
    term = row.get(name)
    return str(term.value) if term is not None else default


def _components_rows() -> str:
    """The rows of the `parts` template, from the table of predicates: where the concept
    asked about stands in each relation a components answer lists."""
    other = {"subject": "object", "object": "subject"}
    return "\n".join(
        f'    (rdf:{r.components} kg:{r.name} rdf:{other[r.components]} "{r.name}")'
        for r in relations()
        if r.components
    )


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    query: str


# facts of one kind a template reads about a concept (and its comparisons, the sections that
# mention it): a concept of many documents has thousands (its methods, its notes: 8,000 rows
# and 2 s at 1,000 documents), more than an answer shows. Which ones are read is the store's
# index order, the same for the same notes; the most any concept of the seed and corpora has
# is 77 (15 comparisons, 70 sections)
_MAX_FACTS = 100


def _capped(pattern: str, variables: str = "?c ?a ?o") -> str:
    """At most `_MAX_FACTS` solutions of `pattern` about the concept `?c` (by default
    assertions `?a` with their other side `?o`); the bound values open this sub-select too
    (`AskContext.run`)."""
    return f"\n  {{ SELECT {variables} WHERE {{ {pattern} }} LIMIT {_MAX_FACTS} }}"


def _held(path: str) -> str:
    """A sub-select with one row when the concept `?c` stands in a plain triple of `path`
    (`?x path ?c`), none otherwise, put before the sub-select of a template's assertions:
    every assertion is written with its plain triple (`kg.graph.knowledge`), so with none
    there is no assertion to read, and Oxigraph then skips reading the concept's others one
    by one (at 1,000 documents a concept of thousands, none of the kind asked: `parts` 45 ms
    → 3 ms; over the 90 development questions `parts` 1.29 → 0.64 s, `requires` 0.61 →
    0.35 s). Its one row leaves the rows read, and their order, as they were."""
    return f"\n  {{ SELECT ?c WHERE {{ ?x {path} ?c }} LIMIT 1 }}"


def _components_path() -> str:
    """The property path from the other side to the concept of every relation `parts` reads
    (`^` where the concept is the subject)."""
    ways = {"object": "", "subject": "^"}
    return "|".join(f"{ways[r.components]}kg:{r.name}" for r in relations() if r.components)


def _comparisons(which: str) -> str:
    """The comparisons `which` selects (`?cmp`, about the concept `?c`), each with its sides,
    labels and evidence."""
    return (
        "SELECT ?c ?cmp ?left ?leftLabel ?right ?rightLabel ?source ?line ?evidence WHERE {"
        + which
        + """
  ?cmp a kg:Comparison ; kg:left ?left ; kg:right ?right ; kg:line ?line ;
       kg:evidence ?evidence ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  ?left skos:prefLabel ?leftLabel . ?right skos:prefLabel ?rightLabel .
} ORDER BY ?cmp"""
    )


_EVIDENCE = """
  ?a a kg:Assertion ; kg:line ?line ; kg:evidence ?evidence ; kg:rule ?rule ;
     kg:confidence ?confidence ; dcterms:source ?doc .
  ?doc dcterms:source ?source ."""

TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template(
            "requires",
            "What a concept requires, with the assertion behind each requirement.",
            """SELECT ?c ?o ?label ?source ?line ?evidence ?rule ?confidence WHERE {"""
            + _held("^kg:requires")
            + _capped("?a rdf:subject ?c ; rdf:predicate kg:requires ; rdf:object ?o .")
            + _EVIDENCE
            + """
  ?o skos:prefLabel ?label .
} ORDER BY DESC(?confidence) ?source ?line ?o ?evidence""",
        ),
        Template(
            "required_by",
            "What requires a concept (its dependents), with evidence.",
            """SELECT ?c ?o ?label ?source ?line ?evidence ?rule ?confidence WHERE {"""
            + _held("kg:requires")
            + _capped("?a rdf:object ?c ; rdf:predicate kg:requires ; rdf:subject ?o .")
            + _EVIDENCE
            + """
  ?o skos:prefLabel ?label .
} ORDER BY DESC(?confidence) ?source ?line ?o ?evidence""",
        ),
        Template(
            "requires_closure",
            "Every requirement reachable from a concept (kg:requires*), edge by edge.",
            """SELECT ?c ?s ?sLabel ?o ?oLabel ?source ?line ?evidence WHERE {
  ?c kg:requires* ?s .
  ?a rdf:subject ?s ; rdf:predicate kg:requires ; rdf:object ?o ."""
            + _EVIDENCE
            + """
  ?s skos:prefLabel ?sLabel . ?o skos:prefLabel ?oLabel .
} ORDER BY ?source ?line ?s ?o""",
        ),
        Template(
            "produced_by",
            "Where a concept comes from: what produces it (for learning paths).",
            """SELECT ?c ?o ?label ?source ?line ?evidence WHERE {"""
            + _held("kg:produces")
            + _capped("?a rdf:object ?c ; rdf:predicate kg:produces ; rdf:subject ?o .")
            + _EVIDENCE
            + """
  ?o skos:prefLabel ?label .
} ORDER BY ?source ?line ?o""",
        ),
        Template(
            "produced",
            "Which of the concepts bound (`VALUES ?c`) something produces: the ones whose"
            " producer `produced_by` then reads.",
            """SELECT DISTINCT ?c WHERE { ?x kg:produces ?c . }""",
        ),
        Template(
            "comparisons",
            "Comparisons where a concept is one side (their aspects: `comparison_aspects`).",
            _comparisons(_capped("{ ?cmp kg:left ?c } UNION { ?cmp kg:right ?c }", "?c ?cmp")),
        ),
        Template(
            "comparisons_with",
            "Comparisons between a concept and any of the others bound (`VALUES ?other`):"
            " the pair a difference asks for, which the capped `comparisons` may not read.",
            _comparisons(
                "\n  { ?cmp kg:left ?c ; kg:right ?other }"
                " UNION { ?cmp kg:right ?c ; kg:left ?other }"
            ),
        ),
        Template(
            "comparison_aspects",
            "The aspects of comparisons, each side's value, in the order of each table.",
            # asked apart from `comparisons`, for the comparisons read (`VALUES ?cmp`): as an
            # OPTIONAL there, Oxigraph evaluates its right side over the whole graph before
            # joining (18 ms on the seed + corpora against 0.2 ms this way)
            """SELECT ?cmp ?aspect ?leftValue ?rightValue ?order ?aspectLine WHERE {
  ?cmp kg:hasAspect ?asp . ?asp kg:aspectName ?aspect ; kg:leftValue ?leftValue ;
       kg:rightValue ?rightValue ; kg:order ?order ; kg:line ?aspectLine .
} ORDER BY ?order ?aspect""",
        ),
        Template(
            "definition",
            "A concept's definitions.",
            """SELECT ?c ?definition WHERE { ?c skos:definition ?definition . }
ORDER BY ?definition""",
        ),
        Template(
            "key_points",
            "Key points, exam tips and table notes about a concept, with their lines.",
            "SELECT ?c ?text ?source ?line WHERE {"
            + _capped("?k kg:about ?c ; a kg:KeyPoint .", "?c ?k")
            + """
  ?k kg:text ?text ; kg:line ?line ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?line ?text""",
        ),
        Template(
            "parts",
            "What a concept includes, produces, offers as methods, has as members or as steps"
            " (components); steps in their order.",
            # where the concept stands in each relation as a table, not a UNION (whose
            # branches Oxigraph reads over the whole graph before joining the concept)
            "SELECT ?c ?o ?label ?relation ?position ?source ?line ?evidence WHERE {"
            + _held(_components_path())
            + _capped(
                "?a ?stands ?c ; rdf:predicate ?p ; ?other ?o .\n"
                f"    VALUES (?stands ?p ?other ?relation) {{\n{_components_rows()}\n    }}",
                "?c ?a ?o ?relation",
            )
            + """
  OPTIONAL { ?a kg:position ?position }
  ?a kg:line ?line ; kg:evidence ?evidence ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  ?o skos:prefLabel ?label .
} ORDER BY ?relation ?source ?line ?position ?o""",
        ),
        Template(
            "owner",
            "The class or module a method belongs to.",
            """SELECT ?c ?o ?label WHERE { ?c kg:methodOf ?o . ?o skos:prefLabel ?label . }
ORDER BY ?o""",
        ),
        Template(
            "uses",
            "What a concept is used for, with evidence.",
            """SELECT ?c ?o ?label ?source ?line ?evidence WHERE {"""
            + _held("^kg:usedFor")
            + _capped("?a rdf:subject ?c ; rdf:predicate kg:usedFor ; rdf:object ?o .")
            + _EVIDENCE
            + """
  ?o skos:prefLabel ?label .
} ORDER BY ?source ?line ?o""",
        ),
        Template(
            "sections",
            "Every section title with its document, span and topic, for ranking how-to questions.",
            """SELECT ?s ?title ?source ?start ?end WHERE {
  ?s a kg:Section ; rdfs:label ?title ; kg:lineStart ?start ; kg:lineEnd ?end ;
     dcterms:isPartOf ?doc . ?doc dcterms:source ?source .
}""",  # sorted by the engine, as the labels are
        ),
        Template(
            "mentioned_in",
            "The sections that mention a concept, with their documents and first lines.",
            "SELECT ?c ?s ?title ?source ?start WHERE {"
            + _capped("?c kg:mentionedIn ?s .", "?c ?s")
            + """
  ?s rdfs:label ?title ; kg:lineStart ?start ; dcterms:isPartOf ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?start ?s""",
        ),
        Template(
            "section_statements",
            "Key points and relation evidence inside a section's lines, in line order.",
            # a table of what to read of each kind, not a UNION: Oxigraph evaluates a UNION's
            # branches before joining them with the section, over the whole graph (25 s against
            # 0.3 s for 20 sections at 1,000 documents)
            """SELECT DISTINCT ?s ?text ?line ?source WHERE {
  ?s kg:lineStart ?start ; kg:lineEnd ?end ; dcterms:isPartOf ?doc .
  ?doc dcterms:source ?source .
  ?k dcterms:source ?doc ; kg:line ?line ; a ?type ; ?said ?text .
  VALUES (?type ?said) { (kg:KeyPoint kg:text) (kg:Assertion kg:evidence) }
  FILTER(?line >= ?start && ?line <= ?end)
  FILTER NOT EXISTS { ?k kg:rule "row-table" }
} ORDER BY ?line ?text""",
        ),
        Template(
            "section_apis",
            "The API concepts mentioned in a section, with their code examples.",
            """SELECT ?s ?c ?label ?example WHERE {
  ?c kg:mentionedIn ?s ; kg:kind "api" ; skos:prefLabel ?label .
  OPTIONAL { ?c kg:example ?example }
} ORDER BY ?c ?example""",
        ),
        Template(
            "examples",
            "A concept's code examples.",
            """SELECT ?c ?example WHERE { ?c kg:example ?example . } ORDER BY ?example""",
        ),
        Template(
            "labels",
            "Every label of every concept, for linking questions to concepts.",
            LABELS,  # sorted by the engine
        ),
    )
}
