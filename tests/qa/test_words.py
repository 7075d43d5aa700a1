"""Question words as names are compared: senses, infinitives, content words."""

from __future__ import annotations

from kg.qa.words import canonical_word, content_words, tokens, word_senses, words


def test_words_spanish_verbs_are_read_by_their_infinitive() -> None:
    assert word_senses("mitigo", "es") == {"mitigate"}  # the glossary knows "mitigar"
    assert word_senses("comparamos", "es") == {"compare"}
    assert word_senses("caso", "es") == {"caso"}  # "casar" is not a word of the glossary
    assert word_senses("métricas", "es") == {"metric"}  # a plural the lemma table misreads


def test_words_a_word_with_two_readings_keeps_both() -> None:
    assert canonical_word("registro", "es") in word_senses("registro", "es")
    assert len(word_senses("registro", "es")) == 2  # registry, and "I register"


def test_words_content_words_leave_out_cue_and_filler_words() -> None:
    # one sense each, as API names are compared ("encoding" → "encode")
    assert content_words("What is one-hot encoding?", "en") == {"one", "hot", "encode"}


def test_words_are_letters_and_longer_than_one() -> None:
    assert tokens("Use a UDF in 2 steps") == ["Use", "a", "UDF", "in", "steps"]
    assert words("Use a UDF in 2 steps") == ["Use", "UDF", "in", "steps"]
