"""The development questions (copied from the shared evaluation set) as a regression test."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from kg.qa.evaluate import evaluate, load_cases

QUESTIONS = Path(__file__).resolve().parent / "qa_dev.yaml"
THRESHOLD = 27  # of 30


def test_dev_questions_score_at_least_the_threshold(engine: QAEngine) -> None:
    report = evaluate(engine, load_cases(QUESTIONS))
    failures = [f"{r.id}: {r.question} {r.reasons}" for r in report.results if not r.ok]
    assert report.correct >= THRESHOLD, "\n".join(failures)
    assert all(total == good for good, total in [report.by_intent()["prerequisites"]])


def test_dev_questions_with_the_corpora_too(tmp_path: Path, corpora_path: Path) -> None:
    from kg import api
    from tests.conftest import SEED

    store = tmp_path / "store"
    api.build([SEED, corpora_path], store=store)
    with QAEngine.open(store) as engine:
        report = evaluate(engine, load_cases(QUESTIONS))
    assert report.correct >= THRESHOLD
