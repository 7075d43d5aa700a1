"""Parameters of callables, in both languages: what calls pass (markdown fences, notebook
cells), what signatures and docstrings declare (rst `py:method`, a `def` in the notes), and
what is never a parameter of an API (builtins, methods of local objects, positions no
signature names)."""

from __future__ import annotations

import json

from kg.extract import Extraction, Parameter
from tests.notebooks import notebook


def params(x: Extraction, api: str) -> dict[str, list[Parameter]]:
    """Name → the parameters of the concept labelled `api`."""
    label = {c.key: c.label for c in x.concepts}
    out: dict[str, list[Parameter]] = {}
    for p in x.parameters:
        if label[p.callable] == api:
            out.setdefault(p.name, []).append(p)
    return out


def apis(x: Extraction) -> set[str]:
    label = {c.key: c.label for c in x.concepts}
    return {label[p.callable] for p in x.parameters}


def test_parameters_keyword_arguments_of_known_calls_in_a_markdown_fence(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Training with the Feature Store\n\n```python\n"
        "from databricks.feature_store import FeatureStoreClient, FeatureLookup\n"
        "fs = FeatureStoreClient()\n"
        "training_set = fs.create_training_set(\n    df=raw,\n"
        '    feature_lookups=[FeatureLookup(table_name="t", lookup_key="id_col")],\n'
        '    label="y",\n)\n'
        "fs.log_model(model, 'model', training_set=training_set)\n"
        'print(training_set, end="")\n'
        "```\n"
    )
    training = params(x, "fs.create_training_set")
    assert {n: [p.value for p in ps] for n, ps in training.items()} == {
        "df": ["raw"],
        "feature_lookups": ['[FeatureLookup(table_name="t", lookup_key="id_col")]'],
        "label": ['"y"'],
    }
    (lookup_key,) = params(x, "FeatureLookup")["lookup_key"]
    assert lookup_key.value == '"id_col"' and lookup_key.rule == "code-argument"
    assert lookup_key.evidence.line == 8 and 'lookup_key="id_col"' in lookup_key.evidence.text
    # positional arguments without a signature say nothing; builtins are no API
    assert set(params(x, "fs.log_model")) == {"training_set"}
    assert "end" not in {p.name for p in x.parameters}


def test_parameters_never_of_a_method_of_a_local_object(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Batch\n\n```python\nmodel = mlflow.pyfunc.load_model(uri)\n"
        "model.predict(df, batch_size=2)\nresult = helper_fn(df, top_k=3)\n```\n",
        more={
            "train.md": "# Train\n\n```python\nmodel = RandomForestClassifier(max_depth=4)\n"
            "model.predict(x, batch_size=1)\n```\n"
        },
    )
    # in train.md `model` is a RandomForestClassifier; in notes.md it is what load_model
    # returned, whatever another note bound the name to
    batch = params(x, "model.predict")
    assert [p.value for p in batch["batch_size"]] == ["1"]
    assert batch["batch_size"][0].evidence.source.name == "train.md"
    assert "top_k" not in {p.name for p in x.parameters}  # a function of unknown origin
    assert [p.value for p in params(x, "RandomForestClassifier")["max_depth"]] == ["4"]


def test_parameters_spanish_notebook_cell_with_its_json_lines(tmp_path, extract_notes) -> None:  # type: ignore[no-untyped-def]
    text = notebook(
        ("markdown", ["## Registrar un modelo\n", "\n", "Con el cliente creas una versión.\n"]),
        (
            "code",
            [
                "from mlflow.tracking import MlflowClient\n",
                "client = MlflowClient()\n",
                'client.create_model_version(name="churn", source=uri)\n',
                'client.create_model_version(name="fraude", source=uri)\n',
            ],
        ),
    )
    x = extract_notes(text, name="registro.ipynb")
    version = params(x, "client.create_model_version")
    assert [p.value for p in version["name"]] == ['"churn"', '"fraude"']
    assert [p.value for p in version["source"]] == ["uri"]  # one per value: the first
    lines = (tmp_path / "registro.ipynb").read_text(encoding="utf-8").splitlines()
    for p in (*version["name"], *version["source"]):
        source_line = json.loads(lines[p.evidence.line - 1].strip().rstrip(","))
        assert f"{p.name}={p.value}" in source_line and p.evidence.text in source_line


RST = """Models
======

.. py:class:: ModelsAPI

    Manage models.

    .. py:method:: create(name: str, tags: dict = None) -> Model

        Creates a model.

        :param name: str
          The name of the model.
        :param tags: dict (optional)
          Tags to attach.

    .. py:method:: delete(full_name: str)

        Deletes a model.
"""


def test_parameters_rst_signature_and_fields_name_positional_arguments(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        RST,
        name="models.rst",
        more={
            "uso.md": "# Uso de la API\n\n```python\nw = ModelsAPI()\n"
            'w.create("churn", {"team": "ml"})\nw.create(name="fraude")\n'
            'w.delete("a", "b")\nw.update("c")\n```\n'
        },
    )
    create = params(x, "w.create")  # ModelsAPI.create, named as the notes call it most
    declared = {n: next(p for p in ps if not p.value) for n, ps in create.items()}
    assert {n: (p.annotation, p.default, p.description) for n, p in declared.items()} == {
        "name": ("str", "", "The name of the model."),
        "tags": ("dict", "None", "Tags to attach."),
    }
    assert all(p.rule == "api-signature" and p.evidence.line == 8 for p in declared.values())
    examples = {(n, p.value, p.evidence.line) for n, ps in create.items() for p in ps if p.value}
    assert examples == {
        ("name", '"churn"', 5),
        ("tags", '{"team": "ml"}', 5),
        ("name", '"fraude"', 6),
    }
    # a position past the signature, or of an API without one, names nothing
    assert {p.value for p in params(x, "ModelsAPI.delete")["full_name"]} == {"", '"a"'}
    assert "w.update" not in apis(x) and "ModelsAPI.update" not in apis(x)


def test_parameters_a_def_in_the_notes_with_its_docstring(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Preparación\n\n```python\ndef preparar_datos(df, columnas=None):\n"
        '    """Prepara los datos.\n\n    Args:\n        df: el DataFrame de entrada.\n'
        '        columnas (list): columnas a conservar.\n    """\n    return df[columnas]\n\n'
        'datos = preparar_datos(crudos, ["a", "b"])\nmlflow.log_param("lr", 0.1)\n```\n'
    )
    prepare = params(x, "preparar_datos")
    assert {(n, p.annotation, p.default, p.description, p.rule) for n, ps in prepare.items()
            for p in ps if not p.value} == {
        ("df", "", "", "el DataFrame de entrada.", "code-signature"),
        ("columnas", "list", "None", "columnas a conservar.", "code-signature"),
    }  # fmt: skip
    examples = {(n, p.value, p.evidence.line) for n, ps in prepare.items() for p in ps if p.value}
    assert examples == {("df", "crudos", 13), ("columnas", '["a", "b"]', 13)}
    assert "mlflow.log_param" not in apis(x)  # positions, no signature
