"""Cost of one long paragraph, by its length: extraction must be linear in its input.

    python bench/bench_long_paragraph.py [--sizes 10000,20000,40000,80000] [--repeat N]

For each shape of paragraph and each size, writes notes "# Notas" + one paragraph of that
many characters, and times reading them (`load_document`) and extracting them (`extract`):
the median over N different paragraphs, once the spaCy pipelines are loaded. Prints the
cost and its ratio to the previous size: about 2 per doubling when the cost is linear (4
when it is quadratic).

Shapes:
- words: words and spaces only, no "(" and no sentence end (the old gloss pattern's worst case);
- prose: Spanish and English sentences with bold concepts, inline code, cue phrases
  ("requiere", "only available in"), commas, purpose clauses and glosses "(IQR)";
- one sentence: the same prose without a sentence end, so one sentence holds every cue;
- symbols: runs of "(", "'", "¿?" without a space (spaCy's tokenizer strips them one at a time).
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


def symbols(size: int, rng: random.Random) -> str:
    return _fill(size, lambda: rng.choice(("(" * 50, "'" * 30, "¿?" * 20, "AutoML")), "")


def _fill(size: int, piece: Callable[[], str], joiner: str) -> str:
    out: list[str] = []
    length = 0
    while length < size:
        out.append(piece())
        length += len(out[-1]) + len(joiner)
    text = joiner.join(out)
    cut = text.rfind(" ", 0, size)  # at a word boundary, about `size` long
    return text[: cut if cut > 0 else size]


SHAPES: dict[str, Callable[[int, random.Random], str]] = {
    "words": words,
    "prose": prose,
    "one sentence": one_sentence,
    "symbols": symbols,
}


def median_cost(
    shape: Callable[[int, random.Random], str], size: int, repeat: int
) -> tuple[int, float, float]:
    """Median read and extract times of `repeat` different paragraphs of `size` characters
    (different, so that spaCy's tokenizer cache does not serve a repeat), and the length."""
    reads, extracts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(repeat):
            text = shape(size, random.Random(size * 100 + n))
            path = Path(tmp) / f"{n}.md"
            path.write_text(f"# Notas\n\n{text}\n", encoding="utf-8")
            start = time.perf_counter()
            doc = load_document(path)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            extract([doc])
            extracts.append(time.perf_counter() - start)
    return len(text), statistics.median(reads), statistics.median(extracts)


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
    for name, shape in SHAPES.items():
        previous: float | None = None
        for size in sizes:
            chars, read, cost = median_cost(shape, size, args.repeat)
            ratio = f"{cost / previous:6.2f}" if previous else ""
            print(f"{name:<13} {chars:>7} {read * 1000:>9.1f} {cost * 1000:>11.1f} {ratio}")
            previous = cost


if __name__ == "__main__":
    main()
