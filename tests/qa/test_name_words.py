"""The index of name words linking reads wider names through."""

from __future__ import annotations

from kg.qa.name_words import NameWords

KEYS = ["term:feature store table", "term:feature store", "term:model registry", "term:store"]


def test_name_words_names_holding_every_word_keep_their_order() -> None:
    names = NameWords(KEYS)
    assert names.holding_all({"feature", "store"}) == [0, 1]
    assert names.holding_all({"store"}) == [0, 1, 3]
    assert names.holding_all({"store", "registry"}) == []
    assert names.holding_all(set()) == [0, 1, 2, 3]  # no word: every name holds none
    # the same as reading every name
    for words in ({"feature"}, {"table", "store"}, {"model"}, {"nothing"}):
        assert names.holding_all(words) == [
            n for n, (ws, _) in enumerate(names.entries) if words <= ws
        ]


def test_name_words_names_holding_any_word_keep_their_order() -> None:
    names = NameWords(KEYS)
    assert names.holding_any({"registry", "table"}) == [0, 2]
    assert names.holding_any(set()) == []
    assert [names.entries[n][1] for n in names.holding_any({"store"})] == [
        "term:feature store table",
        "term:feature store",
        "term:store",
    ]
