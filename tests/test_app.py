"""The Streamlit app, driven the way a user meets it (AppTest), page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg import api
from kg.ui import SCRIPT
from tests.conftest import ROOT, SEED

APP = str(ROOT / "app.py")
SCORE_BATCH = "https://kg.invalid/concept/score_batch"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("app") / "store"
    api.build([SEED], store=store)
    return store


@pytest.fixture
def app(built: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("KG_STORE", str(built))
    return AppTest.from_file(APP, default_timeout=60).run()


def go(at: AppTest, page: str) -> AppTest:
    at.sidebar.radio[1].set_value(page).run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_app_first_start_builds_the_graph_from_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "fresh"))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "data" in at.info[0].value  # says what it builds from
    assert "1 docs" in at.success[0].value
    assert "¿Qué requiere score_batch?" in [b.label for b in at.button]


def test_app_ask_shows_answer_and_evidence(app: AppTest) -> None:
    app.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    assert not app.exception
    shown = texts(app)
    assert "log_model" in shown
    assert "databricks-ml-associate-study-guide.md:467" in shown
    assert any("SELECT" in c.value for c in app.code)


def test_app_ask_outside_the_notes_offers_close_concepts(app: AppTest) -> None:
    app.chat_input[0].set_value("What is Kubernetes?").run()
    assert "Kubernetes" in app.warning[0].value


def test_app_concept_page(app: AppTest) -> None:
    at = go(app, "concept")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    assert at.header[0].value == "score_batch"
    shown = texts(at)
    assert "fs.log_model" in shown and ":467" in shown
    assert any("fs.score_batch(" in c.value for c in at.code)  # its code example
    assert "Paso a paso con ejemplo" in shown  # a section that mentions it


def test_app_compare_page_renders_side_by_side(app: AppTest) -> None:
    at = go(app, "compare")
    at.selectbox[0].set_value("https://kg.invalid/concept/online-features").run()
    at.selectbox[1].set_value("https://kg.invalid/concept/offline-features").run()
    assert "| Online features | Offline features |" in texts(at)
    assert "| 41 |" in texts(at)  # the source row of the aspect


def test_app_graph_page_draws_nodes(app: AppTest) -> None:
    at = go(app, "graph")
    assert int(at.caption[0].value.split()[0]) > 10
    assert at.get("component_instance"), "the interactive graph is drawn"
    at.toggle[0].set_value(True).run()
    chart = at.get("graphviz_chart")[0]
    assert "score_batch" in chart.proto.spec


def test_app_graph_highlights_the_focus_prerequisites(app: AppTest) -> None:
    at = go(app, "graph")
    at.selectbox[1].set_value(SCORE_BATCH).run()
    at.toggle[0].set_value(True).run()
    spec = at.get("graphviz_chart")[0].proto.spec
    assert "fs.log_model" in spec and "#ffd9a0" in spec
    assert "AutoML" not in spec  # only what leads to or from score_batch


def test_app_graph_topics(app: AppTest) -> None:
    at = go(app, "graph")
    at.radio[0].set_value("topic_level").run()
    assert not at.exception  # the interactive topic view once raised a NameError
    assert int(at.caption[0].value.split()[0]) >= 2
    assert at.get("component_instance"), "the interactive topic graph is drawn"
    at.toggle[0].set_value(True).run()
    assert not at.exception
    assert "Write data to a feature store" in at.get("graphviz_chart")[0].proto.spec


def test_app_learning_path_page(app: AppTest) -> None:
    at = go(app, "path")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    labels = [c.label for c in at.checkbox]
    assert any("fs.log_model" in label for label in labels)
    at.checkbox[0].check().run()
    assert at.success  # "you can learn next"


def test_app_sparql_page_stops_long_queries(app: AppTest) -> None:
    at = go(app, "sparql")
    at.text_area[0].set_value(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    ).run()
    next(b for b in at.button if b.label == "Ejecutar").click().run(timeout=30)
    assert any("was stopped" in e.value for e in at.error)


def test_app_sparql_page_rows_and_errors(app: AppTest) -> None:
    at = go(app, "sparql")
    next(b for b in at.button if b.label == "Ejecutar").click().run()
    assert len(at.dataframe[0].value) > 0
    at.text_area[0].set_value("SELECT nonsense").run()
    next(b for b in at.button if b.label == "Ejecutar").click().run()
    assert any("invalid SPARQL" in e.value for e in at.error)


def test_app_notes_page_lists_documents(app: AppTest) -> None:
    at = go(app, "notes")
    sources = list(at.dataframe[0].value["source"])
    assert any("databricks-ml-associate-study-guide.md" in s for s in sources)


def test_app_evidence_in_context(app: AppTest) -> None:
    app.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    app.toggle[0].set_value(True).run()
    shown = "\n".join(c.value for c in app.code)
    assert "▶   467" in shown and "Modelo registrado" in shown


def test_app_concept_search_tolerates_typos(app: AppTest) -> None:
    at = go(app, "concept")
    at.text_input[0].set_value("scor_bach").run()
    assert "score_batch" in at.main.radio[0].options
    assert at.header[0].value == "score_batch"


def test_app_graph_topic_filter(app: AppTest, built: Path) -> None:
    at = go(app, "graph")
    everything = int(at.caption[0].value.split()[0])
    topic = next(iri for iri, title in api.topics(store=built) if title.startswith("Write data"))
    at.selectbox[2].set_value(topic).run()
    within = int(at.caption[0].value.split()[0])
    assert 0 < within < everything


def test_app_packaged_script_is_the_app(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `kg app` runs (the script inside the package) is the same app as app.py."""
    monkeypatch.setenv("KG_STORE", str(built))
    at = AppTest.from_file(str(SCRIPT), default_timeout=60).run()
    assert not at.exception
    at.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    assert "databricks-ml-associate-study-guide.md:467" in texts(at)
