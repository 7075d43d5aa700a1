from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import QueryTimeoutError
from kg.graph.pool import WorkerPool
from kg.graph.sparql import QueryOptions
from kg.graph.store import GraphStore

TRIPLES = "".join(f"<urn:s{i}> <urn:p{i % 7}> <urn:o{i % 101}> .\n" for i in range(20_000))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def pool(tmp_path: Path):  # type: ignore[no-untyped-def]
    GraphStore(tmp_path / "store").replace(TRIPLES.encode())
    pool = WorkerPool(tmp_path / "store", size=1)
    yield pool
    pool.close()


def _count(pool: WorkerPool, timeout: float) -> str:
    kind, body, fmt, _ = pool.run(COUNT, QueryOptions(), ("json", "turtle"), timeout)
    assert (kind, fmt) == ("ok", "json")
    return str(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_pool_deadline_counts_the_query_not_the_worker_start(pool: WorkerPool) -> None:
    # A spawned worker takes about a second to import and open the graph; a short deadline
    # on the very first query must still hold for the query alone.
    assert _count(pool, timeout=0.3) == "20000"


def test_pool_replaces_a_killed_worker_before_the_next_deadline(pool: WorkerPool) -> None:
    with pytest.raises(QueryTimeoutError):
        pool.run(RUNAWAY, QueryOptions(), ("json", "turtle"), 0.5)
    assert _count(pool, timeout=0.5) == "20000"  # the replacement started outside the deadline
