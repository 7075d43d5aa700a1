"""Shared helpers to run the app in a real Chromium (tests and the screenshot script)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
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
def streamlit_app(store: Path, timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` on 127.0.0.1 with the given store; yields its URL."""
    port = free_port()
    env = {**os.environ, "KG_STORE": str(store), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with serving(cmd, port=port, cwd=ROOT, env=env, timeout=timeout) as url:
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
