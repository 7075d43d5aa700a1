"""The how-to handler: the calls the notes use for a task, where, and a focused example."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from kg.qa.answers.how_to import focused_example
from tests.qa.notes import ask_notes, labels


def test_how_to_gives_the_method_and_example(engine: QAEngine) -> None:
    answer = engine.ask("Which method removes a tag from a model version?")
    assert labels(answer)[0].endswith("delete_model_version_tag")
    assert "```python" in answer.answer


def test_how_to_shows_the_most_focused_example(tmp_path: Path) -> None:
    pipelines = "".join(
        f"## Pipeline {n}\n\n```python\nclient = TableClient()\n"
        + "".join(f"step_{n}_{i} = {i}\n" for i in range(30))
        + "client.write_table(df)\n```\n\n"
        for n in range(4)
    )
    (answer,) = ask_notes(
        tmp_path,
        "# Tables\n\n" + pipelines + "## Write a table\n\n```python\nclient = TableClient()\n"
        "client.write_table(df, mode='merge')\n```\n",
        "How do I use write_table?",
    )
    assert "mode='merge'" in answer.answer and "step_" not in answer.answer


def test_how_to_focused_example_is_the_shortest_that_calls_the_name() -> None:
    long_call = "a = 1\nb = 2\nclient.write_table(df)\n"
    short_other = "client.read_table(t)\n"
    short_call = "client.write_table(df, mode='merge')\n"
    examples = [long_call, short_other, short_call]
    assert focused_example(examples, "fs.write_table()") == short_call
    # no example calls it: the shortest of all; none at all: nothing
    assert focused_example([long_call, short_other], "score_batch") == short_other
    assert focused_example([], "score_batch") == ""


def test_how_to_picks_the_matching_section_that_shows_code(engine: QAEngine) -> None:
    # two section titles match "registro ... modelo ... Unity Catalog" equally well; the one
    # with code answers a how-to, the other (benefits of UC) does not
    answer = engine.ask("¿Cómo registro un modelo en Unity Catalog?")
    assert answer.items[0].relation == "howTo"
    assert "mlflow.register_model" in labels(answer)
    # each call cites the section that shows it
    (ev,) = answer.items[0].evidence
    assert ev.line > 0 and ev.source.endswith(".md") and ev.text in answer.answer


def test_how_to_prefers_the_section_that_shows_the_named_call(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Tuning\n\n## Notes on fmin\n\nWe use `fmin` a lot.\n\n"
        "## Tune hyperparameters with fmin\n\n```python\nfrom hyperopt import fmin, hp\n"
        "best = fmin(fn=f, space=hp.choice('x', [1, 2]), max_evals=5)\n```\n",
        "How do I tune hyperparameters with fmin?",
    )
    assert "(Tune hyperparameters with fmin — " in answer.answer
    assert labels(answer)[0] == "fmin" and "max_evals=5" in answer.answer
