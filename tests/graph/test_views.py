"""Dependency views: the concept graph around a focus marks the focus and its prerequisites;
the topic graph links topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api

NOTES = """# Entrenar

**AutoML** requiere **ML Runtime**.

**ML Runtime** requiere **Databricks Runtime**.

# Servir

**Model Serving** requiere **AutoML**.

**Feature Store** requiere **Unity Catalog**.

# Repasar

Nada nuevo aquí.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    api.build([folder / "notes.md"], store=folder / "store")
    return folder / "store"


def _iri(store: Path, label: str) -> str:
    return api.concept_search(store=store).exact(label)[0].iri


def test_views_focus_marks_what_it_requires_and_drops_the_unrelated(store: Path) -> None:
    focus = _iri(store, "AutoML")
    graph = api.concept_graph("requires", focus=focus, store=store)
    roles = {graph.nodes[n][0]: graph.role(n) for n in graph.nodes}
    assert roles == {
        "AutoML": "focus",
        "ML Runtime": "prerequisite",
        "Databricks Runtime": "prerequisite",
        "Model Serving": "concept",  # depends on the focus: shown, not a prerequisite
    }


def test_views_without_a_focus_nothing_is_highlighted(store: Path) -> None:
    graph = api.concept_graph("requires", store=store)
    assert {graph.role(n) for n in graph.nodes} == {"concept"}
    assert ("Feature Store", "Unity Catalog") in {
        (graph.nodes[s][0], graph.nodes[o][0]) for s, o in graph.edges
    }


def test_views_topic_graph_links_the_topic_that_requires_to_the_one_it_needs(store: Path) -> None:
    graph = api.topic_graph(store=store)
    assert [(graph.nodes[s][0], graph.nodes[o][0]) for s, o in graph.edges] == [
        ("Servir", "Entrenar")
    ]


def test_views_topic_graph_keeps_every_topic_and_says_why(store: Path) -> None:
    graph = api.topic_graph(store=store)
    assert [graph.nodes[t] for t in graph.nodes] == [
        ("Entrenar", "1"),
        ("Servir", "2"),
        ("Repasar", "3"),
    ]  # every topic, in the notes' order, with or without a dependency
    ((edge, reasons),) = graph.reasons.items()
    assert [graph.nodes[t][0] for t in edge] == ["Servir", "Entrenar"]
    assert [(r.concept, r.requires, r.line) for r in reasons] == [("Model Serving", "AutoML", 9)]
    assert Path(reasons[0].source).name == "notes.md"


def test_views_study_order_puts_what_is_required_first(store: Path) -> None:
    graph = api.topic_graph(store=store)
    assert [graph.nodes[t][0] for t in graph.study_order()] == ["Entrenar", "Servir", "Repasar"]
    concepts = api.concept_graph("requires", store=store)
    order = [concepts.nodes[n][0] for n in concepts.study_order()]
    assert order.index("Databricks Runtime") < order.index("ML Runtime") < order.index("AutoML")


CODE_NOTES = """# Client basics

The **MlflowClient** class talks to the tracking server.

# Find the best run

```python
from mlflow.tracking import MlflowClient
client = MlflowClient()
runs = client.search_runs(["1"], order_by=["metrics.rmse ASC"])
```

# Unrelated

Nothing here is **MlflowClient** related, it only names it.
"""


def test_views_topic_graph_builds_on_the_topic_a_method_or_part_comes_from(
    tmp_path: Path,
) -> None:
    (tmp_path / "client.md").write_text(CODE_NOTES, encoding="utf-8")
    api.build([tmp_path / "client.md"], store=tmp_path / "store")
    graph = api.topic_graph(store=tmp_path / "store")
    edges = [(graph.nodes[s][0], graph.nodes[o][0]) for s, o in graph.edges]
    assert edges == [("Find the best run", "Client basics")]  # a mention alone is no edge
    ((_, reasons),) = graph.reasons.items()
    assert {(r.concept, r.relation, r.requires) for r in reasons} == {
        ("client.search_runs", "methodOf", "MlflowClient")
    }
    assert {r.line for r in reasons} == {10}  # the line of the call, in the dependent topic
