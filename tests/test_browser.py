"""End to end in a real browser: Debian's Chromium driven by Playwright (never a downloaded
browser), against `streamlit run app.py` on 127.0.0.1 — what AppTest cannot see: the graph
drawn on a canvas, a double-click on it, the widgets as the browser keeps them, downloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect, sync_playwright

from kg import api
from tests.browser import app_page, ask, graph_frame, node_on_page, streamlit_app
from tests.conftest import SEED


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One app for the module, over the seed notes."""
    store = tmp_path_factory.mktemp("browser") / "store"
    api.build([SEED], store=store)
    with streamlit_app(store) as served:
        yield served


@pytest.fixture
def page(url: str) -> Iterator[Any]:
    with sync_playwright() as pw, app_page(pw, url, viewport={"width": 1400, "height": 900}) as p:
        p.get_by_text("Preguntar", exact=True).first.wait_for(timeout=60_000)
        yield p


def checked(page: Any, name: str) -> None:
    """The radio button `name` is checked, once the page has settled: while Streamlit reruns,
    the old and the new sidebar can both be on the page for a moment (a strict lookup then
    fails on a loaded machine)."""
    radio = page.get_by_role("radio", name=name)
    expect(radio).to_have_count(1, timeout=30_000)  # a strict lookup is not retried
    expect(radio).to_be_checked(timeout=30_000)


def open_page(page: Any, name: str) -> None:
    page.get_by_text(name, exact=True).first.click()
    page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)


def test_browser_ask_and_graph(page: Any) -> None:
    ask(page, "¿Qué requiere score_batch?", "log_model")
    assert page.get_by_text("databricks-ml-associate-study-guide.md:467").count()
    assert str(SEED) not in page.get_by_role("main").inner_text()  # short citations
    open_page(page, "Grafo")
    canvas = page.frame_locator("iframe").locator("canvas").first
    canvas.wait_for(timeout=30_000)
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100


def test_browser_double_click_on_a_node_opens_its_concept(page: Any) -> None:
    open_page(page, "Grafo")
    x, y = node_on_page(page, "score_batch")
    page.mouse.dblclick(x, y)
    page.get_by_role("heading", name="score_batch").first.wait_for(timeout=30_000)
    checked(page, "Concepto")


def test_browser_graph_panel_speaks_the_ui_language(page: Any) -> None:
    open_page(page, "Grafo")
    frame = graph_frame(page)
    panel = frame.locator("#infopanel")
    # the layout may still be settling on a busy machine: find the node again and retry
    for attempt in range(4):
        x, y = node_on_page(page, "score_batch")
        page.mouse.click(x, y)
        try:
            panel.get_by_text("Abrir su página").wait_for(timeout=10_000)
            break
        except Exception:
            if attempt == 3:
                raise
    shown = panel.inner_text()
    assert "score_batch" in shown and "Tema" in shown and "requiere" in shown
    assert "kg.invalid" not in shown and "concept" not in shown.split()
    panel.get_by_text("Abrir su página").click()
    page.get_by_role("heading", name="score_batch").first.wait_for(timeout=30_000)


def test_browser_language_switch_keeps_the_page(page: Any) -> None:
    open_page(page, "Grafo")
    page.get_by_text("en", exact=True).click()
    page.get_by_role("heading", name="Graph").first.wait_for(timeout=30_000)
    checked(page, "Graph")
    open_page(page, "Concept")  # the next click goes where it says, not to Ask
    checked(page, "Concept")


def test_browser_download_keeps_the_results_and_the_accents(page: Any) -> None:
    open_page(page, "SPARQL")
    box = page.get_by_role("textbox", name="Consulta SPARQL")
    box.fill('SELECT ?l WHERE { ?c skos:prefLabel ?l FILTER(CONTAINS(?l, "ó")) } ORDER BY ?l')
    page.get_by_role("button", name="Ejecutar").click()
    table = page.get_by_test_id("stDataFrame")
    table.wait_for(timeout=30_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV", exact=True).click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("l\n") and "ó" in text and "\\u00f3" not in text
    page.wait_for_timeout(1500)  # a rerun would have cleared the table by now
    assert table.is_visible()


def test_browser_no_deploy_button_and_the_real_upload_limit(page: Any) -> None:
    assert page.get_by_text("Deploy", exact=True).count() == 0
    open_page(page, "Notas")
    page.get_by_text("5MB per file", exact=False).first.wait_for(timeout=10_000)
    assert page.get_by_text("200MB").count() == 0
