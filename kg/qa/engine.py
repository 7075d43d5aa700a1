"""Question → (language, intent, concepts) → answer handler → `Answer`.

The engine holds an open, read-only graph session, the concept index and the section ranker;
build it once per process (`QAEngine.open`) and ask many questions. Each question gets its own
`AskContext`; the handlers in `kg.qa.answers` write the answer, and `Answer.sparql` shows the
queries that ran for it, values filled in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from kg.extract.language import detect_language
from kg.extract.lexicon import fold
from kg.graph.fulltext import StatementIndex
from kg.graph.store import GraphSession, open_store
from kg.lang import PIVOT
from kg.qa.answers import answer, handler_for
from kg.qa.context import AskContext, QueryLog, Result
from kg.qa.intents import classify, skip_words
from kg.qa.model import Answer, LinkedConcept
from kg.qa.phrases import say
from kg.qa.ranking import SectionRanker
from kg.qa.render import files_named, short_names
from kg.qa.retrieval import Retriever
from kg.qa.tables import TABLES_FILE, query_tables, read_tables
from kg.qa.templates import TEMPLATES
from kg.qa.words import tokens

__all__ = ["QAEngine"]

_MAX_ITEMS = 15
MAX_QUESTION = 500  # characters of a question that are read
_MAX_CONCEPTS = 5
_MAX_LOOKED_FOR = 4  # words of a question that names nothing, quoted as what was looked for


class QAEngine:
    """Answers questions from one graph; see the module docstring."""

    def __init__(self, session: GraphSession) -> None:
        self.session = session
        generation = Path(session.generation)
        saved = read_tables(generation)
        tables = saved or query_tables(session)
        # made with other language files: read from the graph again on every open (the same
        # answers, a slower open) until the next build, which `kg ask` says
        self.tables_outdated = saved is None and (generation / TABLES_FILE).is_file()
        self.index = tables.concepts
        self.sections = SectionRanker(tables.sections)
        # an answer's text cites each file by the shortest ending of its path no other
        # document shares (its items keep the whole path)
        self.file_names = short_names(s.source for s in tables.sections)
        index = StatementIndex.in_generation(generation)
        self.statements = Retriever(session, index) if index is not None else None
        # built by a kg whose statement index had another layout: typed facts only until the
        # next build, which interfaces say
        self.index_outdated = index is None and StatementIndex.exists(generation)

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

    def context(
        self, question: str, lang: str, intent: str, linked: tuple[LinkedConcept, ...]
    ) -> AskContext:
        """A fresh context (and query log) for one question about `linked`."""
        return AskContext(
            self.session, self.index, self.sections, question, lang, intent, linked,
            statements=self.statements,
        )  # fmt: skip

    def ask(self, question: str) -> Answer:
        """Answer one question from the graph; never raises on odd text. A question is read
        up to its first `MAX_QUESTION` characters (`Answer.question` shows what was read), so
        any text costs bounded time."""
        question = " ".join(question[: MAX_QUESTION * 2].split())[:MAX_QUESTION]
        lang = detect_language(question)
        linked = tuple(self.index.link(question, lang)) if question else ()
        ctx = self.context(question, lang, classify(question), linked)
        with files_named(self.file_names):
            result = answer(ctx)
        return self._answer(ctx, result) if result.found else self._not_found(ctx)

    def compare(self, a: str, b: str, lang: str = PIVOT) -> Answer:
        """The difference between two concepts (by IRI), as `ask` would answer it."""
        return self._by_handler("difference", lang, self.concept(a), self.concept(b))

    def learning_path(self, iri: str, lang: str = PIVOT) -> Answer:
        """The prerequisites of a concept (by IRI), transitively, in study order."""
        return self._by_handler("learning_path", lang, self.concept(iri))

    def _by_handler(self, intent: str, lang: str, *concepts: LinkedConcept) -> Answer:
        ctx = self.context("", lang, intent, concepts)
        with files_named(self.file_names):
            return self._answer(ctx, handler_for(intent)(ctx))

    def _answer(self, ctx: AskContext, result: Result) -> Answer:
        return Answer(
            question=ctx.question,
            language=ctx.lang,
            intent=ctx.intent,
            found=result.found,
            answer=result.text.strip(),
            concepts=ctx.linked[:_MAX_CONCEPTS],
            items=result.items[:_MAX_ITEMS],
            sparql=_shown(ctx.log),
        )

    def _not_found(self, ctx: AskContext) -> Answer:
        # what the notes lack: the names they never write; else the concepts asked about
        # are in them but nothing said of them answers ("Your notes mention …, but …")
        missing = [_as_written(m, ctx.question) for m in ctx.missing_names]
        named = missing or [c.label for c in ctx.linked]
        looked_for = ", ".join(f"“{name}”" for name in named) or _looked_for(ctx.question)
        phrase = "not_answered" if named and not missing else "not_found"
        if not looked_for:  # a long question naming nothing: its words are no summary
            phrase = "nothing_answers"
        # close concepts other than those the answer names
        suggestions = [s for s in self.index.suggest(ctx.question) if s not in named]
        text = say(ctx.lang, phrase, q=looked_for)
        if suggestions:
            text += " " + say(ctx.lang, "suggest", s=", ".join(suggestions))
        return Answer(
            question=ctx.question,
            language=ctx.lang,
            intent=ctx.intent,
            found=False,
            answer=text,
            concepts=ctx.linked,
            sparql=_shown(ctx.log),
            suggestions=tuple(suggestions),
        )


def _shown(log: QueryLog) -> str:
    """The queries an answer shows: those that ran for it, or, when none did, the labels
    query the engine linked the question with."""
    return "\n\n".join(log.queries or (TEMPLATES["labels"].query,))


def _as_written(folded: str, question: str) -> str:
    """A folded word of the question as the question writes it ("kubeflow" → Kubeflow)."""
    folded_question = fold(question)
    where = folded_question.find(folded)
    if where < 0 or len(folded_question) != len(question):  # folding changed the length
        return folded
    return question[where : where + len(folded)]


def _looked_for(question: str) -> str:
    """What a question looked for, quoted: its words without cue or filler words, when they
    are few ("bake sourdough bread"); else nothing (the words of "If I get p = 0.03, does that mean
    …" say less than the question)."""
    words = [w for w in tokens(question) if fold(w) not in skip_words()]
    if len(words) > _MAX_LOOKED_FOR:
        return ""
    return "“" + " ".join(words) + "”" if words else "“" + question + "”"
