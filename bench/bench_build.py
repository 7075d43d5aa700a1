"""Build time of the seed notes once the spaCy pipelines are loaded (target: under 1 s).

    python bench/bench_build.py [--repeat N]

Prints the one-time pipeline load, then the median of N runs of each stage side by side
(ingest, extract, graph, store write) and of the whole `kg.api.build`, with the share of the
1-second budget the whole build uses.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg import api
from kg.extract import extract, warm_up
from kg.graph.build import documents_graph
from kg.graph.knowledge import add_extraction
from kg.graph.store import GraphStore
from kg.ingest import load_document

SEED = Path(__file__).resolve().parent.parent / "data" / "databricks-ml-associate-study-guide.md"
BUDGET = 1.0


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    warm_up()
    print(f"pipeline load (once per process): {time.perf_counter() - start:.2f} s")

    doc = load_document(SEED)
    extraction = extract([doc])
    graph = documents_graph([doc])
    add_extraction(graph, extraction)
    data = graph.serialize(format="nt", encoding="utf-8")

    with tempfile.TemporaryDirectory() as tmp:
        stages = {
            "ingest": lambda: load_document(SEED),
            "extract": lambda: extract([doc]),
            "graph": lambda: add_extraction(documents_graph([doc]), extraction),
            "store write": lambda: GraphStore(Path(tmp) / "s").replace(data),
        }
        for name, fn in stages.items():
            print(f"{name:<12} {median_time(fn, args.repeat) * 1000:8.1f} ms")
        whole = median_time(lambda: api.build([SEED], store=Path(tmp) / "b"), args.repeat)
    print(
        f"{'build':<12} {whole * 1000:8.1f} ms  = {whole / BUDGET:.2f} of the {BUDGET:.0f} s budget"
    )


if __name__ == "__main__":
    main()
