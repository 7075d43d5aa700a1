"""Cost of one long paragraph, by its length: extraction must be linear in its input.

    python bench/bench_long_paragraph.py [--sizes 10000,20000,40000,80000] [--repeat N]

For each shape of paragraph and each size, writes a note "# Notas" + one paragraph of that
many characters, and times reading it (`load_document`) and extracting it (`extract`), the
median of N runs once the spaCy pipelines are loaded. Prints the cost and its ratio to the
previous size: about 2 per doubling when the cost is linear (4 when it is quadratic).

Shapes:
- words: words and spaces only, no "(" and no sentence end (the old gloss pattern's worst case);
- prose: Spanish and English sentences with bold concepts, inline code, cue phrases
  ("requiere", "only available in"), commas, purpose clauses and glosses "(IQR)";
- one sentence: the same prose without a sentence end, so one sentence holds every cue.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.extract import extract, warm_up
from kg.ingest import load_document

_WORDS = (
    "el modelo de la tabla con los datos del cluster para cada run en Databricks "
    "the model of the table with data from a cluster for each run in the workspace"
).split()
_PROSE = (
    "**AutoML** requiere **ML Runtime**",
    "**Feature Serving** necesita **Online Tables** y **Model Serving**",
    "the **Feature Store** is only available in the **ML Runtime**",
    "`fs.score_batch` requiere `fs.log_model`",
    "To filter runs, you must use **MLflow**",
    "para que el endpoint funcione debes tener **Unity Catalog**",
    "el Interquartile Range (IQR) mide la dispersión",
    "los runs se agrupan en **experimentos**",
    "No necesitas configurar **Hyperopt**",
    "**Hyperopt** necesita evaluar cada trial",
    "un texto sin conceptos que solo describe lo que pasa",
)


def words(size: int, rng: random.Random) -> str:
    return _fill(size, lambda: rng.choice(_WORDS), " ")


def prose(size: int, rng: random.Random) -> str:
    return _fill(size, lambda: rng.choice(_PROSE), ". ")


def one_sentence(size: int, rng: random.Random) -> str:
    return _fill(size, lambda: rng.choice(_PROSE), ", ")


def _fill(size: int, piece: Callable[[], str], joiner: str) -> str:
    out: list[str] = []
    length = 0
    while length < size:
        out.append(piece())
        length += len(out[-1]) + len(joiner)
    text = joiner.join(out)
    return text[: text.rfind(" ", 0, size)]  # cut at a word boundary, about `size` long


SHAPES: dict[str, Callable[[int, random.Random], str]] = {
    "words": words,
    "prose": prose,
    "one sentence": one_sentence,
}


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,20000,40000,80000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    warm_up()
    with tempfile.TemporaryDirectory() as tmp:  # the first extraction loads lemma tables
        path = Path(tmp) / "warm.md"
        path.write_text(f"# Notas\n\n{prose(2000, random.Random(0))}\n", encoding="utf-8")
        extract([load_document(path)])
    print(f"{'shape':<13} {'chars':>7} {'read ms':>9} {'extract ms':>11} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, shape in SHAPES.items():
            previous: float | None = None
            for size in sizes:
                path = Path(tmp) / f"{name.replace(' ', '_')}-{size}.md"
                text = shape(size, random.Random(size))
                path.write_text(f"# Notas\n\n{text}\n", encoding="utf-8")
                read = median_time(lambda p=path: load_document(p), args.repeat)
                doc = load_document(path)
                cost = median_time(lambda d=doc: extract([d]), args.repeat)
                ratio = f"{cost / previous:6.2f}" if previous else ""
                print(f"{name:<13} {len(text):>7} {read * 1000:>9.1f} {cost * 1000:>11.1f} {ratio}")
                previous = cost


if __name__ == "__main__":
    main()
