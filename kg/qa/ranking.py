"""Ranking what the notes hold against a question: today, sections by the words of their titles.

A ranker is built once per engine from rows the graph returned and ranks for any question;
handlers reach it through `AskContext`, which ranks once per question and keeps the result
(`AskContext.ranked_sections`). A ranker of statements belongs here beside `SectionRanker`, built
once per engine and reached through the context the same way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.extract.lexicon import fold
from kg.qa.intents import ignored_words
from kg.qa.templates import Row, value
from kg.qa.word_index import WordIndex
from kg.qa.words import canonical_word, word_senses, words

__all__ = ["Section", "SectionMatch", "SectionRanker"]


@dataclass(frozen=True)
class Section:
    """A section of a document: its title, where it is, and its title's words."""

    iri: str
    title: str
    source: str
    start: int
    end: int
    words: frozenset[str]

    @classmethod
    def from_row(cls, row: Row) -> Section:
        """A section from a row of the `sections` template."""
        title = value(row, "title")
        return cls(
            value(row, "s"),
            title,
            value(row, "source"),
            int(value(row, "start", "0")),
            int(value(row, "end", "0")),
            frozenset(words(title)),
        )


@dataclass(frozen=True)
class SectionMatch:
    """How well a section's title matches a question."""

    overlap: int  # question words the title holds
    share: float  # the share of the title's words that are the question's
    section: Section
    asked: int = 0  # the question's words that count (each once, whatever its senses)


class SectionRanker:
    """Every section of the graph, ranked for a question by the words of its title."""

    def __init__(self, sections: Iterable[Section]) -> None:
        self.sections: tuple[Section, ...] = tuple(sections)
        self._titles: dict[str, list[frozenset[str]]] = {}
        # per language, the titles' words indexed: a question is ranked against the sections
        # it shares a word with, not every section of the graph
        self._by_word: dict[str, WordIndex] = {}
        self._by_source: dict[str, list[Section]] | None = None

    def rank(self, question: str, lang: str) -> list[SectionMatch]:
        """Sections whose titles share a word with the question, best first: most shared
        words, then the largest share of the title; ties in document order."""
        ignore = ignored_words()
        # each question word counts once, whichever of its senses a title holds ("registro":
        # registry and register)
        senses = {
            frozenset(word_senses(w, lang)) - ignore
            for w in words(question)
            if fold(w) not in ignore
        } - {frozenset()}
        titles = self._title_words(lang)
        ranked = [
            SectionMatch(overlap, overlap / len(titles[n]), self.sections[n], len(senses))
            for n, overlap in self._by_word[lang].overlaps(senses).items()
        ]
        # ties in document order, whatever order the store returned
        ranked.sort(
            key=lambda m: (-m.overlap, -m.share, m.section.source, m.section.start, m.section.iri)
        )
        return ranked

    def inside(self, section: Section) -> list[Section]:
        """A section and its subsections, in document order."""
        if self._by_source is None:  # each document's sections in line order, built once
            by_source: dict[str, list[Section]] = {}
            for s in self.sections:
                by_source.setdefault(s.source, []).append(s)
            self._by_source = {
                source: sorted(found, key=lambda s: s.start) for source, found in by_source.items()
            }
        ordered = self._by_source.get(section.source, [])
        first = bisect_left(ordered, section.start, key=lambda s: s.start)
        last = bisect_right(ordered, section.end, key=lambda s: s.start)
        return ordered[first:last]

    def titled(self, title_words: Sequence[str]) -> list[Section]:
        """The sections whose titles hold every one of `title_words`, in document order."""
        wanted = set(title_words)
        if not wanted:
            return []
        return sorted(
            (s for s in self.sections if wanted <= s.words),
            key=lambda s: (s.source, s.start, s.title),
        )

    def _title_words(self, lang: str) -> list[frozenset[str]]:
        """Each section title's words as questions are matched, mapped once per language."""
        if lang not in self._titles:
            ignore = ignored_words()
            self._titles[lang] = [
                frozenset(canonical_word(w, lang) for w in s.words) - ignore for s in self.sections
            ]
            self._by_word[lang] = WordIndex(self._titles[lang])
        return self._titles[lang]
