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
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.lexicon import LANGUAGES, fold, lemma, singular

__all__ = ["LANGUAGES", "fold", "is_function_phrase", "pipeline", "singular", "stop_words"]


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
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_norm")
    lemma("", lang)  # load the table now, not on the first document
    return nlp
