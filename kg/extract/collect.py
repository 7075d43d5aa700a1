"""Pass 1: concept candidates from the text — headings, table first columns and sides, bold
terms, inline code, identifiers, API calls and imports in code, glosses and acronyms.

No list of concepts is written anywhere: a concept is what the notes mark as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.extract.code import CodeFacts, analyze_code, is_class_name, is_python, merge_all
from kg.extract.cues import aliases, has_relation_cue, heading_has, negations
from kg.extract.language import detect_language
from kg.extract.nlp import fold, is_function_phrase
from kg.extract.normalize import (
    clean_label,
    is_code_like,
    is_literal_value,
    split_identifier,
    term_key,
)
from kg.extract.registry import CodeResolver, Registry
from kg.ingest.document import Code, Document, RichText, Section, Table

__all__ = [
    "DocContext",
    "add_label",
    "build_contexts",
    "collect",
    "question_subject",
    "table_shape",
]

MAX_TERM_WORDS = 6
_IDENT_IN_TEXT = re.compile(
    r"(?<![\w./:@-])((?:[A-Za-z_]\w*(?:\(\))?\.)*[A-Za-z_]\w*(?:\(\.{0,3}\))?)(?![\w@/-])"
)
_GLOSS = re.compile(r"([^\W\d][\w\s./-]*?)\s*\(\s*([^()]{1,60}?)\s*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/]{1,7}$")
_QUESTION = re.compile(r"^[¿¡\s]*|[?!.:\s]+$")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)])\s+")
_CONTEXT_TAIL = re.compile(
    r"\s+(?:en|in|de|of|para|for|con|with|dentro de)\s+(?:(?:el|la|los|las|the|un|una|a|an)\s+)?"
    r"[A-Z][\w\s.-]*$"
)


@dataclass
class DocContext:
    """What pass 2 needs about a document: its language, its code, its sections' topics."""

    doc: Document
    lang: str
    facts: CodeFacts
    resolver: CodeResolver
    topic_of: dict[int, Section] = field(default_factory=dict)  # section line → its topic
    parent_of: dict[int, Section] = field(default_factory=dict)
    variables: frozenset[str] = frozenset()  # names the code only uses as local variables


def _doc_text(doc: Document) -> str:
    return (
        "\n".join(s.title for s in doc.sections)
        + "\n"
        + "\n".join(
            getattr(b, "text", RichText("")).text if not isinstance(b, Table) else ""
            for b in doc.blocks
            if not isinstance(b, Code)
        )
    )


def build_contexts(documents: list[Document]) -> list[DocContext]:
    """Language, code facts and section tree of each document; bindings seen in one
    document serve the others as a fallback (`fs` means the same client everywhere)."""
    facts = {
        id(doc): merge_all(
            analyze_code(b.text)
            for b in doc.blocks
            if isinstance(b, Code) and is_python(b.language)
        )
        for doc in documents
    }
    everything = merge_all(facts.values())
    contexts: list[DocContext] = []
    for doc in documents:
        own = facts[id(doc)]
        ctx = DocContext(
            doc,
            detect_language(_doc_text(doc)),
            own,
            CodeResolver(own, everything),
            variables=_local_variables(own),
        )
        topics = {t.line_start for t in doc.top_level_sections()}
        stack: list[Section] = []
        current_topic: Section | None = None
        for section in doc.sections:
            while stack and stack[-1].level >= section.level:
                stack.pop()
            if stack:
                ctx.parent_of[section.line_start] = stack[-1]
            if section.line_start in topics:
                current_topic = section
            if current_topic is not None and current_topic.line_end >= section.line_start:
                ctx.topic_of[section.line_start] = current_topic
            if section.level > 0:
                stack.append(section)
        contexts.append(ctx)
    return contexts


def _local_variables(facts: CodeFacts) -> frozenset[str]:
    """Names assigned in code and never used as a keyword or called: `raw_input_df`, `runs`.
    They name data in one example, not a concept (`training_set` is also a keyword: kept)."""
    assigned = {c.assigned_to for c in facts.calls if c.assigned_to}
    keywords = {k for c in facts.calls for k in c.keywords}
    called = {c.name for c in facts.calls}
    return frozenset(assigned - keywords - called - set(facts.bindings) - set(facts.modules))


def _places(ctx: DocContext, section: Section) -> tuple[tuple[str, int], ...]:
    """Where a mention is: its section and its topic (bare code names are resolved there)."""
    topic = ctx.topic_of.get(section.line_start, section)
    return ((str(ctx.doc.source), section.line_start), (str(ctx.doc.source), topic.line_start))


def question_subject(title: str) -> str | None:
    """X of a "¿Qué es X?" / "What is X?" heading, without articles or a trailing context
    ("¿Qué es un ML Runtime en Databricks?" → "ML Runtime")."""
    text = _QUESTION.sub("", _NUMBERING.sub("", title))
    text = re.sub(r"^[^:¿?]{1,30}:\s*", "", text)  # "Contexto: Qué es X" → "Qué es X"
    text = _QUESTION.sub("", text)
    folded = text.lower()
    for cue in ("qué es", "que es", "qué son", "what is", "what are", "qué significa"):
        if folded.startswith(cue):
            rest = text[len(cue) :].strip()
            rest = re.sub(r"^(?:el|la|los|las|un|una|a|an|the)\s+", "", rest, flags=re.IGNORECASE)
            rest = _CONTEXT_TAIL.sub("", rest).strip()
            words = rest.split()
            return rest if 0 < len(words) <= MAX_TERM_WORDS else None
    return None


def is_term_label(label: str, lang: str) -> bool:
    """Whether prose marked as a name (bold, a first column, a heading) is a concept's name.

    Not when it is long, ends like a lead-in (":"), holds a code identifier among other words
    (the identifier is the concept), starts with a negation, holds a relation cue ("Requiere
    X" is a statement), or is a section cue ("Nota de examen").
    """
    words = label.split()
    if not words or len(words) > MAX_TERM_WORDS or label.endswith(":"):
        return False
    if is_function_phrase(label):
        return False
    if len(words) > 1 and any(is_code_like(w.strip("(),.;")) for w in words):
        return False
    if fold(words[0]) in negations():
        return False
    if any(
        heading_has(role, label) for role in ("key_points", "requirements", "alternative_intro")
    ):
        return False
    return not has_relation_cue(label, lang)


_TRAILING_GLOSS = re.compile(r"(.+?)\s+\(([^()]+)\)")
_SAME_NAME = 60  # rapidfuzz ratio of two one-word names that are one word in two languages


def _abbreviates(short: str, long: str) -> bool:
    """Schwartz & Hearst: every letter of the short form, in order, in the long form, the
    first one starting a word ("IQR" ← "Interquartile Range", "CV" ← "Cross-Validation")."""
    letters = [c for c in short.lower() if c.isalnum()]
    text = long.lower()
    i = len(text) - 1
    for n in range(len(letters) - 1, -1, -1):
        while i >= 0 and (text[i] != letters[n] or (n == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return len(long.split()) <= len(letters) + 2


def same_thing(name: str, gloss: str) -> bool:
    """Whether "name (gloss)" gives one thing two names: an acronym and its expansion
    ("Cross-Validation (CV)", "IQR (Interquartile Range)"), or a word-for-word translation
    ("Mode (moda)", "Experimentos (Experiments)"); not a remark ("Batch (offline)")."""
    for short, long in ((gloss, name), (name, gloss)):
        if _ACRONYM.match(short.replace("-", "")) and _abbreviates(short, long):
            return True
    a, b = fold(name).split(), fold(gloss).split()
    if not 0 < len(a) == len(b) <= 4:
        return False
    if term_key(name) == term_key(gloss):  # the glossary says so ("modelo registrado")
        return True
    # most words have a cognate on the other side ("Mode (moda)"; not "Serving (real time)")
    cognates = sum(any(_cognate(x, y) for y in b) for x in a)
    return cognates * 2 > len(a)


def _cognate(x: str, y: str) -> bool:
    return x[:2] == y[:2] and fuzz.ratio(x, y) >= _SAME_NAME


def add_label(
    reg: Registry, ctx: DocContext, text: str, places: tuple[tuple[str, int], ...] = ()
) -> str | None:
    """Register a label as a code identifier or a term, whichever it is. A trailing gloss
    that is another name of the same thing is not part of the name: "Mode (moda)" names Mode
    and moda; a qualifier stays ("MLflow Registry (workspace)")."""
    label = clean_label(text)
    if not label or is_literal_value(label) or len(label) > 80:
        return None
    gloss = _TRAILING_GLOSS.fullmatch(label)
    if gloss and not is_code_like(label) and same_thing(gloss.group(1), gloss.group(2)):
        key = add_label(reg, ctx, gloss.group(1), places)
        other = add_label(reg, ctx, gloss.group(2), places)
        if key and other and other != key:
            reg.union(key, other)
        return key or other
    if is_code_like(label):
        return reg.add_code(label, ctx.resolver, None, places=places)
    if not is_term_label(label, ctx.lang):
        return None
    return reg.add_term(label, ctx.lang, None)


def table_shape(table: Table) -> str:
    """ "vs" (A | vs | B), "comparison" (aspect | side | side), "terms" (term | description),
    or "" for other tables."""
    width = len(table.header)
    for c in range(1, width - 1):
        cells = [row[c].text.strip().lower() for row in table.rows if c < len(row)]
        if cells and all(v in ("vs", "vs.", "versus") for v in cells):
            return "vs"
    if width >= 3 and table.header and heading_has("aspect_headers", table.header[0].text):
        return "comparison"
    if width >= 2 and (
        heading_has("term_headers", table.header[0].text)
        or heading_has("description_headers", table.header[1].text)
    ):
        return "terms"
    return ""


def _looks_like_name(word: str) -> bool:
    """A single bold word is a name when written like one: "MLflow", "GPU", "AutoML"."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() or c == "_" for c in word)


def _rich_candidates(
    reg: Registry, ctx: DocContext, text: RichText, places: tuple[tuple[str, int], ...]
) -> None:
    whole = text.text.strip()
    for span in text.spans:
        value = text.text[span.start : span.end]
        if span.kind == "code":
            if clean_label(value) not in ctx.variables:
                add_label(reg, ctx, value, places)
        elif span.kind == "strong":
            single = len(value.split()) == 1 and value.strip() != whole
            if not single or _looks_like_name(value.strip()):
                add_label(reg, ctx, value, places)
    for match in _IDENT_IN_TEXT.finditer(text.text):
        ident = match.group(1)
        if is_code_like(ident) and not is_literal_value(ident) and ident not in ctx.variables:
            reg.add_code(ident, ctx.resolver, None, places=places)
    for match in _GLOSS.finditer(text.text):
        outer, inner = match.group(1).split(), match.group(2).strip()
        inner_clean = clean_label(inner)
        if _ACRONYM.match(inner_clean):
            letters = [w for w in outer if w[:1].isupper()][-len(inner_clean) :]
            if len(letters) == len(inner_clean) and all(
                w[0] == ch for w, ch in zip(letters, inner_clean, strict=True)
            ):
                full = " ".join(outer[outer.index(letters[0]) :])
                a, b = reg.add_term(full, ctx.lang, None), reg.add_term(inner_clean, ctx.lang, None)
                if a and b:
                    reg.union(a, b)
        elif is_code_like(inner_clean) and not is_literal_value(inner_clean):
            # "clave primaria (primary_keys)": the same words, once in prose, once as code
            words = split_identifier(inner_clean.rpartition(".")[2])
            tail = " ".join(outer[-len(words) :])
            if term_key(tail, ctx.lang) == term_key(" ".join(words), ctx.lang):
                a = reg.add_code(inner_clean, ctx.resolver, None, places=places)
                b = reg.add_term(tail, ctx.lang, None)
                if a and b:
                    reg.union(a, b)


def _heading_candidates(reg: Registry, ctx: DocContext, section: Section) -> None:
    title = section.title
    places = _places(ctx, section)
    subject = question_subject(title)
    if subject:
        add_label(reg, ctx, subject, places)
    gloss = re.fullmatch(r"(.+?)\s*\((.+)\)", _NUMBERING.sub("", title))
    # "Experimentos (Experiments)": one name in two languages, word for word
    if gloss and 0 < len(gloss.group(1).split()) == len(gloss.group(2).split()) <= 4:
        a = add_label(reg, ctx, gloss.group(1), places)
        b = add_label(reg, ctx, gloss.group(2), places)
        if a and b and a != b:
            reg.union(a, b)
    words = title.split()
    if (
        section.level == 1
        and not subject
        and not gloss
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
    ):
        add_label(reg, ctx, title, places)  # a name in Title Case: "MLflow Model Registry"
    for side in vs_sides(title) or ():
        add_label(reg, ctx, side, places)  # "AutoML vs Manual ML"
    owner = heading_class(section)
    for match in _IDENT_IN_TEXT.finditer(title):
        if is_code_like(match.group(1)):
            ident = match.group(1)
            if owner and "." not in ident:
                ident = f"{owner}.{ident}"  # "create()" under "RegisteredModelsAPI"
            reg.add_code(ident, ctx.resolver, None, places=places)


_BARE_CALL = re.compile(r"`*([a-z_][\w]*)\(\s*\)`*")


def heading_class(section: Section) -> str | None:
    """The class a method heading sits under, in API reference docs: "RegisteredModelsAPI"
    for a heading "create()" below a heading "RegisteredModelsAPI"; None otherwise."""
    if len(section.heading_path) < 2 or not _BARE_CALL.fullmatch(section.title.strip()):
        return None
    parent = clean_label(section.heading_path[-2])
    return parent if is_class_name(parent) else None


def collect(contexts: list[DocContext]) -> Registry:
    """Pass 1 over every document: register every concept candidate."""
    reg = Registry()
    for group in aliases():
        reg.prefer(group[0])
        keys = [reg.add_term(label, "en", None) for label in group]
        for key in keys[1:]:
            if key and keys[0]:
                reg.union(keys[0], key)
    for ctx in contexts:
        for section in ctx.doc.sections:
            places = _places(ctx, section)
            _heading_candidates(reg, ctx, section)
            for block in section.blocks:
                if isinstance(block, Code):
                    if is_python(block.language):
                        _code_candidates(reg, ctx, block, places)
                    continue
                if isinstance(block, Table):
                    _table_candidates(reg, ctx, block, places)
                    continue
                text = getattr(block, "text", None)
                if isinstance(text, RichText):
                    _rich_candidates(reg, ctx, text, places)
    reg.keyword_names.update(
        k.lower() for ctx in contexts for call in ctx.facts.calls for k in call.keywords
    )
    reg.attach_unique_bare_names()
    # a module and the product of the same name ("mlflow", "MLflow") are one concept
    for key in reg.keys():  # noqa: SIM118 (a method, not a dict)
        name = key[5:]
        if key.startswith("code:") and name.isalpha() and f"term:{name}" in reg:
            reg.union(key, f"term:{name}")
        last = name.rpartition(".")[2]
        if key.startswith("code:") and "." in name and last.isalpha():
            # `databricks.automl` is the API of the product written "AutoML"
            for other in (f"term:{last}", f"code:{last}"):
                if other in reg and any(_looks_like_name(lbl) for lbl in reg.labels_of(other)):
                    reg.union(key, other)
    return reg


def vs_sides(title: str) -> list[str] | None:
    """The two sides of an "A vs B" heading ("Comparison: AutoML vs Manual ML"), glosses
    dropped; None when the heading does not compare two short names."""
    title = re.sub(r"^[^:]{0,40}:\s*", "", title)
    sides = re.split(r"\s+(?:vs\.?|versus|frente a)\s+", title, flags=re.IGNORECASE)
    if len(sides) != 2 or any(len(s.split()) > 6 or not s.strip() for s in sides):
        return None
    return [re.sub(r"\s*\(.*?\)", "", s) for s in sides]


def _table_candidates(
    reg: Registry, ctx: DocContext, table: Table, places: tuple[tuple[str, int], ...]
) -> None:
    shape = table_shape(table)
    for cell in table.header:
        _rich_candidates(reg, ctx, cell, places)
    if shape == "comparison":
        for cell in table.header[1:]:
            add_label(reg, ctx, cell.text, places)
    for row in table.rows:
        for cell in row:
            _rich_candidates(reg, ctx, cell, places)
        if shape == "vs":
            for c, cell in enumerate(row):
                if cell.text.strip().lower() in ("vs", "vs.", "versus"):
                    for side in (row[c - 1 : c], row[c + 1 : c + 2]):
                        for s in side:
                            add_label(reg, ctx, s.text, places)
        elif row and (
            shape in ("terms", "comparison")
            or (table.header and heading_has("alternatives_headers", table.header[0].text))
        ):
            add_label(reg, ctx, row[0].text, places)


def _code_candidates(
    reg: Registry, ctx: DocContext, block: Code, places: tuple[tuple[str, int], ...]
) -> None:
    facts = analyze_code(block.text)
    imported = {imp.alias or imp.name for imp in facts.imports if imp.name}
    for imp in facts.imports:
        if imp.module:
            reg.add_module(imp.module)
        if imp.name:
            reg.add_code(imp.name, ctx.resolver, None, places=places)
    for call in facts.calls:
        surface = f"{call.qualifier}.{call.name}" if call.qualifier else f"{call.name}()"
        if not call.qualifier and not is_code_like(surface):
            continue
        unknown_owner = ctx.resolver.owner(call.qualifier) is None
        library = not call.qualifier and call.name in imported  # `from hyperopt import fmin`
        if unknown_owner and not library and "_" not in call.name and not call.name[:1].isupper():
            continue  # `model.fit()`: a method on an unknown local object
        reg.add_code(surface, ctx.resolver, None, places=places)
