from __future__ import annotations

import pytest

from kg.extract.language import detect_language
from kg.extract.nlp import pipeline, singular


def test_nlp_pipeline_is_built_once_per_language() -> None:
    assert pipeline("es") is pipeline("es")
    assert pipeline("en") is not pipeline("es")


def test_nlp_lemma_of_capitalised_token_and_plural_norm() -> None:
    doc = pipeline("es")("Requiere tablas y ejecuciones")
    assert [t.lemma_ for t in doc][:1] == ["requerir"]
    assert [t.norm_ for t in doc] == ["requiere", "tabla", "y", "ejecucion"]


def test_nlp_norm_only_removes_plurals_in_mixed_language_text() -> None:
    # the Spanish table reads "aliases" as the verb "aliar"; the norm keeps the English noun
    assert singular("aliases") == "alias"
    assert singular("runs") == "run"
    assert singular("features") == "feature"
    assert singular("status") == "status"
    assert singular("Ejecuciones") == "ejecucion"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Qué requiere score_batch?", "es"),
        ("Diferencia entre promover código y promover modelos", "es"),
        ("¿Cómo encuentro el mejor run de un experimento?", "es"),
        ("What do I need before I can use model aliases?", "en"),
        ("Unity Catalog registry vs workspace registry", "en"),
        ("Which algorithms does AutoML try?", "en"),
    ],
)
def test_nlp_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang
