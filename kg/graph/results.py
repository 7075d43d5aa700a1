"""Query results as the bytes of a response: the W3C SPARQL results formats (JSON, XML, CSV,
TSV) and RDF formats (Turtle, N-Triples, RDF/XML), written where the query ran."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.sparql import RDF_FORMATS, QueryResult
from kg.graph.vocab import PREFIXES

__all__ = ["serialize", "solutions_as", "term_json"]


def _term_csv(term: dict[str, str]) -> str:
    value = term["value"]
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _term_tsv(term: dict[str, str]) -> str:
    value = term["value"].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    quoted = '"' + value.replace('"', '\\"') + '"'
    if "xml:lang" in term:
        return f"{quoted}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{quoted}^^<{term['datatype']}>"
    return quoted


def _xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _term_xml(term: dict[str, str]) -> str:
    value = _xml_escape(term["value"])
    if term["type"] == "uri":
        return f"<uri>{value}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f' xml:lang="{_xml_escape(term["xml:lang"])}"'
    elif "datatype" in term:
        attrs = f' datatype="{_xml_escape(term["datatype"])}"'
    return f"<literal{attrs}>{value}</literal>"


def solutions_as(data: dict[str, Any], fmt: str) -> str:
    """W3C results (JSON form) in `fmt`: json, csv, tsv or xml."""
    names: list[str] = data["head"]["vars"]
    rows: list[dict[str, dict[str, str]]] = data["results"]["bindings"]
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "csv":
        lines = [",".join(names)]
        lines += [",".join(_term_csv(r[n]) if n in r else "" for n in names) for r in rows]
        return "\r\n".join(lines) + "\r\n"
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_term_tsv(r[n]) if n in r else "" for n in names) for r in rows]
        return "\n".join(lines) + "\n"
    head = "".join(f'<variable name="{_xml_escape(n)}"/>' for n in names)
    results = "".join(
        "<result>"
        + "".join(
            f'<binding name="{_xml_escape(n)}">{_term_xml(r[n])}</binding>' for n in names if n in r
        )
        + "</result>"
        for r in rows
    )
    return (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>{results}</results></sparql>"
    )


def term_json(term: Any) -> dict[str, str]:
    """A pyoxigraph term in the W3C SPARQL results JSON form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def serialize(result: QueryResult, formats: tuple[str, str]) -> tuple[str, str]:
    """The result as text: `formats` is (format for solutions and booleans, format for
    graphs). Returns (text, format used): booleans are JSON unless XML was asked for.

    Raises:
        QueryError: a format that does not exist.
    """
    if result.kind == "graph":
        rdf = RDF_FORMATS.get(formats[1])
        if rdf is None:
            raise QueryError(f"use turtle, ntriples or rdfxml for graph results, not {formats[1]}")
        prefixes = PREFIXES if rdf is ox.RdfFormat.TURTLE else None
        out = ox.serialize(list(result.triples), format=rdf, prefixes=prefixes)
        return bytes(out or b"").decode("utf-8"), formats[1]
    if result.kind == "boolean":
        value = "true" if result.boolean else "false"
        if formats[0] == "xml":
            return (
                '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{value}</boolean></sparql>"
            ), "xml"
        return json.dumps({"head": {}, "boolean": result.boolean}), "json"
    if formats[0] not in ("json", "xml", "csv", "tsv"):
        raise QueryError(f"use json, xml, csv or tsv for solutions, not {formats[0]}")
    bindings = [{k: term_json(v) for k, v in row.items()} for row in result.rows]
    data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return solutions_as(data, formats[0]), formats[0]
