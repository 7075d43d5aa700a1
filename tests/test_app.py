"""The Streamlit app, driven the way a user meets it (AppTest), page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kg import api
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
    assert "fs.log_model" in texts(at)


def test_app_compare_page_renders_side_by_side(app: AppTest) -> None:
    at = go(app, "compare")
    at.selectbox[0].set_value("https://kg.invalid/concept/online-features").run()
    at.selectbox[1].set_value("https://kg.invalid/concept/offline-features").run()
    assert "| Online features | Offline features |" in texts(at)


def test_app_graph_page_draws_nodes(app: AppTest) -> None:
    at = go(app, "graph")
    caption = at.caption[0].value
    assert int(caption.split()[0]) > 10
    chart = at.get("graphviz_chart")[0]
    assert "score_batch" in chart.proto.spec


def test_app_learning_path_page(app: AppTest) -> None:
    at = go(app, "path")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    labels = [c.label for c in at.checkbox]
    assert any("fs.log_model" in label for label in labels)
    at.checkbox[0].check().run()
    assert at.success  # "you can learn next"


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
