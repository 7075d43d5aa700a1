"""SPARQL the package itself runs over the graph. User text is never formatted into a query:
it is bound as a value (`bind_values`: a VALUES block of RDF terms)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.graph.sparql import Queryable

__all__ = [
    "ALL_TRIPLES",
    "ConceptFact",
    "ConceptMatch",
    "ConceptParameter",
    "Located",
    "concept_details",
    "concept_extras",
    "concept_facts",
    "concept_parameters",
    "list_documents",
    "list_topics",
]

CONCEPT_FACTS = """
SELECT ?c ?direction ?predicate ?other ?otherLabel ?source ?line ?evidence ?rule ?confidence
WHERE {
  { ?a rdf:subject ?c ; rdf:predicate ?predicate ; rdf:object ?other . BIND("out" AS ?direction) }
  UNION
  { ?a rdf:object ?c ; rdf:predicate ?predicate ; rdf:subject ?other . BIND("in" AS ?direction) }
  ?a a kg:Assertion ; kg:line ?line ; kg:evidence ?evidence ; kg:rule ?rule ;
     kg:confidence ?confidence ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  ?other skos:prefLabel ?otherLabel .
} ORDER BY ?direction ?predicate ?otherLabel ?source ?line"""

CONCEPT_DETAILS = """
SELECT ?c ?label ?alt ?definition WHERE {
  ?c skos:prefLabel ?label .
  OPTIONAL { ?c skos:altLabel ?alt }
  OPTIONAL { ?c skos:definition ?definition }
}"""


CONCEPT_EXAMPLES = """SELECT ?c ?example WHERE { ?c kg:example ?example . }"""

CONCEPT_KEY_POINTS = """
SELECT ?c ?text ?source ?line WHERE {
  ?k a kg:KeyPoint ; kg:about ?c ; kg:text ?text ; kg:line ?line ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?line"""

CONCEPT_SECTIONS = """
SELECT DISTINCT ?c ?title ?source ?line WHERE {
  ?c kg:mentionedIn ?s . ?s rdfs:label ?title ; kg:lineStart ?line ; dcterms:isPartOf ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?line"""


CONCEPT_STATEMENTS = """
SELECT ?c ?st ?text ?source ?line WHERE {
  ?st kg:mentions ?c ; kg:text ?text ; kg:line ?line ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
} ORDER BY ?source ?line ?st LIMIT 40"""


CONCEPT_PARAMETERS = """
SELECT ?c ?name ?value ?type ?default ?comment ?source ?line ?rule WHERE {
  ?c kg:hasParameter ?p .
  ?p kg:parameterName ?name ; kg:line ?line ; kg:rule ?rule ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  OPTIONAL { ?p kg:exampleValue ?value }
  OPTIONAL { ?p kg:parameterType ?type }
  OPTIONAL { ?p kg:defaultValue ?default }
  OPTIONAL { ?p rdfs:comment ?comment }
} ORDER BY ?name ?source ?line"""


ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

DOCUMENTS = """SELECT ?d ?source ?lang ?lines (COUNT(DISTINCT ?s) AS ?sections)
       (COUNT(DISTINCT ?t) AS ?topics) WHERE {
  ?d a kg:Document ; dcterms:source ?source ; kg:lineCount ?lines .
  OPTIONAL { ?d dcterms:language ?lang }
  OPTIONAL { ?s dcterms:isPartOf ?d }
  OPTIONAL { ?d kg:hasTopic ?t }
} GROUP BY ?d ?source ?lang ?lines ORDER BY ?source"""

# every label of every concept (linking questions, searching concepts); unordered: callers
# sort the rows, as Oxigraph's ORDER BY doubles the load of a large graph
LABELS = """SELECT ?c ?label ?kind ?pref WHERE {
  ?c a kg:Concept ; kg:kind ?kind ; skos:prefLabel ?pref ;
     skos:prefLabel|skos:altLabel ?label .
}"""

TOPICS = """SELECT ?t ?title WHERE {
  ?d kg:hasTopic ?t . ?t rdfs:label ?title ; kg:order ?order . ?d dcterms:source ?source .
} ORDER BY ?source ?order"""


def list_documents(store: Queryable) -> list[dict[str, str]]:
    """The documents in the graph with their language and counts."""
    rows = store.query(DOCUMENTS).rows
    return [{k: v.value for k, v in row.items() if k != "d"} for row in rows]


def list_topics(store: Queryable) -> list[tuple[str, str]]:
    """(IRI, title) of every topic, in document order."""
    return [(row["t"].value, row["title"].value) for row in store.query(TOPICS).rows]


@dataclass(frozen=True)
class Located:
    """A text with the file and line it comes from."""

    text: str
    source: str
    line: int


def concept_statements(store: Queryable, iri: str) -> list[Located]:
    """What the notes state about a concept: the statements that mention it (the first 40)."""
    rows = store.query(CONCEPT_STATEMENTS, {"c": ox.NamedNode(iri)}).rows
    return [Located(r["text"].value, r["source"].value, int(r["line"].value)) for r in rows]


def concept_extras(store: Queryable, iri: str) -> tuple[list[str], list[Located], list[Located]]:
    """(code examples, key points, sections that mention it) of a concept."""
    node = {"c": ox.NamedNode(iri)}
    examples = [r["example"].value for r in store.query(CONCEPT_EXAMPLES, node).rows]
    points = [
        Located(r["text"].value, r["source"].value, int(r["line"].value))
        for r in store.query(CONCEPT_KEY_POINTS, node).rows
    ]
    sections = [
        Located(r["title"].value, r["source"].value, int(r["line"].value))
        for r in store.query(CONCEPT_SECTIONS, node).rows
    ]
    return examples, points, sections


@dataclass(frozen=True)
class ConceptMatch:
    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class ConceptFact:
    """One assertion about a concept, seen from it: `direction` "out" (it → other) or "in"."""

    direction: str
    predicate: str
    other_iri: str
    other_label: str
    source: str
    line: int
    evidence: str
    rule: str
    confidence: float


def concept_details(store: Queryable, iri: str) -> tuple[list[str], list[str]]:
    """(alternative labels, definitions) of a concept."""
    rows = store.query(CONCEPT_DETAILS, {"c": ox.NamedNode(iri)}).rows
    alts = sorted({r["alt"].value for r in rows if "alt" in r})
    definitions = list(dict.fromkeys(r["definition"].value for r in rows if "definition" in r))
    return alts, definitions


def concept_facts(store: Queryable, iri: str) -> list[ConceptFact]:
    """Every assertion about a concept, with its evidence."""
    rows = store.query(CONCEPT_FACTS, {"c": ox.NamedNode(iri)}).rows
    return [
        ConceptFact(
            r["direction"].value,
            r["predicate"].value.rpartition("#")[2],
            r["other"].value,
            r["otherLabel"].value,
            r["source"].value,
            int(r["line"].value),
            r["evidence"].value,
            r["rule"].value,
            float(r["confidence"].value),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ConceptParameter:
    """A parameter of a callable concept: declared (type, default, description) or passed in
    a call (an example value), with where it was read."""

    name: str
    value: str
    type: str
    default: str
    description: str
    source: str
    line: int
    rule: str

    def signature(self) -> str:
        """How it reads: `name="x"` as a call passes it, `name: str = None` as declared."""
        if self.value:
            return f"{self.name}={self.value}"
        kind = f": {self.type}" if self.type else ""
        default = f" = {self.default}" if self.default else ""
        return f"{self.name}{kind}{default}"


def concept_parameters(store: Queryable, iri: str) -> list[ConceptParameter]:
    """The parameters of a callable concept, by name."""
    rows = store.query(CONCEPT_PARAMETERS, {"c": ox.NamedNode(iri)}).rows

    def parameter(row: dict[str, Any]) -> ConceptParameter:
        text = {name: str(term.value) for name, term in row.items()}
        return ConceptParameter(
            text["name"], text.get("value", ""), text.get("type", ""), text.get("default", ""),
            text.get("comment", ""), text["source"], int(text["line"]), text["rule"],
        )  # fmt: skip

    return [parameter(r) for r in rows]
