"""What the app says, in each of its languages: its strings (every language has the same keys),
the words for relations and kinds of concept, the reasons kg gives for a file it cannot read,
the examples it offers and the SPARQL examples."""

from __future__ import annotations

__all__ = [
    "EXAMPLES",
    "KINDS",
    "REASONS",
    "RELATION_WORDS",
    "SPARQL_EXAMPLES",
    "UI",
]

UI: dict[str, dict[str, str]] = {
    "es": {
        "page_title": "kg · tus apuntes como grafo de conocimiento",
        "tagline": "Tus apuntes como grafo de conocimiento: pregunta, explora y estudia.",
        "pages": "Páginas", "decimal": ",",
        "ask": "Preguntar", "concept": "Concepto", "compare": "Comparar", "graph": "Grafo",
        "path": "Ruta de aprendizaje", "sparql": "SPARQL", "notes": "Notas",
        "ask_intro": "Pregunta en español o en inglés; cada respuesta cita tus notas.",
        "concept_intro": "Todo lo que tus notas dicen de un concepto.",
        "compare_intro": "Dos conceptos lado a lado.",
        "graph_intro": "Qué depende de qué: conceptos o temas.",
        "path_intro": "Qué estudiar antes de una meta, en orden; marca lo que ya sabes.",
        "sparql_intro": "Consultas de solo lectura sobre el grafo (máximo 5 s y 1000 filas).",
        "notes_intro": "Los documentos del grafo; añade notas y reconstruye.",
        "question": "Pregunta", "examples": "Prueba con:", "evidence": "Evidencia",
        "concepts": "Conceptos", "closest": "Conceptos cercanos:", "pick": "Elige un concepto",
        "clear_history": "Borrar el historial", "open_sparql": "Abrir en la página SPARQL",
        "requires": "Requiere", "required_by": "Lo requieren", "differs": "Se diferencia de",
        "parts": "Métodos y partes", "examples_code": "Ejemplos de código", "tips": "Puntos clave",
        "sections": "Secciones que lo mencionan", "aliases": "También", "first": "Primero",
        "second": "Segundo", "goal": "Meta", "known": "Ya lo sé", "next": "Puedes aprender ahora",
        "kind": "Tipo", "all_known": "Ya sabes todo lo que requiere.",
        "run": "Ejecutar", "build": "Reconstruir el grafo", "upload": "Añadir notas",
        "upload_help": "Hasta {mb} MB por archivo: .md, .markdown, .mdx, .txt, .ipynb, .rst.",
        "replace_warning": "Ya hay una nota con este nombre en {folder}: {names}. Al "
        "reconstruir se reemplaza (la anterior se guarda en {folder}/.replaced/).",
        "replace": "Reemplazar las notas existentes",
        "documents": "Documentos", "building": "Construyendo el grafo…", "topics": "Temas",
        "built": "{docs} documentos · {concepts} conceptos · {relations} relaciones · {seconds} s",
        "skipped": "No se leyó {where}: {reason}",
        "col_file": "Archivo", "col_lang": "Idioma", "col_lines": "Líneas",
        "col_sections": "Secciones", "col_topics": "Temas",
        "concept_level": "Conceptos", "topic_level": "Temas", "relation": "Relación",
        "topic": "Tema", "open_page": "Abrir su página",
        "shown": "Se muestran {shown} de {total} conceptos: los que tienen una relación «{verb}»",
        "shown_topic": " en el tema «{topic}»", "shown_focus": " alrededor de «{focus}»",
        "truncated": "Recortado a los primeros {limit} conceptos: elige un tema o un concepto "
        "arriba para ver el resto.",
        "legend_concepts": "**A → B**: A {verb} B. **:red[●]** el concepto elegido · "
        "**:orange[●]** lo que requiere (directa o indirectamente) · **:blue[●]** los demás. "
        "Clic: seleccionar · doble clic: abrir su página.",
        "legend_topics": "**A → B**: estudia A antes que B (conceptos de B requieren conceptos de "
        "A). Pasa el ratón por una flecha para ver por qué. Los temas sin flechas no dependen de "
        "otros.",
        "topics_shown": "{topics} temas en el orden de las notas · {edges} dependencias",
        "topics_truncated": "Hay {total} temas: se muestran los {shown} que dependen de otros o "
        "de los que otros dependen.",
        "study_plan": "Plan de estudio", "col_order": "Orden", "col_before": "Antes, estudia",
        "col_why": "Por qué",
        "why": "{concept} requiere {requires}",
        "more": "y {n} más",
        "no_edges": "Esta relación no aparece en tus notas con estos filtros.",
        "none": "Nada en tus notas.",
        "no_graph": "Aún no hay grafo: se construye desde {paths}.",
        "most_required": "Los más requeridos", "col_concept": "Concepto",
        "col_required_by": "Lo requieren", "col_depended_by": "Temas que dependen de él",
        "static": "Vista estática", "truncated_rows": "Resultado recortado a 1000 filas.",
        "in_context": "Ver en contexto", "all_topics": "Todos los temas",
        "search": "Buscar (admite errores de tipeo)",
        "sparql_examples": "Ejemplos", "sparql_query": "Consulta SPARQL",
        "yes": "Sí", "no": "No", "no_rows": "Ninguna fila.",
        "err_syntax": "Consulta SPARQL no válida (línea {line}, columna {column}): se esperaba "
        "{expected}.",
        "err_a_name": "un nombre", "err_or": "o",
        "err_timeout": "La consulta tardó más de {seconds} s y se detuvo.",
        "err_query": "No se puede ejecutar esta consulta: {detail}",
        "err_not_allowed": "SERVICE, LOAD y FROM no están permitidos: las consultas leen solo "
        "este grafo.",
        "err_locked": "Otra construcción está escribiendo este grafo; espera a que termine.",
        "err_input": "No se pudo leer {where}: {reason}",
        "err_other": "Error de kg: {detail}",
    },
    "en": {
        "page_title": "kg · your notes as a knowledge graph",
        "tagline": "Your notes as a knowledge graph: ask, explore and study.",
        "pages": "Pages", "decimal": ".",
        "ask": "Ask", "concept": "Concept", "compare": "Compare", "graph": "Graph",
        "path": "Learning path", "sparql": "SPARQL", "notes": "Notes",
        "ask_intro": "Ask in English or Spanish; every answer cites the lines of your notes.",
        "concept_intro": "Everything your notes say about one concept.",
        "compare_intro": "Two concepts side by side.",
        "graph_intro": "What depends on what: concepts or topics.",
        "path_intro": "What to study before a goal, in order; tick off what you know.",
        "sparql_intro": "Read-only queries over the graph (at most 5 s and 1000 rows).",
        "notes_intro": "The documents in the graph; add notes and rebuild.",
        "question": "Question", "examples": "Try:", "evidence": "Evidence",
        "concepts": "Concepts", "closest": "Close concepts:", "pick": "Pick a concept",
        "clear_history": "Clear the history", "open_sparql": "Open on the SPARQL page",
        "requires": "Requires", "required_by": "Required by", "differs": "Differs from",
        "parts": "Methods and parts", "examples_code": "Code examples", "tips": "Key points",
        "sections": "Sections that mention it", "aliases": "Also", "first": "First",
        "second": "Second", "goal": "Goal", "known": "I know this", "next": "You can learn next",
        "kind": "Kind", "all_known": "You already know everything it requires.",
        "run": "Run", "build": "Rebuild the graph", "upload": "Add notes",
        "upload_help": "Up to {mb} MB per file: .md, .markdown, .mdx, .txt, .ipynb, .rst.",
        "replace_warning": "A note with this name is already in {folder}: {names}. Rebuilding "
        "replaces it (the old one is kept in {folder}/.replaced/).",
        "replace": "Replace the existing notes",
        "documents": "Documents", "building": "Building the graph…", "topics": "Topics",
        "built": "{docs} documents · {concepts} concepts · {relations} relations · {seconds} s",
        "skipped": "Not read: {where}: {reason}",
        "col_file": "File", "col_lang": "Language", "col_lines": "Lines",
        "col_sections": "Sections", "col_topics": "Topics",
        "concept_level": "Concepts", "topic_level": "Topics", "relation": "Relation",
        "topic": "Topic", "open_page": "Open its page",
        "shown": "Showing {shown} of {total} concepts: those with a “{verb}” relation",
        "shown_topic": " in the topic “{topic}”", "shown_focus": " around “{focus}”",
        "truncated": "Capped at the first {limit} concepts: pick a topic or a concept above to "
        "see the rest.",
        "legend_concepts": "**A → B**: A {verb} B. **:red[●]** the chosen concept · "
        "**:orange[●]** what it requires (directly or not) · **:blue[●]** the others. "
        "Click: select · double-click: open its page.",
        "legend_topics": "**A → B**: study A before B (concepts of B require concepts of A). "
        "Hover over an arrow to see why. Topics without arrows depend on no other.",
        "topics_shown": "{topics} topics in the order of the notes · {edges} dependencies",
        "topics_truncated": "There are {total} topics: showing the {shown} that depend on others "
        "or that others depend on.",
        "study_plan": "Study plan", "col_order": "Order", "col_before": "Study first",
        "col_why": "Why",
        "why": "{concept} requires {requires}",
        "more": "and {n} more",
        "no_edges": "Your notes hold no such relation with these filters.",
        "none": "Nothing in your notes.",
        "no_graph": "No graph yet: building it from {paths}.",
        "most_required": "Most required", "col_concept": "Concept",
        "col_required_by": "Required by", "col_depended_by": "Topics that depend on it",
        "static": "Static view", "truncated_rows": "Results capped at 1000 rows.",
        "in_context": "Show in context", "all_topics": "All topics",
        "search": "Search (typos are fine)",
        "sparql_examples": "Examples", "sparql_query": "SPARQL query",
        "yes": "Yes", "no": "No", "no_rows": "No rows.",
        "err_syntax": "Invalid SPARQL query (line {line}, column {column}): expected {expected}.",
        "err_a_name": "a name", "err_or": "or",
        "err_timeout": "The query ran longer than {seconds} s and was stopped.",
        "err_query": "Cannot run this query: {detail}",
        "err_not_allowed": "SERVICE, LOAD and FROM are not allowed: queries read this graph only.",
        "err_locked": "Another build is writing this graph; wait until it finishes.",
        "err_input": "Could not read {where}: {reason}",
        "err_other": "kg error: {detail}",
    },
}  # fmt: skip

# how each relation reads between two concepts, "A <verb> B", per language
RELATION_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "requires": "requiere", "partOf": "es parte de", "methodOf": "es un método de",
        "differsFrom": "se diferencia de", "produces": "produce",
        "alternativeTo": "es una alternativa a", "usedFor": "se usa para",
        "relatedTo": "se relaciona con", "howTo": "sirve para",
    },
    "en": {
        "requires": "requires", "partOf": "is part of", "methodOf": "is a method of",
        "differsFrom": "differs from", "produces": "produces",
        "alternativeTo": "is an alternative to", "usedFor": "is used for",
        "relatedTo": "is related to", "howTo": "is used to",
    },
}  # fmt: skip

# the kinds of concept (`kg:kind`) as words
KINDS: dict[str, dict[str, str]] = {
    "es": {"term": "término", "api": "API", "class": "clase", "module": "módulo",
           "parameter": "parámetro"},
    "en": {"term": "term", "api": "API", "class": "class", "module": "module",
           "parameter": "parameter"},
}  # fmt: skip

# why a file was not read, as kg says it (a pattern over its English reason) and in each
# language; `{0}`… are the pattern's groups. tests/test_app.py checks each pattern against what
# kg really says, so a reworded reason cannot slip by untranslated.
REASONS: list[tuple[str, dict[str, str]]] = [
    (r"empty file", {"es": "el archivo está vacío", "en": "the file is empty"}),
    (r"binary or undecodable content.*",
     {"es": "contenido binario o ilegible (no es texto)",
      "en": "binary or undecodable content (not text)"}),
    (r"unsupported file type '(.*)'",
     {"es": "tipo de archivo no admitido ({0})", "en": "unsupported file type ({0})"}),
    (r"unsupported file type; use (.*)",
     {"es": "tipo de archivo no admitido; usa {0}", "en": "unsupported file type; use {0}"}),
    (r"file is ([\d,]+) bytes, over the ([\d,]+) limit",
     {"es": "el archivo tiene {0} bytes, más que el límite de {1}",
      "en": "the file is {0} bytes, over the {1} limit"}),
    (r"a note with this name exists.*",
     {"es": "ya hay una nota con este nombre; confirma que quieres reemplazarla",
      "en": "a note with this name exists; confirm replacing it"}),
    (r"invalid notebook JSON: (.*)",
     {"es": "JSON de notebook no válido ({0})", "en": "invalid notebook JSON ({0})"}),
    (r"not a Jupyter notebook.*",
     {"es": "no es un notebook de Jupyter (no tiene lista 'cells')",
      "en": "not a Jupyter notebook (no 'cells' list)"}),
    (r"no such file or folder",
     {"es": "no existe ese archivo o carpeta", "en": "no such file or folder"}),
    (r"a name Windows reserves for a device.*",
     {"es": "Windows reserva ese nombre para un dispositivo; cambia el nombre del archivo",
      "en": "a name Windows reserves for a device; rename the file"}),
    (r"the name is too long.*",
     {"es": "el nombre es demasiado largo; cambia el nombre del archivo",
      "en": "the name is too long; rename the file"}),
    (r"repository metadata.*",
     {"es": "metadatos del repositorio, no son notas (nómbralo para leerlo)",
      "en": "repository metadata, not notes (name the file to read it)"}),
]  # fmt: skip

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

SPARQL_EXAMPLES: dict[str, dict[str, str]] = {
    "es": {
        "Lo que requiere score_batch": _PREREQUISITES,
        "Conceptos que se diferencian": _DIFFERENCES,
        "Temas en orden": _TOPICS,
        "Relaciones con su evidencia": _EVIDENCE,
    },
    "en": {
        "What score_batch requires": _PREREQUISITES,
        "Concepts that differ": _DIFFERENCES,
        "Topics in order": _TOPICS,
        "Relations with their evidence": _EVIDENCE,
    },
}
