"""Close names for a question the notes do not answer."""

from __future__ import annotations

from kg.qa.suggest import CloseNames


def test_suggest_a_typo_or_a_word_of_a_name_finds_the_name() -> None:
    names = CloseNames(["ml runtime", "mlflow.log_model", "feature store", "prod"])
    assert [key for key, _ in names.close("runtme", 3, 75)] == ["ml runtime"]
    assert [key for key, _ in names.close("log_modle", 3, 75)] == ["mlflow.log_model"]
    # best first, each with its score
    found = names.close("feature", 3, 75)
    assert found[0][0] == "feature store" and found[0][1] >= 75


def test_suggest_compares_only_names_with_a_word_of_the_same_start() -> None:
    # "pod" is 86 from "prod" to WRatio, but no word of "prod" starts with "po"
    names = CloseNames(["prod", "pods"])
    assert [key for key, _ in names.close("pod", 3, 75)] == ["pods"]
    assert names.close("kubernetes", 3, 75) == []
