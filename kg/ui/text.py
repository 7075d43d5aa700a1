"""What the app says, in each of its languages: its strings, the words for relations and kinds
of concept, the reasons kg gives for a file it cannot read and the titles of the SPARQL examples
come from the language files (`ui`, `relations`, `ui_kinds`, `ui_reasons`,
`ui_sparql_examples` of `kg/lang/<code>.toml`, every language with the same keys); the
examples it offers and the SPARQL examples' queries are the same in every language."""

from __future__ import annotations

from kg.lang import LANGUAGES, table

__all__ = [
    "EXAMPLES",
    "KINDS",
    "LANGUAGES",
    "REASONS",
    "RELATION_WORDS",
    "SPARQL_EXAMPLES",
    "UI",
]

UI: dict[str, dict[str, str]] = {lang: dict(table("ui", lang)) for lang in LANGUAGES}

# how each relation reads between two concepts, "A <verb> B", per language
RELATION_WORDS: dict[str, dict[str, str]] = {
    lang: {name: str(words["reads"]) for name, words in table("relations", lang).items()}
    for lang in LANGUAGES
}

# the kinds of concept (`kg:kind`) as words
KINDS: dict[str, dict[str, str]] = {lang: dict(table("ui_kinds", lang)) for lang in LANGUAGES}

# why a file was not read, as kg says it (a pattern over its English reason) and in each
# language (`ui_reasons.<id>`); `{0}`… are the pattern's groups. tests/test_app.py checks each
# pattern against what kg really says, so a reworded reason cannot slip by untranslated.
_REASON_PATTERNS = [
    ("empty", r"empty file"),
    ("binary", r"binary or undecodable content.*"),
    ("unsupported_type", r"unsupported file type '(.*)'"),
    ("unsupported_use", r"unsupported file type; use (.*)"),
    ("too_large", r"file is ([\d,]+) bytes, over the ([\d,]+) limit"),
    ("exists", r"a note with this name exists.*"),
    ("notebook_json", r"invalid notebook JSON: (.*)"),
    ("not_notebook", r"not a Jupyter notebook.*"),
    ("missing", r"no such file or folder"),
    ("reserved_name", r"a name Windows reserves for a device.*"),
    ("long_name", r"the name is too long.*"),
    ("metadata", r"repository metadata.*"),
]
REASONS: list[tuple[str, dict[str, str]]] = [
    (pattern, {lang: str(table("ui_reasons", lang)[key]) for lang in LANGUAGES})
    for key, pattern in _REASON_PATTERNS
]

EXAMPLES = [
    "¿Qué requiere score_batch?",
    "online vs offline features",
    "What should I learn before score_batch?",
    "¿Cómo escribo datos en una feature table?",
]

_PREREQUISITES = """SELECT ?x ?label WHERE {
  ?c skos:prefLabel "score_batch" ; kg:requires ?x .
  ?x skos:prefLabel ?label .
}"""
_DIFFERENCES = """SELECT ?aLabel ?bLabel WHERE {
  ?a kg:differsFrom ?b .
  ?a skos:prefLabel ?aLabel . ?b skos:prefLabel ?bLabel .
}"""
_TOPICS = """SELECT ?order ?title WHERE {
  ?t a kg:Topic ; rdfs:label ?title ; kg:order ?order .
} ORDER BY ?order"""
_EVIDENCE = """SELECT ?s ?p ?o ?line ?evidence WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:line ?line ; kg:evidence ?evidence .
} LIMIT 20"""

_QUERIES = {
    "prerequisites": _PREREQUISITES,
    "differences": _DIFFERENCES,
    "topics": _TOPICS,
    "evidence": _EVIDENCE,
}
SPARQL_EXAMPLES: dict[str, dict[str, str]] = {
    lang: {str(table("ui_sparql_examples", lang)[key]): query for key, query in _QUERIES.items()}
    for lang in LANGUAGES
}
