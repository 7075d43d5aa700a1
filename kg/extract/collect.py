"""Pass 1: concept candidates from the text — headings, table first columns and sides, bold
terms, inline code, identifiers, API calls and imports in code, glosses and acronyms.

No list of concepts is written anywhere: a concept is what the notes mark as one.
"""

from __future__ import annotations

from kg.extract.code import analyze_code, is_python
from kg.extract.context import DocContext, Place
from kg.extract.cues import aliases, heading_has
from kg.extract.labels import (
    VS_WORDS,
    add_label,
    heading_class,
    is_acronym,
    looks_like_name,
    question_subject,
    section_sides,
    strip_numbering,
    table_shape,
)
from kg.extract.normalize import (
    clean_label,
    is_code_like,
    is_literal_value,
    split_identifier,
    term_key,
)
from kg.extract.patterns import IDENTIFIER_IN_TEXT, Gloss, glosses, heading_gloss
from kg.extract.registry import Registry
from kg.ingest.document import Code, RichText, Section, Table
from kg.lang import PIVOT

__all__ = ["collect"]

_GLOSS_WORDS = 4  # words of each side of a heading "name (gloss)" that names one thing


def collect(contexts: list[DocContext]) -> Registry:
    """Pass 1 over every document: register every concept candidate."""
    reg = Registry()
    for group in aliases():
        reg.prefer(group[0])
        keys = [reg.add_term(label, PIVOT, None) for label in group]
        for key in keys[1:]:
            if key and keys[0]:
                reg.union(keys[0], key)
    for ctx in contexts:
        for section in ctx.doc.sections:
            places = ctx.places(section)
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
    _join_modules_and_products(reg)
    return reg


def _join_modules_and_products(reg: Registry) -> None:
    """A module and the product of the same name ("mlflow", "MLflow") are one concept."""
    for key in reg.keys():  # noqa: SIM118 (a method, not a dict)
        name = key[5:]
        if key.startswith("code:") and name.isalpha() and f"term:{name}" in reg:
            reg.union(key, f"term:{name}")
        last = name.rpartition(".")[2]
        if key.startswith("code:") and "." in name and last.isalpha():
            # `databricks.automl` is the API of the product written "AutoML"
            for other in (f"term:{last}", f"code:{last}"):
                if other in reg and any(looks_like_name(lbl) for lbl in reg.labels_of(other)):
                    reg.union(key, other)


def _rich_candidates(
    reg: Registry, ctx: DocContext, text: RichText, places: tuple[Place, ...]
) -> None:
    whole = text.text.strip()
    for span in text.spans:
        value = text.text[span.start : span.end]
        if span.kind == "code":
            if clean_label(value) not in ctx.variables:
                add_label(reg, ctx, value, places)
        elif span.kind == "strong":
            single = len(value.split()) == 1 and value.strip() != whole
            if not single or looks_like_name(value.strip()):
                add_label(reg, ctx, value, places)
    for match in IDENTIFIER_IN_TEXT.finditer(text.text):
        ident = match.group(1)
        if is_code_like(ident) and not is_literal_value(ident) and ident not in ctx.variables:
            reg.add_code(ident, ctx.resolver, None, places=places)
    for gloss in glosses(text.text):
        _gloss_candidates(reg, ctx, gloss, places)


def _gloss_candidates(
    reg: Registry, ctx: DocContext, gloss: Gloss, places: tuple[Place, ...]
) -> None:
    """ "Interquartile Range (IQR)": the acronym names the words before it; "clave primaria
    (primary_keys)": the same words, once in prose, once as code."""
    outer, inner_clean = gloss.outer.split(), clean_label(gloss.inner.strip())
    if is_acronym(inner_clean):
        letters = [w for w in outer if w[:1].isupper()][-len(inner_clean) :]
        if len(letters) == len(inner_clean) and all(
            w[0] == ch for w, ch in zip(letters, inner_clean, strict=True)
        ):
            full = " ".join(outer[outer.index(letters[0]) :])
            a, b = reg.add_term(full, ctx.lang, None), reg.add_term(inner_clean, ctx.lang, None)
            if a and b:
                reg.union(a, b)
    elif is_code_like(inner_clean) and not is_literal_value(inner_clean):
        words = split_identifier(inner_clean.rpartition(".")[2])
        tail = " ".join(outer[-len(words) :])
        if term_key(tail) == term_key(" ".join(words)):
            a = reg.add_code(inner_clean, ctx.resolver, None, places=places)
            b = reg.add_term(tail, ctx.lang, None)
            if a and b:
                reg.union(a, b)


def _heading_candidates(reg: Registry, ctx: DocContext, section: Section) -> None:
    title = section.title
    places = ctx.places(section)
    subject = question_subject(title)
    if subject:
        add_label(reg, ctx, subject, places)
    gloss = heading_gloss(strip_numbering(title))
    # "Experimentos (Experiments)": one name in two languages, word for word
    if gloss and 0 < len(gloss[0].split()) == len(gloss[1].split()) <= _GLOSS_WORDS:
        a = add_label(reg, ctx, gloss[0], places)
        b = add_label(reg, ctx, gloss[1], places)
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
    for side in section_sides(ctx.doc, section) or ():
        add_label(reg, ctx, side, places)  # "AutoML vs Manual ML"
    owner = heading_class(section)
    for match in IDENTIFIER_IN_TEXT.finditer(title):
        if is_code_like(match.group(1)):
            ident = match.group(1)
            if owner and "." not in ident:
                ident = f"{owner}.{ident}"  # "create()" under "RegisteredModelsAPI"
            reg.add_code(ident, ctx.resolver, None, places=places)


def _table_candidates(
    reg: Registry, ctx: DocContext, table: Table, places: tuple[Place, ...]
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
                if cell.text.strip().lower() in VS_WORDS:
                    for side in (row[c - 1 : c], row[c + 1 : c + 2]):
                        for s in side:
                            add_label(reg, ctx, s.text, places)
        elif row and (
            shape in ("terms", "comparison")
            or (table.header and heading_has("alternatives_headers", table.header[0].text))
        ):
            add_label(reg, ctx, row[0].text, places)


def _code_candidates(
    reg: Registry, ctx: DocContext, block: Code, places: tuple[Place, ...]
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
