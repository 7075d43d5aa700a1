"""What the seed's code says, as a golden graph: the parameters its calls pass (name, example
value, line) and the order of its calls (`kg:precedes`), compared with `rdflib.compare`. Run
`python -m tests.extract.test_seed_code` to write the golden file again after a reviewed
change."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.extract import extract
from kg.graph.build import documents_graph
from kg.graph.knowledge import add_extraction
from kg.graph.vocab import KG
from kg.ingest import load_document
from tests.conftest import SEED

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "seed_code.ttl"
_KEPT = (KG.hasParameter, KG.parameterName, KG.exampleValue, KG.parameterType, KG.defaultValue)


def seed_code() -> Graph:
    """The seed graph's parameters (without provenance but the line) and precedes triples."""
    doc = load_document(SEED)
    full = documents_graph([doc])
    add_extraction(full, extract([doc]))
    out = Graph()
    out.bind("kg", str(KG))
    for s, p, o in full:
        parameter_line = p == KG.line and (None, KG.hasParameter, s) in full
        if p in _KEPT or p == KG.precedes or parameter_line:
            out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def actual() -> Graph:
    return seed_code()


def test_seed_code_golden_parameters_and_order(actual: Graph) -> None:
    expected = Graph().parse(GOLDEN, format="turtle")
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    assert not list(missing) and not list(extra), (
        "missing:\n"
        + "\n".join(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in sorted(missing))
        + "\nextra:\n"
        + "\n".join(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in sorted(extra))
    )


def test_seed_code_the_issue_examples(actual: Graph) -> None:
    """What a reader sees in the seed's code: log_model takes the training set, the feature
    lookup needs a lookup key, the registered model is created before its version."""
    text = actual.serialize(format="nt")
    assert "<https://kg.invalid/concept/fs.log_model/param/training_set>" in text
    assert '"\\"id_col\\""' in text
    assert (
        "<https://kg.invalid/concept/create_registered_model> "
        "<https://kg.invalid/ns#precedes> "
        "<https://kg.invalid/concept/client.create_model_version>"
    ) in text


if __name__ == "__main__":
    seed_code().serialize(GOLDEN, format="turtle")
