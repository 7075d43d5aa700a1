from __future__ import annotations

from kg.extract.code import analyze_code

SNIPPET = """\
from databricks.feature_store import FeatureStoreClient
import mlflow
fs = FeatureStoreClient()
training_set = fs.create_training_set(df=raw, label="y")
with mlflow.start_run() as run:
    fs.log_model(model=m, training_set=training_set)
exp = MlflowClient().get_experiment_by_name(name)
print(run)
"""


def test_code_bindings_imports_and_calls() -> None:
    facts = analyze_code(SNIPPET)
    assert facts.bindings == {"fs": "FeatureStoreClient"}
    assert facts.modules == {"mlflow": "mlflow"}
    assert [(i.module, i.name) for i in facts.imports] == [
        ("databricks.feature_store", "FeatureStoreClient"),
        ("mlflow", ""),
    ]
    calls = {(c.qualifier, c.name): c for c in facts.calls}
    assert ("fs", "create_training_set") in calls
    assert calls[("fs", "create_training_set")].assigned_to == "training_set"
    assert calls[("fs", "create_training_set")].keywords == ("df", "label")
    assert calls[("fs", "log_model")].line == 6
    assert ("MlflowClient()", "get_experiment_by_name") in calls
    assert ("", "print") not in calls  # builtins are not concepts


def test_code_that_does_not_parse_still_yields_calls() -> None:
    facts = analyze_code("%pip install x\nclient.set_registered_model_alias(\n  name=1,\n")
    assert [(c.qualifier, c.name, c.line) for c in facts.calls] == [
        ("client", "set_registered_model_alias", 2)
    ]


def test_code_magics_are_skipped_but_lines_kept() -> None:
    facts = analyze_code("%md\nfs.write_table(name=n)\n")
    assert [(c.name, c.line) for c in facts.calls] == [("write_table", 2)]
