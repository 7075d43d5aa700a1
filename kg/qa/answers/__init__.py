"""Answer handlers, one module per intent, registered by intent (`registry.handler`).

Each handler is a small function over an `AskContext` that returns a `Result`; `answer`
picks the handler of a question's intent and falls back when it finds nothing.
"""

import importlib
import pkgutil

from kg.qa.answers.dispatch import answer
from kg.qa.answers.registry import HANDLERS, handler, handler_for

__all__ = ["HANDLERS", "answer", "handler", "handler_for"]

# every module of the package registers its handlers when imported: a new intent is a new
# module here, with no list to update (sorted, so registration order is the same everywhere)
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")
