"""Shared fixtures: the seed notes, the corpora, and a throwaway graph store.

Tests run on a fresh clone with nothing beside the project: the corpus they read ships in
`tests/corpus/`. Checks that need `../shared` (the larger corpora the project is measured on,
which may not be redistributed) are marked `shared`: they run when that folder is there, are
deselected and listed otherwise, and `KG_REQUIRE_SHARED=1` (set by `.ci/run`) makes a missing
folder an error instead.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# On CI the property tests replay a fixed sequence of examples, so a red build always has a
# reproducible cause; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# kg's per-user data (a remote store's local index, the default store) goes to a throwaway
# folder, never the developer's own, removed when the run ends
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kg-tests-data-")
atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "databricks-ml-associate-study-guide.md"
CORPUS = ROOT / "tests" / "corpus" / "third-party"  # shipped: Apache-2.0 docs, see SOURCES.md
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
_SHARED_FIXTURES = {"shared_corpora_path"}
_not_run: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"shared: needs {SHARED} (the shared corpora); runs only when it is there"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the checks that need ../shared; without it, deselect them and say so."""
    for item in items:
        if _SHARED_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)
    if SHARED.is_dir():
        return
    if os.environ.get("KG_REQUIRE_SHARED") == "1":
        raise pytest.UsageError(
            f"KG_REQUIRE_SHARED=1 (set by .ci/run) but {SHARED} is missing: the checks marked "
            "`shared` need it beside the project"
        )
    needs = [item for item in items if item.get_closest_marker("shared")]
    if needs:
        _not_run.extend(item.nodeid for item in needs)
        items[:] = [item for item in items if not item.get_closest_marker("shared")]
        config.hook.pytest_deselected(items=needs)


def pytest_report_header(config: pytest.Config) -> str:
    if SHARED.is_dir():
        return f"shared checks: run ({SHARED} is there)"
    return f"shared checks: not run ({SHARED} is missing; they need it)"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _not_run:
        terminalreporter.write_sep("=", "checks that need ../shared", yellow=True)
        terminalreporter.write_line(
            f"{len(_not_run)} tests marked `shared` were not run: {SHARED} is missing "
            "(they run beside a checkout of it, as .ci/run does):"
        )
        for nodeid in _not_run:
            terminalreporter.write_line(f"  {nodeid}")


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(params=["shipped", pytest.param("shared", marks=pytest.mark.shared)])
def corpora_path(request: pytest.FixtureRequest) -> Path:
    """Notes written by others: the corpus shipped in tests/, and the shared corpora."""
    return CORPUS if request.param == "shipped" else CORPORA


@pytest.fixture
def shared_corpora_path() -> Path:
    """The shared corpora, whole (with the notebooks that may not be copied here)."""
    return CORPORA


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store folder, also set as KG_STORE so nothing touches the user's graph."""
    path = tmp_path / "store"
    monkeypatch.setenv("KG_STORE", str(path))
    return path


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path: write(name, text_or_bytes) -> Path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def automl_store(tmp_path: Path) -> Path:
    """A store built from one line of notes ("AutoML requiere ML Runtime"), for checks of
    what interfaces say about the graph they open."""
    from kg import api

    notes = tmp_path / "notes.md"
    notes.write_text("# Notas\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    api.build([notes], store=tmp_path / "store")
    return tmp_path / "store"


def outdate_tables(store: Path) -> None:
    """Make a store's engine tables look made with other language files."""
    import json

    from kg.qa.tables import TABLES_FILE

    (tables,) = store.glob(f"gen-*/{TABLES_FILE}")
    data = json.loads(tables.read_text(encoding="utf-8"))
    data["version"] = "1:made-with-other-language-files"
    tables.write_text(json.dumps(data), encoding="utf-8")
