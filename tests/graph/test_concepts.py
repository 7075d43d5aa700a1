"""The one concept search: exact labels first (case and accents ignored), then typos."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.graph.concepts import ConceptSearch

C = "https://kg.invalid/concept/"
ROWS = [
    (C + "feature_store", "feature_store", "api", "feature_store"),
    (C + "feature-store", "Feature Store", "term", "Feature Store"),
    (C + "feature-store", "FS", "term", "Feature Store"),
    (C + "feature-tables", "Feature Tables", "term", "Feature Tables"),
    (C + "score_batch", "score_batch", "api", "score_batch"),
    (C + "categoria", "Categoría", "term", "Categoría"),
    (C + "uc", "Unity Catalog", "term", "Unity Catalog"),
    (C + "uc", "UC", "term", "Unity Catalog"),
]


def test_concepts_search_ranks_an_exact_label_before_close_spellings() -> None:
    hits = ConceptSearch(ROWS).search("feature store")
    assert [h.label for h in hits[:2]] == ["Feature Store", "feature_store"]
    assert hits[0].exact and not hits[1].exact
    assert len({h.iri for h in hits}) == len(hits)  # one entry per concept


def test_concepts_search_finds_alternative_labels_and_ignores_accents() -> None:
    search = ConceptSearch(ROWS)
    (uc,) = [h for h in search.search("uc") if h.exact]
    assert (uc.label, uc.matched) == ("Unity Catalog", "UC")
    assert search.search("categoria")[0].label == "Categoría"
    assert [h.label for h in search.exact("CATEGORÍA")] == ["Categoría"]


def test_concepts_search_tolerates_typos_and_stops_at_the_limit() -> None:
    search = ConceptSearch(ROWS)
    assert search.search("scor_bach")[0].label == "score_batch"
    assert len(search.search("feature", limit=2)) == 2
    assert search.search("   ") == [] and search.exact("kubernetes") == []


def test_concepts_every_concept_once_by_label() -> None:
    labels = [c.label for c in ConceptSearch(ROWS).concepts()]
    assert labels == sorted(labels, key=str.lower) and labels.count("Feature Store") == 1


def test_concepts_explain_uses_the_search_exact_labels(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# N\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    store = tmp_path / "store"
    api.build([notes], store=store)
    (found,) = api.explain("automl", store=store)
    assert found.label == "AutoML"
    assert api.explain("Kubernetes", store=store) == []
    assert api.concept_search(store=store).search("ML Runtim")[0].label == "ML Runtime"
