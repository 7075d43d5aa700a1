"""Latency of question answering over the seed notes.

    python bench/bench_ask.py [--repeat N]

Prints, side by side: the p50 and p95 of `QAEngine.ask` in-process over the development
questions (engine loaded once; aim: p95 under 50 ms), the one-time engine load, and the wall
time of a cold `kg ask` process answering one question (aim: under 2 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from common import percentile

from kg import api
from kg.qa import QAEngine

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "databricks-ml-associate-study-guide.md"
QUESTIONS = ROOT / "tests" / "qa" / "qa_dev.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    questions = [c["question"] for c in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([SEED], store=store)
        start = time.perf_counter()
        with QAEngine.open(store) as engine:
            engine.ask(questions[0])  # first question loads the language tables
            load = time.perf_counter() - start
            times = []
            for _ in range(args.repeat):
                for q in questions:
                    t = time.perf_counter()
                    engine.ask(q)
                    times.append(time.perf_counter() - t)
        kg = Path(sys.executable).with_name("kg")
        env = {**os.environ, "KG_STORE": str(store)}
        colds = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([str(kg), "ask", "¿Qué requiere score_batch?"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            colds.append(time.perf_counter() - t)
    print(f"questions          {len(questions)} x {args.repeat}")
    print(f"engine load        {load * 1000:8.1f} ms (once per process)")
    p50, p95, cold = statistics.median(times), percentile(times, 95), statistics.median(colds)
    print(f"ask p50            {p50 * 1000:8.1f} ms")
    print(f"ask p95            {p95 * 1000:8.1f} ms  = {p95 / 0.050:.2f} of the 50 ms aim")
    print(f"cold kg ask        {cold:8.2f} s   = {cold / 2:.2f} of the 2 s aim")


if __name__ == "__main__":
    main()
