"""The seed notes' structure, compared with a reviewed golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import Code, Document, Table, load_document

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "seed_structure.json"


@pytest.fixture(scope="module")
def seed() -> Document:
    from tests.conftest import SEED

    return load_document(SEED)


def test_seed_golden_sections_tables_and_code(seed: Document) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert [[s.level, s.line_start, s.title] for s in seed.sections] == golden["sections"]
    tables = [
        [b.line_start, b.line_end, len(b.header), len(b.rows)]
        for b in seed.blocks
        if isinstance(b, Table)
    ]
    assert tables == golden["tables"]
    code = [[b.line_start, b.line_end, b.language] for b in seed.blocks if isinstance(b, Code)]
    assert code == golden["code"]


def test_seed_has_18_top_level_sections(seed: Document) -> None:
    tops = seed.top_level_sections()
    assert len(tops) == 18
    assert tops[0].title == "Identify the best practices of an MLOps strategy"
    assert tops[-1].title == "Promote a challenger model to a champion model using aliases"
    train = next(s for s in tops if s.title.startswith("Train a model"))
    assert (train.line_start, train.title) == (
        342,
        "Train a model with features from a feature store table.",
    )


def test_seed_accents_are_repaired(seed: Document) -> None:
    section = next(s for s in seed.sections if s.line_start == 46)
    assert section.title == "¿Qué es un ML Runtime en Databricks?"
    assert seed.encoding_repaired
    assert not any("√" in line for line in seed.lines)


def test_seed_has_29_tables_with_all_rows(seed: Document) -> None:
    tables = [b for b in seed.blocks if isinstance(b, Table)]
    assert len(tables) == 29
    raw_rows = sum(
        1
        for line in seed.lines
        if line.lstrip().startswith("|") and not set(line.strip()) <= set("|-: ")
    )
    assert sum(len(t.rows) + 1 for t in tables) == raw_rows


def test_seed_notebook_cells_are_code_and_their_comments_not_headings(seed: Document) -> None:
    prompts = [n for n, line in enumerate(seed.lines, 1) if line.startswith("In [")]
    assert len(prompts) == 16
    code_starts = {b.line_start for b in seed.blocks if isinstance(b, Code)}
    assert set(prompts) <= code_starts
    comments = {
        line.strip().lstrip("#").strip()
        for b in seed.blocks
        if isinstance(b, Code)
        for line in b.text.split("\n")
        if line.strip().startswith("#")
    }
    assert len([c for c in comments if c]) >= 20
    assert not {s.title for s in seed.sections} & comments
