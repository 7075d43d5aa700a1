"""Helpers for question-answering tests: a graph of one small notes file, asked questions."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.qa import QAEngine
from kg.qa.model import Answer


def ask_notes(tmp_path: Path, notes: str, *questions: str, typed_only: bool = True) -> list[Answer]:
    """Build a graph of one notes file and ask it each question. With `typed_only` (what the
    handler tests check) answers come from typed facts alone, without ranked statements."""
    path = tmp_path / "notes.md"
    path.write_text(notes, encoding="utf-8")
    api.build([path], store=tmp_path / "store")
    with QAEngine.open(tmp_path / "store") as qa:
        if typed_only:
            qa.statements = None
        return [qa.ask(q) for q in questions]


def labels(answer: Answer) -> list[str]:
    return [i.label for i in answer.items]
