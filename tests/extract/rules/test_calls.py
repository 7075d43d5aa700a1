"""The order and the flow of calls in one cell, in both languages (a markdown fence, a notebook
cell): which call precedes which, and which call requires what an earlier one returned; and
what is neither (builtins, other receivers, computations, two forms of one call)."""

from __future__ import annotations

import json

from tests.extract.conftest import ruled
from tests.notebooks import notebook


def test_calls_a_registry_workflow_in_a_markdown_fence(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Registering a model\n\n```python\nfrom mlflow.tracking import MlflowClient\n"
        "client = MlflowClient()\nclient.create_registered_model(name)\nprint(name)\n"
        "mv = client.create_model_version(name, source=uri)\n"
        "client.transition_model_version_stage(\n    name=name,\n    version=mv.version,\n"
        '    stage="Staging",\n)\nfs.write_table(df=features)\n```\n'
    )
    assert ruled(x, "precedes") == {
        (
            "client.create_registered_model",
            "precedes",
            "client.create_model_version",
            "code-precedes",
        ),
        (
            "client.create_model_version",
            "precedes",
            "client.transition_model_version_stage",
            "code-precedes",
        ),
    }
    assert ruled(x, "requires") == {
        (
            "client.transition_model_version_stage",
            "requires",
            "client.create_model_version",
            "code-dataflow",
        )
    }
    by_rule = {a.rule: a for a in x.assertions if a.rule in ("code-precedes", "code-dataflow")}
    assert by_rule["code-dataflow"].evidence.line == 11
    assert by_rule["code-dataflow"].evidence.text.strip() == "version=mv.version,"
    first = min(
        (a for a in x.assertions if a.predicate == "precedes"), key=lambda a: a.evidence.line
    )
    assert first.evidence.line == 8 and "create_model_version" in first.evidence.text


def test_calls_a_spanish_notebook_cell(tmp_path, extract_notes) -> None:  # type: ignore[no-untyped-def]
    text = notebook(
        ("markdown", ["## Entrenar y registrar\n", "\n", "Entrenas y registras el modelo.\n"]),
        (
            "code",
            [
                "import mlflow\n",
                "from databricks.feature_store import FeatureStoreClient\n",
                "with mlflow.start_run():\n",
                '    mlflow.log_param("alpha", 0.5)\n',
                '    mlflow.sklearn.log_model(modelo, "modelo")\n',
                "fs = FeatureStoreClient()\n",
                'training_set = fs.create_training_set(df=datos, label="y")\n',
                "fs.log_model(model=modelo, training_set=training_set)\n",
            ],
        ),
    )
    x = extract_notes(text, name="entrenar.ipynb")
    assert {(s, o) for s, _, o, _ in ruled(x, "precedes")} == {
        ("mlflow.start_run", "mlflow.log_param"),
        ("mlflow.log_param", "mlflow.sklearn.log_model"),
        ("fs.create_training_set", "fs.log_model"),
    }
    assert ruled(x, "requires") == {
        ("fs.log_model", "requires", "fs.create_training_set", "code-dataflow")
    }
    lines = (tmp_path / "entrenar.ipynb").read_text(encoding="utf-8").splitlines()
    for a in x.assertions:
        if a.rule in ("code-precedes", "code-dataflow"):
            source_line = json.loads(lines[a.evidence.line - 1].strip().rstrip(","))
            assert a.evidence.text.strip() == source_line.strip()


def test_calls_no_order_nor_flow_between_unrelated_calls(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Evaluation\n\n```python\nimport numpy as np\nimport mlflow\n"
        "from sklearn.metrics import accuracy_score\n"
        "loss = np.arange(0, 1, 0.1)\nlog_loss = np.log(loss)\n"
        "model = mlflow.pyfunc.load_model(uri)\npreds = model.predict(x)\n"
        "score = accuracy_score(y, preds)\nlen(preds)\n"
        'mlflow.sklearn.log_model(m, "a")\nmlflow.spark.log_model(p, "b")\n'
        "fs.write_table(df=features)\nclient.get_run(run_id)\n```\n"
    )
    assert ruled(x, "precedes") == set()
    assert ruled(x, "requires") == set()


def test_calls_steps_passed_the_same_variable_on_other_receivers(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Promover un modelo\n\n```python\nimport mlflow\nfrom mlflow import MlflowClient\n"
        "client = MlflowClient()\nmlflow.register_model(model_uri, nombre)\n"
        'client.set_registered_model_alias(nombre, "champion", 3)\n```\n'
    )
    assert ruled(x, "precedes") == {
        (
            "mlflow.register_model",
            "precedes",
            "client.set_registered_model_alias",
            "code-precedes",
        )
    }


def test_calls_pipeline_stages_fed_what_the_previous_stage_made(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "## Codificar categorías\n\n```python\n"
        "from pyspark.ml.feature import StringIndexer, OneHotEncoder\n"
        "# 1. Indexar la columna\n"
        'indexer = StringIndexer(inputCol="color", outputCol="color_index")\n'
        "df_indexed = indexer.fit(df).transform(df)\n"
        "# 2. Aplicar OneHotEncoder\n"
        'encoder = OneHotEncoder(inputCols=["color_index"], outputCols=["color_ohe"])\n'
        "df_encoded = encoder.fit(df_indexed).transform(df_indexed)\n"
        "import numpy as np\nscaled = np.log(df_encoded)\n```\n"
    )
    pairs = {(s, o) for s, _, o, _ in ruled(x, "precedes")}
    assert pairs == {("indexer.fit", "encoder.fit")}
    (a,) = [a for a in x.assertions if a.predicate == "precedes"]
    assert a.evidence.text.startswith("df_encoded = encoder.fit(df_indexed)")


def test_calls_values_fed_on_along_a_module_are_no_stages(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Scaling\n\n```python\nimport numpy as np\nfrom sklearn.preprocessing import StandardScaler\n"
        "loss = np.arange(0, 1, 0.1)\nscaled = np.log(loss)\n"
        "scaler = StandardScaler()\nout = scaler.fit_transform(scaled)\n```\n"
    )
    assert ruled(x, "precedes") == set()
