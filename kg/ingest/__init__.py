"""Ingestion: files → repaired text → `Document` (sections, blocks, line spans)."""

from kg.ingest.document import (
    Block,
    Code,
    Document,
    Heading,
    ListItem,
    Paragraph,
    RichText,
    Section,
    Span,
    Table,
    block_to_dict,
    document_to_dict,
)
from kg.ingest.loader import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    LoadReport,
    Skipped,
    discover,
    iter_documents,
    load_document,
    load_paths,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "Block",
    "Code",
    "Document",
    "Heading",
    "ListItem",
    "LoadReport",
    "Paragraph",
    "RichText",
    "Section",
    "Skipped",
    "Span",
    "Table",
    "block_to_dict",
    "discover",
    "document_to_dict",
    "iter_documents",
    "load_document",
    "load_paths",
]
