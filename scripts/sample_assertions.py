"""A random sample of a built graph's assertions, each with its evidence line, to judge by hand.

    python scripts/sample_assertions.py [--store PATH] [-n 40] [--seed 11] [-p hasStep ...]
                                        [-r steps-arrow ...]

Draws `n` assertions (of the relations `-p` names and the rules `-r` names, or of every one)
with a fixed seed, so
that the same graph gives the same sample, and prints each as "subject —predicate→ object"
with its position (members and steps), rule, file, line and evidence text.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import api

QUERY = """SELECT ?a ?s ?p ?o ?position ?rule ?source ?line ?evidence WHERE {
  ?a a kg:Assertion ; rdf:subject/skos:prefLabel ?s ; rdf:predicate ?p ;
     rdf:object/skos:prefLabel ?o ; kg:rule ?rule ; kg:line ?line ; kg:evidence ?evidence ;
     dcterms:source/dcterms:source ?source .
  OPTIONAL { ?a kg:position ?position }
} ORDER BY ?a"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default=None, help="the store (default: KG_STORE)")
    parser.add_argument("-n", type=int, default=40, help="how many assertions")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("-p", "--predicate", action="append", default=[], help="e.g. hasStep")
    parser.add_argument("-r", "--rule", action="append", default=[], help="e.g. steps-arrow")
    args = parser.parse_args()
    rows = api.query(QUERY, store=args.store).rows
    wanted = {f"https://kg.invalid/ns#{p}" for p in args.predicate}
    picked = [
        r
        for r in rows
        if (not wanted or str(r["p"].value) in wanted)
        and (not args.rule or str(r["rule"].value) in args.rule)
    ]
    sample = random.Random(args.seed).sample(picked, min(args.n, len(picked)))
    print(f"{len(sample)} of {len(picked)} assertions (seed {args.seed})\n")
    for n, r in enumerate(sample, start=1):
        predicate = str(r["p"].value).rsplit("#", 1)[1]
        place = f" [{r['position'].value}]" if r.get("position") is not None else ""
        source = Path(str(r["source"].value)).name
        print(f"{n:2}. {r['s'].value} —{predicate}→ {r['o'].value}{place}  ({r['rule'].value})")
        print(f"    {source}:{r['line'].value}: {r['evidence'].value}")


if __name__ == "__main__":
    main()
