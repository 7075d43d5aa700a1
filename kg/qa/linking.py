"""Concept linking: which concepts of the graph a question names.

The index is built once from the graph's labels (SPARQL). A question is matched by, in order:
1. code identifiers, exactly (`fs.write_table`, `score_batch()`, `MlflowClient.search_runs`);
2. word n-grams, longest first, by the same key extraction uses for labels (case, accents,
   plurals, articles, word order and every language's common words ignored);
3. API names whose words all appear in the question ("escribir datos en una tabla" names
   `write_table`), through the same glossary;
4. fuzzy matching with rapidfuzz for typos ("scor_batch", "requir").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.extract.cues import glossary
from kg.extract.lexicon import fold, singular
from kg.extract.normalize import ARTICLES, code_parts, is_code_like, split_identifier, term_key
from kg.lang import listed
from kg.qa.intents import ignored_words
from kg.qa.model import LinkedConcept
from kg.qa.suggest import CloseNames
from kg.qa.word_index import WordIndex
from kg.qa.words import canonical_word, needs_capitals

__all__ = ["ConceptIndex"]

_TOKEN = re.compile(
    r"[A-Za-z_][\w]*(?:\(\.{0,3}\))?(?:\.[A-Za-z_][\w]*(?:\(\.{0,3}\))?)+"  # dotted code
    r"|[A-Za-z_]\w*\(\.{0,3}\)"  # call
    r"|[^\W\d_][\w'-]*?(?=['’]s\b)"  # a name's possessive ("AutoML's") is the name
    r"|[^\W\d_][\w'-]*"  # word
)
_MAX_NGRAM = 6
# "sesgo y varianza" looks for a name holding both words, whatever joins them in the name
_CONJUNCTIONS = frozenset(listed("conjunctions"))
_FUZZY_CUTOFF = 88
_SETS = ("code", "plain_code", "terms", "fuzzy_keys")  # the tables of key → concepts


@dataclass(frozen=True)
class _Entry:
    iri: str
    label: str
    kind: str


class _Found:
    """The concepts a question links to so far: each one's best score, and where the question
    first names it."""

    def __init__(self) -> None:
        self.score: dict[str, float] = {}
        self.order: dict[str, int] = {}

    def add(self, iris: set[str], score: float, position: int) -> None:
        for iri in sorted(iris):  # a total order: sets iterate by hash
            if score > self.score.get(iri, 0):
                self.score[iri] = score
            self.order.setdefault(iri, position)


class ConceptIndex:
    """Every label of every concept, keyed for matching questions."""

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        """`rows`: (iri, label, kind, preferred label) for every label of every concept."""
        self.code: dict[str, set[str]] = defaultdict(set)
        self.plain_code: dict[str, set[str]] = defaultdict(set)
        self.terms: dict[str, set[str]] = defaultdict(set)
        self.api_words: list[tuple[frozenset[str], str]] = []
        self.entries: dict[str, _Entry] = {}
        self.fuzzy_keys: dict[str, set[str]] = defaultdict(set)
        self.all_labels: dict[str, list[str]] = defaultdict(list)
        for iri, label, kind, pref in rows:
            self.entries.setdefault(iri, _Entry(iri, pref, kind))
            self.all_labels[iri].append(label)
            if kind != "term" or is_code_like(label):
                # names of code are matched as code: a plain word ("create", "run") in a
                # question is not a method name unless the notes call a product that
                bare = label.split("(")[0].lower()
                if is_code_like(label) or kind in ("class", "module"):
                    self.code[bare].add(iri)
                    self.fuzzy_keys[bare].add(iri)
                else:
                    self.plain_code[bare].add(iri)  # "fmin": code, spelt like a word
                if kind in ("class", "module") and not is_code_like(label):
                    self.terms[term_key(label)].add(iri)
                parts = code_parts(label)
                if parts and kind == "api":
                    words = frozenset(canonical_word(w) for w in split_identifier(parts[1]))
                    if len(words) >= 2:
                        self.api_words.append((words, iri))
            else:
                self.terms[term_key(label)].add(iri)
                self.fuzzy_keys[fold(label)].add(iri)
        # every word of every label: a question word the notes themselves use is not a typo
        self._vocabulary = {
            singular(w) for key in self.fuzzy_keys for w in re.findall(r"[^\W\d_]+", key)
        }
        # words of prose names: "create", "run" in a question are words
        self._label_words = {
            singular(w)
            for iri, labels in self.all_labels.items()
            if self.entries[iri].kind == "term"
            for label in labels
            for w in re.findall(r"[^\W\d_]+", fold(label))
        }
        self._derive()

    def _derive(self) -> None:
        """What the tables above give, in the same way whether read from labels or a state."""
        self._close = CloseNames(self.fuzzy_keys, self.label)
        # read through their words: reading them all took 3.5 ms a question at 1,000 documents
        self._api_index = WordIndex(words for words, _ in self.api_words)
        self._prose_words = self._label_words | set(glossary()) | set(glossary().values())
        self._term_words = [(frozenset(key[5:].split()), key) for key in self.terms]
        self._name_words = WordIndex(words for words, _ in self._term_words)
        self._key_words: dict[str, frozenset[str]] = {}  # the words of a one-key concept
        for words, key in self._term_words:
            for iri in self.terms[key]:
                self._key_words[iri] = self._key_words.get(iri, frozenset()) | words

    def state(self) -> dict[str, Any]:
        """What the labels were read into, as JSON data (`from_state` reads it back): reading
        every label again costs seconds on a large graph."""
        return {
            **{name: {k: sorted(v) for k, v in getattr(self, name).items()} for name in _SETS},
            "api_words": [(sorted(words), iri) for words, iri in self.api_words],
            "entries": [(e.iri, e.label, e.kind) for e in self.entries.values()],
            "all_labels": self.all_labels,
            "vocabulary": sorted(self._vocabulary),
            "label_words": sorted(self._label_words),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ConceptIndex:
        """The index `state()` described, as built from its labels."""
        index = cls([])
        # JSON `state()` wrote: its strings as they are (converting them cost 0.3 s at 1,000 docs)
        for name in _SETS:
            table = getattr(index, name)
            for key, iris in state[name].items():
                table[key] = set(iris)
        index.api_words = [(frozenset(w), iri) for w, iri in state["api_words"]]
        index.entries = {i: _Entry(i, lb, k) for i, lb, k in state["entries"]}
        index.all_labels.update(state["all_labels"])
        index._vocabulary = set(state["vocabulary"])
        index._label_words = set(state["label_words"])
        index._derive()
        return index

    def label(self, iri: str) -> str:
        entry = self.entries.get(iri)
        return entry.label if entry else iri

    def link(self, question: str, lang: str) -> list[LinkedConcept]:
        """Concepts the question names, best first; empty when it names none."""
        tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(question)]
        found = _Found()
        used = [False] * len(tokens)
        question_words = {canonical_word(w, lang) for w, _ in tokens} | {
            canonical_word(w, lang)
            for tok, _ in tokens
            if is_code_like(tok)
            for w in split_identifier(tok)
        }
        self._code_names(tokens, question_words, used, found.add)
        named = self._names(tokens, lang, used, found.add)
        # words already part of a name the question writes out ("Model Registry") stay there
        self._scattered(
            [t for j, t in enumerate(tokens) if j not in named], lang, found.score, found.add
        )
        held = self._api_index  # the API names all of whose words the question holds
        subset = {self.api_words[n][1] for n in held.holding_any(question_words)
                  if held.sets[n] <= question_words}  # fmt: skip
        found.add(self._closest(subset - set(found.score), question_words), 0.65, len(question))
        self._fuzzy_phrases(tokens, used, found.add)
        self._fuzzy_words(tokens, used, found.add)
        # a name the notes write longer ("MLOps Stacks"), among the words no name took
        self._wider([t for j, t in enumerate(tokens) if not used[j]], lang, found.add)
        self._drop_qualifiers(found.score)
        # exact and n-gram matches in question order, then API-word matches, then fuzzy
        score, order = found.score, found.order
        ranked = sorted(score, key=lambda iri: (-_tier(score[iri]), order[iri], -score[iri], iri))
        return [
            LinkedConcept(iri, self.entries[iri].label, self.entries[iri].kind, score[iri])
            for iri in ranked
        ]

    def _code_names(
        self, tokens: list[tuple[str, int]], question_words: set[str], used: list[bool], add: Any
    ) -> None:
        """Names of code: identifiers written as code, and plain words that are only ever a
        name in code ("How do I use fmin?")."""
        ignore = ignored_words()
        for i, (tok, pos) in enumerate(tokens):
            plain = tok.lower()
            if (
                not is_code_like(tok)
                and (len(plain) >= 4 or (tok.isupper() and len(tok) >= 2))  # "PCA", as code
                and (plain in self.code or plain in self.plain_code)
                and fold(plain) not in ignore
                and singular(fold(plain)) not in self._prose_words
            ):
                code = set(self.code.get(plain, ())) | set(self.plain_code.get(plain, ()))
                add(self._closest(code, question_words), 0.95, pos)
                used[i] = True
            elif is_code_like(tok):
                bare = tok.split("(")[0].lower()
                found_iris = self.code.get(bare) or self.code.get(bare.rpartition(".")[2])
                if found_iris:
                    closest = self._closest(set(found_iris), question_words)
                    add(closest, 1.0 if len(closest) == 1 else 0.7, pos)
                    used[i] = True

    def _names(
        self, tokens: list[tuple[str, int]], lang: str, used: list[bool], add: Any
    ) -> set[int]:
        """Names the question writes out, longest phrases first; returns the positions of
        the tokens inside a multi-word name."""
        ignore = ignored_words()
        named: set[int] = set()
        for size in range(min(_MAX_NGRAM, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = range(start, start + size)
                if any(used[j] for j in span):
                    continue
                words = [tokens[j][0] for j in span]
                if fold(words[0]) in ignore or fold(words[-1]) in ignore:
                    continue
                iris = self.terms.get(term_key(" ".join(words)))
                names = (lb for iri in iris or () for lb in self.all_labels.get(iri, []))
                if iris and size == 1 and needs_capitals(words[0], names):  # read if needed
                    continue
                if iris and self._crossed(tokens, start, size, lang):
                    continue  # "tag en el Model | Registry": the name that runs on wins
                if iris:
                    add(set(iris), 0.9 + 0.01 * size, tokens[start][1])
                    for j in span:
                        used[j] = True
                        if size > 1:
                            named.add(j)
        return named

    def _fuzzy_words(self, tokens: list[tuple[str, int]], used: list[bool], add: Any) -> None:
        """A misspelt name of one word ("scor_batch"): an unlinked word that is not a word
        of the notes, close to a name."""
        ignore = ignored_words()
        for i, (tok, pos) in enumerate(tokens):
            if used[i] or len(tok) < 5 or fold(tok) in ignore:
                continue
            if not is_code_like(tok) and singular(fold(tok)) in self._vocabulary:
                continue  # "model" is a word of the notes, not a typo of "mode"
            near = self._close.nearest(tok.split("(")[0].lower(), _FUZZY_CUTOFF)
            if near is not None:
                add(self.fuzzy_keys[near], 0.5, pos)

    def _drop_qualifiers(self, found: dict[str, float]) -> None:
        """A module or class named only as the qualifier of a linked method is not asked
        about."""
        for iri in list(found):
            entry = self.entries[iri]
            if entry.kind in ("module", "class") and any(
                other != iri
                and self.entries[other].kind == "api"
                and any(lbl.lower().startswith(entry.label.lower() + ".")
                        for lbl in self.all_labels.get(other, []))
                for other in found
            ):  # fmt: skip
                del found[iri]

    def _fuzzy_phrases(self, tokens: list[tuple[str, int]], used: list[bool], add: Any) -> None:
        """A misspelt name of two or three words ("feture store" → Feature Store): phrases of
        unlinked words, one of them not a word of the notes, close to a whole name."""
        ignore = ignored_words()
        for size in (3, 2):
            for start in range(len(tokens) - size + 1):
                span = range(start, start + size)
                words = [fold(tokens[j][0]) for j in span]
                if any(used[j] for j in span) or words[0] in ignore or words[-1] in ignore:
                    continue
                if all(singular(w) in self._vocabulary for w in words):
                    continue  # every word is spelt as the notes spell it: no typo here
                near = self._close.nearest(" ".join(words), _FUZZY_CUTOFF)
                if near is not None and " " in near:
                    add(self.fuzzy_keys[near], 0.5, tokens[start][1])
                    for j in span:
                        used[j] = True

    def _scattered(
        self, tokens: list[tuple[str, int]], lang: str, found: dict[str, float], add: Any
    ) -> None:
        """A two- or three-word name whose words the question holds apart ("the MLflow UI
        ... for a run" → MLflow Run): more specific than each word's own concept."""
        ignore = ignored_words()
        keys: dict[str, int] = {}
        for tok, pos in tokens:
            if fold(tok) in ignore or fold(tok) in ARTICLES or is_code_like(tok):
                continue
            for word in term_key(tok)[5:].split():
                keys.setdefault(word, pos)
        for n in self._name_words.holding_any(keys):
            words, key = self._term_words[n]
            if 2 <= len(words) <= 3 and words <= keys.keys():
                fresh = set(self.terms[key]) - set(found)
                if fresh:
                    # its words' own concepts ("mlflow", "run") are parts of the name now
                    for iri in list(found):
                        if self._key_words.get(iri) and self._key_words[iri] < words:
                            del found[iri]
                    add(fresh, 0.95, min(keys[w] for w in words))

    def _crossed(self, tokens: list[tuple[str, int]], start: int, size: int, lang: str) -> bool:
        """True when a phrase that bridges words with an article or preposition ("tag en el
        Model") ends inside a name that runs on past it ("Model Registry")."""
        inside = [fold(tokens[j][0]) for j in range(start, start + size)]
        if not any(w in ARTICLES for w in inside[1:-1]):
            return False
        end = start + size
        for j in range(start + 1, end):
            for k in range(end + 1, min(len(tokens), j + _MAX_NGRAM) + 1):
                words = [tokens[i][0] for i in range(j, k)]
                if any(fold(w) in ARTICLES for w in words):
                    break
                if self.terms.get(term_key(" ".join(words))):
                    return True
        return False

    def _wider(self, tokens: list[tuple[str, int]], lang: str, add: Any) -> None:
        """Last resort: a name that holds all the words of a phrase of the question and at
        most two more ("feature table" → "Feature Store Table"), the shortest such name."""
        ignore = ignored_words()
        for size in range(min(_MAX_NGRAM, len(tokens)), 1, -1):
            for start in range(len(tokens) - size + 1):
                words = [tokens[j][0] for j in range(start, start + size)]
                if fold(words[0]) in ignore or fold(words[-1]) in ignore:
                    continue
                wanted = frozenset(term_key(" ".join(words))[5:].split()) - _CONJUNCTIONS
                held = (self._term_words[n] for n in self._name_words.holding_all(wanted))
                fits = [(len(ws), key) for ws, key in held if len(ws) <= len(wanted) + 2]
                if fits:
                    shortest = min(n for n, _ in fits)
                    for n, key in sorted(fits):
                        if n == shortest:
                            add(self.terms[key], 0.55, tokens[start][1])
                    return

    def wider(self, iri: str, limit: int = 12) -> set[str]:
        """Concepts whose name holds every word of this concept's name (itself included)."""
        words = {frozenset(term_key(label)[5:].split()) for label in self.all_labels.get(iri, [])}
        out = {iri}
        for n in sorted({n for w in words if w for n in self._name_words.holding_all(w)}):
            out |= self.terms[self._term_words[n][1]]
            if len(out) >= limit:
                break
        return out

    def _closest(self, iris: set[str], question_words: set[str]) -> set[str]:
        """Of several concepts one name could mean (`log_model`), those whose full name
        shares the most words with the question (`fs.log_model` for "feature store")."""
        if len(iris) <= 1:
            return iris

        def fit(label: str) -> tuple[int, int]:
            words = {canonical_word(w) for w in split_identifier(label)}
            return len(words & question_words), -len(words - question_words)

        # most words shared, then fewest words the question did not say: "log_model in
        # mlflow" is mlflow.log_model, not mlflow.lightgbm.log_model
        best = {
            iri: max(fit(lbl) for lbl in self.all_labels.get(iri, [self.label(iri)]))
            for iri in iris
        }
        top = max(best.values())
        return {iri for iri, score in best.items() if score == top}

    def suggest(self, question: str, limit: int = 3) -> list[str]:
        """Labels close to the question's words, for a "not in your notes" answer."""
        ignore = ignored_words()
        words = [w for w in re.findall(r"[\w.]+", fold(question)) if w not in ignore and len(w) > 2]
        scored: dict[str, float] = {}
        for word in words:
            for key, score in self._close.close(word, limit, 75):
                if len(key) > 3:
                    for iri in self.fuzzy_keys[key]:
                        label = self.label(iri)
                        scored[label] = max(scored.get(label, 0), score)
        return sorted(scored, key=lambda lbl: (-scored[lbl], lbl))[:limit]


def _tier(score: float) -> int:
    return 2 if score >= 0.9 else 1 if score >= 0.6 else 0
