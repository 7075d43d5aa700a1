"""Parameters in the graph: one `kg:Parameter` node per callable, name and example value at
`<concept>/param/<name>` (`-2`, ... for further values), with its evidence, valid against the
shipped shapes; and the order of calls as `kg:precedes` assertions."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.extract import extract
from kg.graph.build import documents_graph
from kg.graph.knowledge import add_extraction
from kg.graph.validate import validate_graph
from kg.graph.vocab import KG, KGC
from kg.ingest import load_document

NOTES = (
    "# Escribir features\n\n```python\nfrom databricks.feature_store import FeatureStoreClient\n"
    "fs = FeatureStoreClient()\n"
    'fs.create_table(name="t", primary_keys=["id"], df=df)\n'
    'fs.write_table(name="t", df=df, mode="overwrite")\n'
    'fs.write_table(name="t", df=df, mode="merge")\n```\n'
)
RST = (
    "Store\n=====\n\n.. py:class:: FeatureStoreClient\n\n    The client.\n\n"
    "    .. py:method:: write_table(name: str, df, mode: str = 'merge')\n\n"
    "        Writes a table.\n\n        :param mode: str\n          How rows are written.\n"
)


def _graph(tmp_path: Path) -> Graph:
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "api.rst").write_text(RST, encoding="utf-8")
    docs = [load_document(tmp_path / "api.rst"), load_document(tmp_path / "notes.md")]
    graph = documents_graph(docs)
    add_extraction(graph, extract(docs))
    return graph


def test_graph_parameters_one_node_per_name_and_value_with_evidence(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    write = KGC["fs.write_table"]
    nodes = {str(n).removeprefix(str(write)) for n in graph.objects(write, KG.hasParameter)}
    assert nodes == {
        "/param/name",  # declared by the signature, then passed "t" (one node per value)
        "/param/name-2",
        "/param/df",
        "/param/df-2",
        "/param/mode",
        "/param/mode-2",
        "/param/mode-3",
    }
    declared = URIRef(f"{write}/param/mode")
    assert graph.value(declared, KG.parameterType) == Literal("str")
    assert graph.value(declared, KG.defaultValue) == Literal("'merge'")
    assert graph.value(declared, RDFS.comment) == Literal("How rows are written.")
    assert graph.value(declared, KG.rule) == Literal("api-signature")
    values = {
        str(graph.value(n, KG.exampleValue)): int(graph.value(n, KG.line))
        for n in (URIRef(f"{write}/param/mode-2"), URIRef(f"{write}/param/mode-3"))
    }
    assert values == {'"overwrite"': 7, '"merge"': 8}
    lines = {
        name: (tmp_path / name).read_text(encoding="utf-8").splitlines()
        for name in ("notes.md", "api.rst")
    }
    for node in graph.subjects(RDF.type, KG.Parameter):
        document = graph.value(node, DCTERMS.source)
        source = Path(str(graph.value(document, DCTERMS.source)))
        line, text = int(graph.value(node, KG.line)), str(graph.value(node, KG.evidence))
        name = str(graph.value(node, KG.parameterName))
        assert text and text in lines[source.name][line - 1] and name in text
        assert graph.value(node, KG.statement) is not None  # the code block or signature


def test_graph_parameters_and_precedes_validate_against_the_shapes(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    precedes = set(graph.subject_objects(KG.precedes))
    assert precedes == {
        (KGC["fs.create_table"], KGC["fs.write_table"]),
    }
    assert validate_graph(graph).conforms
    # a parameter without its name, or hanging from no concept, breaks the shapes
    node = URIRef(f"{KGC['fs.write_table']}/param/df")
    nameless = Graph()
    for triple in graph:
        if triple[:2] != (node, KG.parameterName):
            nameless.add(triple)
    result = validate_graph(nameless)
    assert not result.conforms and "parameterName" in result.report
    orphan = Graph()
    for triple in graph:
        if triple[1:] != (KG.hasParameter, node):
            orphan.add(triple)
    assert not validate_graph(orphan).conforms
