"""Two full-text engines side by side on the same statements: SQLite FTS5 (what kg uses) and
tantivy (a Lucene-like engine in Rust, `pip install tantivy`).

    python bench/bench_fulltext.py [--repeat 5]

Both index the same analysed terms (`kg.graph.fulltext.index_rows` over the graph of the seed
plus the shared corpora) in the same four weighted fields, and answer the same queries (the
term groups of the development questions, any term matching, best 80). Prints build time,
size on disk, open time, query p50/p95, and how much the two top-10 lists agree.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import NOTES, QUESTION_FILES, percentile  # noqa: E402

from kg import api  # noqa: E402
from kg.graph.analyzer import query_groups  # noqa: E402
from kg.graph.export import rdf_graph  # noqa: E402
from kg.graph.fulltext import INDEX_FILE, WEIGHTS, StatementIndex, build_index, index_rows  # noqa: E402
from kg.graph.store import open_store  # noqa: E402
from kg.qa.intents import cue_words, ignored_words  # noqa: E402

FIELDS = ("body", "heading", "names", "context")


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else (
        path.stat().st_size
    )  # fmt: skip


def tantivy_index(rows: list[tuple[str, ...]], folder: Path) -> None:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("iri", stored=True, tokenizer_name="raw")
    for name in FIELDS:  # terms are analysed already: split on whitespace only
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for iri, body, heading, names, context, *_ in rows:
        writer.add_document(
            tantivy.Document(iri=iri, body=body, heading=heading, names=names, context=context)
        )
    writer.commit()
    writer.wait_merging_threads()


def main() -> None:
    import tantivy

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ignore = ignored_words() | cue_words()
    queries = [
        query_groups(c["question"], ignore)
        for f in QUESTION_FILES
        for c in yaml.safe_load(f.read_text("utf-8"))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build(NOTES, store=store)
        graph = rdf_graph(open_store(store))
        rows = index_rows(graph)
        results: dict[str, dict[str, object]] = {}

        t = time.perf_counter()
        fts = Path(tmp) / "fts"
        fts.mkdir()
        build_index(graph, fts)
        fts_build = time.perf_counter() - t - 0  # includes analysing the rows, as kg builds
        t = time.perf_counter()
        sqlite_index = StatementIndex(fts / INDEX_FILE)
        fts_open = time.perf_counter() - t

        t = time.perf_counter()
        tv = Path(tmp) / "tantivy"
        tv.mkdir()
        tantivy_index(index_rows(graph), tv)
        tv_build = time.perf_counter() - t
        t = time.perf_counter()
        tv_index = tantivy.Index.open(str(tv))
        tv_index.reload()
        searcher = tv_index.searcher()
        tv_open = time.perf_counter() - t

        import sqlite3

        raw = sqlite3.connect(f"file:{fts / INDEX_FILE}?mode=ro", uri=True)
        raw_times: list[float] = []
        fts_top: list[list[str]] = []
        tv_top: list[list[str]] = []
        fts_times: list[float] = []
        tv_times: list[float] = []
        boosts = dict(zip(FIELDS, WEIGHTS, strict=True))
        for _ in range(args.repeat):
            fts_top, tv_top = [], []
            for groups in queries:
                t = time.perf_counter()
                hits = sqlite_index.search(groups, limit=80)
                fts_times.append(time.perf_counter() - t)
                fts_top.append([h.iri for h in hits[:10]])
                terms = sorted({term for g in groups for term in g.terms})
                if terms:  # the engine alone: the same MATCH returning only IRIs
                    match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
                    t = time.perf_counter()
                    raw.execute(
                        "SELECT iri FROM statements WHERE statements MATCH ? "
                        "ORDER BY bm25(statements, ?, ?, ?, ?) LIMIT 80",
                        (match, *WEIGHTS),
                    ).fetchall()
                    raw_times.append(time.perf_counter() - t)
                terms = sorted({term for g in groups for term in g.terms})
                t = time.perf_counter()
                found: list[str] = []
                if terms:
                    text = " ".join('"' + term.replace('"', "") + '"' for term in terms)
                    query = tv_index.parse_query(text, list(FIELDS), field_boosts=boosts)
                    for _, address in searcher.search(query, 80).hits:
                        found.append(searcher.doc(address)["iri"][0])
                tv_times.append(time.perf_counter() - t)
                tv_top.append(found[:10])
        overlap = statistics.mean(
            len(set(a) & set(b)) / max(1, min(len(a), len(b)))
            for a, b in zip(fts_top, tv_top, strict=False)
        )
        results["SQLite FTS5"] = {"build": fts_build, "size": size(fts), "open": fts_open,
                                  "times": fts_times}  # fmt: skip
        results["SQLite FTS5, IRIs only"] = {"build": fts_build, "size": size(fts),
                                             "open": fts_open, "times": raw_times}  # fmt: skip
        results["tantivy"] = {"build": tv_build, "size": size(tv), "open": tv_open,
                              "times": tv_times}  # fmt: skip
        shutil.rmtree(store, ignore_errors=True)
    print(f"statements: {len(rows)}, queries: {len(queries)} x {args.repeat}\n")
    print("| engine | build s | size MB | open ms | query p50 ms | query p95 ms |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        times = r["times"]
        assert isinstance(times, list)
        print(
            f"| {name} | {r['build']:.2f} | {int(r['size']) / 1e6:.1f} "  # type: ignore[call-overload]
            f"| {1000 * float(r['open']):.1f} | {1000 * statistics.median(times):.2f} "  # type: ignore[arg-type]
            f"| {1000 * percentile(times, 95):.2f} |"
        )
    print(f"\ntop-10 agreement (share of the shorter list found in both): {overlap:.0%}")


if __name__ == "__main__":
    main()
