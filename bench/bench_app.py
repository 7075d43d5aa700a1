"""How long a student waits for the app, in Debian's Chromium, over the seed notes.

    python bench/bench_app.py [--repeat N]

Prints the time from starting the app (`streamlit run app.py`, graph already built) to a
usable Ask page (the question box drawn; aim: under 4 s), and of the first visit to the
Graph page: until the graph is drawn, and until its layout has settled (aim: under 2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import api
from tests.browser import app_page, streamlit_app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "databricks-ml-associate-study-guide.md"


def _settled(frame: Any) -> None:
    """Wait until the graph's nodes stop moving."""
    where = "() => document.getElementById('cy')._cyreg.cy.nodes().map(n => n.renderedPosition())"
    last = None
    while (now := frame.evaluate(where)) != last:
        last = now
        time.sleep(0.05)


def once(store: Path) -> tuple[float, float, float]:
    started = time.perf_counter()
    with streamlit_app(store) as url, sync_playwright() as pw, app_page(pw, url) as page:
        page.get_by_role("textbox").last.wait_for(timeout=60_000)
        usable = time.perf_counter() - started
        clicked = time.perf_counter()
        page.get_by_text("Grafo", exact=True).first.click()
        page.frame_locator("iframe").locator("canvas").first.wait_for(timeout=60_000)
        frame = next(f for f in page.frames if "streamlit_cytoscape" in f.url)
        frame.wait_for_function("() => document.getElementById('cy')?._cyreg?.cy?.nodes().length")
        drawn = time.perf_counter() - clicked
        _settled(frame)
        settled = time.perf_counter() - clicked
    return usable, drawn, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        api.build([SEED], store=store)
        runs = [once(store) for _ in range(args.repeat)]
    names = ("first usable page", "graph drawn", "graph settled")
    for name, values in zip(names, zip(*runs, strict=True), strict=True):
        print(
            f"{name:>18}: median {statistics.median(values):.2f} s  (runs: "
            + ", ".join(f"{v:.2f}" for v in values)
            + ")"
        )


if __name__ == "__main__":
    main()
