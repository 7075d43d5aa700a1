"""A graph in any SPARQL 1.1 server (Oxigraph server, Virtuoso, GraphDB, Neptune), behind the
same interface as the embedded store: `--store http://host:port` (or its `/query` URL).

Queries go over the SPARQL 1.1 Protocol; a build replaces the server's default graph with one
Graph Store Protocol `PUT` (`/store?default`), which a server applies as a whole. The files
derived from the graph (the statement index) stay on this machine, in generations of their own
beside kg's other data (`<user data dir>/kg/remote/<server>`): written before the `PUT`, made
live after it succeeds, so the server's graph and the local index change together. Values are
bound by appending a `VALUES` clause built from RDF terms (validated and escaped by
pyoxigraph), never by formatting user text into the query.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from platformdirs import user_data_dir

from kg.errors import QueryError, StoreError, StoreNotFoundError
from kg.graph.generations import CURRENT, BuildLock, go_live, write_generation
from kg.graph.sparql import MEDIA_TYPES, QueryOptions, QueryResult, bind_values, query_result
from kg.graph.vocab import prefix_header

__all__ = ["RemoteStore", "is_remote"]


def is_remote(spec: Path | str) -> bool:
    return str(spec).startswith(("http://", "https://"))


class RemoteStore:
    """A graph held by a SPARQL 1.1 server."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        base = url.rstrip("/")
        for suffix in ("/query", "/sparql"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
        self.base = base
        self.path = url  # what reports show as "the store"
        self.query_url = base + "/query"
        self.store_url = base + "/store"
        self.timeout = timeout
        name = re.sub(r"[^A-Za-z0-9.-]+", "-", base.split("://", 1)[-1]).strip("-")[:60]
        digest = hashlib.sha1(base.encode()).hexdigest()[:10]
        # where the files derived from this server's graph live on this machine
        self.local = Path(user_data_dir("kg", appauthor=False)) / "remote" / f"{name}-{digest}"
        self._lock = BuildLock(self.local)  # one build at a time from this machine

    # -- protocol -------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, headers: dict[str, str], method: str) -> bytes:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", errors="replace")[:300]
            if err.code == 400:
                raise QueryError(f"the server refused the query: {detail}") from err
            raise StoreError(f"{url}: HTTP {err.code} {detail}") from err
        except OSError as err:
            raise StoreError(f"cannot reach the graph server at {self.base}: {err}") from err

    def _post(self, sparql: str, accept: str, options: QueryOptions | None = None) -> bytes:
        """POST a query (text people type is checked before it comes here: see
        `kg.graph.bounded.run_checked`); `options` go as the protocol's dataset parameters and
        BASE."""
        options = options or QueryOptions()
        text = prefix_header() + sparql
        if options.base_iri:
            text = f"BASE <{ox.NamedNode(options.base_iri).value}>\n{text}"
        params = [("default-graph-uri", g) for g in options.default_graphs or ()]
        params += [("named-graph-uri", g) for g in options.named_graphs or ()]
        url = self.query_url + ("?" + urllib.parse.urlencode(params) if params else "")
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        return self._request(url, text.encode("utf-8"), headers, "POST")

    # -- the store interface ----------------------------------------------------------------
    def exists(self) -> bool:
        try:
            return bool(self.query("ASK { ?s a kg:Document }").boolean)
        except StoreError:
            return False

    def live_generation(self) -> Path:
        if not self.exists():
            raise StoreNotFoundError(f"no graph at {self.base}; run `kg build --store {self.base}`")
        return self.local_generation()

    def local_generation(self) -> Path:
        """The live folder of the files derived from the server's graph, or `remote` when
        none were built here."""
        link = self.local / CURRENT
        return link.resolve() if link.exists() else Path("remote")

    def query(
        self,
        sparql: str,
        bindings: dict[str, Any] | None = None,
        options: QueryOptions | None = None,
    ) -> QueryResult:
        text = bind_values(sparql, bindings) if bindings else sparql
        accept = f"{MEDIA_TYPES['json']}, {MEDIA_TYPES['ntriples']};q=0.9"
        body = self._post(text, accept, options)
        limit = options.limit if options else None
        if body.lstrip().startswith(b"{"):
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return query_result(parsed, limit)
        triples = tuple(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        truncated = limit is not None and len(triples) > limit
        return QueryResult("graph", triples=triples[:limit], truncated=truncated)

    def query_serialized(self, sparql: str, fmt: str) -> str:
        if fmt not in MEDIA_TYPES:
            raise QueryError(f"unknown format '{fmt}'")
        return self._post(sparql, MEDIA_TYPES[fmt]).decode("utf-8")

    def replace(self, ntriples: bytes, derive: Callable[[Path], object] | None = None) -> Path:
        """Make `ntriples` the server's whole default graph, in one request; the files
        `derive` writes go live here once the server has the graph."""
        headers = {"Content-Type": "application/n-triples"}
        with self._lock.hold():
            gen = write_generation(self.local, lambda g: derive(g) if derive else None)
            try:
                self._request(self.store_url + "?default", ntriples, headers, "PUT")
            except BaseException:
                shutil.rmtree(gen, ignore_errors=True)
                raise
            go_live(self.local, gen)
        return gen

    def build_lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold this server's local files for a whole build, as `GraphStore.build_lock`."""
        return self._lock.hold()

    def session(self) -> Any:
        return contextlib.nullcontext(_RemoteSession(self))

    def open_session(self) -> Any:
        return _RemoteSession(self)


class _RemoteSession:
    def __init__(self, store: RemoteStore) -> None:
        self._store = store
        self.generation = store.local_generation()

    def query(
        self,
        sparql: str,
        bindings: dict[str, Any] | None = None,
        options: QueryOptions | None = None,
    ) -> QueryResult:
        return self._store.query(sparql, bindings, options)

    def graphs(self) -> frozenset[str]:
        """None known here: a query may name no graph of a remote store."""
        return frozenset()
