"""The common words of each language: a word from a name, and a typo of a word."""

from __future__ import annotations

from kg.extract.wordlist import is_common, near_common


def test_wordlist_common_words_of_either_language_are_words() -> None:
    # words the lemma tables lack, since they do not inflect
    for word in ("halfway", "evidently", "encendido", "presupuesto", "roughly"):
        assert is_common(word), word
    # names of tools, and jargon rare on the web, are not
    for word in ("sagemaker", "kubeflow", "dagster", "clearml", "bentoml", "snowpark"):
        assert not is_common(word), word
    assert not is_common("")


def test_wordlist_a_slip_from_a_common_word_is_near_it() -> None:
    # a letter dropped, doubled, swapped or changed
    for typo in ("aprnder", "deploeyd", "connviene", "reqiures"):
        assert near_common(typo), typo
    for name in ("sagemaker", "kubeflow", "kserve", "bentoml"):
        assert not near_common(name), name
