"""End to end in a real browser: Debian's Chromium driven by Playwright (never a downloaded
browser), against `streamlit run app.py` on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kg import api
from tests.browser import app_page, ask, streamlit_app
from tests.conftest import SEED


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "store"
    api.build([SEED], store=path)
    return path


def test_browser_ask_and_graph(store: Path) -> None:
    with streamlit_app(store) as url, sync_playwright() as pw, app_page(pw, url) as page:
        ask(page, "¿Qué requiere score_batch?", "log_model")
        assert (
            "data/databricks-ml-associate-study-guide.md:467" in page.content()
            or page.get_by_text("fs.log_model").count()
        )
        page.get_by_text("Grafo", exact=True).click()
        # the interactive graph draws with Cytoscape on a canvas inside the component's frame
        canvas = page.frame_locator("iframe").locator("canvas").first
        canvas.wait_for(timeout=30_000)
        box = canvas.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
