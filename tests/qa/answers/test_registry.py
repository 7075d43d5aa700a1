"""The handler registry: one handler per intent, found by intent."""

from __future__ import annotations

import pytest

from kg.qa.answers import HANDLERS, handler, handler_for
from kg.qa.answers.definition import definition
from kg.qa.answers.how_to import how_to
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.model import INTENTS


def test_registry_has_a_handler_for_every_intent_and_no_other() -> None:
    assert set(HANDLERS) == set(INTENTS)
    assert handler_for("how_to") is how_to
    assert handler_for("unknown") is handler_for("definition") is definition


def test_registry_refuses_a_second_handler_for_an_intent() -> None:
    def another(ctx: AskContext) -> Result:
        return NOT_FOUND

    with pytest.raises(ValueError, match="definition"):
        handler("definition")(another)
    assert handler_for("definition") is definition


def test_registry_unknown_intent_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        handler_for("no_such_intent")
