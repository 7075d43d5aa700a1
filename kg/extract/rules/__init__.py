"""Pass 2: the extraction rules, one module per family, and the driver that runs them.

- `pipeline.py` — the registry: stages, the `@STAGE.rule("name")` decorators, and `ORDER`,
  the one list of which rules run, in which order;
- `context.py` — the typed reading contexts rules receive (`SectionReading`, `TextReading`,
  `CodeReading`, `TableReading`, `RowReading`) and the findings they add to;
- `walk.py` — the driver: documents → sections → blocks → table rows and cells;
- `focus.py` — what a section is about; `purpose.py` — purpose clauses;
- the families: `headings.py` (vs and API headings), `sentences.py` (cue phrases),
  `definitions.py`, `requirements.py`, `key_points.py`, `lists.py` (lists under a lead-in),
  `tables.py` (comparison tables), `code.py` (code examples and alternatives to them),
  `parameters.py` (what calls pass and signatures declare), `calls.py` (the order and the
  flow of calls in a cell), `enumerations.py` (members and steps a set or step noun
  announces) and `sequences.py` (arrow chains), with `sets.py` (set nouns, whose set they
  name, list entries as names), and `siblings.py` (implicit comparisons: definitions side by
  side, table rows of one name).
"""

from __future__ import annotations

# importing a family registers its rules
from kg.extract.rules import (  # noqa: F401
    calls,
    code,
    definitions,
    enumerations,
    headings,
    key_points,
    lists,
    parameters,
    requirements,
    sentences,
    sequences,
    siblings,
    tables,
)
from kg.extract.rules.context import Findings
from kg.extract.rules.walk import read

__all__ = ["Findings", "read"]
