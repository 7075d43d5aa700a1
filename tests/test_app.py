"""The Streamlit app, driven the way a user meets it (AppTest): every page, in both languages,
what stays when you move around, and what it says."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from kg import api
from kg.errors import InputError
from kg.ui import SCRIPT, streamlit_command
from kg.ui.messages import error_text, reason_text
from kg.ui.sparql import csv_text
from kg.ui.text import RELATION_WORDS, UI
from tests.conftest import ROOT, SEED, automl_store, outdate_tables

APP = str(ROOT / "app.py")
SCORE_BATCH = "https://kg.invalid/concept/score_batch"
ONLINE = "https://kg.invalid/concept/online-features"
OFFLINE = "https://kg.invalid/concept/offline-features"


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


def language(at: AppTest, lang: str) -> AppTest:
    at.sidebar.radio[0].set_value(lang).run()
    assert not at.exception
    return at


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _nodes(block: Any) -> Iterator[Any]:
    yield block
    for child in getattr(block, "children", {}).values():
        yield from _nodes(child)


def visible(at: AppTest) -> tuple[set[str], str]:
    """What the page shows: (its labels — widget labels and options, headings, alerts,
    captions, expander labels, table headers — and all of its text)."""
    labels: set[str] = set()
    for node in [*_nodes(at.main), *_nodes(at.sidebar)]:
        for name in ("label", "placeholder"):
            if isinstance(value := getattr(node, name, None), str):
                labels.add(value)
        if node.type in ("radio", "selectbox"):
            labels.update(str(o) for o in node.options)
        if node.type in ("title", "header", "subheader", "caption", "error", "warning",
                         "info", "success"):  # fmt: skip
            labels.add(node.value)
        if node.type == "chat_input":
            labels.add(node.proto.placeholder)
        if node.type in ("arrow_data_frame", "dataframe", "table"):
            labels.update(str(c) for c in node.value.columns)
    everything = "\n".join([*labels, texts(at)])
    return labels, everything


def _fragments(phrase: str) -> list[str]:
    """The literal parts of a UI string worth looking for (placeholders and markup removed)."""
    parts = re.split(r"\{[^}]*\}|\*\*|:\w+\[|\]", phrase)
    return [p.strip(" .:,·()«»“”") for p in parts if len(p.strip(" .:,·()«»“”")) >= 12]


def other_language(at: AppTest, lang: str) -> list[str]:
    """Strings of the other language's table that the page shows."""
    other, mine = ("en", "es") if lang == "es" else ("es", "en")
    own = set(UI[mine].values()) | set(RELATION_WORDS[mine].values())
    labels, everything = visible(at)
    found = []
    for phrase in [*UI[other].values(), *RELATION_WORDS[other].values()]:
        if phrase in own:
            continue
        if phrase in labels:
            found.append(phrase)
        found += [f for f in _fragments(phrase) if f in everything]
    relation_names = "|".join(RELATION_WORDS["en"])
    found += re.findall(rf"\((?:{relation_names})\)", everything)  # raw relation names
    return found


def test_app_first_start_builds_the_graph_from_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "fresh"))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "data" in at.info[0].value  # says what it builds from
    assert at.success[0].value.startswith("1 documentos · 225 conceptos")
    assert "¿Qué requiere score_batch?" in [b.label for b in at.button]


def test_app_title_and_navigation_say_what_the_tool_is(app: AppTest) -> None:
    assert app.sidebar.title[0].value == "kg"
    assert "grafo de conocimiento" in app.sidebar.caption[0].value
    assert app.sidebar.radio[1].label == "Páginas"
    assert app.title[0].value == "Preguntar"


def test_app_ask_shows_answer_and_evidence(app: AppTest) -> None:
    app.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    assert not app.exception
    shown = texts(app)
    assert "log_model" in shown
    assert "databricks-ml-associate-study-guide.md:467" in shown
    assert str(SEED) not in shown  # citations are short: never the absolute path
    assert any("SELECT" in c.value for c in app.code)


def test_app_ask_says_when_the_statement_index_is_of_another_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    automl_store(tmp_path)
    (index,) = (tmp_path / "store").glob("gen-*/statements.sqlite")
    with sqlite3.connect(index) as db:  # an index as an older kg wrote it
        db.execute("PRAGMA user_version = 1")
    db.close()
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.chat_input[0].set_value("¿Qué requiere AutoML?").run()
    assert not at.exception
    assert "ML Runtime" in texts(at)  # typed facts still answer
    assert [w.value for w in at.warning] == [UI["es"]["index_outdated"]]
    at.run()  # a rerun without a new question (a widget changed) still says it
    assert not at.exception and [w.value for w in at.warning] == [UI["es"]["index_outdated"]]


def test_app_ask_keeps_the_history_of_the_session(app: AppTest) -> None:
    app.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    app.chat_input[0].set_value("What is Kubernetes?").run()
    asked = [m.markdown[0].value for m in app.chat_message if m.name == "user"]
    assert asked == ["¿Qué requiere score_batch?", "What is Kubernetes?"]  # newest last
    assert "log_model" in texts(app)  # the first answer, with its evidence, is still there
    go(app, "graph")
    go(app, "ask")
    assert len([m for m in app.chat_message if m.name == "user"]) == 2
    button(app, "Borrar el historial").click().run()
    assert not app.chat_message


def test_app_ask_outside_the_notes_offers_close_concepts(app: AppTest) -> None:
    app.chat_input[0].set_value("What is Kubernetes?").run()
    assert "Kubernetes" in app.warning[0].value


def test_app_sparql_of_an_answer_opens_on_the_sparql_page(app: AppTest) -> None:
    app.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    button(app, "Abrir en la página SPARQL").click().run()
    assert app.title[0].value == "SPARQL"
    query = app.text_area[0].value
    assert "score_batch" in query and query.startswith("SELECT")
    button(app, "Ejecutar").click().run()
    assert len(app.dataframe[0].value) > 0  # the query the answer ran, with its values


def test_app_concept_page(app: AppTest) -> None:
    at = go(app, "concept")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    assert at.header[0].value == "score_batch"
    shown = texts(at)
    assert "score_batch requiere **fs.log_model**" in shown  # the relation in words
    assert "(requires)" not in shown and ":467" in shown
    assert "Tipo: API" in [c.value for c in at.caption]
    assert "kg.invalid" not in "\n".join(c.value for c in at.caption)
    assert any("fs.score_batch(" in c.value for c in at.code)  # its code example
    assert "Parámetros" in [h.value for h in at.subheader]
    assert "`df=raw_input_df`" in shown and ":450" in shown  # what the call passes, where
    assert "Paso a paso con ejemplo" in shown  # a section that mentions it


def test_app_compare_page_renders_side_by_side(app: AppTest) -> None:
    at = go(app, "compare")
    at.selectbox[0].set_value(ONLINE).run()
    at.selectbox[1].set_value(OFFLINE).run()
    assert "| Online features | Offline features |" in texts(at)
    assert "| 41 |" in texts(at)  # the source row of the aspect


def test_app_graph_page_draws_nodes(app: AppTest) -> None:
    at = go(app, "graph")
    caption = at.caption[1].value
    assert re.match(r"Se muestran \d+ de 225 conceptos: los que tienen una relación", caption)
    assert "A requiere B" in texts(at)  # the legend
    assert at.get("component_instance"), "the interactive graph is drawn"
    at.toggle[0].set_value(True).run()
    chart = at.get("graphviz_chart")[0]
    assert "score_batch" in chart.proto.spec


def test_app_graph_nodes_are_known_by_name_in_the_ui_language(app: AppTest) -> None:
    at = go(app, "graph")
    args = at.get("component_instance")[0].proto.json_args
    assert "kg.invalid" not in args  # the side panel shows names, never IRIs
    assert '"Tema"' in args and '"requiere"' in args  # its fields, in Spanish
    assert '"Abrir su p\\u00e1gina"' in args or '"Abrir su página"' in args


def test_app_graph_highlights_the_focus_prerequisites(app: AppTest) -> None:
    at = go(app, "graph")
    at.selectbox[1].set_value(SCORE_BATCH).run()
    at.toggle[0].set_value(True).run()
    spec = at.get("graphviz_chart")[0].proto.spec
    assert "fs.log_model" in spec and "#ffd9a0" in spec
    assert "AutoML" not in spec  # only what leads to or from score_batch
    assert "alrededor de «score_batch»" in at.caption[1].value


def test_app_graph_topics_plan_every_objective(app: AppTest, built: Path) -> None:
    at = go(app, "graph")
    at.radio[0].set_value("topic_level").run()
    assert not at.exception  # the interactive topic view once raised a NameError
    assert at.caption[1].value.startswith("18 temas en el orden de las notas")
    spec = at.get("graphviz_chart")[0].proto.spec  # static first: the view to plan with
    for title in (t for _, t in api.topics(store=built)):  # every objective, whole
        assert all(word in spec for word in title.split())
    assert "fs.write_table requiere" in spec  # each edge says why
    plan = at.table[0].value
    assert len(plan) == 18
    row = plan[plan["Tema"].str.startswith("7. ")].iloc[0]
    assert row["Antes, estudia"] == "6, 1"  # the table it writes to, the client it calls
    assert "fs.write_table requiere fs.create_table" in row["Por qué"]
    assert "fs.write_table es un método de FeatureStoreClient" in row["Por qué"]
    order = list(plan["Tema"])
    assert order.index(row["Tema"]) > order.index(next(t for t in order if t.startswith("6. ")))
    at.toggle[0].set_value(False).run()
    assert not at.exception
    assert at.get("component_instance"), "the interactive topic graph is drawn"


def test_app_graph_topic_filter(app: AppTest, built: Path) -> None:
    at = go(app, "graph")
    everything = int(at.caption[1].value.split()[2])
    topic = next(iri for iri, title in api.topics(store=built) if title.startswith("Write data"))
    at.selectbox[2].set_value(topic).run()
    within = int(at.caption[1].value.split()[2])
    assert 0 < within < everything
    assert "en el tema «Write data to a feature store table»" in at.caption[1].value


def test_app_graph_double_click_opens_the_concept(app: AppTest) -> None:
    """What the component reports on a double-click (`target_id`: the node's name) opens that
    concept's page; the same report seen again on a later run does not."""
    at = go(app, "graph")
    event = {"action": "open", "data": {"type": "dblclick", "target_id": "score_batch"},
             "timestamp": 1}  # fmt: skip
    at.session_state["cyto-concepts-requires-None-None-es"] = event
    at.run()
    assert at.title[0].value == "Concepto" and at.header[0].value == "score_batch"
    go(at, "graph")
    assert at.title[0].value == "Grafo"  # not sent to the concept page again


def test_app_learning_path_page(app: AppTest) -> None:
    at = go(app, "path")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    labels = [c.label for c in at.checkbox]
    assert any("fs.log_model" in label for label in labels)
    at.checkbox[0].check().run()
    assert at.success  # "you can learn next"


def test_app_learning_path_keeps_its_goal_and_what_you_know(app: AppTest) -> None:
    at = go(app, "path")
    at.selectbox[0].set_value(SCORE_BATCH).run()
    at.checkbox[0].check().run()
    go(at, "ask")
    go(at, "path")
    assert at.selectbox[0].value == SCORE_BATCH
    assert at.checkbox[0].value


def test_app_language_switch_keeps_the_page_and_its_choices(app: AppTest) -> None:
    at = go(app, "graph")
    at.selectbox[0].set_value("partOf").run()
    language(at, "en")
    assert at.sidebar.radio[1].value == "graph"
    assert at.title[0].value == "Graph"
    assert at.selectbox[0].value == "partOf"
    assert "is part of" in at.selectbox[0].options
    go(at, "concept")  # the next click goes where it says
    assert at.title[0].value == "Concept"


def test_app_sparql_page_stops_long_queries(app: AppTest) -> None:
    at = go(app, "sparql")
    at.text_area[0].set_value(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    ).run()
    button(at, "Ejecutar").click().run(timeout=30)
    assert [e.value for e in at.error] == ["La consulta tardó más de 5 s y se detuvo."]


def test_app_sparql_page_rows_and_errors(app: AppTest) -> None:
    at = go(app, "sparql")
    button(at, "Ejecutar").click().run()
    assert len(at.dataframe[0].value) > 0
    at.text_area[0].set_value("SELECT ?x WHERE { ?x a é").run()
    button(at, "Ejecutar").click().run()
    (error,) = [e.value for e in at.error]
    assert error.startswith("Consulta SPARQL no válida (línea 1, columna")
    assert "\n" not in error and "\\u" not in error and len(error) < 160


def test_app_sparql_results_stay_after_a_download(app: AppTest) -> None:
    at = go(app, "sparql")
    button(at, "Ejecutar").click().run()
    rows = len(at.dataframe[0].value)
    at.get("download_button")[0].click().run()
    assert len(at.dataframe[0].value) == rows
    go(at, "ask")
    go(at, "sparql")  # the query and its result wait for you
    assert len(at.dataframe[0].value) == rows


def test_app_sparql_examples_follow_the_language(app: AppTest) -> None:
    at = go(app, "sparql")
    assert at.selectbox[0].label == "Ejemplos"
    at.selectbox[0].set_value("Temas en orden").run()
    assert "kg:Topic" in at.text_area[0].value
    language(at, "en")
    assert "Topics in order" in at.selectbox[0].options


def test_app_csv_keeps_accents() -> None:
    out = csv_text(["label", "n"], [{"label": "claves únicas, sí", "n": "1"}])
    assert out == 'label,n\n"claves únicas, sí",1\n'


def test_app_notes_page_lists_documents(app: AppTest) -> None:
    at = go(app, "notes")
    files = list(at.dataframe[0].value["Archivo"])
    assert any(f.endswith("databricks-ml-associate-study-guide.md") for f in files)
    assert str(SEED) not in files


def test_app_notes_upload_asks_before_replacing_and_the_table_is_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "first.md").write_text("# Uno\n\n**A** requiere **B**.\n")
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)
    at = go(AppTest.from_file(APP, default_timeout=120).run(), "notes")
    assert list(at.dataframe[0].value["Archivo"]) == ["data/first.md"]
    at.file_uploader[0].set_value(("más.md", b"# Dos\n\n**C** requiere **D**.\n", "text/markdown"))
    at.run()
    button(at, "Reconstruir el grafo").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("2 documentos")
    assert len(at.dataframe[0].value) == 2  # the table of the new build, at once
    at.file_uploader[0].set_value(("MÁS.md", b"# Tres\n\n**E** requiere **F**.\n", "text/markdown"))
    at.run()
    assert "más.md" in at.warning[0].value  # it would replace a note
    assert button(at, "Reconstruir el grafo").disabled
    at.checkbox[0].check().run()
    button(at, "Reconstruir el grafo").click().run()
    assert not at.error
    assert (tmp_path / "data" / "uploads" / "MÁS.md").read_bytes().startswith(b"# Tres")
    assert list((tmp_path / "data" / "uploads" / ".replaced").iterdir())


def test_app_notes_upload_broken_says_why_in_spanish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: Path
) -> None:
    monkeypatch.setenv("KG_STORE", str(built))
    monkeypatch.chdir(tmp_path)
    at = go(AppTest.from_file(APP, default_timeout=60).run(), "notes")
    at.file_uploader[0].set_value(("roto.md", b"\x00\x01\x02binario", "text/markdown"))
    at.run()
    button(at, "Reconstruir el grafo").click().run()
    assert [e.value for e in at.error] == [
        "No se pudo leer roto.md: contenido binario o ilegible (no es texto)"
    ]


def test_app_reasons_are_translated_as_kg_gives_them(tmp_path: Path) -> None:
    """Every reason kg gives for a file it cannot take has words in each language (a
    reworded reason fails here rather than showing English in the Spanish app)."""
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "broken.ipynb").write_text("{")
    (tmp_path / "x.md").write_text("# x\n")
    attempts = [
        lambda: api.inspect(tmp_path / "empty.md"),
        lambda: api.inspect(tmp_path / "broken.ipynb"),
        lambda: api.save_upload("x.pdf", b"x", tmp_path),
        lambda: api.save_upload("con.md", b"x", tmp_path),
        lambda: api.save_upload("big.md", b"x" * 20, tmp_path, max_bytes=10),
        lambda: api.save_upload("bin.md", b"\x00\x01", tmp_path),
        lambda: api.save_upload("x.md", b"# other\n", tmp_path),
    ]
    for attempt in attempts:
        with pytest.raises(InputError) as caught:
            attempt()
        assert reason_text(caught.value.reason, "es") != caught.value.reason
        assert error_text(caught.value, UI["es"], "es").startswith("No se pudo leer")


def test_app_command_hides_deploy_and_states_the_upload_limit() -> None:
    command = " ".join(streamlit_command(browser=False))
    assert "--client.toolbarMode minimal" in command
    assert f"--server.maxUploadSize {api.DEFAULT_MAX_BYTES // 2**20}" in command
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert 'toolbarMode = "minimal"' in config and "maxUploadSize = 5" in config


def test_app_concept_search_tolerates_typos(app: AppTest) -> None:
    at = go(app, "concept")
    at.text_input[0].set_value("scor_bach").run()
    assert "score_batch" in at.main.radio[0].options
    assert at.header[0].value == "score_batch"


def test_app_packaged_script_is_the_app(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `kg app` runs (the script inside the package) is the same app as app.py."""
    monkeypatch.setenv("KG_STORE", str(built))
    at = AppTest.from_file(str(SCRIPT), default_timeout=60).run()
    assert not at.exception
    at.chat_input[0].set_value("¿Qué requiere score_batch?").run()
    assert "databricks-ml-associate-study-guide.md:467" in texts(at)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_app_sweep_every_page_mode_and_option(
    app: AppTest, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page, mode and option renders without an exception and shows no string of the
    other language."""
    monkeypatch.chdir(tmp_path)  # notes the sweep uploads land here
    at = language(app, lang)

    def check(what: str) -> None:
        assert not at.exception, what
        assert not other_language(at, lang), (what, other_language(at, lang))

    check("ask, nothing asked yet")
    at.button[0].click().run()
    check("ask, an example")
    at.chat_input[0].set_value("What is Kubernetes?").run()
    check("ask, outside the notes")
    at.toggle[0].set_value(True).run()
    check("ask, evidence in context")
    go(at, "concept").selectbox[0].set_value(SCORE_BATCH).run()
    check("concept")
    go(at, "compare").selectbox[0].set_value(ONLINE).run()
    at.selectbox[1].set_value(OFFLINE).run()
    check("compare, a direct comparison")
    at.selectbox[1].set_value(SCORE_BATCH).run()
    check("compare, no direct comparison")
    go(at, "graph")
    for relation in api.RELATIONS:
        at.selectbox[0].set_value(relation).run()
        for focus in (None, SCORE_BATCH):
            at.selectbox[1].set_value(focus).run()
            for static in (False, True):
                if at.toggle:
                    at.toggle[0].set_value(static).run()
                check(f"graph {relation} focus={focus} static={static}")
    at.radio[0].set_value("topic_level").run()
    for static in (True, False):
        at.toggle[0].set_value(static).run()
        check(f"graph topics static={static}")
    go(at, "path").selectbox[0].set_value(SCORE_BATCH).run()
    at.checkbox[0].check().run()
    check("learning path, a concept known")
    go(at, "sparql")
    for query in ("SELECT ?t WHERE { ?t a kg:Topic }", "SELECT ?x WHERE { ?x a é",
                  "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"):  # fmt: skip
        at.text_area[0].set_value(query).run()
        button(at, UI[lang]["run"]).click().run(timeout=30)
        check(f"sparql {query}")
        assert at.dataframe or at.error
    go(at, "notes").file_uploader[0].set_value(("roto.md", b"\x00\x01", "text/markdown"))
    at.run()
    button(at, UI[lang]["build"]).click().run()
    check("notes, a broken upload")
    assert at.error


def test_app_ask_says_when_the_graph_was_built_with_other_language_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    automl_store(tmp_path)
    outdate_tables(tmp_path / "store")
    monkeypatch.setenv("KG_STORE", str(tmp_path / "store"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.chat_input[0].set_value("¿Qué requiere AutoML?").run()
    assert not at.exception
    assert "ML Runtime" in texts(at)  # answered as before, from tables read from the graph
    assert [w.value for w in at.warning] == [UI["es"]["tables_outdated"]]
