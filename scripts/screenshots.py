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
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_app

PAGES = ["Preguntar", "Concepto", "Comparar", "Grafo", "Ruta de aprendizaje", "SPARQL", "Notas"]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([ROOT / "data"], store=store)
        with streamlit_app(store) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url, wait_until="domcontentloaded")
            box = page.get_by_role("textbox").last
            box.wait_for(timeout=30_000)
            box.fill("¿Qué requiere score_batch?")
            box.press("Enter")
            page.get_by_text("log_model").first.wait_for(timeout=30_000)
            page.screenshot(path=str(out / "ask.png"), full_page=True)
            for name in PAGES[1:]:
                page.get_by_text(name, exact=True).first.click()
                page.wait_for_timeout(2500)
                page.screenshot(
                    path=str(out / f"{name.lower().replace(' ', '-')}.png"), full_page=True
                )
            browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
