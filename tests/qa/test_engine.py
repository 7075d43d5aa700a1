"""Question answering over the seed notes, through the engine and the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from kg import api
from kg.cli import cli
from kg.graph.sparql import bind_rows
from kg.graph.store import bind_values
from kg.qa import QAEngine
from kg.qa.templates import TEMPLATES, value
from tests.qa.notes import ask_notes


def bound(template: str, iri: str) -> str:
    """A template as it runs for one concept: its VALUES block filled in."""
    return bind_values(TEMPLATES[template].query, {"c": ox.NamedNode(iri)}, subqueries=True)


def test_engine_links_typos_and_api_words(engine: QAEngine) -> None:
    typo = engine.ask("wat does scor_batch requir?")
    assert typo.found and typo.concepts[0].label.endswith("score_batch")
    words = engine.ask("¿Cómo escribo datos en una feature table?")
    assert any("write_table" in c.label for c in words.concepts)


def test_engine_answers_in_the_question_language(engine: QAEngine) -> None:
    assert engine.ask("What does AutoML require?").answer.startswith("**AutoML** requires")
    assert engine.ask("¿Qué requiere AutoML?").answer.startswith("**AutoML** requiere")


def test_engine_outside_the_notes_says_so(engine: QAEngine) -> None:
    for question in ("What is Kubernetes?", "¿Qué es TensorRT?"):
        answer = engine.ask(question)
        assert not answer.found and answer.items == ()
        assert "Kubernetes" in answer.answer or "TensorRT" in answer.answer


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


def test_engine_sparql_is_the_query_that_ran_with_its_values(
    engine: QAEngine, seed_store: Path
) -> None:
    answer = engine.ask("¿Qué depende de fs.log_model?")
    concept = answer.concepts[0]
    first = bound("required_by", concept.iri)
    assert answer.sparql.startswith(first + "\n\n")
    # run as shown, it gives what the answer lists: the typed facts, then the statements
    rows = api.query(first, store=seed_store).rows
    typed = {i.iri for i in answer.items if i.relation != "statement"}
    assert {value(r, "o") for r in rows} == typed
    shown = answer.sparql[len(first) :]
    assert "VALUES ?c { <" + concept.iri + ">" in shown  # the statements that mention it
    # the query that selected the statements shown binds them (`VALUES ?st`); queries of the
    # sections around them may follow it
    queries = re.split(r"\n\n(?=SELECT )", shown)
    details = next(q for q in reversed(queries) if "VALUES ?st {" in q)
    statements = {value(r, "st") for r in api.query(details, store=seed_store).rows}
    assert {i.iri for i in answer.items if i.relation == "statement"} <= statements


def test_engine_sparql_lists_every_query_once_in_the_order_they_ran(tmp_path: Path) -> None:
    (versus, fallback) = ask_notes(
        tmp_path,
        "# Tools\n\nThe **IQR filter** requires **Spark ML**.\n\n"
        "The **Pandas API** requires **Spark SQL**.\n",
        "IQR filter vs Pandas API",
        "What does the IQR filter include?",
    )
    a, b = (c.iri for c in versus.concepts[:2])
    # no comparison of either: not of one with the other (read apart, one query each), nor
    # any other, nor between names that hold them; then each side's facts, side by side
    wanted = [ox.NamedNode(c.iri) for c in versus.concepts[:4]]
    pair = TEMPLATES["comparisons_with"].query
    expected = [bind_values(bind_rows(pair, "other", wanted), {"c": ox.NamedNode(a)})]
    expected += [bind_values(bind_rows(pair, "other", wanted), {"c": ox.NamedNode(b)})]
    expected += [bound("comparisons", a), bound("comparisons", b)]
    facts = ("definition", "key_points", "parts", "requires")
    sides = [bound(t, a) for t in facts] + [bound(t, b) for t in facts]
    queries = re.split(r"\n\n(?=SELECT )", versus.sparql)
    assert queries[:4] == expected and queries[-8:] == sides
    head = pair.split("{")[0]  # the comparisons of the names that hold them, if any
    assert all(q.startswith(head) and "VALUES ?other" in q for q in queries[4:-8])
    # no parts and no class it belongs to: what the notes say of it; the definition handler
    # asks for its parts again, shown once
    assert fallback.found and fallback.intent == "components"
    assert fallback.items[0].relation == "mentionedIn"
    queries = ("parts", "owner", "definition", "key_points", "mentioned_in")
    assert fallback.sparql == "\n\n".join(bound(t, a) for t in queries)


def test_engine_reads_a_question_up_to_a_bounded_length(engine: QAEngine) -> None:
    from kg.qa.engine import MAX_QUESTION

    long = "¿Qué requiere score_batch? " + "palabra " * 20_000
    answer = engine.ask(long)
    assert len(answer.question) == MAX_QUESTION
    assert answer.question.startswith("¿Qué requiere score_batch?")
    assert answer.found and "fs.log_model" in answer.answer


def test_engine_a_concept_of_the_notes_that_nothing_answers_about_is_not_said_absent(
    tmp_path: Path,
) -> None:
    notes = (
        "# Components\n\nWhen building a Tokenizer, you can attach various types of components"
        " to this Tokenizer.\n\nThe specificity of ``tokenizers`` is that we keep track of the"
        " alignment while normalizing.\n"
    )
    present, absent = ask_notes(
        tmp_path,
        notes,
        "Which license does the Tokenizer ship under?",
        "What is Kubeflow?",
        typed_only=False,
    )
    assert not present.found
    assert present.answer.startswith("Your notes mention “tokenizers”, but nothing")
    assert "did not find" not in present.answer
    assert not any(s.lower().startswith("tokenizer") for s in present.suggestions)
    assert not absent.found and absent.answer.startswith("I did not find “Kubeflow”")


def test_engine_an_answer_cites_files_by_their_short_names(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "README.md").write_text(
            f"# Setup {folder}\n\nThe {folder}-tool requires the {folder}-runtime to start.\n",
            encoding="utf-8",
        )
    api.build([tmp_path / "a", tmp_path / "b"], store=tmp_path / "store")
    with QAEngine.open(tmp_path / "store") as qa:
        answer = qa.ask("What does the a-tool require?")
    assert answer.found and "a/README.md:3" in answer.answer
    assert str(tmp_path) not in answer.answer  # the text: the path's shortest unique ending
    sources = {ev.source for item in answer.items for ev in item.evidence}
    assert sources and all(s.startswith(str(tmp_path)) for s in sources)  # items: whole paths


def test_engine_a_long_question_that_names_nothing_is_not_quoted_back(engine: QAEngine) -> None:
    short = engine.ask("how do I bake sourdough bread?")
    assert not short.found and "“bake sourdough bread”" in short.answer
    long = engine.ask("If I bake bread at home twice a week, how long does the dough rest?")
    assert not long.found
    assert long.answer.startswith("Nothing I found in your notes answers this question.")
    spanish = engine.ask("Si horneo pan en casa dos veces por semana, ¿cuánto reposa la masa?")
    assert not spanish.found
    assert spanish.answer.startswith("No encontré en tus notas nada que responda")
