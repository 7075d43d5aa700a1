"""The spaCy layer: a blank pipeline per language (`spacy` of its language file), no trained
model, nothing downloaded.

Each pipeline has the lookup lemmatizer (tables from spacy-lookups-data), the sentencizer and
`kg_norm`, which sets
- `token.lemma_` to the lemma of the lower-cased token (the tables are case-sensitive, so
  "Requiere" would otherwise stay "Requiere"): cue patterns match on LEMMA;
- `token.norm_` to the accent-free, lower-case singular ("ejecuciones" → "ejecucion",
  "aliases" → "alias"): concept mentions match on NORM. Only a lemma that removes a plural
  ending is taken, because notes mix languages and a Spanish table reads "aliases" as the verb
  "aliar".

Loading the Spanish tables takes seconds, so each pipeline is built once per process.

spaCy's tokenizer strips a word's leading and trailing punctuation one character at a time,
copying the rest of the word each time: a word of 20,000 "(" took 45 s. The pipelines read a
word longer than `MAX_WORD` characters in pieces of `MAX_WORD` (see `PiecewiseTokenizer`), so
tokenizing is linear in the text; no word of the notes is that long.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import fold, lemma, singular
from kg.lang import LANGUAGES, known, language, listed

__all__ = [
    "LANGUAGES",
    "MAX_WORD",
    "PiecewiseTokenizer",
    "fold",
    "is_function_phrase",
    "pipeline",
    "singular",
    "stop_words",
]

MAX_WORD = 200  # characters of a word spaCy's tokenizer reads at once (the notes: under 200)
# a word longer than MAX_WORD, entered at its start only (linear)
_LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")


@Language.factory("kg_norm", default_config={"lang": ""})
def kg_norm(nlp: Language, name: str, lang: str) -> Callable[[Doc], Doc]:
    """Sets each token's lemma and norm, with the lemma table of kg's language `lang`."""
    del nlp, name  # a factory's signature; the component needs only the language

    def norm(doc: Doc) -> Doc:
        for token in doc:
            lower = token.lower_
            if token.is_alpha:
                token.lemma_ = lemma(lower, lang)
                token.norm_ = singular(token.text)
            else:
                token.lemma_ = lower
                token.norm_ = fold(lower)
        return doc

    return norm


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words and abbreviations of every language, folded ("cómo" → "como")."""
    return frozenset(fold(w) for key in ("stop_words", "abbreviations") for w in listed(key))


@lru_cache(maxsize=1)
def _marks() -> str:
    """Question and exclamation marks, opening ones of every language included."""
    return "?!" + "".join(listed("opening_marks"))


def is_function_phrase(text: str) -> bool:
    """True when every word of `text` is a function word ("¿Cómo?", "the", "de la")."""
    marks = _marks()
    words = [fold(w).strip(".,;:" + marks) for w in text.split()]
    return all(w in stop_words() for w in words if w)


def pipeline(lang: str) -> Language:
    """The blank pipeline for `lang` (the pivot language's for a language kg has no file
    for), built once per process."""
    return _pipeline(known(lang))


@lru_cache(maxsize=len(LANGUAGES))
def _pipeline(lang: str) -> Language:
    nlp = spacy.blank(language(lang)["spacy"])
    nlp.tokenizer = PiecewiseTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_norm", config={"lang": lang})
    lemma("", lang)  # load the table now, not on the first document
    return nlp


class PiecewiseTokenizer:
    """spaCy's tokenizer, given words of at most `MAX_WORD` characters: a text without a
    longer word is tokenized as it is; otherwise each longer word is cut into pieces of
    `MAX_WORD` characters, each piece and the text between long words is tokenized on its
    own, and their tokens make one doc of the same text."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_WORD.search(text) is None:
            return self.tokenizer(text)
        pieces: list[str] = []
        pos = 0
        for word in _LONG_WORD.finditer(text):
            if word.start() > pos:
                pieces.append(text[pos : word.start()])
            end = word.end()
            pieces += [text[i : min(i + MAX_WORD, end)] for i in range(word.start(), end, MAX_WORD)]
            if text.startswith(" ", end):  # one space after a word is the word's whitespace
                pieces[-1] += " "
                end += 1
            pos = end
        if pos < len(text):
            pieces.append(text[pos:])
        tokens = [t for piece in pieces for t in self.tokenizer(piece)]
        # one doc from the pieces' tokens (not `Doc.from_docs`, whose piece starts would stay
        # sentence starts the sentencizer keeps)
        return Doc(
            tokens[0].vocab,
            words=[t.text for t in tokens],
            spaces=[bool(t.whitespace_) for t in tokens],
        )
