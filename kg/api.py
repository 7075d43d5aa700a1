"""The facade every interface uses (CLI, HTTP endpoint, Streamlit app).

Interfaces parse input, call one function here, and render what it returns.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError, QueryError
from kg.graph.bounded import BoundedResult, run_bounded
from kg.graph.queries import (
    ALL_TRIPLES,
    ConceptFact,
    ConceptMatch,
    Located,
    concept_details,
    concept_extras,
    concept_facts,
    find_concepts,
    list_documents,
    list_topics,
)
from kg.graph.store import QueryResult, Store, build_lock, default_store_path, open_store
from kg.graph.validate import Validation
from kg.ingest import DEFAULT_MAX_BYTES, Document, Skipped, discover, iter_documents, load_document
from kg.qa import Answer, QAEngine
from kg.qa.evaluate import EvalReport, load_cases
from kg.qa.evaluate import evaluate as run_evaluation

__all__ = [
    "DEFAULT_PATHS",
    "BuildReport",
    "DocumentSummary",
    "Explanation",
    "answerer",
    "ask",
    "build",
    "context",
    "describe",
    "documents",
    "evaluate",
    "explain",
    "export",
    "graph",
    "graph_exists",
    "inspect",
    "live_generation",
    "open_engine",
    "query",
    "save_upload",
    "sparql",
    "sparql_bounded",
    "topics",
    "upload_conflicts",
    "validate",
]

DEFAULT_PATHS: tuple[str, ...] = ("data",)
Progress = Callable[[int, int, Path], None] | None


@dataclass(frozen=True)
class DocumentSummary:
    source: Path
    format: str
    sections: int
    topics: int
    encoding_repaired: bool


@dataclass(frozen=True)
class BuildReport:
    """What a build read, skipped and wrote."""

    store: Path
    documents: tuple[DocumentSummary, ...]
    skipped: tuple[Skipped, ...]
    triples: int
    seconds: float
    concepts: int = 0
    relations: dict[str, int] = field(default_factory=dict)

    @property
    def sections(self) -> int:
        return sum(d.sections for d in self.documents)

    @property
    def topics(self) -> int:
        return sum(d.topics for d in self.documents)


def _store(store: Path | str | None) -> Store:
    """The embedded store at a folder, or a SPARQL server at a URL (same interface)."""
    return open_store(store if store else default_store_path())


def build(
    paths: Sequence[Path | str] = (),
    *,
    store: Path | str | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress = None,
) -> BuildReport:
    """Read `paths` (default `data/`), build the graph and make it the store's live graph.

    The build holds the store from its first read to the swap (a second build refuses at
    once); the previous graph stays live when the build fails for any reason.

    Raises:
        StoreLockedError: another build holds the store.
        InputError: with `strict`, the first file that could not be read.
        KgError: no document could be read at all.
        StoreError: the store could not be written.
    """
    target = _store(store)
    with build_lock(target):
        return _build(paths or DEFAULT_PATHS, target, strict, max_bytes, progress)


def _build(
    paths: Sequence[Path | str], target: Store, strict: bool, max_bytes: int, progress: Progress
) -> BuildReport:
    started = time.perf_counter()
    files, skipped = discover(paths)
    if strict and (missing := [s for s in skipped if s.reason == "no such file or folder"]):
        raise InputError(missing[0].path, missing[0].reason)
    documents: list[Document] = []
    all_skipped = list(skipped)
    for n, result in enumerate(iter_documents(files, max_bytes=max_bytes), start=1):
        if progress:
            progress(n, len(files), files[n - 1])
        if isinstance(result, Skipped):
            if strict:
                raise InputError(result.path, result.reason, result.line)
            all_skipped.append(result)
        else:
            documents.append(result)
    if not documents:
        raise KgError(
            "no document could be read from "
            + ", ".join(str(p) for p in paths)
            + "; the previous graph is unchanged"
        )
    # imported here: spaCy and rdflib load only when a build runs, not for every question
    from kg.extract import extract
    from kg.graph.build import documents_graph
    from kg.graph.knowledge import add_extraction

    extraction = extract(documents)
    graph = documents_graph(documents)
    add_extraction(graph, extraction)
    target.replace(graph.serialize(format="nt", encoding="utf-8"))
    summaries = tuple(
        DocumentSummary(
            d.source, d.format, len(d.sections), len(d.top_level_sections()), d.encoding_repaired
        )
        for d in documents
    )
    return BuildReport(
        store=target.path,
        documents=summaries,
        skipped=tuple(all_skipped),
        triples=len(graph),
        seconds=time.perf_counter() - started,
        concepts=len(extraction.concepts),
        relations=extraction.counts(),
    )


@dataclass(frozen=True)
class Explanation:
    """A concept and every assertion about it, with evidence (`kg explain`)."""

    iri: str
    label: str
    kind: str
    alt_labels: tuple[str, ...]
    definitions: tuple[str, ...]
    facts: tuple[ConceptFact, ...]
    examples: tuple[str, ...] = ()
    key_points: tuple[Located, ...] = ()
    sections: tuple[Located, ...] = ()


def explain(text: str, *, store: Path | str | None = None) -> list[Explanation]:
    """Every concept labelled `text` (case-insensitive), with all assertions about it.

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    graph = _store(store)
    return [_explanation(graph, match) for match in find_concepts(graph, text)]


def describe(
    iri: str, label: str, kind: str = "", *, store: Path | str | None = None
) -> Explanation:
    """One concept, known by its IRI (a pick in the app), with all assertions about it.

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    return _explanation(_store(store), ConceptMatch(iri, label, kind))


def _explanation(graph: Store, match: ConceptMatch) -> Explanation:
    alts, definitions = concept_details(graph, match.iri)
    examples, points, sections = concept_extras(graph, match.iri)
    return Explanation(
        match.iri,
        match.label,
        match.kind,
        tuple(alts),
        tuple(definitions),
        tuple(concept_facts(graph, match.iri)),
        tuple(examples),
        tuple(points),
        tuple(sections),
    )


@contextlib.contextmanager
def answerer(*, store: Path | str | None = None) -> Iterator[QAEngine]:
    """A question-answering engine over the built graph, loaded once for many questions.

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    with QAEngine.open(_store(store).path) as engine:
        yield engine


def open_engine(*, store: Path | str | None = None) -> QAEngine:
    """An engine that keeps the graph open while it lives (for the app's resource cache)."""
    return QAEngine.load(_store(store).path)


def graph_exists(*, store: Path | str | None = None) -> bool:
    return _store(store).exists()


def live_generation(*, store: Path | str | None = None) -> str:
    """An identifier of the live graph; it changes with every build (cache key)."""
    return _store(store).live_generation().name


def documents(*, store: Path | str | None = None) -> list[dict[str, str]]:
    """The documents in the graph with their language and counts."""
    return list_documents(_store(store))


def context(source: str, line: int, *, radius: int = 4) -> list[tuple[int, str]]:
    """The repaired lines around `line` of a source file, to show evidence in its place.

    Raises:
        InputError: the file cannot be read any more.
    """
    doc = load_document(source)
    start, end = max(1, line - radius), min(doc.line_count, line + radius)
    return [(n, doc.lines[n - 1]) for n in range(start, end + 1)]


def topics(*, store: Path | str | None = None) -> list[tuple[str, str]]:
    """(IRI, title) of every topic, in document order."""
    return list_topics(_store(store))


def save_upload(
    name: str,
    data: bytes,
    folder: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    replace: bool = False,
) -> Path:
    """Save an uploaded note under `folder` with a safe name (see `kg.ingest.uploads`); a note
    of that name (any case) is replaced only with `replace`, and kept in `folder/.replaced/`.

    Raises:
        InputError: a bad type, name, size or content; the name is taken and not `replace`.
    """
    from kg.ingest import uploads

    return uploads.save_upload(name, data, folder, max_bytes=max_bytes, replace=replace)


def upload_conflicts(name: str, folder: Path | str) -> list[Path]:
    """The notes in `folder` that saving an upload called `name` would replace (any case)."""
    from kg.ingest import uploads

    return uploads.upload_conflicts(name, folder)


def ask(question: str, *, store: Path | str | None = None) -> Answer:
    """Answer one question from the graph (loads the engine; use `answerer` for many)."""
    with answerer(store=store) as engine:
        return engine.ask(question)


def evaluate(questions: Path | str, *, store: Path | str | None = None) -> EvalReport:
    """Answer every question of a YAML file and judge the answers (`kg eval`).

    Raises:
        InputError: the questions file cannot be read.
        StoreNotFoundError: nothing has been built yet.
    """
    cases = load_cases(questions)
    with answerer(store=store) as engine:
        return run_evaluation(engine, cases)


def inspect(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """What ingestion sees in one file.

    Raises:
        InputError: the file cannot be read.
    """
    return load_document(path, max_bytes=max_bytes)


def query(
    sparql_text: str, *, bindings: dict[str, Any] | None = None, store: Path | str | None = None
) -> QueryResult:
    """Run a read-only SPARQL query over the built graph, values bound apart from the text."""
    return _store(store).query(sparql_text, bindings)


def graph(*, store: Path | str | None = None) -> Any:
    """The whole built graph as an rdflib Graph (for validation and export)."""
    from rdflib import Graph

    data = _store(store).query_serialized(ALL_TRIPLES, "ntriples")
    return Graph().parse(data=data, format="nt")


def validate(*, store: Path | str | None = None) -> Validation:
    """Check the built graph against the shipped SHACL shapes."""
    from kg.graph.validate import validate_graph

    return validate_graph(graph(store=store))


EXPORT_FORMATS = ("turtle", "nt", "jsonld", "graphml")


def export(fmt: str, *, store: Path | str | None = None) -> str:
    """The whole graph as Turtle, N-Triples, JSON-LD, or GraphML (for Gephi and yEd).

    Raises:
        QueryError: an unknown format.
    """
    if fmt == "turtle":
        return _store(store).query_serialized(ALL_TRIPLES, "turtle")
    if fmt == "nt":
        return _store(store).query_serialized(ALL_TRIPLES, "ntriples")
    if fmt == "jsonld":
        return str(graph(store=store).serialize(format="json-ld"))
    if fmt == "graphml":
        return _graphml(graph(store=store))
    raise QueryError(f"unknown export format '{fmt}'; use one of {', '.join(EXPORT_FORMATS)}")


def _graphml(rdf: Any) -> str:
    """Resources as nodes (labelled), resource-to-resource triples as edges (predicate)."""
    import networkx as nx
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    out = nx.MultiDiGraph()
    for s, p, o in rdf:
        if isinstance(o, URIRef) and isinstance(s, URIRef):
            out.add_edge(str(s), str(o), predicate=str(p))
    for node in list(out.nodes):
        label = rdf.value(URIRef(node), SKOS.prefLabel) or rdf.value(URIRef(node), RDFS.label)
        out.nodes[node]["label"] = str(label) if isinstance(label, Literal) else node
    return "\n".join(nx.generate_graphml(out))


def sparql_bounded(
    sparql_text: str,
    *,
    store: Path | str | None = None,
    timeout: float = 5.0,
    max_rows: int = 1000,
) -> BoundedResult:
    """A read-only query stopped at `timeout` seconds, at most `max_rows` rows (`truncated`
    says when more were found); for queries people type in the app."""
    return run_bounded(_store(store).path, sparql_text, timeout=timeout, max_rows=max_rows)


def sparql(sparql_text: str, *, fmt: str = "json", store: Path | str | None = None) -> str:
    """Run a read-only SPARQL query and serialize the results (`json` is W3C results JSON)."""
    return _store(store).query_serialized(sparql_text, fmt)
