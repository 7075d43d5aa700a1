"""Shared helpers to run the app in a real Chromium (tests and the screenshot script)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(
    cmd: list[str], *, port: int, cwd: Path, env: dict[str, str], timeout: float = 60
) -> Iterator[str]:
    """Run a command that serves a Streamlit app on 127.0.0.1:`port`; yields its URL once
    Streamlit says it is healthy, and stops it afterwards."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"the app exited: {proc.stderr.read().decode() if proc.stderr else ''}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start in time")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def streamlit_app(store: Path, timeout: float = 60, cwd: Path = ROOT) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 with the given store, run from `cwd` with the
    settings `kg app` passes (so they hold outside the checkout too); yields its URL."""
    from kg.ui import SCRIPT, streamlit_command

    port = free_port()
    env = {**os.environ, "KG_STORE": str(store), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    cmd = streamlit_command("127.0.0.1", port, browser=False)
    cmd[cmd.index(str(SCRIPT))] = str(ROOT / "app.py")
    with serving(cmd, port=port, cwd=cwd, env=env, timeout=timeout) as url:
        yield url


def ask(page: Any, question: str, expect: str, timeout: int = 30_000) -> None:
    """Type a question in the app's chat box and wait until `expect` shows."""
    box = page.get_by_role("textbox").last
    box.wait_for(timeout=timeout)
    box.fill(question)
    box.press("Enter")
    page.get_by_text(expect).first.wait_for(timeout=timeout)


@contextlib.contextmanager
def app_page(playwright: Any, url: str, **page_options: Any) -> Iterator[Any]:
    """Debian's Chromium (never a downloaded browser) on the app, closed afterwards."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(**page_options)
        page.goto(url, wait_until="domcontentloaded")
        yield page
    finally:
        browser.close()


def graph_frame(page: Any, timeout: int = 30_000) -> Any:
    """The frame of the interactive graph, once Cytoscape has drawn it."""
    page.frame_locator("iframe").locator("canvas").first.wait_for(timeout=timeout)
    frame = next(f for f in page.frames if "streamlit_cytoscape" in f.url)
    frame.wait_for_function("() => document.getElementById('cy')?._cyreg?.cy?.nodes().length")
    return frame


def node_on_page(page: Any, node_id: str, timeout: float = 20) -> tuple[float, float]:
    """Where a node of the interactive graph is drawn, in page coordinates, once the graph
    has stopped moving (its layout and fit are done)."""
    frame = graph_frame(page)
    iframe = page.locator("iframe").first
    iframe.scroll_into_view_if_needed()
    where = """id => { const cy = document.getElementById('cy')._cyreg.cy;
                       const box = document.getElementById('cy').getBoundingClientRect();
                       const p = cy.getElementById(id).renderedPosition();
                       return [p.x + box.left, p.y + box.top]; }"""
    last, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.wait_for_timeout(400)
        box = iframe.bounding_box()
        at = frame.evaluate(where, node_id)
        now = (box["x"] + at[0], box["y"] + at[1])
        if now == last:
            return now
        last = now
    raise AssertionError(f"the graph kept moving for {timeout} s")
