"""Concept mentions in text: inline code and identifiers resolved as code, and every term
label matched on NORM (folded singular words) with spaCy's PhraseMatcher."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.context import DocContext, Place
from kg.extract.nlp import is_function_phrase, pipeline
from kg.extract.normalize import ARTICLES, clean_label, is_code_like, is_literal_value, term_key
from kg.extract.patterns import IDENTIFIER_IN_TEXT
from kg.extract.registry import Registry
from kg.ingest.document import RichText
from kg.lang import words

__all__ = ["Mention", "MentionFinder"]

# Words too common to be a concept on their own, whatever the notes bold or code-format:
# articles, every language's `generic_words`, and the names code gives anything.
_TOO_GENERIC = ARTICLES | words("generic_words") | {"x", "df", "id"}


@dataclass(frozen=True)
class Mention:
    key: str
    start: int  # character offsets in the text
    end: int
    surface: str


class MentionFinder:
    """Finds mentions of registered concepts; one matcher per language, built once."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._matchers: dict[str, tuple[PhraseMatcher, dict[str, str]]] = {}
        self._labels: dict[str, set[str]] = {}
        for key in registry.keys():  # noqa: SIM118 (a method, not a dict)
            if key.startswith("term:"):
                self._labels.setdefault(key, set()).update(registry.labels_of(key))
            elif "." not in key and key[5:] in registry.keyword_names:
                # a parameter (`primary_keys=`) is also written in prose ("primary keys")
                self._labels.setdefault(key, set()).add(key[5:].replace("_", " "))

    def _matcher(self, lang: str) -> tuple[PhraseMatcher, dict[str, str]]:
        if lang not in self._matchers:
            nlp = pipeline(lang)
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            ids: dict[str, str] = {}
            for key, labels in self._labels.items():
                usable = [
                    lbl
                    for lbl in labels
                    if lbl.lower() not in _TOO_GENERIC
                    and len(lbl) > 1
                    and not is_function_phrase(lbl)
                ]
                if usable:
                    ids[key] = key
                    matcher.add(key, list(nlp.pipe(usable)))
            self._matchers[lang] = (matcher, ids)
        return self._matchers[lang]

    def parse(self, text: str, lang: str) -> Doc:
        return pipeline(lang)(text)

    def find(
        self,
        text: RichText,
        ctx: DocContext,
        place: Place,
        topic: Place,
        doc: Doc | None = None,
    ) -> list[Mention]:
        """Mentions in `text`, left to right, without overlaps (longer and marked first)."""
        found: list[Mention] = []
        reg = self.registry

        def code_key(surface: str) -> str | None:
            key = reg.add_code(surface, ctx.resolver, None, register=False)
            return reg.resolve_bare(key, place, topic) if key else None

        for span in text.spans:
            value = text.text[span.start : span.end]
            label = clean_label(value)
            if span.kind not in ("code", "strong") or not label or is_literal_value(label):
                continue
            key = code_key(label) if is_code_like(label) else None
            if key is None:
                tkey = term_key(label)
                key = reg.find(tkey) if tkey in reg else None
            if key:
                found.append(Mention(key, span.start, span.end, label))
        for match in IDENTIFIER_IN_TEXT.finditer(text.text):
            surface = match.group(1)
            if is_code_like(surface) and not is_literal_value(surface):
                key = code_key(surface)
                if key:
                    found.append(Mention(key, match.start(1), match.end(1), surface))
        spacy_doc = doc if doc is not None else self.parse(text.text, ctx.lang)
        matcher, _ = self._matcher(ctx.lang)
        for match_id, start, end in matcher(spacy_doc):
            matched = spacy_doc[start:end]
            key = reg.find(spacy_doc.vocab.strings[match_id])
            found.append(Mention(key, matched.start_char, matched.end_char, matched.text))
        # keep the longest mention at each place; marked spans win ties
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                continue
            if m.surface.lower() in _TOO_GENERIC:
                continue
            kept.append(m)
        return kept
