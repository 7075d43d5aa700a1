"""What callables declare: signatures in API docs, `def`s and their docstrings (Google, NumPy,
Sphinx), and what code passes (argument values on one line, cut)."""

from __future__ import annotations

import ast

from kg.extract.code import analyze_code
from kg.extract.signatures import (
    MAX_VALUE,
    Declared,
    Source,
    docstring_parameters,
    field_parameter,
    function_parameters,
    parse_signature,
)


def test_signatures_an_api_doc_signature_gives_names_types_defaults_and_positions() -> None:
    name, params = parse_signature("create(name: str, tags: dict = None) -> Model") or ("", ())
    assert name == "create"
    assert params == (
        Declared("name", "str", "", "", 0, 1),
        Declared("tags", "dict", "None", "", 1, 1),
    )


def test_signatures_optional_brackets_of_generated_docs_are_keyword_only() -> None:
    _, params = parse_signature(
        "get(full_name: str [, include_aliases: Optional[bool], page: Optional[int]]) -> Info"
    ) or ("", ())
    assert [(p.name, p.annotation, p.position) for p in params] == [
        ("full_name", "str", 0),
        ("include_aliases", "Optional[bool]", -1),
        ("page", "Optional[int]", -1),
    ]
    _, only = parse_signature("create( [, aliases: Optional[List[Alias]], owner: str])") or ("", ())
    assert [(p.name, p.annotation, p.position) for p in only] == [
        ("aliases", "Optional[List[Alias]]", -1),
        ("owner", "str", -1),
    ]


def test_signatures_what_is_no_signature_is_none() -> None:
    assert parse_signature("FeatureStoreAPI") is None
    assert parse_signature("create(name: str") is None
    assert parse_signature("two words(x)") is None
    assert parse_signature("create(this is prose)") is None


def test_signatures_a_def_skips_self_and_reads_its_google_docstring() -> None:
    src = (
        'def train(self, df, target="y", *, n_trees: int = 10):\n'
        '    """Train a model.\n\n    Args:\n        df (DataFrame): The data,\n'
        "            with labels.\n        target: The label column.\n\n"
        '    Returns:\n        The model.\n    """\n'
    )
    node = ast.parse(src).body[0]
    assert isinstance(node, ast.FunctionDef)
    assert function_parameters(node, Source(src)) == (
        Declared("df", "DataFrame", "", "The data, with labels.", 0, 1),
        Declared("target", "", '"y"', "The label column.", 1, 1),
        Declared("n_trees", "int", "10", "", -1, 1),
    )


def test_signatures_numpy_and_sphinx_docstrings() -> None:
    numpy = (
        "Train.\n\nParameters\n----------\ndf : DataFrame\n    The data.\n"
        "n_estimators : int, optional\n    Number of trees.\n\nReturns\n-------\nModel\n"
    )
    assert docstring_parameters(numpy) == {
        "df": ("DataFrame", "The data."),
        "n_estimators": ("int, optional", "Number of trees."),
    }
    sphinx = (
        ":param df: the data\n    to train on\n:type df: DataFrame\n:param str target: column\n"
    )
    assert docstring_parameters(sphinx) == {
        "df": ("DataFrame", "the data to train on"),
        "target": ("str", "column"),
    }
    assert docstring_parameters("Train a model.\n\nReturns:\n    model: the model\n") == {}


def test_signatures_a_field_types_its_parameter_only_above_a_description() -> None:
    # generated SDK docs: the type on the field's line, the description under it
    assert field_parameter("param name", " str (optional)", ["      The name."]) == (
        "name",
        "str (optional)",
        "The name.",
    )
    assert field_parameter("param spec", " :class:`PublishSpec`", ["  The spec."]) == (
        "spec",
        "PublishSpec",
        "The spec.",
    )
    # a one-line field is a description, even of one word
    assert field_parameter("param name", " Name", []) == ("name", "", "Name")
    assert field_parameter("returns", " Model", []) is None


def test_signatures_call_arguments_keep_values_lines_and_the_variable_they_pass() -> None:
    facts = analyze_code(
        "mv = client.create_model_version(\n    name=model_name,\n    source=uri,\n"
        "    tags={\n        'a': 1,\n    },\n)\n"
        "client.transition_model_version_stage(name, mv.version, *rest, stage='x')\n"
        f"fs.write_table(df=[{'1, ' * 60}])\n"
    )
    create, transition, write = facts.calls
    assert [(a.keyword, a.value, a.line, a.root) for a in create.arguments] == [
        ("name", "model_name", 2, "model_name"),
        ("source", "uri", 3, "uri"),
        ("tags", "{'a': 1}", 4, ""),
    ]
    # positions stop at *rest; keywords go on
    assert [(a.keyword, a.position, a.value, a.root) for a in transition.arguments] == [
        ("", 0, "name", "name"),
        ("", 1, "mv.version", "mv"),
        ("stage", -1, "'x'", ""),
    ]
    (df,) = write.arguments
    assert len(df.value) <= MAX_VALUE and df.value.startswith("[1, 1") and df.value.endswith("…")
    assert (create.step, transition.step) == ("value", "effect")


def test_signatures_calls_inside_other_expressions_are_no_steps() -> None:
    facts = analyze_code(
        "with mlflow.start_run() as run:\n    fs.log_model(model=load(m))\n"
        "space = {'x': hp.choice('x', [1, 2])}\nreturn_value = f(g(1)).h()\n"
    )
    steps = {f"{c.qualifier}.{c.name}".lstrip("."): c.step for c in facts.calls}
    assert steps == {
        "mlflow.start_run": "effect",
        "fs.log_model": "effect",
        "load": "",
        "hp.choice": "",
        "f().h": "value",
        "f": "",
        "g": "",
    }
    assert facts.calls[0].assigned_to == "run"


def test_signatures_top_level_functions_only() -> None:
    facts = analyze_code(
        "def prepare(df, cols=None):\n    return df\n\n"
        "class Model:\n    def predict(self, x):\n        return x\n"
    )
    assert list(facts.functions) == ["prepare"]
    assert [(d.name, d.default) for d in facts.functions["prepare"]] == [
        ("df", ""),
        ("cols", "None"),
    ]


def test_signatures_values_after_accented_text_keep_their_characters() -> None:
    # `ast` counts columns in UTF-8 bytes
    (call,) = [c for c in analyze_code('área = f("ñandú", k="é")\n').calls if c.name == "f"]
    assert [(a.keyword, a.value) for a in call.arguments] == [("", '"ñandú"'), ("k", '"é"')]


def test_signatures_values_lose_their_comments_but_not_a_hash_in_a_string() -> None:
    (call,) = analyze_code(
        'fs.create_training_set(\n    feature_lookups=[  # join by id\n        lookup("#1"),\n'
        "    ],\n)\n"
    ).calls[:1]
    assert [a.value for a in call.arguments] == ['[lookup("#1")]']
