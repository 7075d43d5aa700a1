"""`kg serve` under concurrent clients: requests a second, p50 and p95 latency, errors.

    python bench/bench_endpoint.py [--clients 8,32] [--seconds 5] [--mode process|inproc]
                                   [--distinct]

`--mode process` (default) runs `kg serve` as its own process, as a user would, so the clients
(threads here, a new connection per request, as `urllib` makes them) do not share its
interpreter; `--mode inproc` serves from a thread of this process, as `bench_scale.py` did
before. `--distinct` makes every query text unique (a different LIMIT), so no cache can help.
The graph is the seed notes; the query is one small join.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import api  # noqa: E402
from tests.browser import free_port  # noqa: E402

SEED = ROOT / "data" / "databricks-ml-associate-study-guide.md"
QUERY = "SELECT ?l WHERE {{ ?c kg:requires ?o . ?o skos:prefLabel ?l }} LIMIT {limit}"


@contextlib.contextmanager
def endpoint(store: Path, mode: str) -> Iterator[str]:
    """The base URL of a running `kg serve` on the store."""
    if mode == "inproc":
        from kg.serve import make_server, serve

        server = make_server(store, port=0, timeout=5.0)
        serve(server, background=True)
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
        return
    port = free_port()
    command = [sys.executable, "-c", "from kg.cli import main; main()", "serve"]
    proc = subprocess.Popen(
        [*command, "--store", str(store), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        proc.stderr.readline()  # "SPARQL endpoint on ...": the workers are ready
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def load(base: str, clients: int, seconds: float, distinct: bool) -> tuple[list[float], int]:
    """Latencies of the answered requests and the count of failed ones."""
    times: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    counter = iter(range(1, 10**9))

    def client() -> None:
        while time.monotonic() < stop:
            limit = next(counter) if distinct else 10
            query = urllib.parse.urlencode({"query": QUERY.format(limit=limit)})
            start = time.perf_counter()
            try:
                urllib.request.urlopen(f"{base}/sparql?{query}", timeout=30).read()
                times.append(time.perf_counter() - start)
            except OSError:
                errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(times), errors[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--mode", choices=("process", "inproc"), default="process")
    parser.add_argument("--distinct", action="store_true")
    args = parser.parse_args()
    what = "distinct queries" if args.distinct else "one small query"
    print(f"\n### `kg serve` under concurrent clients (seed graph, {what}, {args.mode})\n")
    print("| clients | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([SEED], store=store)
        with endpoint(store, args.mode) as base:
            load(base, 4, 1.0, args.distinct)  # warm the workers
            for count in (int(x) for x in args.clients.split(",") if x):
                times, errors = load(base, count, args.seconds, args.distinct)
                p50 = statistics.median(times) * 1000 if times else 0
                p95 = times[int(0.95 * (len(times) - 1))] * 1000 if times else 0
                print(
                    f"| {count} | {len(times)} | {len(times) / args.seconds:.0f} "
                    f"| {p50:.0f} | {p95:.0f} | {errors} |"
                )


if __name__ == "__main__":
    main()
