"""What the endpoint answers in: content negotiation with q-values, the SPARQL 1.1 Service
Description, and the query page."""

from __future__ import annotations

from kg import api

__all__ = ["PAGE", "choose", "graph_format", "service_description", "solutions_format"]

# media types each result format answers to, the preferred one first (W3C names)
_SOLUTIONS = {
    "json": (api.MEDIA_TYPES["json"], "application/json"),
    "xml": (api.MEDIA_TYPES["xml"], "application/xml", "text/xml"),
    "csv": (api.MEDIA_TYPES["csv"],),
    "tsv": (api.MEDIA_TYPES["tsv"],),
}
_GRAPHS = {
    "turtle": (api.MEDIA_TYPES["turtle"], "application/x-turtle"),
    "ntriples": (api.MEDIA_TYPES["ntriples"], "text/plain"),
    "rdfxml": (api.MEDIA_TYPES["rdfxml"],),
}


def _ranges(accept: str) -> list[tuple[str, float, int]]:
    """The media ranges of an Accept header: (range, q, position); malformed q counts as 0."""
    out = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((media.lower(), q, position))
    return out


def _quality(ranges: list[tuple[str, float, int]], media: str) -> tuple[float, int, int]:
    """How much the client wants `media`: (q, specificity, -position) of the most specific
    range that matches it (RFC 9110: the most specific range decides)."""
    kind = media.split("/")[0]
    best: tuple[float, int, int] | None = None
    for pattern, q, position in ranges:
        specificity = 3 if pattern == media else 2 if pattern == f"{kind}/*" else 1
        if pattern not in (media, f"{kind}/*", "*/*"):
            continue
        if best is None or specificity > best[1]:
            best = (q, specificity, -position)
    return best or (0.0, 0, 0)


def choose(accept: str, offers: dict[str, tuple[str, ...]], default: str) -> str:
    """The offered format the client prefers most (highest q; then the more specific range,
    then the client's order, then ours); `default` when the header is empty or accepts none.
    A format answers to its other media types (`application/json`) only when they are named,
    never through a wildcard: the response carries the format's own type."""
    ranges = _ranges(accept)
    if not ranges:
        return default
    scored = []
    for order, (fmt, medias) in enumerate(offers.items()):
        for n, media in enumerate(medias):
            q, specificity, position = _quality(ranges, media)
            if q > 0 and (n == 0 or specificity == 3):  # other names only when named
                scored.append((q, specificity, position, -order, fmt))
    return max(scored)[4] if scored else default


def solutions_format(accept: str) -> str:
    return choose(accept, _SOLUTIONS, "json")


def graph_format(accept: str) -> str:
    return choose(accept, _GRAPHS, "turtle")


def service_description(endpoint: str) -> str:
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle: the language (queries
    only: it is read-only) and the result formats."""
    formats = ", ".join(
        f"formats:{name}"
        for name in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "RDF_XML",
        )
    )
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats} ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] ;
    dcterms:title "kg SPARQL endpoint" ;
    dcterms:description "Read-only: SPARQL 1.1 queries only (no SPARQL Update). SERVICE, and \
FROM, FROM NAMED or GRAPH naming a graph the store does not hold, are refused: queries never \
reach the network. Dataset parameters (default-graph-uri, named-graph-uri) select graphs \
inside the store." .
"""


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{font:15px system-ui;margin:2em;max-width:60em}textarea{width:100%;height:12em;
font:13px monospace}pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>
<h1>kg SPARQL endpoint</h1><p>Read-only. Prefixes <code>kg kgc kgd skos rdf rdfs owl prov
dcterms xsd</code> are predeclared.</p>
<form id="f"><textarea name="query">SELECT ?label WHERE { ?c a kg:Concept ; skos:prefLabel ?label }
LIMIT 20</textarea><p><button>Run</button></p></form><pre id="out"></pre>
<script>
document.getElementById('f').onsubmit = async (e) => {
  e.preventDefault();
  const body = new URLSearchParams(new FormData(e.target));
  const r = await fetch('/sparql', {method: 'POST', body,
    headers: {'Accept': 'application/sparql-results+json'}});
  document.getElementById('out').textContent = JSON.stringify(await r.json(), null, 2);
};
</script></body></html>"""
