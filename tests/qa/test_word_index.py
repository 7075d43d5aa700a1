"""The index of word sets (names, titles) linking and section ranking read through."""

from __future__ import annotations

from kg.qa.word_index import WordIndex

NAMES = ["feature store table", "feature store", "model registry", "store"]
SETS = [frozenset(name.split()) for name in NAMES]


def test_word_index_sets_holding_every_word_keep_their_order() -> None:
    names = WordIndex(SETS)
    assert names.holding_all({"feature", "store"}) == [0, 1]
    assert names.holding_all({"store"}) == [0, 1, 3]
    assert names.holding_all({"store", "registry"}) == []
    assert names.holding_all(set()) == [0, 1, 2, 3]  # no word: every name holds none
    # the same as reading every name
    for words in ({"feature"}, {"table", "store"}, {"model"}, {"nothing"}):
        assert names.holding_all(words) == [n for n, ws in enumerate(names.sets) if words <= ws]


def test_word_index_sets_holding_any_word_keep_their_order() -> None:
    names = WordIndex(SETS)
    assert names.holding_any({"registry", "table"}) == [0, 2]
    assert names.holding_any(set()) == []
    assert [NAMES[n] for n in names.holding_any({"store"})] == [
        "feature store table",
        "feature store",
        "store",
    ]


def test_word_index_overlaps_count_each_group_a_set_meets_once() -> None:
    names = WordIndex(SETS)
    # "store" or "registry" is one question word read two ways: a set holding both meets it once
    groups = [frozenset({"store", "registry"}), frozenset({"feature"}), frozenset({"nothing"})]
    assert names.overlaps(groups) == {0: 2, 1: 2, 2: 1, 3: 1}
    # the same as intersecting every set with every group
    for n, words in enumerate(names.sets):
        assert names.overlaps(groups).get(n, 0) == sum(1 for g in groups if g & words)
    assert names.overlaps([]) == {}
