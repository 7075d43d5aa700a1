"""Text → index terms, the same way for the statements indexed and the questions asked.

Words are case- and accent-folded and stemmed with the Snowball stemmer of every language
(`stemmer` of its language file), since notes mix them ("training" in a Spanish sentence); a
word also gets the stem of its cognate's spelling in the pivot language (`cognate_endings`:
"regularización" → "regularization" → regular; `cognate_prefixes`: "estructura" →
structure), so cognates meet across languages.
Identifiers are kept whole and split into their words (`gc_after_trial` → gc_after_trial, gc,
after, trial; `MlflowClient.search_runs` → mlflowclientsearch_runs, search_runs, mlflow,
client, search, runs; a `$`-operator or variable keeps its `$`: `$nin` → $nin, nin).
Question words also carry their translations through the glossary (looked up by the word,
its singular and its lemma), so an English question finds a Spanish
sentence and back.

PyStemmer (Snowball, C) stems; it is a well-kept, dependency-free library made for this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from kg.extract.cues import glossary
from kg.extract.language import detect_language
from kg.extract.lexicon import fold, lemma, singular
from kg.lang import LANGUAGES, PIVOT, language, listed, words

__all__ = [
    "Group", "is_keyword", "is_stop_word", "query_groups", "terms", "word_group", "word_terms",
]  # fmt: skip

# identifiers (command-line options, `$`-operators and variables, dotted, snake_case,
# camelCase, calls) and words; an option's dashes open it ("--all", "-n"), never join two words
_TOKEN = re.compile(
    r"(?<![\w-])--?[A-Za-z]\w*(?:-\w+)*|\$?[A-Za-z_]\w*(?:\.\$?[A-Za-z_]\w*)+|\$[A-Za-z_]\w*|\w+",
    re.UNICODE,
)
_OPTION = "__"  # the start of an option's term ("--sys-prefix": `__sys_prefix`)
# an acronym's plural is one word ("GPUs", "APIs": not "GP" and "Us"), read as the acronym
_ACRONYM_PLURAL = r"[A-Z]{2,}s"
_CAMEL = re.compile(rf"{_ACRONYM_PLURAL}(?![a-z])|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_ACRONYMS = re.compile(_ACRONYM_PLURAL)
# endings of each language and the pivot language's endings of their cognates (-ción/-tion)
_COGNATES = tuple(
    (lang, tuple((ending, cognate) for ending, cognate in language(lang)["cognate_endings"]))
    for lang in LANGUAGES
    if language(lang)["cognate_endings"]
)
# beginnings of each language before a consonant and those of their cognates (es-/s-)
_PREFIXES = tuple(
    (lang, start, cognate)
    for lang in LANGUAGES
    for start, cognate in language(lang)["cognate_prefixes"]
)
# a verb's stem and the shorter stem of its noun, by the language whose stemmer cuts them
_STEM_ENDINGS = tuple(
    (lang, ending, noun) for lang in LANGUAGES for ending, noun in language(lang)["stem_endings"]
)
_VOWELS = frozenset("aeiouy")
_MAX_TEXT = 20_000  # characters of one statement that are indexed (a code block's head)
_MAX_QUESTION = 2_000  # characters of a question that are read
_KEYWORD = "_"  # the start of a keyword's term ("_or": `_keyword`)
_MAX_KEYWORD = 6  # letters of a keyword at most: "OR", "NOT", "WHERE", "HAVING"
_PART_FACTOR = 0.5  # an identifier's words count half as much as the identifier
_STOP_FACTOR = 0.3  # a function word ("its", "once", "antes") counts for little
_OPENING_MARKS = "".join(listed("opening_marks"))  # "¿", "¡"
# Capitalised words in a row, not opening the question: a name ("Great Expectations")
_NAME_RUN = re.compile(
    rf"(?<![.?!{re.escape(_OPENING_MARKS)}]\s)(?<!^)\b(?:[A-Z][\w-]*\s+){{1,3}}[A-Z][\w-]*"
)


@dataclass(frozen=True)
class Group:
    """One content word of a question: every term that counts as it (stems in both languages,
    translations), and how much it counts relative to other words. A name of several words
    ("Great Expectations") is one group whose `parts` must all be present."""

    word: str
    terms: frozenset[str]
    factor: float = 1.0
    parts: tuple[frozenset[str], ...] = ()
    name: bool = False  # written as a name: capitalised inside the question, or code

    def matches(self, found: frozenset[str]) -> bool:
        if self.parts:
            return all(part & found for part in self.parts)
        return bool(self.terms & found)


@lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language(lang)["stemmer"])


def _cognate(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    """`word` spelt as its cognate in the pivot language, when it has one of `endings`."""
    for ending, cognate in endings:
        if word.endswith(ending) and len(word) >= len(ending) + 2:
            return word[: -len(ending)] + cognate
    return word


@lru_cache(maxsize=65536)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one folded word: its stems in every language and its cognates'
    stems in the pivot language. (Adding the stems of lookup lemmas was measured and left out:
    lemma tables read many English words in Spanish notes wrongly, and answers got worse.)"""
    if len(word) < 3 or word.isdigit():
        return (word,)
    own = {lang: _stemmer(lang).stemWord(word) for lang in LANGUAGES}
    stems = list(own.values())
    stems += [
        own[lang][: -len(ending)] + noun
        for lang, ending, noun in _STEM_ENDINGS
        if own[lang].endswith(ending) and len(own[lang]) > len(ending) + 2
    ]
    stems += [_stemmer(PIVOT).stemWord(_cognate(word, endings)) for _, endings in _COGNATES]
    for lang, start, cognate in _PREFIXES:
        rest = word[len(start) :]
        if word.startswith(start) and len(rest) > 3 and rest[0] not in _VOWELS:
            # the word's own stem respelt ("estrict" → strict), and its respelt cognate's
            stems.append(cognate + _stemmer(lang).stemWord(word)[len(start) :])
            respelt = cognate + rest
            stems += [_stemmer(PIVOT).stemWord(_cognate(respelt, e)) for _, e in _COGNATES]
    return tuple(dict.fromkeys(stems))


def _identifier_words(token: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"[._-]", token):
        words.extend(m.group(0) for m in _CAMEL.finditer(part))
    return [fold(w[:-1] if _ACRONYMS.fullmatch(w) else w) for w in words]


def _is_identifier(token: str) -> bool:
    return token[0] in "$-" or "." in token or "_" in token or any(c.isupper() for c in token[1:])


def _whole_terms(token: str) -> list[str]:
    """An identifier whole, and each snake_case part of a dotted name whole; an option as
    `_OPTION` and its words joined by "_" (the index keeps no "-" in a term)."""
    folded = fold(token)
    if folded[0] == "-":
        return [_OPTION + folded.lstrip("-").replace("-", "_")]
    singular = [folded[:-1]] if _ACRONYMS.fullmatch(token) else []  # "GPUs" is also "gpu"
    return [folded.replace(".", ""), *singular, *(p for p in folded.split(".")[1:] if "_" in p)]


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The phrases of every language's `phrases` table, each word in the singular or the
    plural ("bases de datos"), with the pivot word each stands for."""

    def plural(word: str) -> str:  # "de" is no plural
        return re.escape(word) + ("(?:s|es)?" if len(word) > 2 else "")

    table = {fold(k): fold(v) for lang in LANGUAGES for k, v in language(lang)["phrases"].items()}
    return tuple(
        (re.compile(r"\b" + r"\s+".join(plural(w) for w in phrase.split()) + r"\b"), pivot)
        for phrase, pivot in table.items()
    )


def phrase_spans(folded: str) -> list[tuple[int, int, str]]:
    """Where a folded text holds a phrase of the `phrases` tables: (start, end, pivot word)."""
    return [(m.start(), m.end(), pivot) for rx, pivot in _phrases() for m in rx.finditer(folded)]


def terms(text: str) -> list[str]:
    """Index terms of `text`, in order (repeats kept: they count for BM25); a phrase of the
    `phrases` tables adds the terms of the one word it stands for ("ciclo de vida": lifecycle)."""
    out = [t for *_, pivot in phrase_spans(fold(text[:_MAX_TEXT])) for t in word_terms(pivot)]
    for match in _TOKEN.finditer(text[:_MAX_TEXT]):
        token = match.group(0)
        if _is_identifier(token):
            out.extend(_whole_terms(token))
            for word in _identifier_words(token):
                out.extend(word_terms(word))
            if keyword := _keyword(token):
                out.append(keyword)
        else:
            out.extend(word_terms(fold(token)))
    return out


def is_keyword(group: Group) -> bool:
    """Whether a question's group is a function word written in capitals (`_keyword`)."""
    return group.terms == {_KEYWORD + group.word}


def _keyword(token: str) -> str | None:
    """The term of a function word written in capitals ("OR", "NOT", "IN"): a keyword of a
    query language, which a question asks about as such ("can I use OR in a filter?") and a
    statement names as such; every other "or" is a function word. None for other tokens."""
    if 2 <= len(token) <= _MAX_KEYWORD and token.isalpha() and token.isupper():
        folded = fold(token)
        return _KEYWORD + folded if is_stop_word(folded) else None
    return None


@lru_cache(maxsize=1)
def _translations() -> dict[str, frozenset[str]]:
    """Glossary and vocabulary entries both ways: "registro" ↔ "registry", "archivo" ↔
    "file". (The vocabulary only translates question words; unlike the glossary it never
    merges names of concepts.)"""
    table: dict[str, set[str]] = {}
    vocabulary = {
        fold(k): fold(v) for lang in LANGUAGES for k, v in language(lang)["vocabulary"].items()
    }
    for word, pivot in [*glossary().items(), *vocabulary.items()]:
        table.setdefault(word, set()).add(pivot)
        table.setdefault(pivot, set()).add(word)
    # a translation also brings the pivot language's synonyms of it: "quitar" → delete, and
    # "remove", which the pivot's glossary spells as delete
    synonyms = {fold(k): fold(v) for k, v in language(PIVOT)["glossary"].items()}
    for word, found in table.items():
        found |= {s for s, pivot in synonyms.items() if pivot in found and s != word}
    return {word: frozenset(found) for word, found in table.items()}


def _token_group(token: str) -> set[str]:
    """A word's group, or for a camel-case name (MLflow) the name whole."""
    return set(_whole_terms(token)) if _is_identifier(token) else word_group(fold(token))


def word_group(folded: str) -> set[str]:
    """Every index term that counts as one folded word: its stems, its translations'."""
    group = set(word_terms(folded))
    forms = {folded, singular(folded)} | {fold(lemma(folded, lang)) for lang in LANGUAGES}
    for form in forms:
        for other in _translations().get(form, ()):
            group.update(word_terms(other))
    # each stem stemmed again by every language's stemmer: "representa" → represent (es) →
    # repres (en), which is what "represents" gives in an English note
    group |= {
        again
        for stem in list(group)
        for lang in LANGUAGES
        if len(again := _stemmer(lang).stemWord(stem)) > 3
    }
    return group


def _opens(question: str, match: re.Match[str]) -> bool:
    """The token opens a sentence ("¿Qué …", "… ? How …"), where capitals say nothing."""
    before = question[: match.start()].rstrip(" \"'(" + _OPENING_MARKS)
    return not before or before[-1] in ".?!:"


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(fold(w) for w in words("stop_words"))


def is_stop_word(folded: str) -> bool:
    """A function word, or a form of one ("usando" is a form of "usar")."""
    stops = _stop_words()
    return folded in stops or any(fold(lemma(folded, lang)) in stops for lang in LANGUAGES)


@lru_cache(maxsize=len(LANGUAGES))
def _own_stop_words(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in language(lang)["stop_words"])


def is_function_word(folded: str, lang: str) -> bool:
    """A function word of a question in `lang`: one of its language, or a form of one. In
    English, Hyperopt's "algo" argument, "total" and "final" are words, though Spanish lists
    them as function words."""
    if not is_stop_word(folded):
        return False
    if lang not in LANGUAGES or folded not in _stop_words():  # a form of one ("'s", "usando")
        return True
    own = _own_stop_words(lang)
    return folded in own or any(fold(lemma(folded, code)) in own for code in LANGUAGES)


def query_groups(question: str, ignore: Iterable[str] = ()) -> list[Group]:
    """One group per distinct content word of the question, in order; an identifier is one
    group for itself and one, counting less, for its words; a capitalised name of several
    words is one group that needs them all."""
    return list(_query_groups(question[:_MAX_QUESTION], _folded(frozenset(ignore))))


@lru_cache(maxsize=16)  # the same few lists of words to ignore, asked of every question
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=64)  # answering one question reads its groups four times
def _query_groups(question: str, skip: frozenset[str]) -> tuple[Group, ...]:
    groups: list[Group] = []
    seen: set[frozenset[str]] = set()

    def add(
        word: str, found: set[str], factor: float, parts: tuple[frozenset[str], ...], name: bool
    ) -> None:
        key = frozenset(found)
        if key and key not in seen:
            seen.add(key)
            groups.append(Group(word, key, factor, parts, name))

    named: set[int] = set()  # offsets of tokens inside a multi-word name
    for run in _NAME_RUN.finditer(question):
        tokens = [m for m in _TOKEN.finditer(run.group(0)) if fold(m.group(0)) not in skip]
        if len(tokens) >= 2 and not any(re.search(r"[._]", t.group(0)) for t in tokens):
            parts = tuple(frozenset(_token_group(t.group(0))) for t in tokens)
            add(fold(run.group(0)), set().union(*parts), 1.0, parts, True)
            named.update(run.start() + t.start() for t in tokens)
    # a phrase is one word, the one the pivot language writes ("zona horaria": timezone),
    # found in the question's words folded one by one (folding may change a text's length)
    tokens = list(_TOKEN.finditer(question))
    at = [0]
    for m in tokens:
        at.append(at[-1] + len(fold(m.group(0))) + 1)
    for start, end, pivot in phrase_spans(" ".join(fold(m.group(0)) for m in tokens)):
        add(pivot, word_group(pivot), 1.0, (), False)
        named.update(m.start() for m, i in zip(tokens, at[:-1], strict=True) if start <= i < end)
    shouted = sum(c.isupper() for c in question) > sum(c.islower() for c in question)
    lang = detect_language(question)
    for match in tokens:
        token = match.group(0)
        folded = fold(token)
        if not shouted and (keyword := _keyword(token)):
            # "OR" in "can I use OR in a filter?", and the word too: "WHY" is only a word in
            # capitals, which `is_keyword` lets the reader of the index drop
            add(folded, {keyword}, 1.0, (), False)
        if folded in skip or match.start() in named:
            continue
        if _is_identifier(token):
            add(folded, set(_whole_terms(token)), 1.0, (), True)
            pieces = {t for w in _identifier_words(token) if w not in skip for t in word_terms(w)}
            add(folded + "*", pieces, _PART_FACTOR, (), False)
        else:
            factor = _STOP_FACTOR if is_function_word(folded, lang) else 1.0
            capital = token[:1].isupper() and match.start() > 0 and not _opens(question, match)
            add(folded, word_group(folded), factor, (), capital and factor == 1.0)
    return tuple(groups)
