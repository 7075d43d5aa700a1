"""Code as knowledge on notes written by others: every notebook of the shared corpora yields
parameters and `precedes` (calls in order on one receiver, or pipeline stages); each
with its evidence on the line it names (notebooks: the .ipynb file's JSON lines)."""

from __future__ import annotations

import json
from pathlib import Path

from kg.extract import Evidence, extract
from kg.ingest import load_document


def _holds(ev: Evidence, lines: list[str]) -> bool:
    """Whether the evidence is the text of its line (a notebook line is a JSON string)."""
    line = lines[ev.line - 1]
    if ev.source.suffix == ".ipynb":
        line = json.loads(line.strip().rstrip(","))
    return bool(ev.text) and ev.text.strip() in line


def test_corpora_code_every_notebook_has_parameters_and_order(shared_corpora_path: Path) -> None:
    notebooks = sorted(shared_corpora_path.rglob("*.ipynb"))
    assert len(notebooks) >= 3
    x = extract([load_document(p) for p in notebooks])
    lines = {p: p.read_text(encoding="utf-8").splitlines() for p in notebooks}
    with_parameters = {p.evidence.source for p in x.parameters}
    assert with_parameters == set(notebooks)
    assert all(_holds(p.evidence, lines[p.evidence.source]) for p in x.parameters)
    assert all(p.name in p.evidence.text for p in x.parameters)
    ordered = [a for a in x.assertions if a.predicate == "precedes"]
    # the data-processing notebook has its order in pipeline stages: each fitted model's
    # output (`indexer.fit(df).transform(df)`) fed to the next stage
    assert {a.evidence.source for a in ordered} == set(notebooks)
    assert all(_holds(a.evidence, lines[a.evidence.source]) for a in ordered)


def test_corpora_code_every_notebook_has_members_or_steps(shared_corpora_path: Path) -> None:
    notebooks = sorted(shared_corpora_path.rglob("*.ipynb"))
    x = extract([load_document(p) for p in notebooks])
    ordered = [a for a in x.assertions if a.predicate in ("hasMember", "hasStep")]
    assert {a.evidence.source for a in ordered} == set(notebooks)
    lines = {p: p.read_text(encoding="utf-8").splitlines() for p in notebooks}
    assert all(_holds(a.evidence, lines[a.evidence.source]) for a in ordered)
