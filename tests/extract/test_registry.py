"""Entity resolution: one concept per thing, whatever the spelling."""

from __future__ import annotations

from tests.extract.conftest import triples

NOTES = """\
# Train

In [0]:
from databricks.feature_store import FeatureStoreClient
import mlflow
fs = FeatureStoreClient()
fs.log_model(model=m, training_set=ts)


## Key facts

| Concepto | Detalle |
|---|---|
| `log_model()` | Guarda el modelo con la feature store |
| `FeatureStoreClient.log_model` | Lo mismo |

Usas fs.log_model(...) para registrar. Unity Catalog (UC) gobierna todo; usa UC.

# Log

In [0]:
import mlflow
mlflow.sklearn.log_model(model, "model")


- El uso de `log_model` para guardar el modelo.
"""


def concept_of(x, label):  # type: ignore[no-untyped-def]
    found = [c for c in x.concepts if label == c.label or label in c.alt_labels]
    assert len(found) == 1, (label, [c.label for c in found])
    return found[0]


def test_registry_spellings_of_a_method_are_one_concept(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(NOTES)
    fs_log = concept_of(x, "fs.log_model")
    assert "FeatureStoreClient.log_model" in (fs_log.label, *fs_log.alt_labels)
    assert fs_log.kind == "api"


def test_registry_qualifier_keeps_same_names_apart(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(NOTES)
    sk = concept_of(x, "mlflow.sklearn.log_model")
    assert sk.key != concept_of(x, "fs.log_model").key
    assert ("mlflow.sklearn.log_model", "methodOf", "mlflow.sklearn") in triples(x)


def test_registry_bare_name_follows_its_section_and_topic(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(NOTES)
    fs_key = concept_of(x, "fs.log_model").key
    sk_key = concept_of(x, "mlflow.sklearn.log_model").key
    mentioned = {c.key: {m.line for m in c.mentions} for c in x.concepts}
    assert 14 in mentioned[fs_key]  # `log_model()` in the Train topic's table
    assert 26 in mentioned[sk_key]  # `log_model` in the Log topic
    assert 14 not in mentioned[sk_key] and 26 not in mentioned[fs_key]


def test_registry_acronym_from_the_text_itself(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(NOTES)
    uc = concept_of(x, "Unity Catalog")
    assert "UC" in uc.alt_labels


def test_registry_class_from_import_and_constructor_is_one_concept(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(NOTES)
    cls = concept_of(x, "FeatureStoreClient")
    assert cls.kind == "class"
    assert ("FeatureStoreClient", "partOf", "databricks.feature_store") in triples(x)


CONSTANTS = """\
# Feature tables

In [0]:
from databricks.feature_store import FeatureStoreClient
fs_client = FeatureStoreClient()
fs_client.create_table(name="t", df=df, primary_keys=["id"])


The service principal needs `USE_SCHEMA`, `MODIFY` and `CREATE_TABLE` on the schema.
Then call `create_table` once per feature table.
"""


def test_registry_a_constant_is_not_the_function_of_that_name(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(CONSTANTS)
    privilege = concept_of(x, "CREATE_TABLE")
    method = concept_of(x, "fs_client.create_table")
    assert privilege.key != method.key and "CREATE_TABLE" not in method.alt_labels
    # the bare call still names the method; the privilege's line names the privilege only
    assert {m.line for m in method.mentions} >= {10} and 9 not in {m.line for m in method.mentions}
    assert 9 in {m.line for m in privilege.mentions}
