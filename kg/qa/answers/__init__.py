"""Answer handlers, one module per intent, registered by intent (`registry.handler`).

Each handler is a small function over an `AskContext` that returns a `Result`; `answer`
picks the handler of a question's intent and falls back when it finds nothing.
"""

from kg.qa.answers import (  # noqa: F401  (each module registers its handlers)
    components,
    definition,
    difference,
    how_to,
    learning_path,
    requirements,
    usage,
)
from kg.qa.answers.dispatch import answer
from kg.qa.answers.registry import HANDLERS, handler, handler_for

__all__ = ["HANDLERS", "answer", "handler", "handler_for"]
