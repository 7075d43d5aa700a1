"""The facade every interface uses (CLI, HTTP endpoint, Streamlit app).

Interfaces parse input, call one function here, and render what it returns.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.graph.bounded import BoundedResult, query_isolated, run_bounded, serialized_isolated
from kg.graph.concepts import ConceptHit, ConceptSearch, Explanation, explain_concept
from kg.graph.export import EXPORT_FORMATS, export_graph, rdf_graph
from kg.graph.pool import WorkerPool, answer_in_pool
from kg.graph.queries import list_documents, list_topics
from kg.graph.report import BuildReport, DocumentSummary, StoreStatus
from kg.graph.report import store_status as _store_status
from kg.graph.sparql import MEDIA_TYPES, QueryOptions, QueryResult
from kg.graph.store import Store, default_store_path, open_store
from kg.graph.validate import Validation
from kg.graph.views import RELATIONS, DependencyGraph
from kg.graph.views import concept_graph as _concept_graph
from kg.graph.views import topic_graph as _topic_graph
from kg.ingest import (
    DEFAULT_MAX_BYTES,
    Document,
    Skipped,
    discover,
    document_to_dict,
    iter_documents,
    load_document,
)
from kg.qa import Answer, QAEngine
from kg.qa.evaluate import EvalReport, load_cases
from kg.qa.evaluate import evaluate as run_evaluation

__all__ = [
    "BUNDLED_NOTES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PATHS",
    "EXPORT_FORMATS",
    "MEDIA_TYPES",
    "RELATIONS",
    "Answer",
    "BoundedResult",
    "BuildReport",
    "ConceptHit",
    "ConceptSearch",
    "DependencyGraph",
    "DocumentSummary",
    "EvalReport",
    "Explanation",
    "QAEngine",
    "QueryOptions",
    "QueryResult",
    "StoreStatus",
    "Validation",
    "WorkerPool",
    "answer_in_pool",
    "answerer",
    "ask",
    "build",
    "concept_graph",
    "concept_search",
    "context",
    "describe",
    "document_to_dict",
    "documents",
    "evaluate",
    "explain",
    "export",
    "graph",
    "inspect",
    "notes_paths",
    "open_engine",
    "query",
    "query_pool",
    "rebuild",
    "save_upload",
    "sparql",
    "sparql_bounded",
    "store_status",
    "topic_graph",
    "topics",
    "upload_conflicts",
    "validate",
]

DEFAULT_PATHS: tuple[str, ...] = ("data",)
# the study guide shipped inside the package: what a first start reads with no data/ folder
BUNDLED_NOTES = Path(str(resources.files("kg") / "notes"))
Progress = Callable[[int, int, Path], None] | None


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
    with target.build_lock():
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
    from kg.qa.tables import derive_files

    extraction = extract(documents)
    graph = documents_graph(documents)
    add_extraction(graph, extraction)
    # what is derived from this graph (statement index, engine tables) goes live with it
    target.replace(graph.serialize(format="nt", encoding="utf-8"), partial(derive_files, graph))
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
        parameters=len(extraction.parameters),
    )


def explain(text: str, *, store: Path | str | None = None) -> list[Explanation]:
    """Every concept labelled `text` (case and accents ignored), with all assertions about it.

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    with _store(store).session() as session:  # one open store for every query
        hits = ConceptSearch.of(session).exact(text)
        return [explain_concept(session, h.iri, h.label, h.kind) for h in hits]


def describe(
    iri: str, label: str, kind: str = "", *, store: Path | str | None = None
) -> Explanation:
    """One concept, known by its IRI (a pick in the app), with all assertions about it.

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    with _store(store).session() as session:  # one open store for every query
        return explain_concept(session, iri, label, kind)


def concept_search(*, store: Path | str | None = None) -> ConceptSearch:
    """The one concept search, over every label of the live graph: keep it for many searches
    (the app caches one per build).

    Raises:
        StoreNotFoundError: nothing has been built yet.
    """
    return ConceptSearch.of(_store(store))


def concept_graph(
    relation: str = "requires",
    *,
    focus: str | None = None,
    topic: str | None = None,
    store: Path | str | None = None,
) -> DependencyGraph:
    """Concepts linked by `relation` (one of `RELATIONS`), optionally within one topic or
    around one concept (`focus`, whose prerequisites the graph marks)."""
    with _store(store).session() as session:
        return _concept_graph(session, relation=relation, topic=topic, focus=focus)


def topic_graph(*, store: Path | str | None = None) -> DependencyGraph:
    """Topics linked when the text of one states that a concept requires, is part of or is
    a method of a concept introduced in the other (each edge with its reasons and lines)."""
    with _store(store).session() as session:
        return _topic_graph(session)


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


def store_status(*, store: Path | str | None = None) -> StoreStatus:
    """The store a `--store` value (or `KG_STORE`, or the per-user default) names: where it
    is, whether a graph is built there, and which build is live."""
    return _store_status(_store(store))


def notes_paths() -> tuple[Path | str, ...]:
    """What a first start builds from: `data/` in the working folder when there is one, else
    the study guide shipped with kg."""
    return DEFAULT_PATHS if Path(DEFAULT_PATHS[0]).is_dir() else (BUNDLED_NOTES,)


def rebuild(
    added: Sequence[Path | str] = (),
    *,
    store: Path | str | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build again from the notes the live graph holds (those still on disk), `notes_paths()`
    and `added` (uploads), so nothing already read is lost.

    Raises:
        as `build`.
    """
    held = [Path(d["source"]) for d in documents(store=store)] if _store(store).exists() else []
    paths = [*(p for p in held if p.is_file()), *notes_paths(), *added]
    return build(paths, store=store, progress=progress)


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
    """A read-only query people typed, checked, run off the network (`kg.graph.bounded`)."""
    return query_isolated(_store(store).path, sparql_text, bindings)


def graph(*, store: Path | str | None = None) -> Any:
    """The whole built graph as an rdflib Graph (for validation and export)."""
    return rdf_graph(_store(store))


def validate(*, store: Path | str | None = None) -> Validation:
    """Check the built graph against the shipped SHACL shapes."""
    from kg.graph.validate import validate_graph

    return validate_graph(graph(store=store))


def export(fmt: str, *, store: Path | str | None = None) -> str:
    """The whole graph as Turtle, N-Triples, JSON-LD, or GraphML (for Gephi and yEd).

    Raises:
        QueryError: an unknown format.
    """
    return export_graph(_store(store), fmt)


def sparql_bounded(
    sparql_text: str, *, store: Path | str | None = None, timeout: float = 5.0, max_rows: int = 1000
) -> BoundedResult:
    """A read-only query stopped at `timeout` seconds, at most `max_rows` rows (`truncated`
    says when more were found); for queries people type in the app."""
    return run_bounded(_store(store).path, sparql_text, timeout=timeout, max_rows=max_rows)


def sparql(sparql_text: str, *, fmt: str = "json", store: Path | str | None = None) -> str:
    """As `query`, the results serialized (`json` is W3C results JSON)."""
    return serialized_isolated(_store(store).path, sparql_text, fmt)


def query_pool(*, store: Path | str | None = None, workers: int = 2) -> WorkerPool:
    """Query processes that keep the graph open, for an endpoint serving many clients (each
    query stopped at its deadline by `answer_in_pool`)."""
    return WorkerPool(_store(store).path, size=workers)
