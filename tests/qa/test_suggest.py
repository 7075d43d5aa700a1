"""Close names for a question the notes do not answer."""

from __future__ import annotations

from kg.qa.suggest import CloseNames

LABELS = {
    "c/runtime": "ML Runtime",
    "c/log": "mlflow.log_model",
    "c/fs": "Feature Store",
    "c/client": "MlflowClient",
    "c/prod": "prod",
    "c/pods": "pods",
}


def names(*keys: str) -> CloseNames:
    """Names keyed as linking keys them: folded, each naming the concept of its label."""
    by_key = {LABELS[iri].lower(): [iri] for iri in keys}
    return CloseNames(by_key, LABELS.__getitem__)


def test_suggest_a_typo_or_a_word_of_a_name_finds_the_name() -> None:
    close = names("c/runtime", "c/log", "c/fs", "c/prod")
    assert [key for key, _ in close.close("runtme", 3, 75)] == ["ml runtime"]
    assert [key for key, _ in close.close("log_modle", 3, 75)] == ["mlflow.log_model"]
    found = close.close("feature", 3, 75)  # best first, each with its score
    assert found[0][0] == "feature store" and found[0][1] >= 75
    # a word of a name as written, which folding runs together: MlflowClient's "client"
    assert [key for key, _ in names("c/client").close("client", 3, 75)] == ["mlflowclient"]


def test_suggest_compares_only_names_with_a_word_of_the_same_first_letter() -> None:
    # "pod" is 86 from both (ties in the order of the names), which start with its letter
    assert [key for key, _ in names("c/prod", "c/pods").close("pod", 3, 75)] == ["prod", "pods"]
    # no name has a word starting with "k": nothing is compared
    assert names("c/prod", "c/pods").close("kpod", 3, 75) == []
    assert names("c/prod").close("", 3, 75) == []


def test_suggest_the_nearest_name_is_the_one_rapidfuzz_finds_among_all() -> None:
    from rapidfuzz import fuzz, process

    close = names(*LABELS)
    words = ["runtme", "ml runtim", "feture store", "mlflowclent", "pod", "prods", "zzzzzz", ""]
    for word in words:
        for cutoff in (60, 88):
            every = process.extractOne(word, close.keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            assert close.nearest(word, cutoff) == (every[0] if every else None), (word, cutoff)
    # names far longer or shorter than the word are not compared, nor found
    assert close.nearest("feature store", 88) == "feature store"
    assert close.nearest("pods", 88) == "pods" and close.nearest("pods", 100) == "pods"
    assert close.nearest("pod", 88) is None
