"""The common words of each language: a word from a name, and a typo of a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import lexicon, wordlist
from kg.extract.wordlist import is_common, is_word_form, near_common


def test_wordlist_common_words_of_either_language_are_words() -> None:
    # words the lemma tables lack, since they do not inflect
    for word in ("halfway", "evidently", "encendido", "presupuesto", "roughly"):
        assert is_common(word), word
    # names of tools, and jargon rare on the web, are not
    for word in ("sagemaker", "kubeflow", "dagster", "clearml", "bentoml", "snowpark"):
        assert not is_common(word), word
    assert not is_common("")


def test_wordlist_a_form_of_a_common_word_is_a_word() -> None:
    # a pronoun off a verb, a conjugated ending for an infinitive one, a lemma ending off
    for form in ("reiniciarlo", "borrarlas", "pasamelo", "logueo", "hardcoding", "hardcoded"):
        assert not is_common(form) and is_word_form(form), form
    # names of tools have none of these forms, and a base must be a word of some length
    for name in ("sagemaker", "kubeflow", "dagster", "clearml", "bentoml", "optuna", "kedro"):
        assert not is_word_form(name), name
    assert is_word_form("halfway") and not is_word_form("")


def test_wordlist_a_slip_from_a_common_word_is_near_it() -> None:
    # a letter dropped, doubled, swapped or changed
    for typo in ("aprnder", "deploeyd", "connviene", "reqiures"):
        assert near_common(typo), typo
    for name in ("sagemaker", "kubeflow", "kserve", "bentoml"):
        assert not near_common(name), name


def test_wordlist_the_cached_copy_and_the_words_read_whole_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lexicon, "user_cache_dir", lambda *a, **k: str(tmp_path))
    wordlist._words.cache_clear()
    try:
        cached = wordlist._words()  # written now, in the cache folder
        assert isinstance(cached, wordlist._Cached) and list(tmp_path.glob("common-*.sqlite"))
        whole = wordlist._InMemory(wordlist._read())
        for word in ("halfway", "encendido", "sagemaker", "aprnder", "kubeflow"):
            assert cached.holds(word) == whole.holds(word), word
            assert sorted(cached.like(word)) == sorted(whole.like(word)), word
        # a cache that cannot be written: the words read whole
        monkeypatch.setattr(lexicon, "user_cache_dir", lambda *a, **k: "/proc/kg-no-cache")
        wordlist._words.cache_clear()
        assert isinstance(wordlist._words(), wordlist._InMemory)
        assert is_common("halfway") and not is_common("sagemaker") and near_common("aprnder")
    finally:
        wordlist._words.cache_clear()
