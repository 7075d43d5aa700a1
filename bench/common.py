"""What the benchmarks share: where the notes and development questions are, and percentiles."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# the seed notes, and the shared corpora when they sit beside the project
NOTES = [ROOT / "data"] + ([SHARED / "corpora"] if (SHARED / "corpora").is_dir() else [])
# the development questions: the project's own, and the shared second set when it is there
QUESTION_FILES = [ROOT / "tests" / "qa" / "qa_dev.yaml"] + (
    [SHARED / "eval" / "qa_dev2.yaml"] if (SHARED / "eval").is_dir() else []
)


def percentile(values: list[float], pct: float) -> float:
    """The `pct`-th percentile of `values` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
