"""Answering with statements: what the statement index costs at build time, how fast the
engine and its index open, and the latency of `QAEngine.ask` — on the seed plus the shared
corpora, and on a graph of many documents.

    python bench/bench_answers.py [--docs 1000] [--repeat 3]

Prints, side by side in one run:
- build of the seed + corpora: the whole build, and the share the statement index takes
  (aim: the index adds at most 20 % to build time);
- engine open (concept index, sections, statement index) and `ask` p50/p95 in-process over the
  development questions (aim: p95 ≤ 20 ms);
- the same on a graph of `--docs` variants of those notes (aim: open ≤ 1 s, p95 ≤ 50 ms).
"""

from __future__ import annotations

import argparse
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

import kg.graph.fulltext as fulltext  # noqa: E402
from kg import api  # noqa: E402
from kg.qa import QAEngine  # noqa: E402


def timed_build(paths: list[Path], store: Path) -> tuple[float, float]:
    """Seconds for the whole build, and of it the seconds the statement index took."""
    spent: list[float] = []
    original = fulltext.build_index

    def measured(graph: object, folder: Path) -> Path:
        start = time.perf_counter()
        try:
            return original(graph, folder)  # type: ignore[arg-type]
        finally:
            spent.append(time.perf_counter() - start)

    fulltext.build_index = measured  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        api.build(paths, store=store)
        return time.perf_counter() - start, sum(spent)
    finally:
        fulltext.build_index = original  # type: ignore[assignment]


def ask_latency(store: Path, questions: list[str], repeat: int) -> tuple[float, float, float]:
    """Engine open seconds, and ask p50 / p95 in milliseconds."""
    start = time.perf_counter()
    with QAEngine.open(store) as engine:
        engine.ask(questions[0])  # the first question loads the language tables
        opened = time.perf_counter() - start
        times = []
        for _ in range(repeat):
            for q in questions:
                t = time.perf_counter()
                engine.ask(q)
                times.append(time.perf_counter() - t)
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
    args = parser.parse_args()
    questions = [
        c["question"] for f in QUESTION_FILES for c in yaml.safe_load(f.read_text("utf-8"))
    ]
    api.build([ROOT / "data"], store=Path(tempfile.mkdtemp()) / "warm")  # load spaCy once
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        total, index = timed_build(NOTES, store)
        opened, p50, p95 = ask_latency(store, questions, args.repeat)
        rows.append(("seed + corpora", total, index, opened, p50, p95))
        if args.docs:
            many_documents(Path(tmp) / "many", args.docs)
            store = Path(tmp) / "many-store"
            total, index = timed_build([Path(tmp) / "many"], store)
            opened, p50, p95 = ask_latency(store, questions, 1)
            rows.append((f"{args.docs} documents", total, index, opened, p50, p95))
    print(f"questions: {len(questions)} ({', '.join(f.name for f in QUESTION_FILES)})\n")
    print("| graph | build s | index s | index share | engine open s | ask p50 ms | ask p95 ms |")
    print("|---|---|---|---|---|---|---|")
    for name, total, index, opened, p50, p95 in rows:
        share = index / (total - index) if total > index else 0.0
        print(
            f"| {name} | {total:.1f} | {index:.2f} | +{100 * share:.0f} % | {opened:.2f} "
            f"| {p50:.1f} | {p95:.1f} |"
        )


if __name__ == "__main__":
    main()
