"""The engine tables a build keeps in its generation: read back, they give the engine the graph
would (same linking, same sections, same answers); a missing, older or broken file is queried
around, never trusted."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

from kg.graph.store import GraphStore
from kg.qa import QAEngine
from kg.qa.linking import ConceptIndex
from kg.qa.tables import TABLES_FILE, query_tables, read_tables

QUESTIONS = (
    "What does score_batch require?",
    "¿Qué es el Model Registry?",
    "diferencia entre tablas online y offline",
    "How do I register a model?",
    "what is scor_batch",
)


def _generation(store: Path) -> Path:
    return GraphStore(store).live_generation()


def _copy(store: Path, to: Path) -> None:
    """A copy of a built store: its generations and the (relative) link to the live one."""
    shutil.copytree(store, to, symlinks=True)
    assert _generation(to).parent == to


def test_tables_a_build_keeps_them_and_they_equal_the_graphs(seed_store: Path) -> None:
    generation = _generation(seed_store)
    kept = read_tables(generation)
    assert kept is not None
    with GraphStore(seed_store).session() as session:
        queried = query_tables(session)
    assert kept.sections == queried.sections and len(kept.sections) > 20
    assert kept.concepts.state() == queried.concepts.state()
    assert len(kept.concepts.entries) > 100


def test_tables_answers_are_the_same_from_the_file_and_from_the_graph(
    seed_store: Path, engine: QAEngine, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    _copy(seed_store, copy)
    (_generation(copy) / TABLES_FILE).unlink()
    assert read_tables(_generation(copy)) is None
    with QAEngine.open(copy) as queried:
        for q in QUESTIONS:
            assert queried.ask(q) == engine.ask(q), q


def test_tables_an_older_or_broken_file_is_not_read(seed_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    _copy(seed_store, copy)
    path = _generation(copy) / TABLES_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "version": "made with other language files"}), "utf-8")
    assert read_tables(_generation(copy)) is None
    path.write_text(json.dumps({**data, "sections": [["only", "three", "fields"]]}), "utf-8")
    assert read_tables(_generation(copy)) is None
    path.write_text('{"version": "x", "concepts": ', encoding="utf-8")
    assert read_tables(_generation(copy)) is None
    with QAEngine.open(copy) as engine:  # queried instead
        assert engine.ask("What does score_batch require?").found


def test_tables_a_concept_index_read_back_links_as_the_one_built_from_labels() -> None:
    rows = [
        ("urn:mode", "Mode", "term", "Mode"),
        ("urn:registry", "Model Registry", "term", "Model Registry"),
        ("urn:score", "fs.score_batch", "api", "fs.score_batch"),
        ("urn:score", "score_batch", "api", "fs.score_batch"),
        ("urn:write", "write_table", "api", "write_table"),
        ("urn:fs", "FeatureStoreClient", "class", "FeatureStoreClient"),
    ]
    built = ConceptIndex(rows)
    read = ConceptIndex.from_state(json.loads(json.dumps(built.state())))
    for q, lang in (
        ("what is the model registry", "en"),
        ("what does scor_batch need", "en"),
        ("¿cómo escribo datos en una tabla?", "es"),
        ("FeatureStoreClient().write_table", "en"),
        ("how do I deploy a model", "en"),
    ):
        assert read.link(q, lang) == built.link(q, lang), q
    assert read.state() == built.state()


def test_tables_reading_leaves_the_garbage_collector_as_it_found_it(
    seed_store: Path, tmp_path: Path
) -> None:
    _copy(seed_store, tmp_path / "store")
    generation = _generation(tmp_path / "store")
    assert gc.isenabled()
    assert read_tables(generation) is not None
    assert gc.isenabled()
    gc.disable()
    try:
        assert read_tables(generation) is not None
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
    (generation / TABLES_FILE).write_text("{broken", encoding="utf-8")
    assert read_tables(generation) is None and gc.isenabled()  # an unreadable file too
