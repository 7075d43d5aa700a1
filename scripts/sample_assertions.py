"""Draw a random sample of the graph's assertions, each with its evidence line, to judge by hand.

    python scripts/sample_assertions.py [--store STORE] [--count 40] [--seed 7] [--rule PREFIX]

The sample is drawn with a fixed seed from the assertions sorted by IRI, so the same graph gives
the same sample on every machine; `--rule` keeps the assertions of rules whose name starts with
PREFIX (say `code-` to judge the code rules alone). Each line: number, subject, relation,
object, rule, source:line, and the evidence text the assertion was read from. Precision is what
a reader judges of these lines (the extraction issue aims at 90% or more).
"""

from __future__ import annotations

import argparse
import random
import textwrap

from kg import api

QUERY = """
PREFIX kg: <https://kg.invalid/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?s ?p ?o ?rule ?source ?line ?evidence WHERE {
  ?a a kg:Assertion ; rdf:subject ?x ; rdf:predicate ?p ; rdf:object ?y ; kg:rule ?rule ;
     kg:line ?line ; kg:evidence ?evidence ; dcterms:source ?doc .
  ?doc dcterms:source ?source .
  ?x skos:prefLabel ?s . ?y skos:prefLabel ?o .
} ORDER BY ?a"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=None, help="graph store (default: $KG_STORE)")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rule", default="", help="only rules whose name starts with this")
    args = parser.parse_args()
    rows = [
        {k: v.value for k, v in row.items()}
        for row in api.query(QUERY, store=args.store).rows
        if row["rule"].value.startswith(args.rule)
    ]
    sample = random.Random(args.seed).sample(rows, min(args.count, len(rows)))
    print(f"{len(sample)} of {len(rows)} assertions (seed {args.seed})\n")
    for n, r in enumerate(sample, start=1):
        relation = r["p"].rsplit("#", 1)[-1]
        print(f"{n:>3}. {r['s']}  —{relation}→  {r['o']}   [{r['rule']}]")
        print(f"     {r['source']}:{r['line']}")
        quoted = textwrap.shorten(" ".join(r["evidence"].split()), 300)
        print(textwrap.indent(textwrap.fill(f"“{quoted}”", 96), "     "))


if __name__ == "__main__":
    main()
