"""Shared fixtures: the seed notes, the shared corpora, and a throwaway graph store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# On CI the property tests replay a fixed sequence of examples, so a red build always has a
# reproducible cause; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "databricks-ml-associate-study-guide.md"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def corpora_path() -> Path:
    if not CORPORA.is_dir():
        pytest.fail(f"the shared corpora are missing at {CORPORA}")
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
