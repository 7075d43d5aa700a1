from __future__ import annotations

import pytest

from kg.extract.normalize import clean_label, code_parts, is_code_like, is_literal_value, term_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Las tablas offline", "offline tables"),
        ("modelo registrado", "Registered Models"),
        ("Ejecuciones", "runs"),
        ("Categoría", "categoria"),
        ("Promover **Modelo**", "Promover modelos"),
    ],
)
def test_normalize_term_keys_merge_spellings(a: str, b: str) -> None:
    assert term_key(clean_label(a)) == term_key(clean_label(b))


def test_normalize_term_keys_keep_different_things_apart() -> None:
    assert term_key("online features") != term_key("offline features")
    assert term_key("Unity Catalog") != term_key("Unity Catalog Registry")
    assert term_key("paso a paso") != term_key("pasos")  # an idiom repeats its word


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("fs.log_model(...)", ("fs", "log_model")),
        ("log_model()", ("", "log_model")),
        ("FeatureStoreClient", ("", "FeatureStoreClient")),
        ("mlflow.sklearn.log_model", ("mlflow.sklearn", "log_model")),
        ("Unity Catalog", None),
        ("model", None),
    ],
)
def test_normalize_code_parts(text: str, parts: tuple[str, str] | None) -> None:
    assert code_parts(text) == parts


@pytest.mark.parametrize(
    "text", ['"merge"', "models:/x/1", "0.33", "mlflow.org", "a=1", "<run_id>"]
)
def test_normalize_literal_values_are_not_names(text: str) -> None:
    assert is_literal_value(text)


def test_normalize_clean_label_strips_decoration() -> None:
    assert clean_label("🧠 Feature Store:") == "Feature Store"
    assert clean_label("  ✅ Acceso cross-workspace ") == "Acceso cross-workspace"
    assert is_code_like("score_batch()") and not is_code_like("score batch")
    # a word, a space and a parenthesis is a gloss, not a call
    assert not is_code_like("Mode (moda)") and is_code_like("mode()")
