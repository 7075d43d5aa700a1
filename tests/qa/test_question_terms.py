"""A question's words as the index reads them: the sides it compares by name, the subject it
asks to define, compounds written closed or open."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from kg.qa.model import LinkedConcept
from kg.qa.question_terms import asked_subject, between_sides, compared_sides, defined_concepts
from tests.qa.notes import ask_notes


def test_question_terms_the_sides_a_question_names_between_two_things() -> None:
    assert between_sides("¿Qué diferencia hay entre pip freeze y pip list?") == [
        "pip freeze",
        "pip list",
    ]
    assert between_sides("What is the difference?") == []


def test_question_terms_a_comparison_names_its_sides_with_vs_or_between() -> None:
    assert compared_sides("Trials vs SparkTrials") == ["Trials", "SparkTrials"]
    assert compared_sides("difference between pip freeze and pip list") == [
        "pip freeze",
        "pip list",
    ]
    assert compared_sides("What is pip freeze?") == []


def test_question_terms_a_dot_inside_a_name_does_not_end_a_side() -> None:
    question = "What is the difference between mlflow.search_runs and MlflowClient.search_runs?"
    assert between_sides(question) == ["mlflow.search_runs", "mlflowclient.search_runs"]
    assert between_sides("¿Diferencia entre .summary() y .describe()?") == [
        ".summary()",
        ".describe()",
    ]
    # a full stop still ends the clause
    assert between_sides("Between A and B. Then C") == ["a", "b"]


def test_question_terms_the_subject_a_question_asks_to_define() -> None:
    question = "In the Databricks SDK's FeatureStoreAPI, what is an online store for?"
    subject = asked_subject(question)
    assert subject is not None and subject.label == "online store"
    spanish = asked_subject("¿Qué es una tienda online?")
    assert spanish is not None and spanish.label == "tienda online"
    assert asked_subject("How do I log a model?") is None
    # a subject too long for a name is the name before its context ("en" before "de")
    for asked, name in (
        ("¿qué es un online store en la feature store de databricks?", "online store"),
        ("qué es el registro de modelos en unity catalog de databricks", "registro de modelos"),
        ("what is the model registry in unity catalog used for by teams", "model registry"),
    ):
        found = asked_subject(asked)
        assert found is not None and found.label == name, asked
    assert asked_subject("what is the thing that everybody keeps mentioning all the time") is None
    linked = [LinkedConcept("https://kg.invalid/concept/featurestoreapi", "FeatureStoreAPI")]
    assert [c.label for c in defined_concepts(question, "definition", linked)] == ["online store"]
    # the concept linked first is the subject: it is what a defining sentence defines
    mlflow = [LinkedConcept("https://kg.invalid/concept/mlflow", "MLflow")]
    assert defined_concepts("What is MLflow?", "definition", mlflow) == mlflow
    assert defined_concepts(question, "how_to", linked) == linked


COMPOUND_NOTES = """\
# Formulas

All of the lower case models accept formula and data arguments, whereas upper case ones take
design matrices.

## Sunspots

The dataset holds yearly sunspot counts.

Conviene revisar el modelo antes de usarlo con `databricks.automl`.
"""


def test_question_terms_a_compound_is_read_as_the_notes_write_it(tmp_path: Path) -> None:
    closed, opened = ask_notes(
        tmp_path,
        COMPOUND_NOTES,
        "What do the lowercase models accept?",
        "What does the data set hold?",
        typed_only=False,
    )
    assert closed.found and "lower case models accept formula" in closed.answer
    assert opened.found and "yearly sunspot counts" in opened.answer
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        terms = qa.statements.terms
        (lower,) = terms.groups("lowercase", [])
        assert lower.word == "lowercase" and len(lower.parts) == 2  # "lower" and "case"
        # a word the notes use is never split, nor is one into a function word ("con viene")
        (word,) = terms.groups("conviene", [])
        assert not word.parts
        # two words are joined into a word ("dataset"), never into an identifier's whole
        data, _ = terms.groups("data set", [])
        assert "dataset" in data.terms
        databricks, _ = terms.groups("databricks automl", [])
        assert "databricksautoml" not in databricks.terms


REGISTRY_NOTES = """\
# Model registry

Register a model with `mlflow.register_model(model_uri, name)`: each call adds a version.

A registered model keeps every version, and an alias such as champion points to one of them.
Deployment reads the version the alias points to, so promoting a model changes no code.
"""


def test_question_terms_a_lower_case_name_the_notes_never_write_is_missing(
    tmp_path: Path,
) -> None:
    (sagemaker, typo) = ask_notes(
        tmp_path,
        REGISTRY_NOTES,
        "how do I register a model version in the sagemaker model registry?",
        "how do I regster a new model version?",
        typed_only=False,
    )
    assert not sagemaker.found and "sagemaker" in sagemaker.answer
    assert typo.found  # a slip from the notes' word
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        missing = qa.statements.terms.missing_names
        assert missing("can kubeflow promote a registered model?", []) == ["kubeflow"]
        # a common word the notes never use is no name ("halfway"), nor a slip from a word
        # of a language ("aprnder"), nor a short word ("wich"), nor jargon the notes write
        assert missing("if it fails halfway, which version does the alias point to?", []) == []
        assert missing("que debo aprnder antes de registrar un modelo", []) == []
        assert missing("wich alias points to a version?", []) == []
        # nor a form of a common word ("reiniciarlo": reiniciar with a pronoun)
        assert missing("puedo cambiar el alias sin reiniciarlo?", []) == []
        assert missing("how do I avoid hardcoding the version?", []) == []
        assert missing("what does register_model add to the registry?", []) == []
