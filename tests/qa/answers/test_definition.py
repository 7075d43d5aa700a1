"""The definition handler (and `unknown`): definitions, key points, parts, else sections."""

from __future__ import annotations

from pathlib import Path

from tests.qa.notes import ask_notes


def test_definition_in_the_question_language_comes_first(tmp_path: Path) -> None:
    (english, spanish) = ask_notes(
        tmp_path,
        "# Notas\n\n## ¿Qué es un Widget?\n\nUn Widget es un control interactivo del notebook.\n\n"
        "## What is a Widget?\n\nA Widget is an interactive control of the notebook.\n",
        "What is a Widget?",
        "¿Qué es un Widget?",
    )
    english_lines, spanish_lines = english.answer.splitlines(), spanish.answer.splitlines()
    assert english_lines[1].startswith("A Widget") and spanish_lines[1].startswith("Un Widget")


def test_definition_answers_a_question_no_cue_classifies(tmp_path: Path) -> None:
    (asked, unclassified) = ask_notes(
        tmp_path,
        "# Notas\n\n## What is a Widget?\n\nA Widget is an interactive control of the notebook.\n",
        "What is a Widget?",
        "Widget",
    )
    assert unclassified.intent == "unknown" and unclassified.found
    assert unclassified.answer == asked.answer and unclassified.items == asked.items
