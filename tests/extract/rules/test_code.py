"""Code examples: methods of the classes objects are bound to, imports, products of calls,
and alternatives named after an example (in both languages)."""

from __future__ import annotations

from tests.extract.conftest import ruled, triples


def test_code_methods_alternatives_and_imports(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Register\n\n```python\nclient = MlflowClient()\n"
        "client.create_registered_model(name=n)\nclient.create_model_version(name=n, source=s)\n```\n\n"
        "**Alternativa usando mlflow.register_model**\n\n"
        "```python\nimport mlflow\nts = mlflow.register_model(model_uri=u, name=n)\n```\n"
    )
    found = triples(x)
    assert ("client.create_model_version", "methodOf", "MlflowClient") in found
    assert ("mlflow.register_model", "methodOf", "mlflow") in found
    assert ("mlflow.register_model", "alternativeTo", "client.create_registered_model") in found
    (a,) = [
        a for a in x.assertions if a.predicate == "methodOf" and "version" in a.object + a.subject
    ]
    assert a.evidence.line == 6 and "create_model_version" in a.evidence.text


def test_code_english_alternative_and_import(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Registry\n\n```python\nfrom mlflow.tracking import MlflowClient\nclient = MlflowClient()\n"
        "client.create_model_version(name=n, source=s)\n```\n\n"
        "Alternatively, use **mlflow.register_model**.\n"
    )
    found = ruled(x)
    assert ("MlflowClient", "partOf", "mlflow.tracking", "code-import") in found
    assert ("client.create_model_version", "methodOf", "MlflowClient", "code-call") in found
    assert (
        "mlflow.register_model",
        "alternativeTo",
        "client.create_model_version",
        "alternative-after-example",
    ) in found


def test_code_what_a_call_produces(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Training\n\nThe `training_set` joins features and labels.\n\n```python\n"
        "fs = FeatureStoreClient()\ntraining_set = fs.create_training_set(df=d, label=l)\n"
        "fs.log_model(model=m, training_set=training_set)\nmodel = Model()\n```\n"
    )
    assert ruled(x, "produces") == {
        ("fs.create_training_set", "produces", "training_set", "code-assignment")
    }


def test_code_imported_functions_keep_their_examples(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n```python\nfrom hyperopt import fmin\n\nbest = fmin(fn=f, max_evals=5)\n```\n"
    )
    (fmin,) = [c for c in x.concepts if c.label == "fmin"]
    assert fmin.examples and "max_evals=5" in fmin.examples[0][0]
