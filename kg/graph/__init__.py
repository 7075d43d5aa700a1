"""The RDF graph: vocabulary, building from documents and extractions, the store, queries."""
