"""How kg scales: build cost by number of documents, query latency by graph size and store,
and endpoint throughput under concurrent clients. Prints markdown tables.

    python bench/bench_scale.py [--docs 1,10,100,1000] [--triples 10000,100000,1000000]
                                [--clients 8,32] [--seconds 5]

Documents are variants of the seed notes and the shared corpora (names in code spans, bold
and headings made unique per variant, so the graph grows as it would with more notes). Query
latency runs the question-answering templates with bound values on synthetic concept graphs,
in the embedded store and in `oxigraph serve` (the `oxigraph` package), side by side.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_endpoint import load  # the same concurrent clients

from kg import api
from kg.graph.remote import RemoteStore
from kg.graph.store import GraphStore
from kg.qa.templates import TEMPLATES
from kg.serve import make_server, serve
from tests.browser import free_port

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SOURCES = [
    ROOT / "data" / "databricks-ml-associate-study-guide.md",
    *sorted(p for p in CORPORA.rglob("*") if p.suffix in {".md", ".mdx"}),
]
KG = "https://kg.invalid/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def variant(text: str, n: int) -> str:
    text = re.sub(r"`([^`\n]{1,60})`", lambda m: f"`{m.group(1)}_{n}`", text)
    text = re.sub(r"\*\*([^*\n]{1,60})\*\*", lambda m: f"**{m.group(1)} {n}**", text)
    return re.sub(r"^(#{1,6} .+)$", lambda m: f"{m.group(1)} ({n})", text, flags=re.M)


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def bench_build(counts: list[int]) -> None:
    print("\n### Build cost by number of documents\n")
    print("| documents | lines | build s | ms per document | concepts | triples | store MB |")
    print("|---|---|---|---|---|---|---|")
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "notes"
            folder.mkdir()
            lines = 0
            for i in range(count):
                text = variant(texts[i % len(texts)], i)
                lines += text.count("\n") + 1
                (folder / f"note-{i:04d}.md").write_text(text, encoding="utf-8")
            store = Path(tmp) / "store"
            report = api.build([folder], store=store)
            gen = store / "current"
            print(
                f"| {count} | {lines} | {report.seconds:.1f} | {1000 * report.seconds / count:.0f} "
                f"| {report.concepts} | {report.triples} | {size_of(gen.resolve()) / 1e6:.1f} |"
            )


def synthetic(triples: int, seed: int = 7) -> bytes:
    """A concept graph shaped like kg's: labels, kinds, requires edges with assertions."""
    rng = random.Random(seed)
    per_concept = 3 + 2 * 9  # labels and kind, two relations each with an 8-triple assertion
    n = max(triples // per_concept, 10)
    out = []
    for i in range(n):
        c = f"<https://kg.invalid/concept/c{i}>"
        out.append(f"{c} <{RDF}type> <{KG}Concept> .")
        out.append(f'{c} <{SKOS}prefLabel> "concept {i}" .')
        out.append(f'{c} <{KG}kind> "term" .')
        for j in range(2):
            o = f"<https://kg.invalid/concept/c{rng.randrange(n)}>"
            a = f"<https://kg.invalid/doc/a{i}-{j}>"
            out.append(f"{c} <{KG}requires> {o} .")
            out += [
                f"{a} <{RDF}type> <{KG}Assertion> .",
                f"{a} <{RDF}subject> {c} .",
                f"{a} <{RDF}predicate> <{KG}requires> .",
                f"{a} <{RDF}object> {o} .",
                f'{a} <{KG}line> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                f'{a} <{KG}evidence> "evidence line {i}" .',
                f'{a} <{KG}rule> "synthetic" .',
                f'{a} <{KG}confidence> "0.8"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
            ]
    return ("\n".join(out) + "\n").encode()


def latency(store: object, name: str, n: int, concepts: int) -> tuple[float, float]:
    template = TEMPLATES[name].query
    times = []
    rng = random.Random(1)
    for _ in range(n):
        bound = {"c": ox.NamedNode(f"https://kg.invalid/concept/c{rng.randrange(concepts)}")}
        start = time.perf_counter()
        store.query(template, None if name == "labels" else bound)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def bench_queries(sizes: list[int]) -> None:
    print("\n### Query latency by graph size and store (ms, p50 / p95)\n")
    print("| triples | store | load s | requires (bound) | dependents (bound) | label scan |")
    print("|---|---|---|---|---|---|")
    binary = Path(sys.executable).with_name("oxigraph")
    for size in sizes:
        data = synthetic(size)
        concepts = max(size // 21, 10)
        with tempfile.TemporaryDirectory() as tmp:
            local = GraphStore(Path(tmp) / "local")
            start = time.perf_counter()
            local.replace(data)
            load = time.perf_counter() - start
            port = free_port()
            command = [str(binary), "serve", "--location", str(Path(tmp) / "remote")]
            command += ["--bind", f"127.0.0.1:{port}"]
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                remote = RemoteStore(f"http://127.0.0.1:{port}", timeout=600)
                for _ in range(100):
                    try:
                        remote.query("ASK {}")
                        break
                    except Exception:
                        time.sleep(0.1)
                start = time.perf_counter()
                remote.replace(data)
                remote_load = time.perf_counter() - start
                scans = 5 if size >= 1_000_000 else 20
                with local.session() as session:
                    rows = [
                        ("embedded", load, session),
                        ("oxigraph server", remote_load, remote),
                    ]
                    for label, seconds, target in rows:
                        req = latency(target, "requires", 100, concepts)
                        dep = latency(target, "required_by", 100, concepts)
                        scan = latency(target, "labels", scans, concepts)
                        print(
                            f"| {size:,} | {label} | {seconds:.1f} | {req[0]:.2f} / {req[1]:.2f} "
                            f"| {dep[0]:.2f} / {dep[1]:.2f} | {scan[0]:.0f} / {scan[1]:.0f} |"
                        )
            finally:
                proc.terminate()
                proc.wait(timeout=30)


def bench_endpoint(clients: list[int], seconds: float) -> None:
    print("\n### `kg serve` under concurrent clients (seed graph, one small query)\n")
    print("| clients | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([SOURCES[0]], store=store)
        server = make_server(store, port=0, timeout=5.0)
        serve(server, background=True)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            for count in clients:
                times, errors = load(base, count, seconds, distinct=False)
                p95 = times[int(0.95 * (len(times) - 1))] * 1000 if times else 0
                print(
                    f"| {count} | {len(times)} | {len(times) / seconds:.0f} "
                    f"| {statistics.median(times) * 1000:.0f} | {p95:.0f} | {errors} |"
                )
        finally:
            server.shutdown()
            server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", default="1,10,100,1000")
    parser.add_argument("--triples", default="10000,100000,1000000")
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    ints = lambda text: [int(x) for x in text.split(",") if x]  # noqa: E731
    if shutil.which(str(Path(sys.executable).with_name("oxigraph"))) is None:
        raise SystemExit("the oxigraph server is missing: pip install oxigraph")
    bench_build(ints(args.docs))
    bench_queries(ints(args.triples))
    bench_endpoint(ints(args.clients), args.seconds)


if __name__ == "__main__":
    main()
