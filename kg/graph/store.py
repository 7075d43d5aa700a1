"""The graph store: an embedded, on-disk Oxigraph store behind one small interface.

Layout of a store folder:

    STORE/
      current -> gen-20261126T070102-4242   symlink to the live generation
      gen-.../graph/                        an Oxigraph (RocksDB) folder
      gen-.../<derived files>               built from that graph (the statement index)
      gen-.../complete                      written last: the generation is whole
      build.lock                            held for a whole build (see `generations`)

A build writes a whole new generation — the graph and every file derived from it — and then
swaps the `current` symlink with one atomic rename, so readers never see a half-built graph,
the graph and its derived files always belong to one build, and a failed build leaves the
previous pair queryable. Readers open the live generation read-only.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from platformdirs import user_data_dir

from kg.errors import QueryError, StoreError, StoreNotFoundError
from kg.graph.generations import CURRENT as _CURRENT
from kg.graph.generations import GRAPH as _GRAPH
from kg.graph.generations import BuildLock, go_live, write_generation
from kg.graph.remote import RemoteStore, is_remote
from kg.graph.sparql import (
    MEDIA_TYPES,
    RDF_FORMATS,
    RESULT_FORMATS,
    QueryOptions,
    QueryResult,
    bind_values,
    query_result,
)
from kg.graph.vocab import PREFIXES

# MEDIA_TYPES, QueryResult and bind_values live in kg.graph.sparql; they are named here too
# for code that imports them from the store
__all__ = [
    "MEDIA_TYPES",
    "Derive",
    "GraphSession",
    "GraphStore",
    "QueryResult",
    "Store",
    "bind_values",
    "default_store_path",
    "graph_folder",
    "open_generation",
    "open_store",
]


# writes the files derived from a graph into its generation folder
Derive = Callable[[Path], object]


def graph_folder(generation: Path) -> Path:
    """The Oxigraph folder of a generation (a generation built before derived files existed
    is itself that folder)."""
    inner = generation / _GRAPH
    return inner if inner.is_dir() else generation


def default_store_path() -> Path:
    """`KG_STORE` if set, else a `store` folder in the per-user data directory."""
    env = os.environ.get("KG_STORE")
    return Path(env) if env else Path(user_data_dir("kg", appauthor=False)) / "store"


class GraphStore:
    """One store folder; builds replace its graph atomically, queries are read-only."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = BuildLock(self.path)

    # -- reading ------------------------------------------------------------------------
    def live_generation(self) -> Path:
        """The folder of the graph readers see.

        Raises:
            StoreNotFoundError: nothing has been built here yet.
        """
        link = self.path / _CURRENT
        if not link.exists():
            raise StoreNotFoundError(
                f"no graph at {self.path}; run `kg build` first (or pass --store / set KG_STORE)"
            )
        return link.resolve()

    def exists(self) -> bool:
        return (self.path / _CURRENT).exists()

    @contextlib.contextmanager
    def reader(self) -> Iterator[ox.Store]:
        """The live graph, opened read-only."""
        store = _read_only(self.live_generation())
        try:
            yield store
        finally:
            del store

    def _run(
        self,
        store: ox.Store,
        sparql: str,
        bindings: dict[str, Any] | None,
        options: QueryOptions | None = None,
    ) -> Any:
        """Run a query as given: the package's own queries come here directly; text people
        type passes `check_query` first (see `kg.graph.bounded.run_checked`)."""
        text = bind_values(sparql, bindings) if bindings else sparql
        engine = options.engine_args() if options else {}
        try:
            return store.query(text, prefixes=PREFIXES, **engine)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL query (only queries are allowed): {err}") from err
        except RuntimeError as err:
            raise QueryError(f"cannot run this query: {err}") from err
        except OSError as err:
            raise StoreError(f"cannot read the graph: {err}") from err

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run one of the package's read-only SPARQL queries with the standard prefixes
        predeclared (text people type goes through `kg.graph.bounded.run_checked`, which checks it).

        `bindings` maps variable names to pyoxigraph terms, bound by `bind_values`, never
        formatted into the query as text.

        Raises:
            QueryError: the query is invalid or is an update.
            StoreNotFoundError: nothing has been built yet.
        """
        with self.session() as session:
            return session.query(sparql, bindings)

    def open_session(self) -> GraphSession:
        """A read-only session over the live graph that stays open until dropped (for
        long-lived processes such as the app, where a `with` block cannot span requests)."""
        gen = self.live_generation()
        return GraphSession(self, _read_only(gen), gen)

    @contextlib.contextmanager
    def session(self) -> Iterator[GraphSession]:
        """The live graph kept open for many queries (question answering, the app)."""
        with self.reader() as store:
            yield GraphSession(self, store, self.live_generation())

    def query_serialized(self, sparql: str, fmt: str) -> str:
        """Run a query and serialize its results: `json` (W3C SPARQL 1.1 Query Results JSON),
        `xml`, `csv`, `tsv`; graph results (CONSTRUCT/DESCRIBE) as `turtle` or `ntriples`.

        Raises:
            QueryError: as `query`, or a format that does not fit the query's result.
        """
        with self.reader() as store:
            result = self._run(store, sparql, None)
            if isinstance(result, ox.QueryTriples):
                rdf_fmt = RDF_FORMATS.get(fmt)
                if rdf_fmt is None:
                    raise QueryError(
                        f"use --format turtle, ntriples or rdfxml for graph results, not {fmt}"
                    )
                out = ox.serialize(result, format=rdf_fmt, prefixes=PREFIXES)
                return bytes(out or b"").decode("utf-8")
            if fmt not in RESULT_FORMATS:
                raise QueryError(f"format '{fmt}' fits graph results only; use json, csv or tsv")
            return bytes(result.serialize(format=RESULT_FORMATS[fmt])).decode("utf-8")

    # -- writing ------------------------------------------------------------------------
    def build_lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold the store for a whole build (reading, extraction and the write); a second
        build refuses at once (see `kg.graph.generations`). Re-entrant: the `replace` inside
        a held build does not take it again.

        Raises:
            StoreLockedError: another build holds the store.
        """
        return self._lock.hold()

    def replace(self, ntriples: bytes, derive: Derive | None = None) -> Path:
        """Make `ntriples` the whole graph, atomically; return the new generation's folder.

        `derive(folder)` writes the files derived from this graph (the statement index) into
        the new generation before it goes live, so a graph never goes live without them. The
        generation is marked complete last; only a complete generation goes live or is kept
        as the previous one.

        Raises:
            StoreLockedError: another build holds the store.
            StoreError: the new graph could not be written (the old one stays live).
        """

        def fill(gen: Path) -> None:
            store = ox.Store(str(gen / _GRAPH))
            store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
            store.flush()
            del store
            if derive is not None:
                derive(gen)

        with self._lock.hold():
            try:
                gen = write_generation(self.path, fill)
            except (OSError, SyntaxError, ValueError) as err:
                raise StoreError(f"could not write the graph: {err}") from err
            go_live(self.path, gen)
            return gen


@contextlib.contextmanager
def open_generation(generation: Path) -> Iterator[GraphSession | None]:
    """A read-only session over one generation's own graph, live or not yet (what a build
    derives files from); None for a generation that holds no graph (a remote store's)."""
    if not (generation / _GRAPH).is_dir():
        yield None
        return
    store = _read_only(generation)
    try:
        yield GraphSession(GraphStore(generation.parent), store, generation)
    finally:
        del store


def _read_only(generation: Path) -> ox.Store:
    """A generation's graph, opened read-only.

    Raises:
        StoreError: it cannot be opened.
    """
    try:
        return ox.Store.read_only(str(graph_folder(generation)))
    except OSError as err:
        raise StoreError(f"cannot open the graph at {generation}: {err}") from err


class Store(Protocol):
    """What every graph store offers: the embedded `GraphStore` and `RemoteStore` alike."""

    path: Any

    def exists(self) -> bool: ...
    def live_generation(self) -> Path: ...
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...
    def query_serialized(self, sparql: str, fmt: str) -> str: ...
    def replace(self, ntriples: bytes, derive: Derive | None = None) -> Path: ...
    def build_lock(self) -> contextlib.AbstractContextManager[None]: ...
    def session(self) -> Any: ...
    def open_session(self) -> Any: ...


def open_store(spec: Path | str) -> Store:
    """The store a `--store` value names: a folder (embedded) or a SPARQL server URL."""
    return RemoteStore(str(spec)) if is_remote(spec) else GraphStore(spec)


class GraphSession:
    """Queries against one opened, read-only generation of a store."""

    def __init__(self, owner: GraphStore, store: ox.Store, generation: Path) -> None:
        self._owner = owner
        self._store = store
        self.generation = generation  # which build this session reads
        self._graphs: frozenset[str] | None = None

    def query(
        self,
        sparql: str,
        bindings: dict[str, Any] | None = None,
        options: QueryOptions | None = None,
    ) -> QueryResult:
        """As `GraphStore.query`, without reopening the store; `options` set the dataset,
        the base IRI and a cap on what is read."""
        result = self._owner._run(self._store, sparql, bindings, options)
        try:  # results are read as they are iterated: errors can come only now
            return query_result(result, options.limit if options else None)
        except RuntimeError as err:
            raise QueryError(f"cannot run this query: {err}") from err
        except OSError as err:
            raise StoreError(f"cannot read the graph: {err}") from err

    def graphs(self) -> frozenset[str]:
        """The IRIs of the named graphs this generation holds (what a query may name)."""
        if self._graphs is None:
            names = self._store.named_graphs()
            self._graphs = frozenset(g.value for g in names if isinstance(g, ox.NamedNode))
        return self._graphs
