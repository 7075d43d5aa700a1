"""The browser app (Streamlit), thin over `kg.api`: `kg app`, or `streamlit run app.py` from a
checkout. Importing this package does not import Streamlit; `SCRIPT` is what Streamlit runs."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["SCRIPT", "streamlit_command"]

SCRIPT = Path(__file__).with_name("app.py")


def streamlit_command(
    host: str = "127.0.0.1", port: int = 8501, *, browser: bool = True
) -> list[str]:
    """The command that serves the app on `host:port` (loopback by default), opening a browser
    tab when `browser`; it sends nothing anywhere (no usage statistics, no e-mail prompt), shows
    no "Deploy" button, and its uploader takes what kg reads (5 MB, `.streamlit/config.toml`).
    Development mode is off even where Streamlit is installed outside a `site-packages` folder
    (Debian's `dist-packages`), where Streamlit would otherwise refuse `--server.port`."""
    return [
        sys.executable, "-m", "streamlit", "run", str(SCRIPT),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "false" if browser else "true",
        "--server.showEmailPrompt", "false",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        "--server.maxUploadSize", "5",
    ]  # fmt: skip
