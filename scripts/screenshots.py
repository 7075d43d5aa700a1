"""Screenshots of every page of the app, for the README and for review.

    python scripts/screenshots.py [OUT_DIR]     (default docs/screenshots)

Builds the seed notes into a temporary store, runs the app on 127.0.0.1, and drives Debian's
Chromium with Playwright through each page as a student would: a question, a concept, a
comparison, the concept graph and the topic graph, a learning path, a query, the notes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import api
from tests.browser import ROOT, app_page, ask, graph_frame, streamlit_app


def pick(page: Any, label: str, text: str) -> None:
    """Choose `text` in the select box labelled `label`."""
    page.get_by_label(label).first.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1500)


def open_page(page: Any, name: str) -> None:
    page.get_by_text(name, exact=True).first.click()
    page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)


def shoot(page: Any, out: Path, name: str) -> None:
    page.wait_for_timeout(1000)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)


def tour(page: Any, out: Path) -> None:
    """Every page, each showing what it is for."""
    ask(page, "¿Qué requiere score_batch?", "log_model")
    shoot(page, out, "ask")
    open_page(page, "Concepto")
    pick(page, "Elige un concepto", "score_batch")
    shoot(page, out, "concepto")
    open_page(page, "Comparar")
    pick(page, "Primero", "Online features")
    pick(page, "Segundo", "Offline features")
    shoot(page, out, "comparar")
    open_page(page, "Grafo")
    graph_frame(page)
    page.wait_for_timeout(1500)
    shoot(page, out, "grafo")
    page.get_by_text("Temas", exact=True).first.click()
    page.get_by_text("Plan de estudio").first.wait_for(timeout=30_000)
    shoot(page, out, "grafo-temas")
    open_page(page, "Ruta de aprendizaje")
    pick(page, "Meta", "score_batch")
    shoot(page, out, "ruta-de-aprendizaje")
    open_page(page, "SPARQL")
    page.get_by_role("button", name="Ejecutar").click()
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)
    shoot(page, out, "sparql")
    open_page(page, "Notas")
    shoot(page, out, "notas")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([ROOT / "data"], store=store)
        viewport = {"width": 1400, "height": 1700}
        with (
            streamlit_app(store) as url,
            sync_playwright() as pw,
            app_page(pw, url, viewport=viewport) as page,
        ):
            page.get_by_text("Preguntar", exact=True).first.wait_for(timeout=60_000)
            tour(page, out)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
