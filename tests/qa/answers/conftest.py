"""Handler tests check the typed facts each intent's handler finds, so their engine answers
without ranked statements (composition is tested in tests/qa/test_compose.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.qa import QAEngine


@pytest.fixture(scope="session")
def engine(seed_store: Path) -> Iterator[QAEngine]:
    with QAEngine.open(seed_store) as qa:
        qa.statements = None
        yield qa
