"""What both passes know about a document: its language, its code, its sections' topics and
parents, and the evidence of its lines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from kg.extract.code import CodeFacts, analyze_code, is_class_name, is_python, merge_all
from kg.extract.language import detect_language
from kg.extract.model import Evidence
from kg.extract.registry import CodeResolver
from kg.extract.units import line_text
from kg.ingest.document import Code, Document, RichText, Section, Table

__all__ = ["DocContext", "Place", "build_contexts"]

Place = tuple[str, int]  # (document source, section line): where a bare code name is resolved


@dataclass
class DocContext:
    """What pass 2 needs about a document: its language, its code, its sections' topics."""

    doc: Document
    lang: str
    facts: CodeFacts
    resolver: CodeResolver
    topic_of: dict[int, Section] = field(default_factory=dict)  # section line → its topic
    parent_of: dict[int, Section] = field(default_factory=dict)
    variables: frozenset[str] = frozenset()  # names the code only uses as local variables
    # names the document's code binds to what a function returns, never to a class: other
    # documents' bindings of them (`model = RandomForestClassifier()`) do not hold here
    rebound: frozenset[str] = frozenset()
    _line_texts: dict[int, str] = field(default_factory=dict, repr=False)
    _section_lines: list[int] = field(default_factory=list, repr=False)

    def places(self, section: Section) -> tuple[Place, Place]:
        """Where a mention is: its section and its topic (bare code names are resolved there)."""
        topic = self.topic_of.get(section.line_start, section)
        source = str(self.doc.source)
        return (source, section.line_start), (source, topic.line_start)

    def evidence(self, section: Section, line: int) -> Evidence:
        """The evidence of `line`: its repaired text, read once per line (a long line is
        quoted by every mention and assertion on it)."""
        text = self._line_texts.get(line)
        if text is None:
            text = self._line_texts[line] = line_text(self.doc, line)
        return Evidence(self.doc.source, section.line_start, line, text)

    def sections_within(self, first: int, last: int) -> tuple[Section, ...]:
        """The sections whose heading line lies in [first, last], in document order."""
        if not self._section_lines:
            self._section_lines.extend(s.line_start for s in self.doc.sections)
        lo = bisect_left(self._section_lines, first)
        hi = bisect_right(self._section_lines, last)
        return self.doc.sections[lo:hi]


def _doc_text(doc: Document) -> str:
    return (
        "\n".join(s.title for s in doc.sections)
        + "\n"
        + "\n".join(
            getattr(b, "text", RichText("")).text if not isinstance(b, Table) else ""
            for b in doc.blocks
            if not isinstance(b, Code)
        )
    )


def build_contexts(documents: list[Document]) -> list[DocContext]:
    """Language, code facts and section tree of each document; bindings seen in one
    document serve the others as a fallback (`fs` means the same client everywhere)."""
    facts = {
        id(doc): merge_all(
            analyze_code(b.text)
            for b in doc.blocks
            if isinstance(b, Code) and is_python(b.language)
        )
        for doc in documents
    }
    everything = merge_all(facts.values())
    contexts: list[DocContext] = []
    for doc in documents:
        own = facts[id(doc)]
        ctx = DocContext(
            doc,
            detect_language(_doc_text(doc)),
            own,
            CodeResolver(own, everything),
            variables=_local_variables(own),
            rebound=_rebound(own),
        )
        _section_tree(ctx)
        contexts.append(ctx)
    return contexts


def _section_tree(ctx: DocContext) -> None:
    """Fill each section's parent and topic (the top-level section it sits in)."""
    topics = {t.line_start for t in ctx.doc.top_level_sections()}
    stack: list[Section] = []
    current_topic: Section | None = None
    for section in ctx.doc.sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        if stack:
            ctx.parent_of[section.line_start] = stack[-1]
        if section.line_start in topics:
            current_topic = section
        if current_topic is not None and current_topic.line_end >= section.line_start:
            ctx.topic_of[section.line_start] = current_topic
        if section.level > 0:
            stack.append(section)


def _rebound(facts: CodeFacts) -> frozenset[str]:
    assigned = {c.assigned_to for c in facts.calls if c.assigned_to and not is_class_name(c.name)}
    return frozenset(assigned - set(facts.bindings))


def _local_variables(facts: CodeFacts) -> frozenset[str]:
    """Names assigned in code and never used as a keyword or called: `raw_input_df`, `runs`.
    They name data in one example, not a concept (`training_set` is also a keyword: kept)."""
    assigned = {c.assigned_to for c in facts.calls if c.assigned_to}
    keywords = {k for c in facts.calls for k in c.keywords}
    called = {c.name for c in facts.calls}
    return frozenset(assigned - keywords - called - set(facts.bindings) - set(facts.modules))
