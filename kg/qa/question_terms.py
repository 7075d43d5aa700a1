"""A question's words as the statement index reads them: term groups, typos read as the
notes' words, names the notes never write, and how much of the question a text covers."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kg.extract.language import detect_language
from kg.extract.lexicon import fold, is_word
from kg.extract.patterns import VERSUS, alternation
from kg.extract.wordlist import is_word_form, near_common
from kg.graph.analyzer import (
    Group,
    is_keyword,
    is_stop_word,
    query_groups,
    terms,
    word_group,
    word_terms,
)
from kg.graph.fulltext import StatementIndex
from kg.lang import LANGUAGES, listed
from kg.qa.features import names_concept, without_article
from kg.qa.model import LinkedConcept

__all__ = [
    "QuestionTerms",
    "asked_subject",
    "between_sides",
    "compared_sides",
    "defined_concepts",
    "versus_sides",
]


_MIN_PART = 4  # letters of each word of a compound at least ("lower case", not "con viene")
_NEVER_NAME = 4  # a word this short is never a name the notes lack ("wich", "pls", "xq")
_TWO_SLIPS = 7  # letters from which a word is two slips from the notes' term it means


def _plain(group: Group) -> bool:
    """A word of letters alone, as written: not a name, an identifier or a function word."""
    return group.factor == 1.0 and not group.parts and not group.name and group.word.isalpha()


def versus_sides(question: str) -> list[str]:
    """The two sides of an "A vs B" question ("A frente a B"), or none."""
    parts = VERSUS.split(question)
    return parts if len(parts) == 2 else []


_SIDE = r"(?:[^?,.;:]|\.(?=\w))"  # a "." inside a name ("mlflow.search_runs") is no clause end
_BETWEEN = re.compile(
    rf"\b(?:{alternation(listed('between'))})\s+(?P<a>{_SIDE}+?)\s+"
    rf"(?:{alternation(listed('conjunctions'))})\s+(?P<b>{_SIDE}+)",
    re.IGNORECASE,
)


_SUBJECT_CUES = alternation(listed("question_subject_cues"))  # "what is", "qué es"
# the subject of a question that opens with the cue ("what is a vector database?") ...
_SUBJECT = re.compile(rf"^\W*(?:{_SUBJECT_CUES})\s+(?P<subject>[^?¿!.,;:]+)", re.IGNORECASE)
_MAX_SUBJECT = 3  # words of a subject checked for being written together
# ... and anywhere in it ("In the SDK, what is an online store for?")
_ASKED = re.compile(
    rf"(?:^|[\s¿,;:(])(?:{_SUBJECT_CUES})\s+(?P<subject>[^?¿!.,;:()]+)", re.IGNORECASE
)
_SUBJECT_WORDS = 4  # words of a subject at most, its articles and function words aside


def defined_concepts(
    question: str, intent: str, linked: Sequence[LinkedConcept]
) -> Sequence[LinkedConcept]:
    """What a defining sentence should define: "what is X" asks X, even when the concept
    linked first is its context ("In the FeatureStoreAPI, what is an online store for?")."""
    subject = asked_subject(question) if intent in ("definition", "unknown") else None
    if subject is None or (linked and names_concept(subject.label, linked[0])):
        return linked
    return [subject]


def asked_subject(question: str) -> LinkedConcept | None:
    """What "what is X?" asks about, as a name a defining sentence opens with: X without
    its articles and the function words after it ("an online store for" → "online store")."""
    found = _ASKED.search(question)
    if found is None:
        return None
    words = _subject_words(without_article(found["subject"]).split())
    if len(words) > _SUBJECT_WORDS:
        words = _before_context(words)
    if not words or len(words) > _SUBJECT_WORDS:
        return None
    return LinkedConcept("", " ".join(words))


def _subject_words(words: list[str]) -> list[str]:
    """The words of a subject without the function words after it."""
    while words and is_stop_word(words[-1]):
        words = words[:-1]
    return words


def _before_context(words: list[str]) -> list[str]:
    """Of a subject too long to be a name, the name before its context: "online store en la
    feature store de databricks" asks what an online store is. The first preposition (in the
    language files' order: "en" before "de") that leaves a name short enough cuts it."""
    folded = [fold(w) for w in words]
    for preposition in listed("context_prepositions"):
        cut = preposition.split()
        at = next((i for i in range(1, len(words)) if folded[i : i + len(cut)] == cut), 0)
        name = _subject_words(words[:at])
        if 0 < len(name) <= _SUBJECT_WORDS:
            return name
    return []


def _forms(word: str) -> list[str]:
    """A word the notes never use and its stems, the forms it is compared with their terms by."""
    return list(dict.fromkeys((word, *word_terms(word))))


def _language_word(word: str) -> bool:
    """Whether a word is a word of a language: a form or lemma of the lemma tables, or a
    common word or a form of one."""
    return any(is_word(word, lang) for lang in LANGUAGES) or is_word_form(word)


_JOINED = alternation(listed("conjunctions"))


def _listed(name: str, question: str) -> bool:
    """Whether a name stands in a list of alternatives: a conjunction right before or after
    it ("Linux o Mac", "Windows and Linux")."""
    word = re.escape(name)
    pattern = rf"(?<!\w)(?:(?:{_JOINED})\s+{word}|{word}\s+(?:{_JOINED}))(?!\w)"
    return re.search(pattern, fold(question), re.IGNORECASE) is not None


def between_sides(question: str) -> list[str]:
    """The two things a question compares by name ("the difference between an nbextension and
    a server extension", "entre A y B"), folded, articles aside, or none. The second runs to
    the end of its clause ("B when writing"): what reads them looks for each name in a
    statement, where a longer side is found in none."""
    found = _BETWEEN.search(question)
    if found is None:
        return []
    sides = [without_article(found[side].strip()) for side in ("a", "b")]
    return sides if all(sides) else []


def compared_sides(question: str) -> list[str]:
    """The two things a question compares by name, "A vs B" or "between A and B"; none when
    it compares nothing."""
    return versus_sides(question) or between_sides(question)


class QuestionTerms:
    """The words of questions, weighed against one statement index."""

    def __init__(self, index: StatementIndex, unknown: float) -> None:
        self.index = index
        # how much a question word the notes never use counts against coverage
        self.unknown = unknown

    def groups(self, question: str, ignore: Iterable[str]) -> list[Group]:
        """The question's content words as index term groups (function words left out). The
        words of an identifier the notes never write count for nothing: "LangChain" is not
        "chain"."""
        # a word in capitals is a keyword only where the notes write it so ("OR", not "WHY")
        groups = [
            g for g in query_groups(question, ignore)
            if not is_keyword(g) or self.index.frequency(g)
        ]  # fmt: skip
        groups = self._compounds(groups, fold(question))
        unknown = {g.word for g in groups if not self.index.frequency(g)}
        # a typo is read as the notes' word only beside a full word of theirs: alone ("que es
        # prefect") a word the notes never use is more likely a subject they lack
        context = any(g.factor == 1.0 and g.word not in unknown for g in groups)
        lang = detect_language(question)
        return [
            self._corrected(g, lang) if context and g.word in unknown else g
            for g in groups
            if not (g.word.endswith("*") and g.word[:-1] in unknown)
        ]

    def unknown_words(self, question: str, ignore: Iterable[str]) -> list[str]:
        """The question's content words the notes never use, typos of theirs read as theirs
        (`groups`), function words aside."""
        groups = self.groups(question, ignore)
        return [g.word for g in groups if g.factor >= 1.0 and not self.index.frequency(g)]

    def _compounds(self, groups: list[Group], question: str) -> list[Group]:
        """A compound written closed where the notes write it open, or open where they write
        it closed: "lowercase" the notes never write is "lower" and "case" in one statement;
        "data set" also meets their "dataset". Only as the notes write it: a word they use
        is never split, and two words are joined only into a word of a language that the
        notes write."""
        out = [self._apart(g) if _plain(g) and not self.index.frequency(g) else g for g in groups]
        for n in range(len(out) - 1):
            first, second = out[n], out[n + 1]
            pair = f"{first.word} {second.word}"
            if not (_plain(first) and _plain(second) and pair in question):
                continue
            joined = first.word + second.word  # a word, not an identifier's ("databricksautoml")
            if not any(is_word(joined, lang) for lang in LANGUAGES):
                continue
            if any(self.index.document_frequency(t) for t in word_terms(joined)):
                closed = frozenset(word_group(joined))
                out[n] = replace(first, terms=first.terms | closed)
                out[n + 1] = replace(second, terms=second.terms | closed)
        return out

    def _apart(self, group: Group) -> Group:
        """A closed compound as the two words the notes write in one statement, the most
        even split first; else the group as it is."""
        word = group.word
        cuts = sorted(
            range(_MIN_PART, len(word) - _MIN_PART + 1), key=lambda i: abs(len(word) - 2 * i)
        )
        for cut in cuts:
            left, right = word[:cut], word[cut:]
            if is_stop_word(left) or is_stop_word(right):
                continue
            parts = (frozenset(word_group(left)), frozenset(word_group(right)))
            # each word looked up first (the vocabulary), then the two in one statement
            if not all(self.index.frequency(Group(word, part)) for part in parts):
                continue
            apart = Group(word, parts[0] | parts[1], group.factor, parts)
            if self.index.frequency(apart):
                return apart
        return group

    def _corrected(self, group: Group, lang: str) -> Group:
        """A word the notes never use, read as the word of theirs it is a typo of. A name is
        written as meant ("TensorRT" is not a typo), and so is a word of the question's
        language: asked in Spanish about English notes, "depuración" is not their
        "duración" (in English, "trian" is a typo of "train", though Spanish writes "trían")."""
        if group.parts or group.name or is_word(group.word, lang):
            return group
        # the word, else its stem against the notes' stems ("esccribo": escrib)
        if not (fixed := next(filter(None, map(self.index.correction, _forms(group.word))), None)):
            return group
        return replace(group, terms=frozenset({fixed, *word_group(fixed)}))

    def missing_names(self, question: str, ignore: Iterable[str], intent: str = "") -> list[str]:
        """Names the question asks about that the notes never write ("Kubernetes", "Great
        Expectations"), typos of the notes' words aside: then the notes do not answer it.
        (Two unknown words in a row are not taken for a name: in a Spanish question about
        English notes most words are unknown — "basta llamar". A short name is a typo only of
        a word closer to it: `StatementIndex.is_misspelling`.) A name in a list, as is a name
        the notes write, is one of the alternatives asked about, unless two things are
        compared ("en Windows y cómo en Linux o Mac": the notes' Windows answers; not "a
        FastAPI endpoint with OAuth2 and JWT")."""
        groups = query_groups(question, ignore)
        names = [g.word for g in groups if (g.name or self._unknown_name(g)) and not self._holds(g)]
        held = [g.word for g in groups if g.name and g.word not in names]
        if names and intent != "difference" and any(_listed(n, question) for n in held):
            names = [n for n in names if not _listed(n, question)]
        names += [side for side in self._absent_sides(question, ignore) if side not in names]
        defining = intent == "definition"  # "what is a vector database?"
        return names or (self._absent_subject(question, ignore) if defining else [])

    def _unknown_name(self, group: Group) -> bool:
        """A lower-case word that names something the notes lack ("sagemaker", "kubeflow"):
        no word of a language, common or in the lemma tables, nor a slip from one ("aprnder"),
        and no word of the notes, one of two they write apart ("lowercase"), or a slip or
        two from one of their terms (`_near_notes`)."""
        word = group.word
        if not _plain(group) or len(word) <= _NEVER_NAME or self.index.frequency(group):
            return False
        if _language_word(word):
            return False
        if self.index.frequency(self._apart(group)) or self._near_notes(word):
            return False
        return not near_common(word)

    def _slip(self, word: str) -> bool:
        """Whether a word the notes never use is a slip from one of theirs: no word of a
        language, and near a term of theirs."""
        return not _language_word(word) and self._near_notes(word)

    def _near_notes(self, word: str) -> bool:
        """Whether the word or its stem is a slip from a term of the notes with its first
        letter (two slips from seven letters on: "deploeyd" and the notes' "deploy")."""
        return any(self.index.within(f, 1 if len(f) < _TWO_SLIPS else 2) for f in _forms(word))

    def _absent_subject(self, question: str, ignore: Iterable[str]) -> list[str]:
        """The subject of "what is X Y?" when the notes never use one of its words though they
        use another, or no statement holds its words together though the notes use each ("a
        vector database": "vector" and "database" apart)."""
        found = _SUBJECT.match(question)
        if found is None:
            return []
        subject = found["subject"].strip()
        groups = [g for g in query_groups(subject, ignore) if g.factor == 1.0]
        if not 2 <= len(groups) <= _MAX_SUBJECT or any(g.parts or g.name for g in groups):
            return []
        # a word of it the notes never use, nor a slip from theirs ("challneger"; a word of a
        # language is none, "race" is not their "rate"): "conformal prediction", "a race
        # condition" are not the notes' prediction or condition
        held = [self._holds(g) or self._slip(g.word) for g in groups]
        if any(held) and not all(held):
            return [subject]
        together = Group(subject, frozenset(), 1.0, tuple(g.terms for g in groups))
        held_all = all(self.index.frequency(g) for g in groups)
        return [subject] if held_all and not self.index.frequency(together) else []

    def _holds(self, group: Group) -> bool:
        """Whether the notes use a word of the question, or a word it is a typo of."""
        return bool(self.index.frequency(group)) or self.index.is_misspelling(group.word)

    def _absent_sides(self, question: str, ignore: Iterable[str]) -> list[str]:
        """A side of "A vs B" none of whose words the notes use, written as a name or not
        ("dagster vs mlflow"): asked as one of two things compared, it is what is asked."""
        parts = versus_sides(question)
        if not parts:
            return []
        out = []
        for side in parts:
            groups = [g for g in query_groups(side, ignore) if g.factor == 1.0]
            if groups and not any(self._holds(g) for g in groups):
                out.append(" ".join(g.word for g in groups if not g.word.endswith("*")))
        return out

    def coverage(self, question: str, ignore: Iterable[str], text: str) -> float:
        """How much of the question a text covers (the measure statements are ranked by):
        to weigh an answer from typed facts against the statements."""
        groups = self.groups(question, ignore)
        weights = {g: self.idf(g) for g in groups}
        found = frozenset(terms(text))
        total = sum(weights.values())
        return sum(w for g, w in weights.items() if g.matches(found)) / total if total else 0.0

    def idf(self, group: Group) -> float:
        """How much a word of the question counts: rare words in the notes count most; a word
        the notes never use counts as a word of middling rarity (it may be a typo or filler,
        but what it asks is not in the notes)."""
        df = self.index.frequency(group)
        if df == 0:
            return group.factor * self.unknown
        return group.factor * math.log(1 + self.index.size / df)
