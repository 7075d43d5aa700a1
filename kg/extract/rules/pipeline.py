"""The extraction rules, registered by name, and the order they run in.

As spaCy registers pipeline components, a rule is a function registered under a name by a
decorator of the stage it runs at (`@TEXT.rule("cue")`), and `ORDER` below — the one place
that says it — lists the rules of each stage in the order they run. The driver (`walk.py`)
walks documents → sections → blocks → table rows and cells and, at each stage, calls that
stage's rules in order with the typed reading contexts of `context.py`.

A rule records its name as `kg:rule` on what it asserts (`records` says otherwise: "cue"
records `cue:LANG:PHRASE`; a rule that only adds definitions or key points records nothing).

A new rule is one function in the module of its family, registered with its stage's
decorator, and its name in `ORDER`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from kg.extract.rules.context import (
    CodeReading,
    RowReading,
    SectionReading,
    TableReading,
    TextReading,
)

__all__ = [
    "CELL",
    "CODE",
    "ORDER",
    "ROW",
    "SECTION",
    "SECTION_END",
    "STAGES",
    "TABLE",
    "TEXT",
    "Rule",
    "Stage",
]

# Stage → its rules, in the order they run. Order matters where rules share state: the
# definition rules read the section's subject before the next paragraph changes it, and the
# registry keeps the first definition it is given.
ORDER: dict[str, tuple[str, ...]] = {
    # before the section's blocks
    "section": ("vs-heading", "api-heading"),
    # each paragraph and list item
    "text": (
        "bold-heading",
        "api-definition",
        "question-definition",
        "lead-paragraph",
        "cue",
        "definition-sentence",
        "requirements-section",
        "key-point",
        "tradeoff-item",
        "alternative-after-example",
        "api-signature",
        "api-parameter-field",
        "inline-lists",
        "arrow-chain",
    ),
    # each Python code block
    "code": (
        "code-import",
        "code-call",
        "code-assignment",
        "code-argument",
        "code-signature",
        "code-precedes",
        "code-dataflow",
    ),
    # each table cell, then each row once its cells are read, then the whole table
    "cell": ("cue", "inline-lists", "arrow-chain"),
    "row": (
        "requirements-table",
        "term-definition",
        "header-note",
        "key-point-row",
        "tradeoff-row",
    ),
    "table": ("vs-table", "comparison-table", "row-table", "variant-rows"),
    # after the section's blocks
    "section-end": ("lists", "set-lists", "sibling-definitions"),
}

SectionRule = Callable[[SectionReading], None]
TextRule = Callable[[SectionReading, TextReading], None]
CodeRule = Callable[[SectionReading, CodeReading], None]
RowRule = Callable[[SectionReading, TableReading, RowReading], None]
TableRule = Callable[[SectionReading, TableReading], None]

F = TypeVar("F", bound=Callable[..., None])


@dataclass(frozen=True)
class Rule(Generic[F]):
    """A registered rule: its name, its function, and the `kg:rule` values it records."""

    name: str
    run: F
    records: tuple[str, ...]


class Stage(Generic[F]):
    """The rules of one stage, by name; `rules()` gives them in `ORDER`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._registered: dict[str, Rule[F]] = {}
        self._ordered: tuple[Rule[F], ...] | None = None

    def rule(self, name: str, *, records: tuple[str, ...] | None = None) -> Callable[[F], F]:
        """Register the decorated function as the rule `name` of this stage."""

        def register(fn: F) -> F:
            if name in self._registered:
                raise ValueError(f"rule {name!r} is registered twice at stage {self.name!r}")
            self._registered[name] = Rule(name, fn, (name,) if records is None else records)
            self._ordered = None
            return fn

        return register

    @property
    def registered(self) -> dict[str, Rule[F]]:
        return dict(self._registered)

    def rules(self) -> tuple[Rule[F], ...]:
        """The stage's rules in the order `ORDER` gives."""
        if self._ordered is None:
            missing = [n for n in ORDER[self.name] if n not in self._registered]
            if missing:
                raise LookupError(f"stage {self.name!r}: no rule registered as {missing}")
            self._ordered = tuple(self._registered[n] for n in ORDER[self.name])
        return self._ordered


SECTION: Stage[SectionRule] = Stage("section")
TEXT: Stage[TextRule] = Stage("text")
CODE: Stage[CodeRule] = Stage("code")
CELL: Stage[TextRule] = Stage("cell")
ROW: Stage[RowRule] = Stage("row")
TABLE: Stage[TableRule] = Stage("table")
SECTION_END: Stage[SectionRule] = Stage("section-end")
STAGES = (SECTION, TEXT, CODE, CELL, ROW, TABLE, SECTION_END)
