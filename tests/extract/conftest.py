from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.extract import Extraction, extract
from kg.ingest import load_document


@pytest.fixture
def extract_notes(tmp_path: Path) -> Callable[..., Extraction]:
    """extract_notes(text, name="notes.md", more={name: text}) -> Extraction."""

    def run(text: str, name: str = "notes.md", more: dict[str, str] | None = None) -> Extraction:
        docs = []
        for n, t in {name: text, **(more or {})}.items():
            path = tmp_path / n
            path.write_text(t, encoding="utf-8")
            docs.append(load_document(path))
        return extract(docs)

    return run


def triples(x: Extraction, predicate: str | None = None) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of every assertion."""
    label = {c.key: c.label for c in x.concepts}
    return {
        (label[a.subject], a.predicate, label[a.object])
        for a in x.assertions
        if predicate is None or a.predicate == predicate
    }


def ruled(x: Extraction, predicate: str | None = None) -> set[tuple[str, str, str, str]]:
    """(subject label, predicate, object label, rule) of every assertion."""
    label = {c.key: c.label for c in x.concepts}
    return {
        (label[a.subject], a.predicate, label[a.object], a.rule)
        for a in x.assertions
        if predicate is None or a.predicate == predicate
    }
