"""Extraction: documents → concepts, assertions with evidence, comparisons, key points.

Two passes over the documents: `collect` registers every concept candidate (so that a term
defined late in the notes is still recognised early), then the rules of `kg.extract.rules`
find mentions, relations, definitions and key points. The spaCy pipelines are built once per
process (see `nlp.pipeline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg.extract.model import (
    Aspect,
    Assertion,
    Comparison,
    Concept,
    Evidence,
    Extraction,
    KeyPoint,
    Parameter,
)
from kg.ingest.document import Document
from kg.lang import LANGUAGES

__all__ = [
    "Aspect",
    "Assertion",
    "Comparison",
    "Concept",
    "Evidence",
    "Extraction",
    "KeyPoint",
    "Parameter",
    "extract",
    "warm_up",
]


def warm_up() -> None:
    """Build the spaCy pipelines now (seconds), rather than on the first document."""
    from kg.extract.nlp import pipeline  # spaCy is imported only when extraction runs

    for lang in LANGUAGES:
        pipeline(lang)


def extract(documents: Sequence[Document]) -> Extraction:
    """Concepts and relations of `documents`, every relation with its evidence."""
    from kg.extract.collect import collect
    from kg.extract.context import build_contexts
    from kg.extract.rules import read
    from kg.extract.rules.parameters import finish_parameters
    from kg.extract.statements import attach_mentions, document_statements

    contexts = build_contexts(list(documents))
    registry = collect(contexts)
    found = read(registry, contexts)
    concepts = registry.finish()
    find = registry.find
    assertions = tuple(
        replace(a, subject=find(a.subject), object=find(a.object))
        for a in found.assertions
        if find(a.subject) in concepts
        and find(a.object) in concepts
        and find(a.subject) != find(a.object)
    )
    comparisons = tuple(
        c.__class__(find(c.left), find(c.right), c.aspects, c.evidence, c.rule)
        for c in found.comparisons
        if find(c.left) in concepts and find(c.right) in concepts and find(c.left) != find(c.right)
    )
    key_points = tuple(
        k.__class__(
            k.text,
            tuple(dict.fromkeys(find(c) for c in k.concepts if find(c) in concepts)),
            k.evidence,
        )
        for k in found.key_points
    )
    statements = [s for ctx in contexts for s in document_statements(ctx.doc, ctx.lang)]
    return Extraction(
        statements=tuple(attach_mentions(statements, concepts.values())),
        concepts=tuple(concepts.values()),
        assertions=assertions,
        comparisons=comparisons,
        key_points=key_points,
        parameters=finish_parameters(found.parameters, find, concepts),
        languages={ctx.doc.source: ctx.lang for ctx in contexts},
    )
