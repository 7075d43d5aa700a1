"""The typed reading contexts every rule receives.

- `Reader`: what all documents share — the concepts (`Registry`), the mention finder, the
  findings so far (`Findings`, the sink of assertions, comparisons and key points) and the
  focus of every section already asked for.
- `SectionReading`: one section being read, with what its heading says and what its blocks so
  far leave for the next ones (a "¿Qué es X?" subject still being defined, the code example a
  following "Alternativa:" refers to, ...). One per section; rules change its state.
- `TextReading`, `CodeReading`, `TableReading`, `RowReading`: one unit of the section — a
  paragraph, list item or table cell with its mentions and sentences; a code block with what
  its code says; a table with its shape; a table row with its cells' mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from kg.extract.code import CodeFacts
from kg.extract.context import DocContext, Place
from kg.extract.cues import heading_has
from kg.extract.labels import add_label, lead_subject, question_subject
from kg.extract.mentions import Mention, MentionFinder
from kg.extract.model import Assertion, Comparison, Evidence, KeyPoint, Parameter, Predicate
from kg.extract.registry import Registry
from kg.extract.signatures import Declared
from kg.extract.units import Unit
from kg.ingest.document import Block, Code, Paragraph, RichText, Section, Table

__all__ = [
    "CodeReading",
    "Findings",
    "Reader",
    "RowReading",
    "SectionReading",
    "TableReading",
    "TextReading",
]

_LEADS = 2  # paragraphs under a heading that may still describe what it names


@dataclass
class Findings:
    """What the rules found, in the order they found it."""

    assertions: list[Assertion] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    # arguments passed by position (a parameter without its name yet, and its position),
    # named once every signature of the notes is read; signatures by the callable's key
    positional: list[tuple[Parameter, int]] = field(default_factory=list)
    signatures: dict[str, tuple[Declared, ...]] = field(default_factory=dict)


@dataclass
class Reader:
    """What the rules share across documents."""

    registry: Registry
    finder: MentionFinder
    findings: Findings = field(default_factory=Findings)
    focus_cache: dict[tuple[str, int], list[str]] = field(default_factory=dict)


@dataclass
class SectionReading:
    """One section being read, and the state its blocks leave for the next ones."""

    reader: Reader
    ctx: DocContext
    section: Section
    requirements: bool = False  # a "Requisitos" / "Requirements" section
    key_points: bool = False  # a "Puntos clave" / "Key points" section (or under one)
    subject: str | None = None  # X of "¿Qué es X?", defined by the paragraphs under it
    defined: int = 0  # characters of that definition taken so far
    lead: str | None = None  # what the first paragraphs may describe (see `lead_subject`)
    leads: int = _LEADS  # paragraphs that may still do so
    api_subject: str | None = None  # the API a heading names, described by what follows
    api: str | None = None  # the API a heading names, for the whole section (its signature)
    previous: Block | None = None  # the last block that is not a list item
    _mentioned: dict[RichText, tuple[list[Mention], Doc]] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, reader: Reader, ctx: DocContext, section: Section) -> SectionReading:
        """Start reading `section`: what its heading (and its parent's) announces."""
        title = section.title
        subject = question_subject(title)
        return cls(
            reader,
            ctx,
            section,
            requirements=heading_has("requirements", title),
            key_points=heading_has("key_points", title)
            or any(heading_has("key_points", t) for t in section.heading_path[:-1][-1:]),
            subject=subject,
            lead=None if subject else lead_subject(section),
        )

    @property
    def registry(self) -> Registry:
        return self.reader.registry

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def places(self) -> tuple[Place, Place]:
        return self.ctx.places(self.section)

    def evidence(self, line: int) -> Evidence:
        return self.ctx.evidence(self.section, line)

    def label(self, text: str) -> str | None:
        """The concept a label names (registered now if it is a name), or None."""
        return add_label(self.registry, self.ctx, text)

    def mentions(self, text: RichText) -> tuple[list[Mention], Doc]:
        """The concepts `text` mentions, and its spaCy doc (sentences, lemmas): parsed once
        per section, however many rules ask (copies of the list, so a rule may change its own)."""
        if text not in self._mentioned:
            place, topic = self.places()
            doc = self.reader.finder.parse(text.text, self.ctx.lang)
            self._mentioned[text] = (
                self.reader.finder.find(text, self.ctx, place, topic, doc),
                doc,
            )
        found, doc = self._mentioned[text]
        return list(found), doc

    def relate(
        self,
        subject: str,
        predicate: Predicate,
        obj: str,
        ev: Evidence,
        rule: str,
        conf: float,
        position: int | None = None,
    ) -> None:
        """Assert `subject predicate obj` (`obj` at `position` in its list, for an ordered
        relation), read by `rule` from `ev` (not a concept to itself, not without evidence
        text)."""
        subject, obj = self.registry.find(subject), self.registry.find(obj)
        if subject != obj and ev.text:
            self.reader.findings.assertions.append(
                Assertion(subject, predicate, obj, ev, rule, conf, position)
            )

    def parameter(self, parameter: Parameter) -> None:
        """Record a parameter of a callable (not without evidence text)."""
        if parameter.evidence.text and parameter.name:
            self.reader.findings.parameters.append(parameter)

    def compare(self, comparison: Comparison) -> None:
        self.reader.findings.comparisons.append(comparison)

    def note(self, key_point: KeyPoint) -> None:
        self.reader.findings.key_points.append(key_point)


@dataclass(frozen=True)
class TextReading:
    """A paragraph, list item or table cell: its text and where, its mentions (left to right,
    without overlaps) and its spaCy doc; in a table, the table's shape and what the row is
    about."""

    unit: Unit
    mentions: tuple[Mention, ...]
    doc: Doc
    row_subject: str | None = None
    table_shape: str = ""

    @property
    def text(self) -> str:
        return self.unit.text.text

    @property
    def block(self) -> Block:
        return self.unit.block

    @cached_property
    def bold_heading(self) -> str | None:
        """The text of a paragraph that is bold from end to end (a heading in disguise)."""
        block = self.unit.block
        if not isinstance(block, Paragraph):
            return None
        text = block.text.text.strip()
        strong = [sp for sp in block.text.spans if sp.kind == "strong"]
        if (
            len(strong) == 1
            and strong[0].end - strong[0].start >= len(text) - 1
            and "\n" not in text
        ):
            return text
        return None


@dataclass(frozen=True)
class CodeReading:
    """A code block, what its code says, and the line of its first text line minus one."""

    block: Code
    facts: CodeFacts
    offset: int


@dataclass(frozen=True)
class TableReading:
    """A table and what its shape and headers announce."""

    table: Table
    shape: str  # see `kg.extract.labels.table_shape`
    comparison: bool  # one column per compared side
    requirement_table: bool  # every row is a requirement of the section's focus
    definitions: bool  # term | description: the description defines the term
    header_keys: tuple[str, ...]  # concepts the header names (every row is a note on them)
    tradeoffs: bool  # "Ventaja | Explicación": the rows are the section subject's pros or cons


@dataclass(frozen=True)
class RowReading:
    """One table row: its cells, their mentions, its evidence, and the concept its first
    cell names (in term and comparison tables)."""

    index: int
    cells: tuple[RichText, ...]
    mentions: tuple[tuple[Mention, ...], ...]
    evidence: Evidence
    first: str | None

    @property
    def line(self) -> int:
        return self.evidence.line

    def joined(self) -> str:
        """The row's non-empty cells, joined as a note: "Scope — one workspace"."""
        return " — ".join(c.text.strip() for c in self.cells if c.text.strip())
