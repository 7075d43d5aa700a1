"""Untrusted questions: random text never raises and always yields the JSON contract."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.qa import QAEngine
from kg.qa.model import INTENTS

WORDS = st.sampled_from(
    ["qué", "requiere", "score_batch", "vs", "¿", "?", "fs.", "()", "what", "is", "the",
     "difference", "between", "and", "Unity", "Catalog", "cómo", "how", "do", "I", "ñ", "🧠"]
)  # fmt: skip
QUESTIONS = st.one_of(st.text(max_size=120), st.lists(WORDS, max_size=14).map(" ".join))


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUESTIONS)
def test_properties_any_question_gets_an_answer(engine: QAEngine, question: str) -> None:
    answer = engine.ask(question)
    data = json.loads(json.dumps(answer.to_json()))
    assert data["intent"] in INTENTS
    assert len(data["answer"]) <= 2000
    assert data["found"] or not data["items"]
