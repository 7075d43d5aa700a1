"""Rules on a section's heading: "A vs B" headings, and API reference headings ("create()"
under "RegisteredModelsAPI") whose method belongs to the class above."""

from __future__ import annotations

from kg.extract.labels import heading_class, section_sides
from kg.extract.model import Comparison
from kg.extract.rules.context import SectionReading
from kg.extract.rules.focus import heading_mentions
from kg.extract.rules.pipeline import SECTION

__all__ = ["api_heading", "vs_heading"]

_API_SHARE = 0.6  # share of a heading an API mention covers for the heading to name it


@SECTION.rule("vs-heading")
def vs_heading(r: SectionReading) -> None:
    """ "## Batch vs Streaming": Batch differsFrom Streaming (a comparison without aspects)."""
    sides = section_sides(r.ctx.doc, r.section)
    if not sides:
        return
    left, right = (r.label(side) for side in sides)
    if left and right:
        ev = r.evidence(r.section.line_start)
        r.relate(left, "differsFrom", right, ev, "vs-heading", 0.7)
        r.compare(Comparison(left, right, (), ev, "vs-heading"))


@SECTION.rule("api-heading")
def api_heading(r: SectionReading) -> None:
    """A heading "create()" under a class heading (API reference docs): the class's method,
    `methodOf` the class. Either that method or the API a heading names when it is (almost)
    nothing else ("## `fs.write_table()`") is what the next paragraph describes."""
    r.api_subject = r.api = _method_heading(r) or _named_api(r)


def _method_heading(r: SectionReading) -> str | None:
    owner = heading_class(r.section)
    if not owner:
        return None
    name = r.section.title.strip().strip("`").partition("(")[0]
    key = r.registry.add_code(f"{owner}.{name}", r.ctx.resolver, None, register=False)
    if key:
        ev = r.evidence(r.section.line_start)
        r.relate(key, "methodOf", f"code:{owner.lower()}", ev, "api-heading", 0.9)
    return key


def _named_api(r: SectionReading) -> str | None:
    mentions = [
        m for m in heading_mentions(r.reader, r.ctx, r.section) if m.key.startswith("code:")
    ]
    title = r.section.title.strip()
    if len(mentions) == 1 and (mentions[0].end - mentions[0].start) >= _API_SHARE * len(title):
        return mentions[0].key
    return None
