"""The tables an engine opens with, derived once per build and kept in its generation.

Opening an engine reads every label and every section of the graph: two SPARQL queries whose
results grow with the notes (Oxigraph joins them on disk: 8 s at 1,000 documents), and keys
every label for linking (2 s more). A build runs the same two templates once, on the graph it
has just written, and keeps the concept index and the sections beside it in the generation
that goes live with it (as the statement index), so every engine after it reads them from one
file. A generation without the file (a remote store, a graph built by an older kg) is queried
as before; the tables are the same.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.graph import fulltext
from kg.graph.sparql import Queryable
from kg.graph.store import open_generation
from kg.lang import fingerprint
from kg.qa.linking import ConceptIndex
from kg.qa.ranking import Section
from kg.qa.templates import TEMPLATES, value

__all__ = ["TABLES_FILE", "Tables", "derive_files", "query_tables", "read_tables", "write_tables"]

TABLES_FILE = "engine-tables.json"
_VERSION = 1  # raised when the file's layout or how labels are keyed changes


def _stamp() -> str:
    """What the tables were made with: their layout and the language files, whose glossary
    and word lists key the labels; a file with another stamp is not read."""
    return f"{_VERSION}:{fingerprint()}"


@dataclass(frozen=True)
class Tables:
    """Every label of every concept, read into the index questions are linked with, and
    every section; each read in one total order (the same graph loads the same way)."""

    concepts: ConceptIndex
    sections: tuple[Section, ...]


def query_tables(session: Queryable) -> Tables:
    """The tables, read from the graph with the `labels` and `sections` templates."""
    rows = session.query(TEMPLATES["labels"].query).rows
    labels = sorted(
        (value(r, "c"), value(r, "label"), value(r, "kind"), value(r, "pref")) for r in rows
    )
    sections = [Section.from_row(r) for r in session.query(TEMPLATES["sections"].query).rows]
    sections.sort(key=lambda s: (s.source, s.start, s.iri))
    return Tables(ConceptIndex(labels), tuple(sections))


def derive_files(graph: Graph, generation: Path) -> None:
    """Write what answering reads beside `graph` in its new generation: the statement index
    and the engine tables."""
    fulltext.build_index(graph, generation)  # looked up here: tests break it on purpose
    write_tables(generation)


def write_tables(generation: Path) -> Path | None:
    """Write the tables of a generation's graph into it (None for a generation that holds no
    graph of its own: a remote store's)."""
    with open_generation(generation) as session:
        if session is None:
            return None
        tables = query_tables(session)
    path = generation / TABLES_FILE
    data = {
        "version": _stamp(),
        "concepts": tables.concepts.state(),
        "sections": [
            (s.iri, s.title, s.source, s.start, s.end, sorted(s.words)) for s in tables.sections
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the tables are read: they are a million
    small objects, none in a cycle, and each collection the allocations set off would walk
    all of them again (reading took 1.0 s at 1,000 documents, 0.4 s paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_tables(generation: Path) -> Tables | None:
    """The tables a build kept in `generation`; None when it kept none (or in an older
    layout, or unreadable: the caller queries the graph instead)."""
    with _collector_paused():
        return _read_tables(generation)


def _read_tables(generation: Path) -> Tables | None:
    path = generation / TABLES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != _stamp():
        return None
    try:
        concepts = ConceptIndex.from_state(data["concepts"])
        sections = tuple(
            Section(str(iri), str(title), str(source), int(start), int(end), frozenset(words))
            for iri, title, source, start, end, words in data["sections"]
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return Tables(concepts, sections)
