"""The full-text index over statements: SQLite FTS5, derived from the graph at build time.

The index file lives in the graph's generation folder (`statements.sqlite`), written before
the generation goes live, so a graph and its index are swapped together and a failed build
leaves the old pair in place. It is never a second source of truth: it holds each statement's
IRI and its analysed terms (see `kg.graph.analyzer`); question answering ranks with it and
reads everything else from the graph with SPARQL.

Columns, weighted in BM25: the statement's text, its heading path, the names (labels and
aliases) of the concepts it mentions, and its context (a list's lead-in, a table's header).
A sentence's context, the sentence before it, is stored unsearched (`before`).

Why FTS5: it ships with Python's `sqlite3` (no new dependency), an index is one file that opens
in milliseconds, BM25 with column weights is built in, and `fts5vocab` gives document
frequencies. `bench/bench_fulltext.py` measures it beside tantivy on the same statements.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import StoreError
from kg.graph.analyzer import Group, terms
from kg.graph.vocab import KG

__all__ = ["INDEX_FILE", "Hit", "Matches", "StatementIndex", "build_index", "index_rows"]

INDEX_FILE = "statements.sqlite"
_VERSION = 9  # PRAGMA user_version: an index of another layout is not read (rebuild)
# how close (rapidfuzz ratio) a word the notes never use must be to one they do to be its
# typo: one letter is a quarter of a word of four, never a typo ("helm" is not "hem"), and a
# fifth of one of five ("feast" is 89 from "fast", "dockr" 91 from "docker")
_TYPO_SCORE = 85
_NEVER_TYPO, _FIVE_LETTER_TYPO_SCORE = 4, 90
# and at most one slip (a letter missed, added, changed or two swapped) in a word of up to
# eight letters, two in a longer one: "tensorrt" is not a typo of "tensor"
_TYPO_SLIPS = ((8, 1), (1_000, 2))
_MAX_LOOKUP = 500
# BM25 weights of the columns: body, heading path, names of mentioned concepts, context (the
# unindexed columns — IRI, kind, mentioned concepts — are what ranking needs before it asks
# the graph for the few statements it shows)
WEIGHTS = (1.0, 0.4, 0.6, 0.3)
_SCHEMA = """
CREATE VIRTUAL TABLE statements USING fts5(
    body, heading, names, context, iri UNINDEXED, kind UNINDEXED, mentions UNINDEXED,
    text UNINDEXED, before UNINDEXED,
    tokenize = "unicode61 tokenchars '_$'"
);
CREATE VIRTUAL TABLE vocabulary USING fts5vocab(statements, row);
CREATE TABLE ids (iri TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
"""
# what a `Hit` is read from
_HIT = "iri, body, names, context, heading, kind, mentions, text, before"


@dataclass(frozen=True)
class Hit:
    """A statement the index found: its IRI, BM25 score (higher is better), its terms, its
    kind and the concepts it mentions (IRIs)."""

    iri: str
    score: float
    terms: frozenset[str]
    heading_terms: frozenset[str]
    kind: str
    mentions: frozenset[str]
    text: str  # the statement's text as the graph holds it, for ranking before reading it
    before_terms: frozenset[str] = frozenset()  # a sentence's: the sentence before it


def index_rows(graph: Graph) -> list[tuple[str, ...]]:
    """(iri, body, heading, names, context, kind, mentions, text, before) of every statement,
    terms analysed, in IRI order. A sentence's context is the sentence before it in its
    paragraph: kept apart (`before`), unsearched and out of the document frequencies, since
    it is not what the sentence says; ranking counts its words toward what the sentence
    covers (what "This" or "It" refers to), but not as an identifier the sentence writes."""
    labels: dict[str, list[str]] = {}
    rows: list[tuple[str, ...]] = []
    for node in sorted(str(s) for s in graph.subjects(RDF.type, KG.Statement)):
        subject = URIRef(node)
        names = []
        mentioned = sorted(str(o) for o in graph.objects(subject, KG.mentions))
        for concept in mentioned:
            if concept not in labels:
                labels[concept] = sorted(
                    str(label)
                    for p in (SKOS.prefLabel, SKOS.altLabel)
                    for label in graph.objects(URIRef(concept), p)
                )
            names.extend(labels[concept])
        kind = str(graph.value(subject, KG.kind) or "")
        context = " ".join(terms(str(graph.value(subject, KG.context) or "")))
        before, context = (context, "") if kind == "sentence" else ("", context)
        rows.append(
            (
                node,
                " ".join(terms(str(graph.value(subject, KG.text) or ""))),
                " ".join(terms(str(graph.value(subject, KG.headingPath) or ""))),
                " ".join(terms(" ".join(names))),
                context,
                kind,
                " ".join(mentioned),
                str(graph.value(subject, KG.text) or ""),
                before,
            )
        )
    return rows


def build_index(graph: Graph, folder: Path) -> Path:
    """Write the index of `graph`'s statements into `folder`; returns the file."""
    path = folder / INDEX_FILE
    with sqlite3.connect(path) as db:
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {_VERSION}")
        db.executemany(
            "INSERT INTO statements "
            "(iri, body, heading, names, context, kind, mentions, text, before) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            index_rows(graph),
        )
        db.execute("INSERT INTO ids SELECT iri, rowid FROM statements")
        db.execute("INSERT INTO statements (statements) VALUES ('optimize')")
    db.close()
    return path


def _any(terms: Iterable[str]) -> str:
    """An FTS5 query: any of the terms. Terms are quoted strings, never FTS5 syntax."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(set(terms)))


_COMMON_SHARE = 0.1  # of the statements: a term in more of them does not search
_MIN_COMMON = 500  # a term in fewer statements always searches (on a small graph, every term)
_MAX_COMMON = 5000  # a term in more statements never searches (but the rarest), however large


class StatementIndex:
    """The statement index of one generation, opened read-only."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            # an index of another layout is only closed (`in_generation`), never read. Rows
            # are inserted once, numbered from 1, so the last row id is their count (reading
            # it touches one page; count(*) read every row: 0.3 s cold at 1,000 documents)
            count = "SELECT max(rowid) FROM statements" if self.version == _VERSION else "SELECT 0"
            self.size = int(self._db.execute(count).fetchone()[0] or 0)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open the statement index {path}: {err}") from err
        self._df: dict[str, int] = {}
        self._vocabulary: dict[str, tuple[list[str], list[str]]] = {}  # by first letter
        self._corrections: dict[str, str | None] = {}

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def exists(generation: Path) -> bool:
        """Whether the generation folder holds an index file (of any layout)."""
        return (generation / INDEX_FILE).is_file()

    @classmethod
    def in_generation(cls, generation: Path) -> StatementIndex | None:
        """The index of a generation folder, or None for a graph built without one (or by a
        kg whose index had another layout: answers then come from typed facts until the next
        build)."""
        path = generation / INDEX_FILE
        if not path.is_file():
            return None
        index = cls(path)
        if index.version != _VERSION:
            index.close()
            return None
        return index

    def document_frequency(self, term: str) -> int:
        """In how many statements `term` occurs (any column)."""
        if term not in self._df:
            row = self._db.execute("SELECT doc FROM vocabulary WHERE term = ?", (term,)).fetchone()
            self._df[term] = int(row[0]) if row else 0
        return self._df[term]

    def is_misspelling(self, word: str) -> bool:
        """Whether a word the notes never use is close to one they do: a typo, not a new
        subject (`correction`)."""
        return self.correction(word) is not None

    def correction(self, word: str) -> str | None:
        """The index term a word the notes never use is a typo of: the closest with the same
        first letter, both snake_case or neither, at rapidfuzz ratio ≥ 85 (closer for a short
        word, never for one of four letters or fewer) and a slip or two away (`_TYPO_SLIPS`);
        None when there is none."""
        if word in self._corrections:
            return self._corrections[word]
        if len(word) <= _NEVER_TYPO:
            return None
        score = _FIVE_LETTER_TYPO_SCORE if len(word) == _NEVER_TYPO + 1 else _TYPO_SCORE
        # a snake_case name is a typo only of another ("is_incremental" is not "incremental")
        like = self._starting(word[:1])["_" in word]
        best = process.extractOne(word, like, scorer=fuzz.ratio, score_cutoff=score)
        slips = next(n for size, n in _TYPO_SLIPS if len(word) <= size)
        if best is not None and OSA.distance(word, best[0]) > slips:
            best = None
        self._corrections[word] = None if best is None else str(best[0])
        return self._corrections[word]

    def within(self, word: str, slips: int) -> bool:
        """Whether a term of the notes with the word's first letter is at most `slips` edits
        (or swaps) from it: looser than `correction`, to tell a slip from a new name."""
        like = self._starting(word[:1])[0]
        return process.extractOne(word, like, scorer=OSA.distance, score_cutoff=slips) is not None

    def _starting(self, letter: str) -> tuple[list[str], list[str]]:
        """The terms that start with `letter`, without and with "_", read once a letter (a
        range of the vocabulary: reading all of it took 0.4 s at 1,000 documents, a letter's
        terms 10 ms)."""
        if letter not in self._vocabulary:
            rows = self._read(
                "SELECT term FROM vocabulary WHERE term >= ? AND term < ? ORDER BY term",
                [letter, chr(ord(letter) + 1)],
            )
            found: tuple[list[str], list[str]] = ([], [])
            for (term,) in rows:
                found["_" in str(term)].append(str(term))
            self._vocabulary[letter] = found
        return self._vocabulary[letter]

    def frequency(self, group: Group) -> int:
        """In about how many statements a question word occurs: its most frequent term's count;
        for a name of several words, the count of statements holding all of them."""
        if group.parts:
            query = " AND ".join(f"({_any(part)})" for part in group.parts)
            if query not in self._df:  # counted once per index, as single terms are
                row = self._db.execute(
                    "SELECT count(*) FROM statements WHERE statements MATCH ?", (query,)
                ).fetchone()
                self._df[query] = int(row[0])
            return self._df[query]
        return max((self.document_frequency(t) for t in group.terms), default=0)

    def search(self, groups: Sequence[Group], limit: int = 200) -> list[Hit]:
        """Statements holding any term of `groups`, best BM25 first (ties by IRI)."""
        return self.match(groups, limit).best(limit)

    def match(
        self, groups: Sequence[Group], limit: int | None = None, also: Sequence[str] = ()
    ) -> Matches:
        """The statements holding a term of `groups` (the common ones aside: `_searched`),
        scored by BM25 in one pass of FTS5: with `limit`, the best so many, and of the
        statements with the IRIs `also`, those that match (`Matches.among`); without, every
        one."""
        held = {t: n for g in groups for t in g.terms if (n := self.document_frequency(t))}
        query = _any(_searched(held, self.size))
        if not query:
            return Matches(self, [])
        # by row id and score alone: rows were inserted in IRI order, so the row id breaks
        # ties as the IRI does, and only the rows kept are read whole (reading every match
        # whole to sort it took 2.5 times as long at 1,000 documents)
        scored = "SELECT rowid AS id, -bm25(statements, ?, ?, ?, ?) AS score FROM statements"
        scored += " WHERE statements MATCH ?"
        params: list[object] = [*WEIGHTS, query]
        if limit is None:
            return Matches(self, self._search(scored + " ORDER BY score DESC, id", params))
        if not also:
            sql = scored + " ORDER BY score DESC, id LIMIT ?"
            return Matches(self, self._search(sql, [*params, limit]))
        # the best and the chosen from one pass, kept in a table SQLite fills once: sorting
        # every match and reading it into Python took a third longer at 1,000 documents (2.1
        # against 1.6 s over 70 searches), and the chosen asked apart (`rowid IN` in the MATCH
        # query) made FTS5 seek each one (0.45 ms a row)
        sql = (
            f"WITH m AS MATERIALIZED ({scored})"
            " SELECT * FROM (SELECT 0, id, score FROM m ORDER BY score DESC, id LIMIT ?)"
            " UNION ALL SELECT 1, id, score FROM m WHERE id IN (SELECT value FROM json_each(?))"
        )
        ids = json.dumps(sorted(self.rowids(also)))
        rows = sorted(self._search(sql, [*params, limit, ids]), key=lambda r: (-r[2], r[1]))
        best = [(rowid, score) for chosen, rowid, score in rows if not chosen]
        kept = {rowid for rowid, _ in best}
        more = [(rowid, score) for chosen, rowid, score in rows if chosen and rowid not in kept]
        return Matches(self, best, more)

    def _search(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"cannot search the statement index: {err}") from err

    def rows(self, rowids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """The whole rows with these row ids."""
        found: dict[int, tuple[Any, ...]] = {}
        for chunk in _chunks(rowids):
            found.update(
                (row[0], row[1:])
                for row in self._read(
                    f"SELECT rowid, {_HIT} FROM statements WHERE rowid IN ({_marks(chunk)})",
                    chunk,
                )
            )
        return found

    def rowids(self, iris: Sequence[str]) -> set[int]:
        """The row ids of the statements with these IRIs, through `ids`: FTS5 cannot index the
        IRI column, so `iri IN (...)` read every row (90 ms at 1,000 documents against 0.2 ms
        through `ids`)."""
        found: set[int] = set()
        for chunk in _chunks(iris):
            sql = f"SELECT id FROM ids WHERE iri IN ({_marks(chunk)})"
            found.update(int(row[0]) for row in self._read(sql, chunk))
        return found

    def _read(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, list(params)).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"cannot read the statement index: {err}") from err

    def lookup(self, iris: Iterable[str]) -> list[Hit]:
        """The indexed statements with these IRIs (score 0), in IRI order: rows were inserted
        in IRI order, so their row ids are in it too."""
        wanted = self.rowids(sorted(set(iris))[:_MAX_LOOKUP])
        whole = self.rows(sorted(wanted))
        return [_hit(whole[rowid], 0.0) for rowid in sorted(wanted)]


def _searched(held: dict[str, int], size: int) -> list[str]:
    """The terms a search reads, of those the notes hold (term → in how many statements): a
    term in a tenth of the statements or more (or 5,000: at 1,000 documents that halved the
    FTS5 time, and 42 development questions were right, not 40) adds little to BM25 but makes
    FTS5 score all of them, so only rarer terms search, the rarest one always. Every term still
    counts when candidates are scored. (Reading at most 10,000 rows, rarer terms first, lost 10
    of 206 right answers at 1,000 documents: measured and left out.)"""
    common = max(_MIN_COMMON, min(_MAX_COMMON, int(size * _COMMON_SHARE)))
    rarest = min(held, key=lambda t: (held[t], t), default="")
    return [t for t, n in held.items() if t == rarest or n < common]


def _chunks(values: Sequence[Any]) -> list[Sequence[Any]]:
    """`values` in pieces of at most `_MAX_LOOKUP`, within SQLite's limit on bound values."""
    return [values[start : start + _MAX_LOOKUP] for start in range(0, len(values), _MAX_LOOKUP)]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


class Matches:
    """One search's matching statements, (row id, BM25 score) best first; rows are read whole
    only for the statements asked for."""

    def __init__(
        self,
        index: StatementIndex,
        scored: list[tuple[int, float]],
        more: list[tuple[int, float]] | None = None,
    ) -> None:
        self._index = index
        self._best = scored
        self._scored = scored + (more or [])  # `more`: chosen matches past the best, in order

    def best(self, limit: int) -> list[Hit]:
        """The `limit` best statements, best first (ties by IRI)."""
        return self._hits(self._best[:limit])

    def among(self, iris: Iterable[str]) -> list[Hit]:
        """The matching statements whose IRIs are given, best first (ties by IRI); of a match
        with a limit, only among the best so many."""
        wanted = self._index.rowids(sorted(set(iris)))
        return self._hits([(rowid, score) for rowid, score in self._scored if rowid in wanted])

    def _hits(self, chosen: list[tuple[int, float]]) -> list[Hit]:
        whole = self._index.rows([rowid for rowid, _ in chosen])
        return [_hit(whole[rowid], score) for rowid, score in chosen]


def _hit(row: tuple[Any, ...], score: float) -> Hit:
    iri, body, names, context, heading, kind, mentions, text, before = row
    return Hit(
        iri,
        float(score),
        frozenset(f"{body} {names} {context}".split()),
        frozenset(heading.split()),
        kind,
        frozenset(mentions.split()),
        text,
        frozenset(before.split()),
    )
