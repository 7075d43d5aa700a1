"""Screenshots of every page of the app, for the README and for review.

    python scripts/screenshots.py [OUT_DIR]     (default docs/screenshots)

Builds the seed notes into a temporary store, runs the app on 127.0.0.1, and drives Debian's
Chromium with Playwright to each page.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import api
from tests.browser import ROOT, app_page, ask, streamlit_app

PAGES = ["Preguntar", "Concepto", "Comparar", "Grafo", "Ruta de aprendizaje", "SPARQL", "Notas"]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([ROOT / "data"], store=store)
        viewport = {"width": 1400, "height": 900}
        with (
            streamlit_app(store) as url,
            sync_playwright() as pw,
            app_page(pw, url, viewport=viewport) as page,
        ):
            ask(page, "¿Qué requiere score_batch?", "log_model")
            page.screenshot(path=str(out / "ask.png"), full_page=True)
            for name in PAGES[1:]:
                page.get_by_text(name, exact=True).first.click()
                page.wait_for_timeout(2500)
                shot = out / f"{name.lower().replace(' ', '-')}.png"
                page.screenshot(path=str(shot), full_page=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
