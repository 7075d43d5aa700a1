"""The answer handlers, by intent: `@handler("definition")` registers one, `handler_for` finds it.

A handler is a function `AskContext → Result`; each intent has exactly one. Adding an intent is
one new module in `kg/qa/answers/` (the package imports every module it holds) and its cue
phrases in each language file (`intents.<name>`, at its place in the order cues are tried:
`kg.qa.model.INTENTS`).
"""

from __future__ import annotations

from collections.abc import Callable

from kg.qa.context import AskContext, Result

__all__ = ["HANDLERS", "Handler", "handler", "handler_for"]

Handler = Callable[[AskContext], Result]

HANDLERS: dict[str, Handler] = {}


def handler(*intents: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `intents`.

    Raises:
        ValueError: an intent already has a handler (a programming error, found at import).
    """

    def register(function: Handler) -> Handler:
        for intent in intents:
            if intent in HANDLERS:
                raise ValueError(f"intent {intent!r} already has a handler")
            HANDLERS[intent] = function
        return function

    return register


def handler_for(intent: str) -> Handler:
    """The handler of `intent`; every intent of `kg.qa.model.INTENTS` has one.

    Raises:
        KeyError: no handler is registered for `intent`.
    """
    return HANDLERS[intent]
