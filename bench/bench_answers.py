"""Answering with statements: what the statement index costs at build time, how fast the
engine and its index open, and the latency of `QAEngine.ask` — on the seed plus the shared
corpora, and on a graph of many documents.

    python bench/bench_answers.py [--docs 1000] [--repeat 3]
    python bench/bench_answers.py --store PATH [--repeat 3] [--fastest]

Prints, side by side in one run:
- build of the seed + corpora: the whole build, the share the statement index takes (aim: the
  index adds at most 20 % to build time), and the seconds the engine tables take;
- engine open (concept index, sections, statement index) and `ask` p50/p95 in-process over the
  development questions (aim: p95 ≤ 20 ms);
- the same on a graph of `--docs` variants of those notes (aim: open ≤ 1 s, p95 ≤ 50 ms).

With `--store`, only the engine open and `ask` latency on a graph already built there: two
versions of the code timed in turn on the same graph (a 1,000-document build takes minutes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import NOTES, QUESTION_FILES, percentile  # noqa: E402

import kg.graph.fulltext as fulltext  # noqa: E402
import kg.qa.tables as tables  # noqa: E402
from kg import api  # noqa: E402
from kg.qa import QAEngine  # noqa: E402


def timed_build(paths: list[Path], store: Path) -> tuple[float, float, float]:
    """Seconds for the whole build, and of it the seconds the statement index and the engine
    tables took."""
    spent: dict[str, float] = {}
    originals = (fulltext.build_index, tables.write_tables)

    def timing(name: str, original: Any) -> Any:
        def measured(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return measured

    fulltext.build_index = timing("index", originals[0])
    tables.write_tables = timing("tables", originals[1])
    try:
        start = time.perf_counter()
        api.build(paths, store=store)
        return time.perf_counter() - start, spent.get("index", 0.0), spent.get("tables", 0.0)
    finally:
        fulltext.build_index, tables.write_tables = originals


def ask_latency(
    store: Path, questions: list[str], repeat: int, fastest: bool = False
) -> tuple[float, float, float]:
    """Engine open seconds, and ask p50 / p95 in milliseconds: over every run of every
    question, or with `fastest` over each question's fastest run (what a loaded, shared
    machine moves least)."""
    start = time.perf_counter()
    with QAEngine.open(store) as engine:
        engine.ask(questions[0])  # the first question loads the language tables
        opened = time.perf_counter() - start
        runs: dict[int, list[float]] = {}
        for _ in range(repeat):
            for n, q in enumerate(questions):
                t = time.perf_counter()
                engine.ask(q)
                runs.setdefault(n, []).append(time.perf_counter() - t)
    times = [min(r) for r in runs.values()] if fastest else [t for r in runs.values() for t in r]
    return opened, statistics.median(times) * 1000, percentile(times, 95) * 1000


def many_documents(folder: Path, count: int) -> None:
    from bench_scale import SOURCES, variant

    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    folder.mkdir()
    for i in range(count):
        (folder / f"note-{i:04d}.md").write_text(variant(texts[i % len(texts)], i), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", type=Path, help="time this built graph only")
    parser.add_argument(
        "--fastest", action="store_true", help="p50 / p95 of each question's fastest run"
    )
    args = parser.parse_args()
    questions = [
        c["question"] for f in QUESTION_FILES for c in yaml.safe_load(f.read_text("utf-8"))
    ]
    if args.store:
        opened, p50, p95 = ask_latency(args.store, questions, args.repeat, args.fastest)
        print(f"{args.store}: engine open {opened:.2f} s, ask p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        return
    api.build([ROOT / "data"], store=Path(tempfile.mkdtemp()) / "warm")  # load spaCy once
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        total, index, derived = timed_build(NOTES, store)
        opened, p50, p95 = ask_latency(store, questions, args.repeat)
        rows.append(("seed + corpora", total, index, derived, opened, p50, p95))
        if args.docs:
            many_documents(Path(tmp) / "many", args.docs)
            store = Path(tmp) / "many-store"
            total, index, derived = timed_build([Path(tmp) / "many"], store)
            opened, p50, p95 = ask_latency(store, questions, 1)
            rows.append((f"{args.docs} documents", total, index, derived, opened, p50, p95))
    print(f"questions: {len(questions)} ({', '.join(f.name for f in QUESTION_FILES)})\n")
    print(
        "| graph | build s | index s | index share | tables s | engine open s "
        "| ask p50 ms | ask p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, total, index, derived, opened, p50, p95 in rows:
        share = index / (total - index - derived) if total > index + derived else 0.0
        print(
            f"| {name} | {total:.1f} | {index:.2f} | +{100 * share:.0f} % | {derived:.2f} "
            f"| {opened:.2f} | {p50:.1f} | {p95:.1f} |"
        )


if __name__ == "__main__":
    main()
