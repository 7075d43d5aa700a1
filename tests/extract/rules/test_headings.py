"""Heading rules: "A vs B" headings (both languages) and API reference headings."""

from __future__ import annotations

from tests.extract.conftest import ruled, triples


def test_headings_vs(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# Batch vs Streaming\n\ntext\n\n## AutoML frente a ML manual\n\ntexto\n")
    assert ("Batch", "differsFrom", "Streaming", "vs-heading") in ruled(x)
    assert ("AutoML", "differsFrom", "ML manual", "vs-heading") in ruled(x)
    assert all(c.aspects == () for c in x.comparisons)


def test_headings_api_reference_methods_belong_to_their_class(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "Models\n======\n\n.. py:class:: ModelsAPI\n\n    Manage models.\n\n"
        "    .. py:method:: create(name: str) -> Model\n\n        Creates a model.\n",
        name="models.rst",
        more={
            "api.md": "# API\n\n## RegisteredModelsAPI\n\n### create()\n\nCrea un modelo registrado.\n"
        },
    )
    found = triples(x, "methodOf")
    assert ("ModelsAPI.create", "methodOf", "ModelsAPI") in found
    assert ("RegisteredModelsAPI.create", "methodOf", "RegisteredModelsAPI") in found
    defs = {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}
    assert defs["ModelsAPI.create"] == ["Creates a model."]
    assert defs["RegisteredModelsAPI.create"] == ["Crea un modelo registrado."]
    assert defs["ModelsAPI"] == ["Manage models."]  # not the signature line "ModelsAPI"


def test_headings_vs_sides_share_a_head_the_text_says(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Multiple vs. Single Imputation\n\nOne may perform multiple imputations of the data.\n\n"
        "## Inferencia batch vs streaming\n\nLa inferencia streaming procesa eventos.\n\n"
        "## Docker vs Virtual Machines\n\nDocker shares the kernel.\n"
    )
    found = ruled(x)
    assert ("Multiple Imputation", "differsFrom", "Single Imputation", "vs-heading") in found
    assert ("Inferencia batch", "differsFrom", "Inferencia streaming", "vs-heading") in found
    # no "Docker Machines": the text never says it, so the side stays as written
    assert ("Docker", "differsFrom", "Virtual Machines", "vs-heading") in found
    assert not {c.label for c in x.concepts} & {"Multiple", "Docker Machines"}
