"""Question → (language, intent, concepts) → SPARQL templates → rows → `Answer`.

The engine holds an open, read-only graph session, the concept index and the section list;
build it once per process (`QAEngine.open`) and ask many questions.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.extract.language import detect_language
from kg.extract.lexicon import fold
from kg.graph.store import GraphSession, open_store
from kg.qa.intents import asks_for_output, classify, cue_words, ignored_words
from kg.qa.linking import ConceptIndex, _mapped, word_senses
from kg.qa.model import Answer, AnswerItem, EvidenceRef, LinkedConcept
from kg.qa.phrases import say
from kg.qa.templates import TEMPLATES

__all__ = ["QAEngine"]

_MAX_ITEMS = 15
_MAX_EXAMPLE_LINES = 14
_MAX_SECTIONS = 5
_MIN_OVERLAP = 2  # words a question shares with a section title to be about it ...
_MIN_TITLE_SHARE = 0.5  # ... or this share of a short title's words
_WIDER = 0.55  # a name that holds every word of a phrase of the question
_WORD = re.compile(r"[^\W\d_]+|[A-Za-z_][\w.]*")


@dataclass(frozen=True)
class _Section:
    iri: str
    title: str
    source: str
    start: int
    end: int
    words: frozenset[str]


@dataclass
class _Result:
    found: bool
    text: str
    items: list[AnswerItem]
    sparql: list[str]


def _focused_example(examples: list[str], label: str) -> str:
    """The most focused of a concept's code examples: the shortest that calls it by name (a
    ten-line snippet about writing a table beats a pipeline that writes one at line 40)."""
    name = label.rpartition(".")[2].split("(")[0]
    calling = [e for e in examples if name and name in e] or examples
    return min(calling, key=lambda e: (len(e.strip().splitlines()), e), default="")


def _value(row: dict[str, Any], name: str, default: str = "") -> str:
    term = row.get(name)
    return str(term.value) if term is not None else default


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class QAEngine:
    """Answers questions from one graph; see the module docstring."""

    def __init__(self, session: GraphSession) -> None:
        self.session = session
        self._concepts: list[LinkedConcept] | None = None
        self._titles: dict[str, list[frozenset[str]]] = {}
        self._last_ranking: tuple[tuple[str, str], list[tuple[int, float, _Section]]] | None = None
        rows = session.query(TEMPLATES["labels"].query).rows
        self.index = ConceptIndex(
            [
                (_value(r, "c"), _value(r, "label"), _value(r, "kind"), _value(r, "pref"))
                for r in rows
            ]
        )
        self.sections = [
            _Section(
                _value(r, "s"),
                _value(r, "title"),
                _value(r, "source"),
                int(_value(r, "start", "0")),
                int(_value(r, "end", "0")),
                frozenset(_words(_value(r, "title"))),
            )
            for r in session.query(TEMPLATES["sections"].query).rows
        ]

    @classmethod
    @contextlib.contextmanager
    def open(cls, store: Path | str) -> Iterator[QAEngine]:
        """An engine over the live graph of `store`, kept open while the block runs."""
        with open_store(store).session() as session:
            yield cls(session)

    @classmethod
    def load(cls, store: Path | str) -> QAEngine:
        """An engine whose graph stays open as long as the engine lives (the app)."""
        return cls(open_store(store).open_session())

    def concept(self, iri: str) -> LinkedConcept:
        return LinkedConcept(iri, self.index.label(iri), self.index.entries[iri].kind)

    def concepts(self) -> list[LinkedConcept]:
        """Every concept, by label (sorted once per engine, not per app rerun)."""
        if self._concepts is None:
            self._concepts = sorted(
                (LinkedConcept(e.iri, e.label, e.kind) for e in self.index.entries.values()),
                key=lambda c: (c.label.lower(), c.iri),
            )
        return self._concepts

    def compare(self, a: str, b: str, lang: str = "en") -> Answer:
        """The difference between two concepts (by IRI), as `ask` would answer it."""
        linked = [self.concept(a), self.concept(b)]
        return self._answer("", lang, "difference", linked, self._difference("", linked, lang))

    def learning_path(self, iri: str, lang: str = "en") -> Answer:
        """The prerequisites of a concept (by IRI), transitively, in study order."""
        linked = [self.concept(iri)]
        return self._answer(
            "", lang, "learning_path", linked, self._learning_path("", linked, lang)
        )

    def _answer(
        self, question: str, lang: str, intent: str, linked: list[LinkedConcept], result: _Result
    ) -> Answer:
        return Answer(
            question=question,
            language=lang,
            intent=intent,
            found=result.found,
            answer=result.text.strip(),
            concepts=tuple(linked[:5]),
            items=tuple(result.items[:_MAX_ITEMS]),
            sparql="\n\n".join(result.sparql),
        )

    # -- queries ------------------------------------------------------------------------
    def _run(self, name: str, out: list[str], **bound: str) -> list[dict[str, Any]]:
        template = TEMPLATES[name]
        if template.query not in out:
            out.append(template.query)
        bindings = {k: ox.NamedNode(v) for k, v in bound.items()}
        return list(self.session.query(template.query, bindings).rows)

    # -- entry point --------------------------------------------------------------------
    def ask(self, question: str) -> Answer:
        """Answer one question from the graph; never raises on odd text."""
        question = " ".join(question.split())
        lang = detect_language(question)
        intent = classify(question)
        linked = self.index.link(question, lang) if question else []
        if not linked:  # "how do I remove outliers?", "what is one-hot encoding?": a section
            covered = self._covered_in(question, lang, [], every_word=intent != "how_to")
            if covered.found:
                return self._answer(question, lang, intent, linked, covered)
        if not linked:
            return self._not_found(question, lang, intent)
        handler: dict[str, Callable[[str, list[LinkedConcept], str], _Result]] = {
            "prerequisites": self._prerequisites,
            "dependents": self._dependents,
            "learning_path": self._learning_path,
            "difference": self._difference,
            "definition": self._definition,
            "how_to": self._how_to,
            "components": self._components,
            "usage": self._usage,
            "unknown": self._definition,
        }
        result = handler[intent](question, linked, lang)
        if not result.found and intent not in ("definition", "unknown"):
            fallback = self._about(linked[0], lang)
            if fallback.found:
                fallback.sparql = result.sparql + fallback.sparql
                result = fallback
        if not result.found:
            return self._not_found(question, lang, intent, linked, result.sparql)
        return self._answer(question, lang, intent, linked, result)

    def _not_found(
        self,
        question: str,
        lang: str,
        intent: str,
        linked: list[LinkedConcept] | None = None,
        sparql: list[str] | None = None,
    ) -> Answer:
        looked_for = ", ".join(f"“{c.label}”" for c in linked or []) or _looked_for(question)
        suggestions = self.index.suggest(question)
        text = say(lang, "not_found", q=looked_for)
        if suggestions:
            text += " " + say(lang, "suggest", s=", ".join(suggestions))
        return Answer(
            question=question,
            language=lang,
            intent=intent,
            found=False,
            answer=text,
            concepts=tuple(linked or ()),
            sparql="\n\n".join(sparql or [TEMPLATES["labels"].query]),
            suggestions=tuple(suggestions),
        )

    # -- relation lists -------------------------------------------------------------------
    def _relation_list(
        self, linked: list[LinkedConcept], lang: str, template: str, relation: str, phrase: str
    ) -> _Result:
        sparql: list[str] = []
        for concept in [*linked[:4], *self._wider_names(linked)]:
            rows = self._run(template, sparql, c=concept.iri)
            if not rows:
                continue
            items = _group_items(rows, relation)
            lines = [say(lang, phrase, x=concept.label)]
            for item in items:
                lines.append(f"- **{item.label}**")
                for ev in item.evidence[:3]:
                    lines.append(f"  - “{_quote(ev.text)}” ({ev.source}:{ev.line})")
            return _Result(True, "\n".join(lines), items, sparql)
        return _Result(False, "", [], sparql)

    def _wider_names(self, linked: list[LinkedConcept]) -> list[LinkedConcept]:
        """Names that hold the first linked name and at most two more words ("Alias en
        modelos" for "aliases"), shortest first: tried when the name itself has no answer."""
        if not linked:
            return []
        first = linked[0]
        size = len(_words(first.label))
        wider = [
            iri for iri in self.index.wider(first.iri)
            if iri not in {c.iri for c in linked}
            and len(_words(self.index.label(iri))) <= size + 2
        ]  # fmt: skip
        wider.sort(key=lambda iri: (len(self.index.label(iri)), self.index.label(iri)))
        return [LinkedConcept(iri, self.index.label(iri), score=first.score) for iri in wider[:3]]

    def _prerequisites(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        return self._relation_list(linked, lang, "requires", "requires", "requires")

    def _dependents(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        return self._relation_list(linked, lang, "required_by", "requiredBy", "required_by")

    def _learning_path(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        for concept in [*linked[:3], *self._wider_names(linked)]:
            rows = self._run("requires_closure", sparql, c=concept.iri)
            if not rows:
                continue
            graph: nx.DiGraph = nx.DiGraph()
            labels = {concept.iri: concept.label}
            evidence: dict[str, EvidenceRef] = {}
            for r in rows:
                s, o = _value(r, "s"), _value(r, "o")
                labels[s], labels[o] = _value(r, "sLabel"), _value(r, "oLabel")
                graph.add_edge(o, s)  # prerequisite first
                evidence.setdefault(
                    o,
                    EvidenceRef(_value(r, "source"), int(_value(r, "line")), _value(r, "evidence")),
                )
            for node in list(graph.nodes):
                for p in self._run("produced_by", sparql, c=node)[:1]:
                    producer = _value(p, "o")
                    if producer not in graph:
                        labels[producer] = _value(p, "label")
                        graph.add_edge(producer, node)
                        evidence[producer] = EvidenceRef(
                            _value(p, "source"), int(_value(p, "line")), _value(p, "evidence")
                        )
            graph.remove_edges_from(list(nx.selfloop_edges(graph)))
            order = _prerequisites_first(graph, concept.iri)
            lines = [say(lang, "learning_path", x=concept.label)]
            items = []
            for n, node in enumerate(order, start=1):
                ev = evidence.get(node)
                where = f" ({ev.source}:{ev.line})" if ev else ""
                lines.append(f"{n}. **{labels[node]}**{where}")
                items.append(AnswerItem(labels[node], node, "prerequisite", (ev,) if ev else ()))
            return _Result(True, "\n".join(lines), items, sparql)
        return _Result(False, "", [], sparql)

    # -- difference ---------------------------------------------------------------------
    def _difference(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        wanted = [c.iri for c in linked[:4]]
        best: list[dict[str, Any]] = []
        for concept in linked[:4]:
            rows = self._run("comparisons", sparql, c=concept.iri)
            pair = [
                r for r in rows
                if {_value(r, "left"), _value(r, "right")} <= set(wanted)
            ]  # fmt: skip
            if pair:
                best = pair
                break
            if rows and not best:
                best = rows
        if not best and len(linked) >= 2:
            best = self._wider_pair(linked[0], linked[1], sparql)
        if best:
            return self._render_comparisons(best, lang, sparql)
        return self._side_by_side(linked[:2], lang, sparql)

    def _wider_pair(
        self, a: LinkedConcept, b: LinkedConcept, sparql: list[str]
    ) -> list[dict[str, Any]]:
        """A comparison between names that hold the two asked names ("Unity Catalog" in
        "Unity Catalog Registry"), when the notes compare no closer pair."""
        left, right = self.index.wider(a.iri), self.index.wider(b.iri)
        for iri in sorted(left, key=lambda i: (len(self.index.label(i)), i)):
            rows = self._run("comparisons", sparql, c=iri)
            pair = [r for r in rows if {_value(r, "left"), _value(r, "right")} & right]
            if pair:
                return pair
        return []

    def _render_comparisons(
        self, rows: list[dict[str, Any]], lang: str, sparql: list[str]
    ) -> _Result:
        by_cmp: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by_cmp.setdefault(_value(r, "cmp"), []).append(r)
        lines: list[str] = []
        items: list[AnswerItem] = []
        groups = list(by_cmp.values())
        # a heading "A vs B" over a table of aspects: the table says it all
        detailed = [g for g in groups if any("aspect" in r for r in g)]
        for cmp_rows in (detailed or groups)[:3]:
            first = cmp_rows[0]
            a, b = _value(first, "leftLabel"), _value(first, "rightLabel")
            ev = EvidenceRef(
                _value(first, "source"), int(_value(first, "line")), _value(first, "evidence")
            )
            lines.append(say(lang, "difference", a=a, b=b))
            if detailed:
                lines.append(
                    f"\n| {say(lang, 'aspect')} | {a} | {b} | {say(lang, 'line')} |"
                    "\n|---|---|---|---|"
                )
            # a note shared by both sides (an "A | vs | B | Diferencia clave" row) is shown once;
            # in a table of aspects, equal values are an answer too ("0 a 1" for both)
            shared = all(
                _value(r, "leftValue") == _value(r, "rightValue") for r in cmp_rows if "aspect" in r
            )
            for r in cmp_rows:
                if "aspect" not in r:
                    continue
                left, right = _cell(_value(r, "leftValue")), _cell(_value(r, "rightValue"))
                right = "" if shared and right == left else right
                row_line = _value(r, "aspectLine")
                lines.append(f"| {_cell(_value(r, 'aspect'))} | {left} | {right} | {row_line} |")
            lines.append(f"\n({say(lang, 'source')}: {ev.source}:{ev.line})\n")
            for side in ("left", "right"):
                items.append(
                    AnswerItem(
                        _value(first, side + "Label"), _value(first, side), "differsFrom", (ev,)
                    )
                )
        return _Result(True, "\n".join(lines), _dedupe(items), sparql)

    def _side_by_side(self, concepts: list[LinkedConcept], lang: str, sparql: list[str]) -> _Result:
        if len(concepts) < 2:
            return _Result(False, "", [], sparql)
        a, b = concepts
        facts = [self._facts(c, sparql) for c in (a, b)]
        if not any(facts[0].values()) and not any(facts[1].values()):
            return _Result(False, "", [], sparql)
        lines = [say(lang, "side_by_side", a=a.label, b=b.label)]
        lines.append(f"\n| | {a.label} | {b.label} |\n|---|---|---|")
        for key, row_name in (
            ("definition", "definition_row"),
            ("requires", "requires_row"),
            ("notes", "notes_row"),
        ):
            lines.append(
                f"| {say(lang, row_name)} | {_cell('; '.join(facts[0][key][:3]))} "
                f"| {_cell('; '.join(facts[1][key][:3]))} |"
            )
        items = [AnswerItem(c.label, c.iri, "differsFrom") for c in (a, b)]
        return _Result(True, "\n".join(lines), items, sparql)

    def _facts(self, concept: LinkedConcept, sparql: list[str]) -> dict[str, list[str]]:
        definitions = [
            _value(r, "definition") for r in self._run("definition", sparql, c=concept.iri)
        ]
        notes = [_value(r, "text") for r in self._run("key_points", sparql, c=concept.iri)]
        produced = [_value(r, "label") for r in self._run("parts", sparql, c=concept.iri)]
        needs = [_value(r, "label") for r in self._run("requires", sparql, c=concept.iri)]
        return {"definition": definitions, "requires": needs, "notes": notes + produced}

    # -- definition, components, usage -----------------------------------------------------
    def _definition(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        for concept in linked[:3]:
            definitions = [
                _value(r, "definition") for r in self._run("definition", sparql, c=concept.iri)
            ]
            notes = self._run("key_points", sparql, c=concept.iri)
            parts = self._run("parts", sparql, c=concept.iri)
            if not definitions and not notes and not parts:
                continue
            lines = [say(lang, "definition", x=concept.label)]
            # definitions in the question's language first (notes mix languages)
            ordered = sorted(dict.fromkeys(definitions), key=lambda d: detect_language(d) != lang)
            lines += [f"{_quote(d, 400)}" for d in ordered][:2]
            items = []
            for r in notes[:4]:
                ev = EvidenceRef(_value(r, "source"), int(_value(r, "line")), _value(r, "text"))
                lines.append(f"- {_quote(ev.text, 200)} ({ev.source}:{ev.line})")
                items.append(AnswerItem(concept.label, concept.iri, "keyPoint", (ev,)))
            part_items = _group_items(parts, "")
            if part_items:
                lines.append("- " + ", ".join(i.label for i in part_items[:8]))
            items = [AnswerItem(concept.label, concept.iri, "definition"), *items, *part_items]
            return _Result(True, "\n".join(lines), _dedupe(items), sparql)
        return self._sections_of(linked, lang, sparql)

    def _sections_of(self, linked: list[LinkedConcept], lang: str, sparql: list[str]) -> _Result:
        """For a concept the notes name but never define: the sections titled by it, then the
        sections that mention it. Not for a fuzzy (typo) match: that may be another thing."""
        if not linked or linked[0].score < _WIDER:
            return _Result(False, "", [], sparql)
        concept = linked[0]
        words = set(_words(concept.label))
        titled = sorted(
            (s.source, s.start, s.title) for s in self.sections if words and words <= s.words
        )
        mentioning = [
            (_value(r, "source"), int(_value(r, "start")), _value(r, "title"))
            for r in self._run("mentioned_in", sparql, c=concept.iri)
        ]
        places = list(dict.fromkeys(titled + mentioning))[:_MAX_SECTIONS]
        if not places:
            return _Result(False, "", [], sparql)
        lines = [say(lang, "mentioned_in", x=concept.label)]
        items = []
        for source, start, title in places:
            lines.append(f"- {title} ({source}:{start})")
            ev = EvidenceRef(source, start, title)
            items.append(AnswerItem(concept.label, concept.iri, "mentionedIn", (ev,)))
        return _Result(True, "\n".join(lines), items, sparql)

    def _components(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        for concept in linked[:3]:
            targets = [concept]
            rows = self._run("parts", sparql, c=concept.iri)
            if not rows:
                for owner in self._run("owner", sparql, c=concept.iri)[:1]:
                    targets.append(LinkedConcept(_value(owner, "o"), _value(owner, "label")))
                    rows = self._run("parts", sparql, c=_value(owner, "o"))
            if not rows:
                continue
            order = ("produces", "partOf", "methodOf")
            if not asks_for_output(q):  # "which algorithms": parts before outputs
                order = ("partOf", "methodOf", "produces")
            rank = {relation: n for n, relation in enumerate(order)}
            items = sorted(_group_items(rows, ""), key=lambda i: rank.get(i.relation, 3))
            lines = [say(lang, "parts", x=targets[-1].label)]
            for r in self._run("definition", sparql, c=targets[-1].iri)[:1]:
                lines.append(_quote(_value(r, "definition"), 300))
            for item in items[:_MAX_ITEMS]:
                ev = item.evidence[0]
                lines.append(f"- **{item.label}** ({item.relation}) — {ev.source}:{ev.line}")
            return _Result(True, "\n".join(lines), items, sparql)
        return _Result(False, "", [], sparql)

    def _usage(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        for concept in linked[:3]:
            uses = self._run("uses", sparql, c=concept.iri)
            notes = self._run("key_points", sparql, c=concept.iri)
            comparisons = self._run("comparisons", sparql, c=concept.iri)
            if not (uses or notes or comparisons):
                continue
            lines = [say(lang, "usage", x=concept.label)]
            items = _group_items(uses, "usedFor")
            for item in items:
                lines.append(
                    f"- **{item.label}** ({item.evidence[0].source}:{item.evidence[0].line})"
                )
            for r in notes[:8]:
                ev = EvidenceRef(_value(r, "source"), int(_value(r, "line")), _value(r, "text"))
                lines.append(f"- {_quote(ev.text, 220)} ({ev.source}:{ev.line})")
                items.append(AnswerItem(concept.label, concept.iri, "keyPoint", (ev,)))
            for r in comparisons:
                if "aspect" not in r:
                    continue
                side = "leftValue" if _value(r, "left") == concept.iri else "rightValue"
                lines.append(f"- {_value(r, 'aspect')}: {_cell(_value(r, side))}")
            return _Result(True, "\n".join(lines), _dedupe(items), sparql)
        return _Result(False, "", [], sparql)

    def _about(self, concept: LinkedConcept, lang: str) -> _Result:
        result = self._definition("", [concept], lang)
        if result.found and result.items[0].relation != "mentionedIn":
            result.text = say(lang, "about", x=concept.label) + "\n" + result.text
        return result

    # -- how to -------------------------------------------------------------------------
    def _how_to(self, q: str, linked: list[LinkedConcept], lang: str) -> _Result:
        sparql: list[str] = []
        named = [c for c in linked if c.kind == "api"]
        apis: list[LinkedConcept] = []
        examples: dict[str, str] = {}
        chosen: _Section | None = None
        # the best-matching section that shows code answers, when it shows a call the question
        # names (or the question names none): "How do I register a model in Unity Catalog?"
        for section in self._top_sections(q, lang):
            found, found_examples = self._section_apis(section, sparql)
            if found and (not named or {a.iri for a in found} & {a.iri for a in named}):
                chosen, apis, examples = section, found, found_examples
                break
        if chosen is None:
            apis = named
        if not apis:
            return self._covered_in(q, lang, sparql)
        # calls the question names first, then calls with an example in the notes, then
        # qualified names, then the rest
        asked = {n.iri for n in named}
        apis.sort(key=lambda a: (a.iri not in asked, a.iri not in examples, "." not in a.label))
        lines = [say(lang, "how_to")]
        match = self._section_match(q, lang)
        strong = match[2] if match and match[0] >= _MIN_OVERLAP else None
        where = chosen or strong or self._section_about(q, lang, apis[0], sparql)
        if where is not None:
            lines[0] += f" ({where.title} — {where.source}:{where.start})"
        items = []
        for api in apis[:6]:
            lines.append(f"- `{api.label}`")
            items.append(AnswerItem(api.label, api.iri, "howTo"))
        first = apis[0]
        example = examples.get(first.iri) or _focused_example(
            [_value(r, "example") for r in self._run("examples", sparql, c=first.iri)],
            first.label,
        )
        if example:
            shown = "\n".join(example.strip("\n").split("\n")[:_MAX_EXAMPLE_LINES])
            lines.append(f"\n{say(lang, 'example')}:\n```python\n{shown}\n```")
        return _Result(True, "\n".join(lines), items, sparql)

    def _covered_in(
        self, q: str, lang: str, sparql: list[str], *, every_word: bool = False
    ) -> _Result:
        """A question the notes answer in prose: the statements of the section whose title
        matches the question best, when it matches well (two words, or most of the title;
        with `every_word`, every content word of the question)."""
        match = self._section_match(q, lang)
        if match is None or (match[0] < _MIN_OVERLAP and match[1] < _MIN_TITLE_SHARE):
            return _Result(False, "", [], sparql)
        if every_word and not 0 < len(self._question_words(q, lang)) <= match[0]:
            return _Result(False, "", [], sparql)
        section = match[2]
        rows = self._run("section_statements", sparql, s=section.iri)
        lines = [
            say(lang, "covered_in", x=section.title, where=f"{section.source}:{section.start}")
        ]
        items = []
        if not rows:  # prose the graph does not hold as statements: the section and its parts
            for s in self._inside(section)[:_MAX_SECTIONS]:
                ev = EvidenceRef(s.source, s.start, s.title)
                if s is not section:
                    lines.append(f"- {s.title} ({s.start})")
                items.append(AnswerItem(s.title, s.iri, "coveredIn", (ev,)))
            return _Result(True, "\n".join(lines), items, sparql)
        for r in rows[:_MAX_ITEMS]:
            ev = EvidenceRef(_value(r, "source"), int(_value(r, "line")), _value(r, "text"))
            lines.append(f"- {_quote(ev.text, 220)} ({ev.line})")
            items.append(AnswerItem(section.title, section.iri, "coveredIn", (ev,)))
        return _Result(True, "\n".join(lines), _dedupe(items), sparql)

    def _inside(self, section: _Section) -> list[_Section]:
        """A section and its subsections, in document order."""
        inside = [
            s for s in self.sections
            if s.source == section.source and section.start <= s.start <= section.end
        ]  # fmt: skip
        return sorted(inside, key=lambda s: s.start)

    def _section_apis(
        self, section: _Section, sparql: list[str]
    ) -> tuple[list[LinkedConcept], dict[str, str]]:
        """The API concepts a section and its subsections mention, with an example each."""
        apis: list[LinkedConcept] = []
        found: dict[str, list[str]] = {}
        for s in self._inside(section):
            for r in self._run("section_apis", sparql, s=s.iri):
                c = LinkedConcept(_value(r, "c"), _value(r, "label"), "api")
                if c.iri not in {a.iri for a in apis}:
                    apis.append(c)
                if "example" in r:
                    found.setdefault(c.iri, []).append(_value(r, "example"))
        labels = {a.iri: a.label for a in apis}
        examples = {iri: _focused_example(codes, labels[iri]) for iri, codes in found.items()}
        return apis, examples

    def _section_about(
        self, q: str, lang: str, concept: LinkedConcept, sparql: list[str]
    ) -> _Section | None:
        """Of the sections that mention a concept, the one whose title matches the question
        best (a how-to names where the notes show the call, not any section with a shared
        word)."""
        mentioning = {_value(r, "s") for r in self._run("mentioned_in", sparql, c=concept.iri)}
        name = concept.label.rpartition(".")[2]
        ranked = [
            s for _, _, s in self._ranked_sections(q, lang)
            if s.iri in mentioning or name in s.words
        ]  # fmt: skip
        return ranked[0] if ranked else None

    def _best_section(self, question: str, lang: str) -> _Section | None:
        match = self._section_match(question, lang)
        return match[2] if match else None

    def _section_match(self, question: str, lang: str) -> tuple[int, float, _Section] | None:
        """The section whose title shares most words with the question: (shared words,
        share of the title, section)."""
        ranked = self._ranked_sections(question, lang)
        return ranked[0] if ranked else None

    def _top_sections(self, question: str, lang: str) -> list[_Section]:
        """The sections sharing the most words with the question (ties kept, best first)."""
        ranked = self._ranked_sections(question, lang)
        return [s for overlap, _, s in ranked if overlap == ranked[0][0]][:_MAX_SECTIONS]

    def _question_words(self, question: str, lang: str) -> set[str]:
        """The content words of a question, one sense each ("¿Qué es X?" → X's words)."""
        skip = ignored_words() | cue_words()
        return {_mapped(w, lang) for w in _words(question) if fold(w) not in skip}

    def _ranked_sections(self, question: str, lang: str) -> list[tuple[int, float, _Section]]:
        """Sections by how well their titles match the question (one answer asks up to four
        times: the last ranking is kept)."""
        last = self._last_ranking  # one read: the app shares an engine between sessions
        if last and last[0] == (question, lang):
            return last[1]
        ignore = ignored_words()
        # each question word counts once, whichever of its senses a title holds ("registro":
        # registry and register)
        senses = {
            frozenset(word_senses(w, lang)) - ignore
            for w in _words(question)
            if fold(w) not in ignore
        } - {frozenset()}
        ranked: list[tuple[int, float, _Section]] = []
        for s, mapped in zip(self.sections, self._title_words(lang), strict=True):
            overlap = sum(1 for readings in senses if readings & mapped)
            if overlap:
                ranked.append((overlap, overlap / len(mapped), s))
        # best first; ties in document order, whatever order the store returned
        ranked.sort(key=lambda r: (-r[0], -r[1], r[2].source, r[2].start, r[2].iri))
        self._last_ranking = ((question, lang), ranked)
        return ranked

    def _title_words(self, lang: str) -> list[frozenset[str]]:
        """Each section title's words as questions are matched, mapped once per language."""
        if lang not in self._titles:
            ignore = ignored_words()
            self._titles[lang] = [
                frozenset(_mapped(w, lang) for w in s.words) - ignore for s in self.sections
            ]
        return self._titles[lang]


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if len(w) > 1]


def _looked_for(question: str) -> str:
    ignore = ignored_words() | cue_words()
    words = [w for w in _WORD.findall(question) if fold(w) not in ignore]
    return "“" + " ".join(words) + "”" if words else "“" + question + "”"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def _group_items(rows: list[dict[str, Any]], relation: str) -> list[AnswerItem]:
    """One item per object, with every piece of evidence for it."""
    grouped: dict[str, tuple[str, str, list[EvidenceRef]]] = {}
    for r in rows:
        iri = _value(r, "o")
        rel = relation or _value(r, "relation")
        ev = EvidenceRef(_value(r, "source"), int(_value(r, "line", "0")), _value(r, "evidence"))
        entry = grouped.setdefault(iri, (_value(r, "label"), rel, []))
        if ev not in entry[2]:
            entry[2].append(ev)
    return [AnswerItem(label, iri, rel, tuple(evs)) for iri, (label, rel, evs) in grouped.items()]


def _dedupe(items: list[AnswerItem]) -> list[AnswerItem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        key = (item.iri, item.relation)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _prerequisites_first(graph: nx.DiGraph, target: str) -> list[str]:
    """Nodes that lead to `target`, prerequisites first (cycles broken by the graph order)."""
    relevant = nx.ancestors(graph, target) if target in graph else set(graph.nodes)
    sub = graph.subgraph(relevant).copy()
    while not nx.is_directed_acyclic_graph(sub):
        cycle = nx.find_cycle(sub)
        sub.remove_edge(*cycle[0][:2])
    return list(nx.lexicographical_topological_sort(sub))
