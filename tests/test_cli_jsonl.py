"""`kg ask --jsonl` through the CLI runner: one output line per input line, whatever the line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import cli
from tests.conftest import automl_store, outdate_tables


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jsonl")
    notes = folder / "notes.md"
    notes.write_text("# Notas\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    api.build([notes], store=folder / "store")
    return folder / "store"


def ask_jsonl(store: Path, data: bytes) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["ask", "--jsonl", "--store", str(store)], input=data)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_jsonl_blank_lines_get_an_answer_in_their_place(small_store: Path) -> None:
    data = "What does AutoML require?\n\n   \n\t\n¿Qué requiere AutoML?\n".encode()
    answers = ask_jsonl(small_store, data)
    assert [a["question"] for a in answers] == [
        "What does AutoML require?",
        "",
        "",
        "",
        "¿Qué requiere AutoML?",
    ]
    assert [a["found"] for a in answers] == [True, False, False, False, True]


def test_cli_jsonl_every_input_line_has_exactly_one_output_line(small_store: Path) -> None:
    lines = [b"", b"What does AutoML require?\r", b"\xff\xfe not utf-8", b" ", b"x" * 5000, b"last"]
    answers = ask_jsonl(small_store, b"\n".join(lines))  # no newline after the last line
    assert len(answers) == len(lines)
    assert answers[1]["found"] is True and answers[-1]["question"] == "last"
    assert all(isinstance(a["found"], bool) for a in answers)


def test_cli_jsonl_no_input_no_output(small_store: Path) -> None:
    assert ask_jsonl(small_store, b"") == []


def test_cli_ask_says_when_the_statement_index_is_of_another_layout(tmp_path: Path) -> None:
    store = automl_store(tmp_path)
    args = ["ask", "What does AutoML require?", "--store", str(store)]
    fresh = CliRunner().invoke(cli, args)
    assert fresh.exit_code == 0 and "another version of kg" not in fresh.stderr
    (index,) = store.glob("gen-*/statements.sqlite")
    with sqlite3.connect(index) as db:  # an index as an older kg wrote it
        db.execute("PRAGMA user_version = 1")
    db.close()
    old = CliRunner().invoke(cli, args)
    assert old.exit_code == 0 and "ML Runtime" in old.stdout  # typed facts still answer
    assert "another version of kg" in old.stderr and "kg build" in old.stderr
    # `kg eval` says it too: its scores would otherwise drop without a word
    questions = tmp_path / "q.yaml"
    questions.write_text('- question: "What does AutoML require?"\n', encoding="utf-8")
    scored = CliRunner().invoke(cli, ["eval", str(questions), "--store", str(store)])
    assert "another version of kg" in scored.stderr


def test_cli_ask_says_when_the_graph_was_built_with_other_language_files(tmp_path: Path) -> None:
    store = automl_store(tmp_path)
    args = ["ask", "What does AutoML require?", "--store", str(store)]
    fresh = CliRunner().invoke(cli, args)
    assert fresh.exit_code == 0 and "other language files" not in fresh.stderr
    outdate_tables(store)
    old = CliRunner().invoke(cli, args)
    # the same answer, read from the graph, and a note that a build makes it start faster
    assert old.exit_code == 0 and old.stdout == fresh.stdout
    assert "other language files" in old.stderr and "kg build" in old.stderr
