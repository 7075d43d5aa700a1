"""What the app says, in each of its languages, and the examples it offers."""

from __future__ import annotations

__all__ = ["EXAMPLES", "SPARQL_EXAMPLES", "UI"]

UI = {
    "es": {
        "ask": "Preguntar", "concept": "Concepto", "compare": "Comparar", "graph": "Grafo",
        "path": "Ruta de aprendizaje", "sparql": "SPARQL", "notes": "Notas",
        "question": "Pregunta", "examples": "Prueba con:", "evidence": "Evidencia",
        "concepts": "Conceptos", "closest": "Conceptos cercanos:", "pick": "Elige un concepto",
        "requires": "Requiere", "required_by": "Lo requieren", "differs": "Se diferencia de",
        "parts": "Métodos y partes", "examples_code": "Ejemplos de código", "tips": "Puntos clave",
        "sections": "Secciones que lo mencionan", "aliases": "También", "first": "Primero",
        "second": "Segundo", "goal": "Meta", "known": "Ya lo sé", "next": "Puedes aprender ahora",
        "run": "Ejecutar", "build": "Reconstruir el grafo", "upload": "Añadir notas",
        "documents": "Documentos", "building": "Construyendo el grafo…", "topics": "Temas",
        "concept_level": "Conceptos", "topic_level": "Temas", "relation": "Relación",
        "truncated": "Grafo recortado: se muestran los primeros nodos.",
        "no_graph": "Aún no hay grafo: se construye desde {paths}.",
        "none": "Nada en tus notas.",
        "most_required": "Los más requeridos",
        "static": "Vista estática", "truncated_rows": "Resultado recortado a 1000 filas.",
        "in_context": "Ver en contexto", "all_topics": "Todos los temas",
        "search": "Buscar (admite errores de tipeo)",
    },
    "en": {
        "ask": "Ask", "concept": "Concept", "compare": "Compare", "graph": "Graph",
        "path": "Learning path", "sparql": "SPARQL", "notes": "Notes",
        "question": "Question", "examples": "Try:", "evidence": "Evidence",
        "concepts": "Concepts", "closest": "Close concepts:", "pick": "Pick a concept",
        "requires": "Requires", "required_by": "Required by", "differs": "Differs from",
        "parts": "Methods and parts", "examples_code": "Code examples", "tips": "Key points",
        "sections": "Sections that mention it", "aliases": "Also", "first": "First",
        "second": "Second", "goal": "Goal", "known": "I know this", "next": "You can learn next",
        "run": "Run", "build": "Rebuild the graph", "upload": "Add notes",
        "documents": "Documents", "building": "Building the graph…", "topics": "Topics",
        "concept_level": "Concepts", "topic_level": "Topics", "relation": "Relation",
        "truncated": "Graph capped: showing the first nodes.",
        "no_graph": "No graph yet: building it from {paths}.",
        "none": "Nothing in your notes.",
        "most_required": "Most required",
        "static": "Static view", "truncated_rows": "Results capped at 1000 rows.",
        "in_context": "Show in context", "all_topics": "All topics",
        "search": "Search (typos are fine)",
    },
}  # fmt: skip

EXAMPLES = [
    "¿Qué requiere score_batch?",
    "online vs offline features",
    "What should I learn before score_batch?",
    "¿Cómo escribo datos en una feature table?",
]

SPARQL_EXAMPLES = {
    "prerequisites": """SELECT ?x ?label WHERE {
  ?c skos:prefLabel "score_batch" ; kg:requires ?x .
  ?x skos:prefLabel ?label .
}""",
    "differences": """SELECT ?aLabel ?bLabel WHERE {
  ?a kg:differsFrom ?b .
  ?a skos:prefLabel ?aLabel . ?b skos:prefLabel ?bLabel .
}""",
    "topics": """SELECT ?order ?title WHERE {
  ?t a kg:Topic ; rdfs:label ?title ; kg:order ?order .
} ORDER BY ?order""",
    "evidence": """SELECT ?s ?p ?o ?line ?evidence WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:line ?line ; kg:evidence ?evidence .
} LIMIT 20""",
}
