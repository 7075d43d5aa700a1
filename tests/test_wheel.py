"""`kg app` as a user installs it: the wheel built from this checkout, installed into a fresh
virtualenv and started in an empty folder, answers a question in Chromium citing its source
line from the notes shipped inside the wheel.

The wheel's dependencies come from this test's own environment (made visible to the new
virtualenv, kg itself left out), so nothing is downloaded; kg comes only from the wheel, and
no checkout is on the new environment's path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import app_page, ask, free_port, serving
from tests.conftest import ROOT, SEED


def _run(*cmd: str | Path, **options: object) -> str:
    done = subprocess.run(
        [str(c) for c in cmd], check=True, capture_output=True, text=True, **options
    )  # type: ignore[call-overload]
    return str(done.stdout)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the kg wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # build out of tree: the checkout is left as it was
    shutil.copytree(ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", src)
    env = tmp / "venv"
    _run(sys.executable, "-m", "venv", env)
    deps = tmp / "deps"  # this environment's packages, kg left out
    deps.mkdir()
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(folder).iterdir():
            if (
                not re.match(r"__editable__|kg-|kg$", entry.name)
                and not (deps / entry.name).exists()
            ):
                (deps / entry.name).symlink_to(entry)
    site = _run(
        env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    )
    (Path(site.strip()) / "kg-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    _run(
        env / "bin" / "python",
        "-m",
        "pip",
        "install",
        "-q",
        "--no-index",
        "--find-links",
        tmp / "dist",
        "kg",
    )
    return env


def _clean_env(venv: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "KG_STORE")
    }
    return env | {"PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}


def test_wheel_ships_the_app_and_the_notes(venv: Path, tmp_path: Path) -> None:
    code = "import kg.ui, kg.api; print(kg.ui.SCRIPT); print(kg.api.BUNDLED_NOTES)"
    script, notes = _run(
        venv / "bin" / "python", "-c", code, cwd=tmp_path, env=_clean_env(venv)
    ).split()
    assert script.startswith(str(venv)) and Path(script).is_file()
    assert (Path(notes) / SEED.name).read_bytes() == SEED.read_bytes()


def test_wheel_kg_app_answers_in_the_browser_from_an_empty_folder(
    venv: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    port = free_port()
    cmd = [
        str(venv / "bin" / "kg"),
        "app",
        "--port",
        str(port),
        "--no-browser",
        "--store",
        str(tmp_path / "store"),
    ]
    with serving(cmd, port=port, cwd=empty, env=_clean_env(venv)) as url:
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and b"<noscript>" in response.read()
        with sync_playwright() as pw, app_page(pw, url) as page:
            # the first start builds the graph from the notes shipped in the wheel
            ask(page, "¿Qué requiere score_batch?", f"{SEED.name}:467", timeout=180_000)
            cited = page.get_by_text(f"{SEED.name}:467").first.inner_text()
    # cited by file name and line: the absolute path inside the virtualenv is not for reading
    assert f"({SEED.name}:467)" in cited and f"{venv}" not in cited
    assert sorted(p.name for p in empty.iterdir()) == []  # nothing written where it started
