"""Accuracy of question answering on a file of questions with expectations (`kg eval`).

The file is YAML: a list of cases with `id`, `question`, optional `intent`, optional `found`
(default true), `must_mention` (groups of alternatives, one of each group must appear in the
answer text or the labels of the first items) and `must_not_mention`. Matching ignores case
and accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.qa.engine import QAEngine
from kg.qa.model import MAX_ANSWER, Answer

__all__ = ["CaseResult", "EvalReport", "evaluate", "load_cases"]

_ITEMS = 15


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[`*()\[\]{}\"']", " ", text)).strip()


def _has(haystack: str, needle: str) -> bool:
    n = _norm(needle)
    return n in haystack or n.replace("_", " ") in haystack.replace("_", " ")


@dataclass(frozen=True)
class CaseResult:
    id: str
    question: str
    intent: str
    expected_intent: str
    ok: bool
    reasons: tuple[str, ...]


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)
    index_outdated: bool = False  # answered from typed facts only: see `QAEngine`

    @property
    def correct(self) -> int:
        return sum(r.ok for r in self.results)

    def by_intent(self) -> dict[str, tuple[int, int]]:
        """(correct, total) per expected intent."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            out[r.expected_intent][0] += r.ok
            out[r.expected_intent][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def load_cases(path: Path | str) -> list[dict[str, Any]]:
    """The cases of a questions file.

    Raises:
        InputError: the file is missing or not a YAML list of cases with questions.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputError(path, f"cannot read questions: {err}") from err
    if not isinstance(data, list) or not all(isinstance(c, dict) and "question" in c for c in data):
        raise InputError(path, "expected a YAML list of cases, each with a 'question'")
    return data


def judge(case: dict[str, Any], answer: Answer) -> list[str]:
    """Why `answer` fails `case` (empty when it passes)."""
    why = []
    if answer.found != case.get("found", True):
        why.append(f"found={answer.found}, expected {case.get('found', True)}")
    if "intent" in case and answer.intent != case["intent"]:
        why.append(f"intent={answer.intent}, expected {case['intent']}")
    labels = " ".join(i.label for i in answer.items[:_ITEMS])
    text = _norm(answer.answer[:MAX_ANSWER] + " " + labels)
    for group in case.get("must_mention", []):
        alternatives = group if isinstance(group, list) else [group]
        if not any(_has(text, a) for a in alternatives):
            why.append(f"missing any of {alternatives}")
    for bad in case.get("must_not_mention", []):
        if _has(text, bad):
            why.append(f"mentions {bad!r}")
    return why


def evaluate(engine: QAEngine, cases: list[dict[str, Any]]) -> EvalReport:
    report = EvalReport(index_outdated=engine.index_outdated)
    for n, case in enumerate(cases, start=1):
        answer = engine.ask(str(case["question"]))
        reasons = judge(case, answer)
        report.results.append(
            CaseResult(
                str(case.get("id", n)),
                str(case["question"]),
                answer.intent,
                str(case.get("intent", answer.intent)),
                not reasons,
                tuple(reasons),
            )
        )
    return report
