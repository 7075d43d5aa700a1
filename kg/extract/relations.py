"""Pass 2: relations between concepts, each with its evidence, rule and confidence.

Rules (cue words are data, in `kg/data/cues.toml`):
- sentence cues ("requiere", "solo disponible en", "se agrupan en", "devuelve", ...) between
  concept mentions; a cue with no subject before it takes the table row's label or the
  section's focus as subject;
- requirement sections and tables ("Requisitos", "Requirements", "Requisito | Detalle"):
  every item is a requirement of the section's focus;
- vs tables, comparison tables (one column per side) and "X vs Y" headings: `differsFrom`
  with a `Comparison` that keeps each aspect and each side's value;
- code: `obj.method()` → method `methodOf` the class `obj` is bound to (or the module);
  `from m import C` → C `partOf` m; `x = f()` → f `produces` x when x is a concept;
- "incluye:" / "includes:" lists → items `partOf` the subject; "Alternativa: X" after a code
  example → X `alternativeTo` the calls of that example;
- definitions ("¿Qué es X?" sections, "X es ...", term | description tables) and key points
  ("Puntos claves", "Memoriza esto", exam tips) attached to the concepts they mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from kg.extract.code import analyze_code, is_python
from kg.extract.collect import (
    MAX_TERM_WORDS,
    DocContext,
    add_label,
    heading_class,
    question_subject,
    table_shape,
    vs_sides,
)
from kg.extract.cues import (
    RelationCue,
    has_relation_cue,
    heading_has,
    negations,
    relation_cues,
    section_cues,
)
from kg.extract.lexicon import is_infinitive
from kg.extract.mentions import Mention, MentionFinder
from kg.extract.model import Aspect, Assertion, Comparison, Evidence, KeyPoint, Predicate
from kg.extract.nlp import fold, is_function_phrase
from kg.extract.normalize import ARTICLES, clean_label, split_identifier
from kg.extract.registry import Registry
from kg.extract.units import Unit, evidence
from kg.ingest.document import Block, Code, ListItem, Paragraph, RichText, Section, Table

__all__ = ["RelationExtractor"]

# Predicates whose subject may be left implicit ("Debes tener X" under a section about Y).
_IMPLICIT_OK = frozenset({"requires", "produces", "usedFor"})
# What may stand between two objects of one cue: "X y Y", "X, Y", "X / Y".
_JOINERS = frozenset({"", "y", "e", "o", "u", "and", "or", "/", "+", "&", "ni", "nor"})
_NO_PARTICIPLE = frozenset({"produces", "usedFor", "partOf"})
_PARTICIPLE = re.compile(r"(?:ad[oa]s?|id[oa]s?|ed)$")
_DEFINITION_VERB = re.compile(r"^\s*(?:es|son|is|are|means|significa|se refiere a)\b", re.I)
_MAX_DEFINITION = 400
_MAX_ROW_COMPARISON = 8  # rows of a one-thing-per-row table that are compared pairwise
_MAX_ROW_NAME = 5  # words of a row's first cell for it to name a thing
_DEFINITION_CHARS = 160  # a definition this short goes on into the next paragraph


class RelationExtractor:
    """Reads every section of every document and collects assertions and comparisons."""

    def __init__(self, registry: Registry) -> None:
        self.reg = registry
        self.finder = MentionFinder(registry)
        self.assertions: list[Assertion] = []
        self.comparisons: list[Comparison] = []
        self.key_points: list[KeyPoint] = []
        self._focus_cache: dict[tuple[str, int], list[str]] = {}

    # -- helpers ------------------------------------------------------------------------
    def _assert(
        self, s: str, p: Predicate, o: str, ev: Evidence, rule: str, confidence: float
    ) -> None:
        s, o = self.reg.find(s), self.reg.find(o)
        if s != o and ev.text:
            self.assertions.append(Assertion(s, p, o, ev, rule, confidence))

    def _places(self, ctx: DocContext, section: Section) -> tuple[tuple[str, int], tuple[str, int]]:
        topic = ctx.topic_of.get(section.line_start, section)
        src = str(ctx.doc.source)
        return (src, section.line_start), (src, topic.line_start)

    def _mentions(
        self, ctx: DocContext, section: Section, text: RichText
    ) -> tuple[list[Mention], object]:
        place, topic = self._places(ctx, section)
        doc = self.finder.parse(text.text, ctx.lang)
        return self.finder.find(text, ctx, place, topic, doc), doc

    # -- focus: what a section is about -------------------------------------------------
    def focus(self, ctx: DocContext, section: Section) -> list[str]:
        """The concepts a section is about: API mentions or the "¿Qué es X?" subject of its
        heading; for a topic (or a top section), the method its code calls whose name best
        matches its title, else the longest concept in the title; else its parent's focus."""
        cache_key = (str(ctx.doc.source), section.line_start)
        if cache_key in self._focus_cache:
            return self._focus_cache[cache_key]
        result: list[str] = []
        heading = self._heading_mentions(ctx, section)
        subject = question_subject(section.title)
        is_topic = ctx.topic_of.get(section.line_start) is section
        parent = ctx.parent_of.get(section.line_start)
        api = [m.key for m in heading if m.key.startswith("code:")]
        short = len(section.title.split()) <= 4
        if api and not is_topic:
            result = api[:1]
        elif heading and short and not is_topic and not subject:
            result = [max(heading, key=lambda m: m.end - m.start).key]
        elif subject:
            key = add_label(self.reg, ctx, subject)
            result = [self.reg.find(key)] if key else []
        if not result and (is_topic or parent is None):
            result = self._code_focus(ctx, section) or [
                m.key for m in sorted(heading, key=lambda m: -(m.end - m.start))[:1]
            ]
        if not result and parent is not None:
            result = self.focus(ctx, parent)
        self._focus_cache[cache_key] = result
        return result

    def _method_heading(self, ctx: DocContext, section: Section, ev: Evidence) -> str | None:
        """A heading "create()" under a class heading (API reference docs): the class's
        method, `methodOf` the class."""
        owner = heading_class(section)
        if not owner:
            return None
        name = section.title.strip().strip("`").partition("(")[0]
        key = self.reg.add_code(f"{owner}.{name}", ctx.resolver, None, register=False)
        if key:
            self._assert(key, "methodOf", f"code:{owner.lower()}", ev, "api-heading", 0.9)
        return key

    def _api_heading(self, ctx: DocContext, section: Section) -> str | None:
        """The API a heading names when it is (almost) nothing else: "`create()`"."""
        mentions = [m for m in self._heading_mentions(ctx, section) if m.key.startswith("code:")]
        title = section.title.strip()
        if len(mentions) == 1 and (mentions[0].end - mentions[0].start) >= 0.6 * len(title):
            return mentions[0].key
        return None

    def _heading_mentions(self, ctx: DocContext, section: Section) -> list[Mention]:
        mentions, _ = self._mentions(ctx, section, RichText(section.title))
        return mentions

    def _code_focus(self, ctx: DocContext, topic: Section) -> list[str]:
        title_words = set(split_identifier(topic.title.lower().replace(" ", "_")))
        best: tuple[float, int, str] | None = None
        counts: dict[str, int] = {}
        for section in ctx.doc.sections:
            if not topic.line_start <= section.line_start <= topic.line_end:
                continue
            for block in section.blocks:
                if isinstance(block, Code) and is_python(block.language):
                    for call in analyze_code(block.text).calls:
                        if call.name[:1].isupper() or ctx.resolver.owner(call.qualifier) is None:
                            continue
                        key = self.reg.add_code(
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
        return [self.reg.find(best[2])] if best and best[0] > 0 else []

    # -- the walk -----------------------------------------------------------------------
    def read(self, contexts: Iterable[DocContext]) -> None:
        for ctx in contexts:
            for section in ctx.doc.sections:
                self._section(ctx, section)

    def _section(self, ctx: DocContext, section: Section) -> None:
        title = section.title
        ev_head = evidence(ctx.doc, section, section.line_start)
        requirements = heading_has("requirements", title)
        key_points = heading_has("key_points", title) or any(
            heading_has("key_points", t) for t in section.heading_path[:-1][-1:]
        )
        self._vs_heading(ctx, section, ev_head)
        subject = question_subject(title)
        defined = 0  # characters of definition taken so far
        lead = None if subject else _lead_subject(section)
        leads = 2  # paragraphs under a heading that may still describe it
        api_subject = self._method_heading(ctx, section, ev_head) or self._api_heading(ctx, section)
        previous: Block | None = None
        for block in section.blocks:
            if isinstance(block, Code):
                self._code(ctx, section, block)
            elif isinstance(block, Table):
                self._table(ctx, section, block, requirements, key_points)
            elif isinstance(block, (Paragraph, ListItem)):
                pseudo = _bold_heading(block)
                if pseudo is not None:  # "**¿Qué es un tag?**" on its own line acts as a heading
                    subject, defined = question_subject(pseudo), 0
                unit = Unit(block.text, block.line_start, block)
                mentions, doc = self._mentions(ctx, section, block.text)
                self._record_mentions(ctx, section, unit, mentions)
                if api_subject and isinstance(block, Paragraph) and not _all_code(block):
                    # "## `fs.write_table()`" then "Writes a DataFrame ...": what it does
                    ev = evidence(ctx.doc, section, unit.first_line)
                    self.reg.add_definition(api_subject, _first_sentences(block.text.text), ev)
                    api_subject = None
                if (
                    subject
                    and pseudo is None
                    and isinstance(block, Paragraph)
                    and defined < _DEFINITION_CHARS
                ):
                    defined += self._define_subject(ctx, section, subject, unit, defined == 0)
                if lead and leads and isinstance(block, Paragraph):
                    leads -= 1
                    if self._lead_paragraph(ctx, section, lead, unit, mentions):
                        lead = None
                self._sentences(ctx, section, unit, mentions, doc, row_subject=None)
                self._definition_sentence(ctx, section, unit, mentions)
                if requirements:
                    self._requirement_item(ctx, section, unit, mentions)
                if key_points:
                    self._key_point(ctx, section, unit, mentions)
                self._alternative(ctx, section, unit, mentions, previous)
            previous = block if not isinstance(block, ListItem) else previous
        self._includes_lists(ctx, section)

    def _record_mentions(
        self, ctx: DocContext, section: Section, unit: Unit, mentions: list[Mention]
    ) -> None:
        for m in mentions:
            self.reg.add_mention(
                self.reg.find(m.key), evidence(ctx.doc, section, unit.line_at(m.start))
            )

    # -- sentences ----------------------------------------------------------------------
    def _sentences(
        self,
        ctx: DocContext,
        section: Section,
        unit: Unit,
        mentions: list[Mention],
        doc: object,
        row_subject: str | None,
    ) -> None:
        for sent in getattr(doc, "sents", []):
            inside = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            for cue, start, end, then in self._cues(sent, inside, ctx.lang):
                self._apply_cue(ctx, section, unit, cue, start, end, then, inside, row_subject)

    def _cues(
        self, sent: SpacySpan, mentions: list[Mention], lang: str
    ) -> list[tuple[RelationCue, int, int, tuple[int, int] | None]]:
        lemmas = [t.lemma_ for t in sent]
        starts = [t.idx for t in sent]
        ends = [t.idx + len(t.text) for t in sent]
        taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions]
        found: list[tuple[RelationCue, int, int, tuple[int, int] | None]] = []
        # cues of both languages: notes mix them, and a short text's language is a guess
        for cue in relation_cues():
            for i in _find(lemmas, cue.lemmas):
                s, e = starts[i], ends[i + len(cue.lemmas) - 1]
                if any(a < e and s < b for a, b in taken):
                    continue
                if any(t.lower_ in negations() for t in sent[max(i - 2, 0) : i]):
                    continue  # "No necesitas configurar ..." states no requirement
                if cue.predicate in _NO_PARTICIPLE and _PARTICIPLE.search(sent[i].lower_):
                    continue  # "Archivos generados: ..." describes, it does not say who generates
                if lang == "en" and sent[i].lower_.endswith("ing"):
                    continue  # "depending on the ...", "requiring": describes, does not state
                if cue.predicate == "requires" and _needs_to_do(
                    sent, i + len(cue.lemmas), cue.lang
                ):
                    continue  # "Hyperopt necesita evaluar cada trial": what it does
                then: tuple[int, int] | None = None
                if cue.then:
                    later = [j for j in _find(lemmas, cue.then) if j > i + len(cue.lemmas)]
                    if not later:
                        continue
                    j = later[0]
                    then = (starts[j], ends[j + len(cue.then) - 1])
                taken.append((s, then[1] if then else e))
                found.append((cue, s, e, then))
        return found

    def _apply_cue(
        self,
        ctx: DocContext,
        section: Section,
        unit: Unit,
        cue: RelationCue,
        start: int,
        end: int,
        then: tuple[int, int] | None,
        mentions: list[Mention],
        row_subject: str | None,
    ) -> None:
        text = unit.text.text
        before = [m for m in mentions if m.end <= start]
        after = [m for m in mentions if m.start >= end and not _in_purpose(text, m)]
        purpose = _purpose_end(text, start)
        if purpose:
            before = [m for m in before if m.start >= purpose]
        rule = f"cue:{cue.lang}:{cue.phrase}"
        if cue.direction == "split" and then:
            objects = _run([m for m in mentions if end <= m.start < then[0]], text)
            subjects = _run([m for m in mentions if m.start >= then[1]], text)
        elif cue.direction == "reverse":
            objects, subjects = [m.key for m in before[-1:]], _run(after, text)
        else:
            subjects, objects = [m.key for m in before[:1]], _run(after, text)
        if cue.predicate == "none":
            return
        if cue.only_code:
            subjects = [k for k in subjects if k.startswith("code:")]
            objects = [k for k in objects if k.startswith("code:")]
        confidence = 0.8
        if not subjects and cue.direction == "forward" and cue.predicate in _IMPLICIT_OK:
            implicit = row_subject
            # a table's first cell speaks for the section only in a term table ("Requiere X")
            in_term_table = isinstance(unit.block, Table) and table_shape(unit.block) == "terms"
            if implicit is None and (unit.column < 0 or (unit.column == 0 and in_term_table)):
                implicit = next(iter(self.focus(ctx, section)), None)
            if implicit:
                subjects, confidence = [implicit], 0.6
                rule += " (implicit subject)"
        ev = evidence(ctx.doc, section, unit.line_at(end))
        for s in subjects:
            for o in objects:
                self._assert(s, cue.predicate, o, ev, rule, confidence)  # type: ignore[arg-type]

    # -- definitions ----------------------------------------------------------------------
    def _define_subject(
        self, ctx: DocContext, section: Section, subject: str, unit: Unit, first: bool
    ) -> int:
        """Add a paragraph of a "¿Qué es X?" section to X's definition; returns its length."""
        key = add_label(self.reg, ctx, subject)
        text = " ".join(unit.text.text.split())
        if not key or not text:
            return 0
        ev = evidence(ctx.doc, section, unit.first_line)
        if first:
            self.reg.add_definition(key, _first_sentences(text), ev)
        else:
            self.reg.extend_definition(key, _first_sentences(text))
        return len(text)

    def _lead_paragraph(
        self,
        ctx: DocContext,
        section: Section,
        subject: str,
        unit: Unit,
        mentions: list[Mention],
    ) -> bool:
        """A paragraph right under a heading that opens with the heading's name ("# Databricks
        AutoML" / "Databricks AutoML automates ...", or under "## Overview"), or a document's
        first paragraph opening with "This ..." describes what the heading names."""
        raw = unit.text.text
        spans = [m for m in re.finditer(r"\S+", raw)]
        while spans and fold(spans[0].group(0)) in ARTICLES:
            spans = spans[1:]
        name = fold(clean_label(subject)).split()
        opening = [fold(m.group(0)).strip(",:;") for m in spans[: len(name)]]
        opens_with_name = bool(name) and opening == name
        deictic = (
            section.level == 1
            and bool(spans)
            and fold(spans[0].group(0)) in section_cues()["deictic_openers"]
        )
        if not (opens_with_name or deictic):
            return False
        key = add_label(self.reg, ctx, subject)
        if not key and opens_with_name:
            # a name that is not a term by itself ("Databricks AutoML" holds the identifier
            # AutoML): the last concept named inside it, the head of an English noun phrase
            end = spans[len(name) - 1].end()
            inside = [m for m in mentions if m.end <= end]
            key = inside[-1].key if inside else None
        if not key:
            return False
        ev = evidence(ctx.doc, section, unit.first_line)
        self.reg.add_definition(key, _first_sentences(raw), ev)
        return True

    def _definition_sentence(
        self, ctx: DocContext, section: Section, unit: Unit, mentions: list[Mention]
    ) -> None:
        if not mentions or unit.column > 0:
            return
        first = mentions[0]
        head = unit.text.text[: first.start].strip().lower()
        if head not in ("", "un", "una", "el", "la", "a", "an", "the"):
            return
        if _DEFINITION_VERB.match(unit.text.text[first.end :]):
            ev = evidence(ctx.doc, section, unit.first_line)
            self.reg.add_definition(first.key, _first_sentences(unit.text.text.strip()), ev)

    # -- requirement sections, key points, includes lists, alternatives --------------------
    def _requirement_item(
        self, ctx: DocContext, section: Section, unit: Unit, mentions: list[Mention]
    ) -> None:
        focus = self.focus(ctx, section)
        if not mentions:
            statement = unit.text.text.strip().rstrip(":.").strip()
            if 0 < len(statement.split()) <= 10:
                key = self.reg.add_term(statement, ctx.lang, None)
                ev = evidence(ctx.doc, section, unit.first_line)
                for s in focus:
                    if key:
                        self._assert(s, "requires", key, ev, "requirements-section", 0.5)
            return
        purpose = _purpose_end(unit.text.text, len(unit.text.text))
        mentions = [m for m in mentions if m.start >= purpose]  # "To run tests, install X"
        for s in focus:
            for n, m in enumerate(mentions):
                if self.reg.find(m.key) != s:
                    ev = evidence(ctx.doc, section, unit.line_at(m.start))
                    confidence = 0.7 if n == 0 else 0.5
                    self._assert(s, "requires", m.key, ev, "requirements-section", confidence)

    def _key_point(
        self, ctx: DocContext, section: Section, unit: Unit, mentions: list[Mention]
    ) -> None:
        keys = tuple(dict.fromkeys(self.reg.find(m.key) for m in mentions))
        ev = evidence(ctx.doc, section, unit.first_line)
        if keys and ev.text:
            self.key_points.append(KeyPoint(unit.text.text.strip(), keys, ev))

    def _includes_lists(self, ctx: DocContext, section: Section) -> None:
        """A lead-in ending with ":" and the list under it: "X incluye:" → items partOf X;
        "Te devuelve:" → subject produces items; "Modos disponibles:" → items partOf focus."""
        blocks = list(section.blocks)
        for i, lead in enumerate(blocks):
            if not isinstance(lead, (Paragraph, ListItem)):
                continue
            text = lead.text.text.strip()
            if not text.endswith(":"):
                continue
            depth = lead.depth if isinstance(lead, ListItem) else 0
            items: list[ListItem] = []
            for item in blocks[i + 1 :]:
                if not isinstance(item, ListItem) or item.depth <= depth:
                    break
                if item.depth == depth + 1 or depth == 0:
                    items.append(item)
            if not items:
                continue
            rule = self._lead_in_rule(ctx, section, lead)
            if rule is None:
                continue
            predicate, owner, name = rule
            for item in items:
                keys = self._item_keys(ctx, section, item)
                ev = evidence(ctx.doc, section, item.line_start)
                for key in keys:
                    if predicate == "partOf":
                        self._assert(key, "partOf", owner, ev, name, 0.6)
                    else:
                        self._assert(owner, predicate, key, ev, name, 0.6)  # type: ignore[arg-type]

    def _lead_in_rule(
        self, ctx: DocContext, section: Section, lead: Paragraph | ListItem
    ) -> tuple[str, str, str] | None:
        """(predicate, subject, rule name) a lead-in announces for its list, or None."""
        mentions, doc = self._mentions(ctx, section, lead.text)
        text = lead.text.text
        # the sentence that ends in ":" announces the list, not the ones before it
        for sent in list(getattr(doc, "sents", []))[-1:]:
            for cue, start, _end, _then in self._cues(sent, mentions, ctx.lang):
                if cue.predicate in ("none", "differsFrom") or cue.direction == "split":
                    continue
                before = [m.key for m in mentions if m.end <= start]
                owner = before[0] if before else None
                if owner is None and cue.predicate in ("produces", "partOf"):
                    # "Te devuelve:" speaks for the section; "Others must be set:" does not
                    owner = next(iter(self.focus(ctx, section)), None)
                if owner is None:
                    return None
                return cue.predicate, owner, f"list-after:{cue.phrase}"
        if heading_has("includes", text[-60:]) or heading_has("enumerations", text[-60:]):
            owner = mentions[0].key if mentions else next(iter(self.focus(ctx, section)), None)
            return ("partOf", owner, "includes-list") if owner else None
        return None

    def _item_keys(self, ctx: DocContext, section: Section, item: ListItem) -> list[str]:
        """The concepts a list item names: its mentions, else its own short text as a term
        ("overwrite" of `"overwrite": reemplaza toda la tabla.`)."""
        mentions, _ = self._mentions(ctx, section, item.text)
        purpose = _purpose_end(item.text.text, len(item.text.text))
        mentions = [m for m in mentions if m.start >= purpose]  # "To create X, users must ..."
        text = item.text.text.strip()
        covered = sum(m.end - m.start for m in mentions)
        if mentions and (covered >= len(text) / 2 or len(text.split()) > MAX_TERM_WORDS):
            return _run(mentions, item.text.text)
        name = text.split(":", 1)[0] if ":" in text[:40] else text
        name = name.strip(" \"'`.")
        if len(name.split()) > MAX_TERM_WORDS or not name or is_function_phrase(name):
            return []
        key = self.reg.add_term(name, ctx.lang, None)
        if key and ":" in text[:40]:
            rest = text.split(":", 1)[1].strip()
            if rest:
                self.reg.add_definition(key, rest, evidence(ctx.doc, section, item.line_start))
        # the item as named ("Soporte para AutoML"), and the concepts it names ("AutoML")
        return list(dict.fromkeys([*([key] if key else []), *_run(mentions, text)]))

    def _alternative(
        self,
        ctx: DocContext,
        section: Section,
        unit: Unit,
        mentions: list[Mention],
        previous: Block | None,
    ) -> None:
        if not mentions or not heading_has("alternative_intro", unit.text.text[:30]):
            return
        if not isinstance(previous, Code):
            return
        alt = mentions[0].key
        place, topic = self._places(ctx, section)
        ev = evidence(ctx.doc, section, unit.first_line)
        for call in analyze_code(previous.text).calls:
            if call.name[:1].isupper():
                continue
            key = self.reg.add_code(
                f"{call.qualifier}.{call.name}" if call.qualifier else f"{call.name}()",
                ctx.resolver,
                None,
                register=False,
            )
            if key:
                key = self.reg.resolve_bare(key, place, topic)
                self._assert(alt, "alternativeTo", key, ev, "alternative-after-example", 0.7)

    # -- comparisons ----------------------------------------------------------------------
    def _vs_heading(self, ctx: DocContext, section: Section, ev: Evidence) -> None:
        sides = vs_sides(section.title)
        if not sides:
            return
        left, right = (add_label(self.reg, ctx, s) for s in sides)
        if left and right:
            self._assert(left, "differsFrom", right, ev, "vs-heading", 0.7)
            self.comparisons.append(Comparison(left, right, (), ev, "vs-heading"))

    def _table(
        self, ctx: DocContext, section: Section, table: Table, requirements: bool, key_points: bool
    ) -> None:
        shape = table_shape(table)
        comparison = shape == "comparison" or (
            not shape
            and len(table.header) >= 3
            and heading_has("comparison", section.title)
            and all(len(c.text.split()) <= 6 for c in table.header[1:])
        )
        requirement_table = requirements or heading_has(
            "requirements", table.header[0].text if table.header else ""
        )
        definitions = (
            shape == "terms"
            and len(table.header) >= 2
            and heading_has("description_headers", table.header[1].text)
        )
        header_keys: list[str] = []
        if shape not in ("vs", "comparison"):
            for cell in table.header:
                found, _ = self._mentions(ctx, section, cell)
                header_keys += [m.key for m in found]
        for r, row in enumerate(table.rows):
            line = table.row_lines[r]
            ev = evidence(ctx.doc, section, line)
            row_mentions: list[list[Mention]] = []
            for c, cell in enumerate(row):
                unit = Unit(cell, line, table, r, c)
                mentions, doc = self._mentions(ctx, section, cell)
                row_mentions.append(mentions)
                self._record_mentions(ctx, section, unit, mentions)
                subject = None
                if c > 0 and not has_relation_cue(row[0].text, ctx.lang):
                    subject = _row_subject(row, row_mentions[0], shape)
                self._sentences(ctx, section, unit, mentions, doc, row_subject=subject)
            first = (
                add_label(self.reg, ctx, row[0].text)
                if row and shape in ("terms", "comparison")
                else None
            )
            if requirement_table and row:
                self._requirement_row(ctx, section, row, row_mentions, ev)
            if definitions and first and len(row) > 1 and row[1].text.strip():
                self.reg.add_definition(first, row[1].text.strip(), ev)
            if header_keys and not key_points:
                # "Escenario | ¿Por qué usar ML Runtime?": every row is a note about ML Runtime
                keys = tuple(dict.fromkeys(self.reg.find(k) for k in header_keys))
                text = " — ".join(c.text.strip() for c in row if c.text.strip())
                self.key_points.append(KeyPoint(text, keys, ev))
            if key_points:
                keys = tuple(dict.fromkeys(self.reg.find(m.key) for ms in row_mentions for m in ms))
                if first and self.reg.find(first) not in keys:
                    keys = (self.reg.find(first), *keys)
                if keys:
                    text = " — ".join(c.text.strip() for c in row if c.text.strip())
                    self.key_points.append(KeyPoint(text, keys, ev))
        if shape == "vs":
            self._vs_table(ctx, section, table)
        elif comparison:
            self._comparison_table(ctx, section, table)
        elif table.header and heading_has("alternatives_headers", table.header[0].text):
            self._row_comparisons(ctx, section, table)

    def _requirement_row(
        self,
        ctx: DocContext,
        section: Section,
        row: tuple[RichText, ...],
        row_mentions: list[list[Mention]],
        ev: Evidence,
    ) -> None:
        focus = self.focus(ctx, section)
        label = add_label(self.reg, ctx, row[0].text)
        objects = [m.key for m in row_mentions[0]] or ([label] if label else [])
        objects += [m.key for ms in row_mentions[1:] for m in ms if m.key.startswith("code:")]
        for s in focus:
            for o in dict.fromkeys(objects):
                self._assert(s, "requires", o, ev, "requirements-table", 0.7)

    def _vs_table(self, ctx: DocContext, section: Section, table: Table) -> None:
        for r, row in enumerate(table.rows):
            cells = [c.text.strip() for c in row]
            lowered = [c.lower() for c in cells]
            for v in range(1, len(cells) - 1):
                if lowered[v] not in ("vs", "vs.", "versus"):
                    continue
                left, right = (
                    add_label(self.reg, ctx, cells[v - 1]),
                    add_label(self.reg, ctx, cells[v + 1]),
                )
                if not left or not right:
                    continue
                line = table.row_lines[r]
                ev = evidence(ctx.doc, section, line)
                aspects = tuple(
                    Aspect(
                        table.header[c].text.strip() if c < len(table.header) else "",
                        cells[c],
                        cells[c],
                        line,
                    )
                    for c in range(len(cells))
                    if c not in (v - 1, v, v + 1) and cells[c]
                )
                self._assert(left, "differsFrom", right, ev, "vs-table", 0.9)
                self.comparisons.append(
                    Comparison(self.reg.find(left), self.reg.find(right), aspects, ev, "vs-table")
                )

    def _row_comparisons(self, ctx: DocContext, section: Section, table: Table) -> None:
        """A table with one row per thing and a column per aspect ("Método | Velocidad |
        Costo"): every two rows compare on those aspects. Small tables only: the pairs grow
        with the square of the rows."""
        names = [c.text.strip() for c in table.header[1:]]
        if len(names) < 2 or not all(names) or not 2 <= len(table.rows) <= _MAX_ROW_COMPARISON:
            return
        if any(len(row[0].text.split()) > _MAX_ROW_NAME for row in table.rows if row):
            return  # rows that are phrases, not names of things
        sides = [
            (add_label(self.reg, ctx, row[0].text), row, table.row_lines[r])
            for r, row in enumerate(table.rows)
            if row and row[0].text.strip()
        ]
        ev = evidence(ctx.doc, section, table.line_start)
        seen: set[frozenset[str]] = set()
        for i, (left, left_row, left_line) in enumerate(sides):
            for right, right_row, _ in sides[i + 1 :]:
                if not left or not right or self.reg.find(left) == self.reg.find(right):
                    continue
                pair = frozenset((self.reg.find(left), self.reg.find(right)))
                if pair in seen:
                    continue  # a thing on two rows: its first row speaks for it
                seen.add(pair)
                aspects = tuple(
                    Aspect(
                        name,
                        left_row[c].text.strip() if c < len(left_row) else "",
                        right_row[c].text.strip() if c < len(right_row) else "",
                        left_line,
                    )
                    for c, name in enumerate(names, start=1)
                )
                self._assert(left, "differsFrom", right, ev, "row-table", 0.6)
                self.comparisons.append(
                    Comparison(self.reg.find(left), self.reg.find(right), aspects, ev, "row-table")
                )

    def _comparison_table(self, ctx: DocContext, section: Section, table: Table) -> None:
        # under "AutoML vs Manual ML", a column "Manual" is the heading's "Manual ML"
        named = vs_sides(section.title) or []
        sides = [add_label(self.reg, ctx, _heading_side(c.text, named)) for c in table.header[1:]]
        ev = evidence(ctx.doc, section, table.line_start)
        for i in range(len(sides)):
            for j in range(i + 1, len(sides)):
                left, right = sides[i], sides[j]
                if not left or not right:
                    continue
                aspects = tuple(
                    Aspect(
                        row[0].text.strip(),
                        row[i + 1].text.strip() if i + 1 < len(row) else "",
                        row[j + 1].text.strip() if j + 1 < len(row) else "",
                        table.row_lines[r],
                    )
                    for r, row in enumerate(table.rows)
                    if row and row[0].text.strip()
                )
                self._assert(left, "differsFrom", right, ev, "comparison-table", 0.9)
                self.comparisons.append(
                    Comparison(
                        self.reg.find(left), self.reg.find(right), aspects, ev, "comparison-table"
                    )
                )

    # -- code -----------------------------------------------------------------------------
    def _code(self, ctx: DocContext, section: Section, block: Code) -> None:
        if not is_python(block.language):
            return
        facts = analyze_code(block.text)
        offset = _text_offset(ctx, block)
        place, topic = self._places(ctx, section)
        imported = {imp.alias or imp.name for imp in facts.imports if imp.name}
        for imp in facts.imports:
            if imp.name and imp.module:
                cls = self.reg.add_code(imp.name, ctx.resolver, None, register=False)
                if cls:
                    module_key = self.reg.add_module(imp.module)
                    ev = evidence(ctx.doc, section, offset + imp.line)
                    self._assert(cls, "partOf", module_key, ev, "code-import", 0.9)
        for call in facts.calls:
            owner = ctx.resolver.owner(call.qualifier)
            surface = f"{call.qualifier}.{call.name}" if call.qualifier else f"{call.name}()"
            key = self.reg.add_code(surface, ctx.resolver, None, register=False)
            if not key:
                continue
            key = self.reg.resolve_bare(key, place, topic)
            line = offset + call.line
            ev = evidence(ctx.doc, section, line)
            self.reg.add_mention(key, ev)
            if owner is not None and not call.name[:1].isupper():
                owner_key = f"code:{owner[0].lower()}"
                self._assert(key, "methodOf", owner_key, ev, "code-call", 0.95)
                self.reg.add_example(key, block.text, ev)
            elif not call.qualifier and call.name in imported and not call.name[:1].isupper():
                self.reg.add_example(key, block.text, ev)  # `from hyperopt import fmin`
            if call.assigned_to:
                target = self.reg.add_code(call.assigned_to, ctx.resolver, None, register=False)
                if target and not call.name[:1].isupper():
                    self._assert(key, "produces", target, ev, "code-assignment", 0.6)


def _all_code(block: Paragraph) -> bool:
    """A paragraph that is one inline code span (a signature), not prose."""
    text = block.text.text.strip()
    code = [sp for sp in block.text.spans if sp.kind == "code"]
    return len(code) == 1 and code[0].end - code[0].start >= len(text) - 2


def _bold_heading(block: Block) -> str | None:
    """The text of a paragraph that is bold from end to end (a heading in disguise)."""
    if not isinstance(block, Paragraph):
        return None
    text = block.text.text.strip()
    strong = [sp for sp in block.text.spans if sp.kind == "strong"]
    if len(strong) == 1 and strong[0].end - strong[0].start >= len(text) - 1 and "\n" not in text:
        return text
    return None


def _run(mentions: list[Mention], text: str, limit: int = 4) -> list[str]:
    """The first mention and those joined to it by "y", "and", commas or slashes."""
    out: list[str] = []
    prev: Mention | None = None
    for m in mentions:
        if prev is not None and text[prev.end : m.start].strip(" ,;").lower() not in _JOINERS:
            break
        out.append(m.key)
        prev = m
        if len(out) == limit:
            break
    return out


def _find(seq: list[str], sub: tuple[str, ...]) -> list[int]:
    if not sub:
        return []
    n = len(sub)
    return [i for i in range(len(seq) - n + 1) if tuple(seq[i : i + n]) == sub]


# "... must be set for CI/CD to work", "... para que el endpoint funcione": what the clause
# names is what the requirement serves, not what is required
def _in_purpose(text: str, mention: Mention) -> bool:
    return any(
        m.start() <= mention.start and mention.end <= m.end()
        for pattern in _purpose_clauses()
        for m in pattern.finditer(text)
    )


@lru_cache(maxsize=1)
def _purpose_clauses() -> tuple[re.Pattern[str], ...]:
    """The `purpose_clauses` cues as patterns: "*" stands for a few words of one clause."""
    out = []
    for cue in section_cues()["purpose_clauses"]:
        parts = [re.escape(p.strip()) for p in cue.split("*")]
        body = r"[^,.;:]{1,60}?".join(parts)
        out.append(re.compile(rf"\b{body}\w*", re.IGNORECASE))
    return tuple(out)


def _top_level_comma(text: str) -> int:
    """Index of the first comma outside parentheses ("To update (comments, aliases), ...")."""
    depth = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            return i
    return -1


def _purpose_end(text: str, cue_start: int) -> int:
    """End of a leading purpose clause ("To filter runs, you must ...") before the cue, or 0."""
    head = fold(text[:cue_start]).lstrip()
    label = re.match(r"^[^,:]{1,30}:\s*", head)  # "Nota de examen: Si ..."
    if label:
        head = head[label.end() :]
    comma = _top_level_comma(head)
    if comma < 0:
        return 0
    for opener in section_cues().get("purpose_openers", ()):
        if head.startswith(opener + " "):
            return len(text[:cue_start]) - len(head) + comma + 1
    return 0


def _row_subject(row: tuple[RichText, ...], first: list[Mention], shape: str) -> str | None:
    """What a table row is about: the first concept of its first cell — unless that cell is
    a label spanning the whole cell outside a term table (a feature name, not a concept),
    or states something itself ("Requiere X")."""
    if not first:
        return None
    cell = row[0].text.strip()
    whole = first[0].start <= 2 and first[0].end >= len(cell) - 2
    if whole and shape != "terms" and not first[0].key.startswith("code:"):
        return None
    return first[0].key


def _needs_to_do(sent: SpacySpan, after: int, lang: str) -> bool:
    """True when a need is followed by an action rather than a thing: "necesita evaluar",
    "needs to evaluate" — unless the verb is one of having or using ("necesitas tener")."""
    tokens = list(sent[after : after + 2])
    if not tokens:
        return False
    allowed = section_cues()["requirement_infinitives"]
    first = tokens[0]
    if lang == "en":
        return (
            first.lower_ == "to"
            and len(tokens) > 1
            and tokens[1].is_alpha
            and tokens[1].lower_ not in allowed
        )
    return is_infinitive(first.lower_, lang) and first.lower_ not in allowed


def _heading_side(header: str, sides: list[str]) -> str:
    """A comparison column's header, or the heading side that names it in full."""
    words = set(fold(clean_label(header)).split())
    for side in sides:
        if words and words < set(fold(clean_label(side)).split()):
            return side
    return header


def _lead_subject(section: Section) -> str | None:
    """What a section's first paragraphs may describe: its own heading when that is a short
    name, or the heading above an "Overview" heading."""
    if heading_has("overview", section.title) and len(section.heading_path) >= 2:
        title = section.heading_path[-2]
    else:
        title = section.title
    title = clean_label(title)
    if not title or question_subject(title) or len(title.split()) > 5:
        return None
    return title


def _first_sentences(text: str, limit: int = _MAX_DEFINITION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 40 else text[:limit].rstrip() + "…"


def _text_offset(ctx: DocContext, block: Code) -> int:
    """Line of the code's first text line, minus one: fenced code and `In [N]:` cells start
    one line below their first line; notebook cells and rst literal blocks do not."""
    first = (
        ctx.doc.lines[block.line_start - 1].strip()
        if block.line_start <= len(ctx.doc.lines)
        else ""
    )
    fenced = first.startswith(("```", "~~~")) or first.startswith("In [") or first.startswith("In[")
    return block.line_start if fenced else block.line_start - 1
