from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import api
from kg.qa import QAEngine
from tests.conftest import SEED


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("qa") / "store"
    api.build([SEED], store=store)
    return store


@pytest.fixture(scope="session")
def engine(seed_store: Path) -> Iterator[QAEngine]:
    with QAEngine.open(seed_store) as qa:
        yield qa
