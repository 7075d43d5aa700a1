"""What completes one of the statements an answer shows: the list a statement leads, what a
lead-in ending in ":" announces, and for a difference the row of the same table about the
other side. Pure functions over the statements of the best one's section, and the queries
that read them (`kg.qa.retrieval` runs them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile
from typing import TYPE_CHECKING

from kg.extract.lexicon import fold

if TYPE_CHECKING:  # the statements are retrieval's; it calls these
    from kg.qa.retrieval import Ranked

__all__ = [
    "LIST_ITEMS",
    "SECTION",
    "SUBHEADINGS",
    "SUBSECTION",
    "announced",
    "captioned",
    "counterparts",
    "explained_by",
    "is_caption",
    "led",
    "outline",
    "shown_by",
    "siblings",
    "small_group",
]

LIST_ITEMS = 10  # items of a list shown with the item or lead-in that answers
_ANNOUNCED = 3  # paragraphs a lead-in announces at most, when no list, table or code follows
_SHORT_PARAGRAPH = 200  # characters of each of them at most
_MAX_CAPTION = 100  # characters of a caption at most

# the statements of a best one's section, in line order
SECTION = """SELECT ?st ?text ?kind ?context ?line ?source ?heading ?section ?lang WHERE {
  ?st prov:wasDerivedFrom ?section ; kg:text ?text ; kg:kind ?kind ; kg:line ?line ;
      kg:headingPath ?heading ; dcterms:language ?lang ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  OPTIONAL { ?st kg:context ?context }
} ORDER BY ?line ?st LIMIT 80"""
# the headings of a section's subsections, each with its first statement: the outline a
# heading announces ("Logical workflow" and its "### Do nothing", "### Balance the dataset",
# ...), with what each says first ("#### Principle 2" and "Watermarks Evaluate at the end …")
# (read whole and cut by `outline`: a FILTER NOT EXISTS that kept only the first statements
# took 0.5 s a query, reading them all 5 ms)
SUBHEADINGS = """SELECT ?st ?text ?kind ?context ?line ?source ?heading ?section ?lang WHERE {
  ?section kg:parentSection ?parent .
  ?st prov:wasDerivedFrom ?section ; kg:kind ?kind ; kg:text ?text ;
      kg:line ?line ; kg:headingPath ?heading ; dcterms:language ?lang ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  OPTIONAL { ?st kg:context ?context }
} ORDER BY ?line ?st LIMIT 120"""
# the statements of a section's subsections, in line order (the first one's come first)
SUBSECTION = """SELECT ?st ?text ?kind ?context ?line ?source ?heading ?section ?lang WHERE {
  ?section kg:parentSection ?parent .
  ?st prov:wasDerivedFrom ?section ; kg:kind ?kind ; kg:text ?text ;
      kg:line ?line ; kg:headingPath ?heading ; dcterms:language ?lang ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  OPTIONAL { ?st kg:context ?context }
} ORDER BY ?line ?st LIMIT 12"""


def outline(statements: list[Ranked], most: int = 12) -> list[Ranked]:
    """Of the statements of a heading's subsections (`SUBHEADINGS`, in line order), each
    subsection's heading and its first statement unless that is code (long), for at most
    `most` subsections."""
    out: list[Ranked] = []
    opened: set[str] = set()  # subsections whose first statement was seen
    headings = 0  # one a subsection
    for r in statements:
        if r.kind == "heading":
            headings += 1
            if headings > most:
                break
            out.append(r)
        elif r.section not in opened:
            opened.add(r.section)
            if r.kind != "code":
                out.append(r)
    return out


def counterparts(best: Ranked, section: list[Ranked], sides: Sequence[str]) -> list[Ranked]:
    """The row of the best row's table, or the item of the best item's list, that names the
    side of a difference it does not (`mlflow.log_artifact` and `mlflow.log_model` in two
    rows of one table; "nbextension:" beside "server extension: a Python module"), with the
    items that item leads."""
    named = [_names(best.text, side) for side in sides]
    if best.kind == "item" and not any(named):  # a sub-item: the item it is under may name one
        parent = next((r for r in section if r.kind == "item" and r.text == best.context), None)
        if parent is not None:
            best, named = parent, [_names(parent.text, side) for side in sides]
    if all(named) or not any(named):
        return []
    other = sides[named.index(False)]
    found = [
        r
        for r in section
        if r.kind == best.kind and r.context == best.context and _names(r.text, other)
    ][:1]
    return found + led(found[0], section) if found and best.kind == "item" else found


def _names(text: str, name: str) -> bool:
    """Whether a text names a concept: its name, or a code name's last part."""
    bare = fold(name.split("(")[0])
    short = bare.rsplit(".", 1)[-1] if "." in bare and " " not in bare else bare
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", fold(text)) is not None


def led(best: Ranked, section: list[Ranked]) -> list[Ranked]:
    """The list a statement leads, nested items included, in line order: the items right
    after it whose lead-in is it or one of those items ("* Amazon Transcribe" and the
    capabilities listed under its first item)."""
    leads = {best.text}
    out: list[Ranked] = []
    for r in (r for r in section if r.line > best.line):
        if r.kind != "item" or r.context not in leads or len(out) == LIST_ITEMS:
            break
        out.append(r)
        leads.add(r.text)
    return out


def announced(lead: Ranked, section: list[Ranked], paragraphs: bool = True) -> list[Ranked]:
    """What a statement ending in ":" announces: the list items it leads, else the table or
    the code block right after it ("The default stack includes three components:" and the
    table of them), else (with `paragraphs`) the few short paragraphs of one sentence right
    after it ("The null and alternate hypothesis are:", "Null Hypothesis: …")."""
    items = [r for r in section if r.kind == "item" and r.context == lead.text]
    if items:
        return items[:LIST_ITEMS]
    after = [r for r in section if r.line > lead.line]
    if after and after[0].kind == "row":
        header = after[0].context
        return [r for r in after if r.kind == "row" and r.context == header][:LIST_ITEMS]
    if after and after[0].kind == "code":
        return after[:1]
    # short paragraphs of their own ("The null and alternate hypothesis are:" and "Null
    # Hypothesis: …", "Alternate Hypothesis: …")
    if not paragraphs:
        return []
    said = list(takewhile(lambda r: r.kind == "sentence" and not r.context, after[:_ANNOUNCED]))
    return said if all(len(r.text) <= _SHORT_PARAGRAPH for r in said) else []


def captioned(lead: Ranked, section: list[Ranked]) -> list[Ranked]:
    """What a caption (`is_caption`) stands above: the table or code block right after it,
    else the one paragraph right after it (its first sentences: "**Alternativa usando
    mlflow.register_model**" and "… Este método hace internamente …")."""
    if said := announced(lead, section, paragraphs=False):
        return said
    after = [r for r in section if r.line > lead.line]
    if not after or after[0].kind != "sentence" or after[0].context:
        return []
    paragraph = after[:1]
    for r in after[1:_ANNOUNCED]:
        if r.kind != "sentence" or r.context != paragraph[-1].text:
            break
        paragraph.append(r)
    return paragraph


def is_caption(lead: Ranked) -> bool:
    """Whether a sentence reads as a caption: a paragraph of its own, short and unpunctuated,
    as the bold line above a table ("**Casos donde NO debes aplicar log**"), which then
    brings what it stands above (`captioned`)."""
    text = lead.text.rstrip()
    return (
        lead.kind == "sentence"
        and not lead.context
        and len(text) <= _MAX_CAPTION
        and text[-1:].isalnum()
    )


def shown_by(lead: Ranked, section: list[Ranked]) -> list[Ranked]:
    """The code block right after a sentence, which shows how to do what it says ("one can
    list what is known, whether it's enabled" and `jupyter nbextension list`)."""
    after = [r for r in section if r.line > lead.line]
    return after[:1] if after and after[0].kind == "code" else []


def explained_by(code: Ranked, section: list[Ranked]) -> list[Ranked]:
    """The sentence or list item right before a code block, which says what it shows
    ("wrapped in backticks" above `metrics.`cross-entropy-loss``)."""
    last = [r for r in section if r.line < code.line][-1:]
    return [r for r in last if r.kind in ("sentence", "item") and code.line - r.line <= 3]


def siblings(best: Ranked, section: list[Ranked]) -> list[Ranked]:
    """The statements of the best one's kind under its lead-in or header, in line order: the
    items of its list, the rows of its table."""
    return [r for r in section if r.kind == best.kind and r.context == best.context]


def small_group(best: Ranked, section: list[Ranked], most: int) -> list[Ranked]:
    """The rows of a small table or the items of a small list one of whose members answers,
    in line order: a table or list of at most `most` is read whole (a "requirements" table
    of three rows)."""
    rows = siblings(best, section)
    return rows if len(rows) <= most else []
