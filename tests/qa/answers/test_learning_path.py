"""The learning-path handler: prerequisites in study order."""

from __future__ import annotations

import re

import networkx as nx

from kg.qa import QAEngine
from kg.qa.answers.learning_path import prerequisites_first
from tests.qa.notes import labels


def test_learning_path_lists_prerequisites_first(engine: QAEngine) -> None:
    answer = engine.ask("What should I learn before score_batch?")
    order = labels(answer)
    assert "fs.log_model" in order and "training_set" in order
    assert order.index("create_training_set") < order.index("training_set")
    # which concepts of the path something produces is asked once; the producer of each of
    # those alone is read, and shown among the queries that ran
    shown = re.split(r"\n\n(?=SELECT)", answer.sparql)
    assert sum(q.startswith("SELECT DISTINCT ?c WHERE") for q in shown) == 1
    producers = [q for q in shown if "rdf:predicate kg:produces" in q]
    assert 1 <= len(producers) < len(order)


def test_learning_path_order_keeps_only_what_leads_to_the_target_and_breaks_cycles() -> None:
    graph: nx.DiGraph = nx.DiGraph()
    # prerequisite → dependent; "b" and "c" require each other; "x" leads elsewhere
    graph.add_edges_from([("a", "b"), ("b", "c"), ("c", "b"), ("c", "goal"), ("x", "y")])
    order = prerequisites_first(graph, "goal")
    assert set(order) == {"a", "b", "c"}
    assert order.index("a") < order.index("b")


def test_learning_path_of_a_concept_by_iri_matches_the_question(engine: QAEngine) -> None:
    asked = engine.ask("What should I learn before score_batch?")
    by_iri = engine.learning_path(asked.concepts[0].iri, "en")
    assert by_iri.found and labels(by_iri) == labels(asked)
