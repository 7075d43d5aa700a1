"""Question answering over the seed notes, through the engine and the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg import api
from kg.cli import cli
from kg.qa import QAEngine
from kg.qa.model import Answer
from kg.qa.templates import TEMPLATES


def ask_notes(tmp_path: Path, notes: str, *questions: str) -> list[Answer]:
    """Build a graph of one notes file and ask it each question."""
    path = tmp_path / "notes.md"
    path.write_text(notes, encoding="utf-8")
    api.build([path], store=tmp_path / "store")
    with QAEngine.open(tmp_path / "store") as qa:
        return [qa.ask(q) for q in questions]


def labels(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.label for i in answer.items]


def test_engine_prerequisites_cite_the_table_row(engine: QAEngine) -> None:
    answer = engine.ask("¿Qué requiere score_batch?")
    assert answer.found and answer.language == "es" and answer.intent == "prerequisites"
    assert "fs.log_model" in labels(answer)
    item = next(i for i in answer.items if i.label == "fs.log_model")
    lines = {(e.line, e.text) for e in item.evidence}
    assert any(line == 467 and "fs.log_model(...)" in text for line, text in lines)
    assert "AutoML" not in answer.answer


def test_engine_links_typos_and_api_words(engine: QAEngine) -> None:
    typo = engine.ask("wat does scor_batch requir?")
    assert typo.found and typo.concepts[0].label.endswith("score_batch")
    words = engine.ask("¿Cómo escribo datos en una feature table?")
    assert any("write_table" in c.label for c in words.concepts)


def test_engine_answers_in_the_question_language(engine: QAEngine) -> None:
    assert engine.ask("What does AutoML require?").answer.startswith("**AutoML** requires")
    assert engine.ask("¿Qué requiere AutoML?").answer.startswith("**AutoML** requiere")


def test_engine_difference_is_a_side_by_side_table(engine: QAEngine) -> None:
    answer = engine.ask("Diferencia entre promover código y promover modelos")
    assert answer.found and answer.intent == "difference"
    assert "| Promover modelos | Promover código |" in answer.answer.replace(
        "| Promover código | Promover modelos |", "| Promover modelos | Promover código |"
    )
    assert "Usa datos más recientes" in answer.answer


def test_engine_learning_path_lists_prerequisites_first(engine: QAEngine) -> None:
    answer = engine.ask("What should I learn before score_batch?")
    order = labels(answer)
    assert "fs.log_model" in order and "training_set" in order
    assert order.index("create_training_set") < order.index("training_set")


def test_engine_how_to_gives_the_method_and_example(engine: QAEngine) -> None:
    answer = engine.ask("Which method removes a tag from a model version?")
    assert labels(answer)[0].endswith("delete_model_version_tag")
    assert "```python" in answer.answer


def test_engine_how_to_shows_the_most_focused_example(tmp_path: Path) -> None:
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


def test_engine_prose_answers_point_to_their_section(tmp_path: Path) -> None:
    (how, what, outside, prose, partly, pointer) = ask_notes(
        tmp_path,
        "# Data\n\n## Remove outliers with the IQR\n\n"
        "The **IQR filter** requires **Spark ML**.\n\n"
        "## ¿Qué es un dataset desbalanceado?\n\n| Problema | Clase |\n|---|---|\n"
        "| Fraude | Minoritaria |\n\n## Use one-hot encoding for categorical features\n\n"
        "The **OneHotEncoder** is only available in the **ML Runtime**.\n\n"
        "# Identify when a log scale transformation helps\n\nSkewed data.\n\n## Example\n\nx\n",
        "How do I remove outliers?",
        "¿Qué es un dataset desbalanceado?",
        "What is Kubernetes?",
        "What is one-hot encoding?",
        "What is one-hot Kubernetes encoding?",
        "When does a log scale transformation help?",
    )
    # no API for it: the section whose title matches, with its statements and their lines
    assert how.found and "Remove outliers with the IQR" in how.answer
    assert how.items[0].evidence[0].line == 5
    # named but never defined: where the notes treat it, not "not found"
    assert what.found and "notes.md:7" in what.answer
    assert what.items[0].relation == "mentionedIn"
    assert not outside.found
    # no concept named, but a section title holds every word of the question
    assert prose.found and "Use one-hot encoding for categorical features" in prose.answer
    assert not partly.found  # a title that misses a word of the question is not its answer
    # a section the graph holds no statements of: pointed to, with its parts and lines
    assert pointer.found and "- Example (" in pointer.answer
    assert [i.evidence[0].line for i in pointer.items] == [17, 21]


def test_engine_components_put_what_was_asked_for_first(engine: QAEngine) -> None:
    parts = engine.ask("¿Qué algoritmos prueba AutoML?")
    outputs = engine.ask("What does databricks.automl.classify return?")
    assert parts.items[0].relation == "partOf" and outputs.items[0].relation == "produces"


def test_engine_how_to_picks_the_matching_section_that_shows_code(engine: QAEngine) -> None:
    # two section titles match "registro ... modelo ... Unity Catalog" equally well; the one
    # with code answers a how-to, the other (benefits of UC) does not
    answer = engine.ask("¿Cómo registro un modelo en Unity Catalog?")
    assert answer.items[0].relation == "howTo"
    assert "mlflow.register_model" in labels(answer)


def test_engine_row_comparisons_show_both_values(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Metrics\n\n| Métrica | Rango | Cuándo usarla |\n|---|---|---|\n"
        "| Precision | 0 a 1 | Pocos falsos positivos |\n| Recall | 0 a 1 | Pocos falsos negativos |\n",
        "Precision vs Recall",
    )
    # equal values are part of the answer in a table of aspects, not a shared note
    assert "| Rango | 0 a 1 | 0 a 1 | 5 |" in answer.answer
    assert (
        "| Cuándo usarla | Pocos falsos positivos | Pocos falsos negativos | 5 |" in answer.answer
    )


def test_engine_how_to_prefers_the_section_that_shows_the_named_call(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Tuning\n\n## Notes on fmin\n\nWe use `fmin` a lot.\n\n"
        "## Tune hyperparameters with fmin\n\n```python\nfrom hyperopt import fmin, hp\n"
        "best = fmin(fn=f, space=hp.choice('x', [1, 2]), max_evals=5)\n```\n",
        "How do I tune hyperparameters with fmin?",
    )
    assert "(Tune hyperparameters with fmin — " in answer.answer
    assert labels(answer)[0] == "fmin" and "max_evals=5" in answer.answer


def test_engine_requirements_of_a_wider_name_answer_for_a_short_one(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Modelos\n\n| Concepto | Descripción |\n|---|---|\n| Alias | Nombre simbólico |\n\n"
        "Solo en **Unity Catalog** puedes usar **alias en modelos**.\n",
        "¿Qué necesito antes de usar alias?",
    )
    # "Alias" itself requires nothing; the name that holds it does, and the answer says which
    assert answer.found and labels(answer) == ["Unity Catalog"]
    assert "alias en modelos" in answer.answer.lower()


def test_engine_definitions_in_the_question_language_come_first(tmp_path: Path) -> None:
    (english, spanish) = ask_notes(
        tmp_path,
        "# Notas\n\n## ¿Qué es un Widget?\n\nUn Widget es un control interactivo del notebook.\n\n"
        "## What is a Widget?\n\nA Widget is an interactive control of the notebook.\n",
        "What is a Widget?",
        "¿Qué es un Widget?",
    )
    english_lines, spanish_lines = english.answer.splitlines(), spanish.answer.splitlines()
    assert english_lines[1].startswith("A Widget") and spanish_lines[1].startswith("Un Widget")


def test_engine_a_question_word_counts_once_whatever_its_senses(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# MLflow\n\n## Register a model using the client in the registry\n\n```python\n"
        "client = MlflowClient()\nclient.create_registered_model('m')\n```\n\n"
        "## Experiments\n\n```python\nimport mlflow\nmlflow.set_experiment('/e')\n```\n",
        "¿Cómo registro un experimento?",
    )
    # "registro" is both "registry" and "I register": one word of the question, not two
    assert "Experiments" in answer.answer.splitlines()[0]
    assert "set_experiment" in answer.answer and "create_registered_model" not in answer.answer


def test_engine_outside_the_notes_says_so(engine: QAEngine) -> None:
    for question in ("What is Kubernetes?", "¿Qué es TensorRT?"):
        answer = engine.ask(question)
        assert not answer.found and answer.items == ()
        assert "Kubernetes" in answer.answer or "TensorRT" in answer.answer


def test_engine_sparql_is_the_template_that_ran(engine: QAEngine) -> None:
    answer = engine.ask("¿Qué depende de fs.log_model?")
    assert TEMPLATES["required_by"].query in answer.sparql
    assert "fs.log_model" not in answer.sparql  # bound as a value, never formatted in


def test_engine_odd_input_never_raises(engine: QAEngine) -> None:
    for question in ("", "   ", "???", "SELECT * WHERE { ?s ?p ?o }", "x" * 5000, "\x00\n"):
        answer = engine.ask(question)
        assert isinstance(answer.found, bool)


def test_cli_ask_json_contract(seed_store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ask", "What does AutoML require?", "--json", "--store", str(seed_store)]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {
        "question",
        "language",
        "intent",
        "found",
        "answer",
        "concepts",
        "items",
        "sparql",
    }
    assert data["found"] is True and len(data["answer"]) <= 2000
    item = data["items"][0]
    assert set(item) == {"label", "iri", "relation", "evidence"}
    assert set(item["evidence"][0]) == {"source", "line", "text"}


def test_cli_ask_jsonl_keeps_order(seed_store: Path) -> None:
    questions = "¿Qué requiere score_batch?\n\nWhat is Kubernetes?\nWhat does AutoML require?\n"
    result = CliRunner().invoke(
        cli, ["ask", "--jsonl", "--store", str(seed_store)], input=questions
    )
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == [
        "¿Qué requiere score_batch?",
        "",
        "What is Kubernetes?",
        "What does AutoML require?",
    ]
    assert [a["found"] for a in answers] == [True, False, False, True]


def test_cli_eval_reports_per_intent(seed_store: Path) -> None:
    questions = Path(__file__).resolve().parent / "qa_dev.yaml"
    result = CliRunner().invoke(
        cli, ["eval", str(questions), "--store", str(seed_store), "--min", "90"]
    )
    assert result.exit_code == 0, result.stdout
    assert "prerequisites" in result.stdout and result.stdout.strip().splitlines()[-1].startswith(
        "qa: "
    )


def test_cli_eval_bad_file_is_a_clear_error(seed_store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("just: a mapping\n")
    result = CliRunner().invoke(cli, ["eval", str(bad), "--store", str(seed_store)])
    assert result.exit_code == 1 and "q.yaml" in result.stderr


def test_engine_difference_between_names_the_notes_write_longer(engine: QAEngine) -> None:
    answer = engine.ask("¿En qué se diferencian el registry de workspace y el de Unity Catalog?")
    assert (
        answer.found and "| MLflow Registry (workspace) | Unity Catalog Registry |" in answer.answer
    )
    assert "global" in answer.answer
