from __future__ import annotations

from kg.qa.linking import ConceptIndex

ROWS = [
    ("urn:mode", "Mode", "term", "Mode"),
    ("urn:registry", "Model Registry", "term", "Model Registry"),
    ("urn:score", "fs.score_batch", "api", "fs.score_batch"),
    ("urn:score", "score_batch", "api", "fs.score_batch"),
]


def linked(question: str) -> list[str]:
    return [c.iri for c in ConceptIndex(ROWS).link(question, "en")]


def test_linking_a_word_of_the_notes_is_not_a_typo_of_another_name() -> None:
    # "model" is one fuzzy edit from "mode", but the notes use the word "model" themselves
    assert "urn:mode" not in linked("how do I deploy a model")
    assert linked("what is the model registry") == ["urn:registry"]


def test_linking_typos_still_reach_the_closest_name() -> None:
    assert linked("what is the modde") == ["urn:mode"]
    assert linked("what does scor_batch need") == ["urn:score"]


def test_linking_a_plain_word_that_is_only_code_names_the_function() -> None:
    rows = [*ROWS, ("urn:fmin", "fmin", "api", "fmin"), ("urn:run", "run", "api", "run")]
    rows.append(("urn:mlrun", "MLflow Run", "term", "MLflow Run"))
    index = ConceptIndex(rows)
    assert [c.iri for c in index.link("How do I use fmin?", "en")] == ["urn:fmin"]
    # "run" is also a word of the notes' prose names: a question word, not the function
    assert "urn:run" not in [c.iri for c in index.link("how do I compare one run", "en")]


def test_linking_a_short_class_name_in_capitals_as_the_code_writes_it() -> None:
    rows = [*ROWS, ("urn:pca", "PCA", "api", "PCA"), ("urn:get", "get", "api", "get")]
    index = ConceptIndex(rows)
    for question in ("Why standardize the features before running PCA?", "qué es PCA"):
        assert [c.iri for c in index.link(question, "en")] == ["urn:pca"], question
    # a short plain word is not code in lower case: "pca" may be a word, "get" is one
    assert index.link("how do I get the model", "en") == []


def test_linking_english_verb_forms_meet_api_names() -> None:
    rows = [("urn:reg", "mlflow.register_model", "api", "mlflow.register_model")]
    index = ConceptIndex(rows)
    linked = index.link("What do I need before registering a model?", "en")
    assert [c.iri for c in linked] == ["urn:reg"]


def test_linking_a_name_that_runs_on_beats_one_bridged_by_a_preposition() -> None:
    rows = [
        ("urn:modeltag", "Model Tag", "term", "Model Tag"),
        ("urn:registry", "Model Registry", "term", "Model Registry"),
        ("urn:tag", "tags", "term", "tags"),
    ]
    linked = [c.iri for c in ConceptIndex(rows).link("¿Qué es un tag en el Model Registry?", "es")]
    assert linked == ["urn:tag", "urn:registry"]  # not "tag en el Model" = Model Tag


def test_linking_a_wider_name_holds_words_joined_by_a_conjunction() -> None:
    rows = [("urn:tradeoff", "tradeoff bias-variance", "term", "tradeoff bias-variance")]
    linked = ConceptIndex(rows).link("¿Qué es el sesgo y la varianza?", "es")
    assert [c.iri for c in linked] == ["urn:tradeoff"]  # sesgo → bias, varianza → variance


def test_linking_a_name_whose_words_the_question_holds_apart() -> None:
    rows = [
        ("urn:mlflow", "MLflow", "term", "MLflow"),
        ("urn:run", "run", "term", "run"),
        ("urn:mlflowrun", "MLflow Run", "term", "MLflow Run"),
    ]
    linked = ConceptIndex(rows).link("What does the MLflow UI show for a run?", "en")
    # the specific name, not its words' own concepts
    assert [c.iri for c in linked] == ["urn:mlflowrun"]


def test_linking_a_misspelt_name_of_two_words() -> None:
    rows = [*ROWS, ("urn:fs", "Feature Store", "term", "Feature Store")]
    assert linked_with(rows, "what is the feture store") == ["urn:fs"]
    # both words spelt as the notes spell them: no typo, so no near name is guessed
    assert linked_with(rows, "what is the model store") == []


def linked_with(rows: list[tuple[str, str, str, str]], question: str) -> list[str]:
    return [c.iri for c in ConceptIndex(rows).link(question, "en")]


def test_linking_a_name_in_capitals_that_is_a_function_word_needs_capitals() -> None:
    rows = [
        ("urn:like", "LIKE", "term", "LIKE"),
        ("urn:as", "AS", "term", "AS"),
        ("urn:ols", "smf.ols", "api", "smf.ols"),
        ("urn:rmse", "RMSE", "term", "RMSE"),
    ]
    index = ConceptIndex(rows)
    # "like" and "as" are words of the sentence here, not the SQL keywords
    assert [c.iri for c in index.link("functions like smf.ols, as in R", "en")] == ["urn:ols"]
    assert [c.iri for c in index.link("LIKE vs AS in a query", "en")] == ["urn:like", "urn:as"]
    # a name that is no function word links in any case
    assert [c.iri for c in index.link("what is rmse", "en")] == ["urn:rmse"]
    assert [c.iri for c in ConceptIndex(rows).link("la cláusula like", "es")] == []


def test_linking_a_name_the_notes_write_longer_links_beside_other_names() -> None:
    rows = [
        ("urn:start", "start", "term", "start"),
        ("urn:stacks", "Databricks MLOps Stacks", "term", "Databricks MLOps Stacks"),
    ]
    index = ConceptIndex(rows)
    linked = [c.iri for c in index.link("What do I need before I start using MLOps Stacks?", "en")]
    assert linked == ["urn:start", "urn:stacks"]
    # alone, as before
    assert [c.iri for c in index.link("what are mlops stacks", "en")] == ["urn:stacks"]


def test_linking_a_word_is_not_an_idiom_that_repeats_it() -> None:
    rows = [
        ("urn:idiom", "paso a paso", "term", "paso a paso"),
        ("urn:shap", "SHAP", "term", "SHAP"),
    ]
    index = ConceptIndex(rows)
    # "pasos" is a word of the question, not the notes' heading "Paso a paso"
    assert [c.iri for c in index.link("¿Cuáles son los pasos de SHAP?", "es")] == ["urn:shap"]
    assert "urn:idiom" in [c.iri for c in index.link("¿Qué dice el paso a paso?", "es")]


def test_linking_a_name_in_the_possessive_is_the_name() -> None:
    rows = [*ROWS, ("urn:automl", "AutoML", "term", "AutoML"), ("urn:fmin", "fmin", "api", "fmin")]
    rows.append(("urn:hyperopt", "Hyperopt", "term", "Hyperopt"))
    index = ConceptIndex(rows)
    assert [c.iri for c in index.link("what is AutoML's glass box?", "en")] == ["urn:automl"]
    found = {c.iri: c.score for c in index.link("what does hyperopt’s fmin return", "en")}
    assert found["urn:hyperopt"] >= 0.9 and found["urn:fmin"] >= 0.9  # named, not a typo
    # an apostrophe inside a word is still the word's
    assert index.link("what's the model registry", "en")[0].iri == "urn:registry"
