"""Lists under a lead-in ending with ":": "X incluye:" → the items are `partOf` X; "Te
devuelve:" → the section's subject `produces` the items; "Modos disponibles:" → the items are
`partOf` the section's focus. The lead-in's last sentence carries the cue."""

from __future__ import annotations

from kg.extract.cues import heading_has
from kg.extract.labels import MAX_TERM_WORDS
from kg.extract.nlp import is_function_phrase
from kg.extract.rules.context import SectionReading
from kg.extract.rules.focus import focus
from kg.extract.rules.pipeline import SECTION_END
from kg.extract.rules.purpose import purpose_end
from kg.extract.rules.sentences import cue_matches, run_of
from kg.ingest.document import Block, ListItem, Paragraph

__all__ = ["lead_in_lists"]

_LEAD_TAIL = 60  # characters at the end of a lead-in that may announce its list
_NAME_COLON = 40  # an item "name: what it does" has its colon this early


@SECTION_END.rule("lists", records=("list-after:PHRASE", "includes-list"))
def lead_in_lists(r: SectionReading) -> None:
    """Each lead-in ending with ":" relates the list items right under it."""
    blocks = r.section.blocks
    for i, lead in enumerate(blocks):
        if not isinstance(lead, (Paragraph, ListItem)) or not lead.text.text.rstrip().endswith(":"):
            continue
        items = _items_under(blocks, i)
        if not items:
            continue
        rule = _lead_in_rule(r, lead)
        if rule is None:
            continue
        predicate, owner, name = rule
        for item in items:
            keys = _item_keys(r, item)
            ev = r.evidence(item.line_start)
            for key in keys:
                if predicate == "partOf":
                    r.relate(key, "partOf", owner, ev, name, 0.6)
                else:
                    r.relate(owner, predicate, key, ev, name, 0.6)  # type: ignore[arg-type]


def _items_under(blocks: tuple[Block, ...], lead: int) -> list[ListItem]:
    """The list items right under the block at `lead` (its children, for a list item)."""
    head = blocks[lead]
    depth = head.depth if isinstance(head, ListItem) else 0
    items: list[ListItem] = []
    for j in range(lead + 1, len(blocks)):
        item = blocks[j]
        if not isinstance(item, ListItem) or item.depth <= depth:
            break
        if item.depth == depth + 1 or depth == 0:
            items.append(item)
    return items


def _lead_in_rule(r: SectionReading, lead: Paragraph | ListItem) -> tuple[str, str, str] | None:
    """(predicate, subject, rule name) a lead-in announces for its list, or None."""
    mentions, doc = r.mentions(lead.text)
    text = lead.text.text
    # the sentence that ends in ":" announces the list, not the ones before it
    for sent in list(doc.sents)[-1:]:
        for match in cue_matches(sent, mentions, r.lang):
            cue = match.cue
            if cue.predicate in ("none", "differsFrom") or cue.direction == "split":
                continue
            owner = mentions[0].key if mentions and mentions[0].end <= match.start else None
            if owner is None and cue.predicate in ("produces", "partOf"):
                # "Te devuelve:" speaks for the section; "Others must be set:" does not
                owner = next(iter(focus(r)), None)
            if owner is None:
                return None
            return cue.predicate, owner, f"list-after:{cue.phrase}"
    tail = text[-_LEAD_TAIL:]
    if heading_has("includes", tail) or heading_has("enumerations", tail):
        owner = mentions[0].key if mentions else next(iter(focus(r)), None)
        return ("partOf", owner, "includes-list") if owner else None
    return None


def _item_keys(r: SectionReading, item: ListItem) -> list[str]:
    """The concepts a list item names: its mentions, else its own short text as a term
    ("overwrite" of `"overwrite": reemplaza toda la tabla.`)."""
    mentions, _ = r.mentions(item.text)
    purpose = purpose_end(item.text.text, len(item.text.text))
    mentions = [m for m in mentions if m.start >= purpose]  # "To create X, users must ..."
    text = item.text.text.strip()
    covered = sum(m.end - m.start for m in mentions)
    if mentions and (covered >= len(text) / 2 or len(text.split()) > MAX_TERM_WORDS):
        return run_of(mentions, item.text.text)
    named = ":" in text[:_NAME_COLON]
    name = (text.split(":", 1)[0] if named else text).strip(" \"'`.")
    if len(name.split()) > MAX_TERM_WORDS or not name or is_function_phrase(name):
        return []
    key = r.registry.add_term(name, r.lang, None)
    if key and named:
        rest = text.split(":", 1)[1].strip()
        if rest:
            r.registry.add_definition(key, rest, r.evidence(item.line_start))
    # the item as named ("Soporte para AutoML"), and the concepts it names ("AutoML")
    return list(dict.fromkeys([*([key] if key else []), *run_of(mentions, text)]))
