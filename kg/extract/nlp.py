"""The spaCy layer: blank Spanish and English pipelines, no trained model, nothing downloaded.

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

from kg.extract.lexicon import LANGUAGES, fold, lemma, singular

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


@Language.component("kg_norm")
def kg_norm(doc: Doc) -> Doc:
    lang = doc.lang_
    for token in doc:
        lower = token.lower_
        if token.is_alpha:
            token.lemma_ = lemma(lower, lang)
            token.norm_ = singular(token.text)
        else:
            token.lemma_ = lower
            token.norm_ = fold(lower)
    return doc


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of both languages, folded ("cómo" → "como")."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.es.stop_words import STOP_WORDS as ES

    return frozenset(fold(w) for w in ES | EN) | {"e.g", "i.e", "etc", "ej", "p. ej", "vs"}


def is_function_phrase(text: str) -> bool:
    """True when every word of `text` is a function word ("¿Cómo?", "the", "de la")."""
    words = [fold(w) for w in text.replace("¿", " ").replace("?", " ").split()]
    words = [w.strip(".,;:!¡") for w in words]
    return all(w in stop_words() for w in words if w)


@lru_cache(maxsize=len(LANGUAGES))
def pipeline(lang: str) -> Language:
    """The blank pipeline for `lang` ("es" or "en"), built once per process."""
    if lang not in LANGUAGES:
        lang = "en"
    nlp = spacy.blank(lang)
    nlp.tokenizer = PiecewiseTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_norm")
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
