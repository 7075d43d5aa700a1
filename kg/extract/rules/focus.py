"""What a section is about: its focus, the subject of the rules that leave it implicit
("Debes tener X" under a section about Y: Y requires X)."""

from __future__ import annotations

from kg.extract.code import analyze_code, is_python
from kg.extract.context import DocContext
from kg.extract.labels import add_label, question_subject
from kg.extract.mentions import Mention
from kg.extract.normalize import split_identifier
from kg.extract.rules.context import Reader, SectionReading
from kg.ingest.document import Code, RichText, Section

__all__ = ["focus", "focus_of", "heading_mentions"]

_SHORT_TITLE = 4  # words of a heading that names one concept


def focus(r: SectionReading) -> list[str]:
    """The concepts the section being read is about."""
    return focus_of(r.reader, r.ctx, r.section)


def focus_of(reader: Reader, ctx: DocContext, section: Section) -> list[str]:
    """The concepts a section is about: API mentions or the "¿Qué es X?" subject of its
    heading; for a topic (or a top section), the method its code calls whose name best
    matches its title, else the longest concept in the title; else its parent's focus."""
    cache_key = (str(ctx.doc.source), section.line_start)
    cached = reader.focus_cache.get(cache_key)
    if cached is not None:
        return cached
    result: list[str] = []
    heading = heading_mentions(reader, ctx, section)
    subject = question_subject(section.title)
    is_topic = ctx.topic_of.get(section.line_start) is section
    parent = ctx.parent_of.get(section.line_start)
    api = [m.key for m in heading if m.key.startswith("code:")]
    short = len(section.title.split()) <= _SHORT_TITLE
    if api and not is_topic:
        result = api[:1]
    elif heading and short and not is_topic and not subject:
        result = [max(heading, key=lambda m: m.end - m.start).key]
    elif subject:
        key = add_label(reader.registry, ctx, subject)
        result = [reader.registry.find(key)] if key else []
    if not result and (is_topic or parent is None):
        result = _code_focus(reader, ctx, section) or [
            m.key for m in sorted(heading, key=lambda m: -(m.end - m.start))[:1]
        ]
    if not result and parent is not None:
        result = focus_of(reader, ctx, parent)
    reader.focus_cache[cache_key] = result
    return result


def heading_mentions(reader: Reader, ctx: DocContext, section: Section) -> list[Mention]:
    """The concepts a section's heading mentions."""
    place, topic = ctx.places(section)
    text = RichText(section.title)
    doc = reader.finder.parse(text.text, ctx.lang)
    return reader.finder.find(text, ctx, place, topic, doc)


def _code_focus(reader: Reader, ctx: DocContext, topic: Section) -> list[str]:
    """The method the topic's code calls whose name shares most words with its title."""
    title_words = set(split_identifier(topic.title.lower().replace(" ", "_")))
    best: tuple[float, int, str] | None = None
    counts: dict[str, int] = {}
    for section in ctx.sections_within(topic.line_start, topic.line_end):
        for block in section.blocks:
            if not (isinstance(block, Code) and is_python(block.language)):
                continue
            for call in analyze_code(block.text).calls:
                if call.name[:1].isupper() or ctx.resolver.owner(call.qualifier) is None:
                    continue
                key = reader.registry.add_code(
                    f"{call.qualifier}.{call.name}", ctx.resolver, None, register=False
                )
                if key:
                    counts[key] = counts.get(key, 0) + 1
    for key, n in counts.items():
        words = split_identifier(key.rpartition(".")[2])
        overlap = len([w for w in words if w in title_words]) / max(len(words), 1)
        cand = (overlap, n, key)
        if best is None or cand > best:
            best = cand
    return [reader.registry.find(best[2])] if best and best[0] > 0 else []
