"""Definitions: where the notes say what a concept is.

- the paragraphs under "¿Qué es X?" / "What is X?" (or a bold line that asks it);
- the paragraph under an API heading ("## `fs.write_table()`" / "Writes a DataFrame ...");
- a section's first paragraphs when they open with the heading's name, or a document's first
  paragraph opening with "This ...";
- a sentence "X es ..." / "X is ..." opening with a concept;
- term | description tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from kg.extract.cues import section_cues
from kg.extract.labels import question_subject
from kg.extract.nlp import fold
from kg.extract.normalize import ARTICLES, clean_label
from kg.extract.rules.context import RowReading, SectionReading, TableReading, TextReading
from kg.extract.rules.pipeline import ROW, TEXT
from kg.extract.statements import split_sentences
from kg.ingest.document import Paragraph
from kg.lang import listed

__all__ = [
    "api_definition",
    "bold_heading",
    "definition_sentence",
    "first_sentences",
    "lead_paragraph",
    "question_definition",
    "term_definition",
]

# "X es ...", "X means ...": a verb of being or meaning after the concept
_DEFINITION_VERB = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(v) for v in listed('definition_verbs'))})\b", re.I
)
_DEFINITION_HEADS = ("", *listed("definition_heads"))  # what may stand before the concept
_MAX_DEFINITION = 400  # characters of a definition
_DEFINITION_CHARS = 160  # a definition this short goes on into the next paragraph
_WORD = re.compile(r"\S+")


@TEXT.rule("bold-heading", records=())
def bold_heading(r: SectionReading, t: TextReading) -> None:
    """ "**¿Qué es un tag?**" on its own line acts as a heading: what it asks is defined by
    the paragraphs after it."""
    if t.bold_heading is not None:
        r.subject, r.defined = question_subject(t.bold_heading), 0


@TEXT.rule("api-definition", records=())
def api_definition(r: SectionReading, t: TextReading) -> None:
    """ "## `fs.write_table()`" then "Writes a DataFrame ...": what the API does."""
    block = t.block
    if r.api_subject and isinstance(block, Paragraph) and not _all_code(block):
        ev = r.evidence(t.unit.first_line)
        r.registry.add_definition(r.api_subject, first_sentences(block.text.text), ev)
        r.api_subject = None


@TEXT.rule("question-definition", records=())
def question_definition(r: SectionReading, t: TextReading) -> None:
    """The paragraphs under "¿Qué es X?" define X, until the definition is long enough."""
    if (
        not r.subject
        or t.bold_heading is not None
        or not isinstance(t.block, Paragraph)
        or r.defined >= _DEFINITION_CHARS
    ):
        return
    key = r.label(r.subject)
    text = " ".join(t.text.split())
    if not key or not text:
        return
    if r.defined == 0:
        r.registry.add_definition(key, first_sentences(text), r.evidence(t.unit.first_line))
    else:
        r.registry.extend_definition(key, first_sentences(text))
    r.defined += len(text)


@TEXT.rule("lead-paragraph", records=())
def lead_paragraph(r: SectionReading, t: TextReading) -> None:
    """A paragraph right under a heading that opens with the heading's name ("# Databricks
    AutoML" / "Databricks AutoML automates ...", or under "## Overview"), or a document's
    first paragraph opening with "This ...", describes what the heading names."""
    if not (r.lead and r.leads and isinstance(t.block, Paragraph)):
        return
    r.leads -= 1
    name = fold(clean_label(r.lead)).split()
    words = _words_after_articles(t.text)
    opening = list(islice(words, max(len(name), 1)))
    opens_with_name = bool(name) and [fold(w.group(0)).strip(",:;") for w in opening] == name
    deictic = (
        r.section.level == 1
        and bool(opening)
        and fold(opening[0].group(0)) in section_cues()["deictic_openers"]
    )
    if not (opens_with_name or deictic):
        return
    key = r.label(r.lead)
    if not key and opens_with_name:
        # a name that is not a term by itself ("Databricks AutoML" holds the identifier
        # AutoML): the last concept named inside it, the head of an English noun phrase
        end = opening[len(name) - 1].end()
        inside = [m for m in t.mentions if m.end <= end]
        key = inside[-1].key if inside else None
    if key:
        r.registry.add_definition(key, first_sentences(t.text), r.evidence(t.unit.first_line))
        r.lead = None


def _words_after_articles(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` after its leading articles ("The", "Un"), one at a time."""
    words = _WORD.finditer(text)
    for word in words:
        if fold(word.group(0)) not in ARTICLES:
            yield word
            yield from words
            return


@TEXT.rule("definition-sentence", records=())
def definition_sentence(r: SectionReading, t: TextReading) -> None:
    """ "Un ML Runtime es un entorno ..." / "MLflow is a platform ...": a sentence opening
    with a concept and a verb of being defines that concept."""
    if not t.mentions or t.unit.column > 0:
        return
    first = t.mentions[0]
    if t.text[: first.start].strip().lower() not in _DEFINITION_HEADS:
        return
    if _DEFINITION_VERB.match(t.text[first.end :]):
        ev = r.evidence(t.unit.first_line)
        r.registry.add_definition(first.key, first_sentences(t.text.strip()), ev)


@ROW.rule("term-definition", records=())
def term_definition(r: SectionReading, table: TableReading, row: RowReading) -> None:
    """ "Concepto | Descripción": the description defines the row's concept."""
    cells = row.cells
    if table.definitions and row.first and len(cells) > 1 and cells[1].text.strip():
        r.registry.add_definition(row.first, cells[1].text.strip(), row.evidence)


def first_sentences(text: str, limit: int = _MAX_DEFINITION) -> str:
    """The first sentences of `text` that fit in `limit` characters (or its cut start);
    sentences as statements split them ("e.g. X" does not end one)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = 0
    for offset, sentence in split_sentences(text):
        if offset + len(sentence) > limit:
            break
        cut = offset + len(sentence)
    return text[:cut] if cut > 40 else text[:limit].rstrip() + "…"


def _all_code(block: Paragraph) -> bool:
    """A paragraph that is one inline code span (a signature), not prose."""
    text = block.text.text.strip()
    code = [sp for sp in block.text.spans if sp.kind == "code"]
    return len(code) == 1 and code[0].end - code[0].start >= len(text) - 2
