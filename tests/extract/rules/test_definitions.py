"""Definitions, in both languages: question headings and bold questions, API headings, lead
paragraphs, "X es ..." sentences and term tables."""

from __future__ import annotations

from kg.extract import Extraction
from kg.extract.rules.definitions import first_sentences


def definitions(x: Extraction) -> dict[str, list[str]]:
    return {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}


def test_definitions_question_headings(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## ¿Qué es un ML Runtime en Databricks?\n\nEs un entorno preconfigurado.\n\n"
        "## What is a Feature Table?\n\nIt stores features by key.\n\nIt is a Delta table.\n"
    )
    defs = definitions(x)
    assert defs["ML Runtime"] == ["Es un entorno preconfigurado."]
    # a short definition goes on into the next paragraph
    assert defs["Feature Table"] == ["It stores features by key. It is a Delta table."]


def test_definitions_a_bold_question_acts_as_a_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Tags\n\n**¿Qué es un tag?**\n\nEs una etiqueta clave-valor.\n\n"
        "**What is an alias?**\n\nA named pointer to a model version.\n"
    )
    defs = definitions(x)
    assert defs["tag"] == ["Es una etiqueta clave-valor."]
    assert defs["alias"] == ["A named pointer to a model version."]


def test_definitions_an_api_heading_is_described_by_its_paragraph(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# API\n\n## `fs.write_table()`\n\nEscribe un DataFrame en la tabla.\n\n"
        "## `fs.read_table()`\n\n`fs.read_table(name)`\n\nReads a feature table.\n"
    )
    defs = definitions(x)
    assert defs["fs.write_table"] == ["Escribe un DataFrame en la tabla."]
    assert defs["fs.read_table"] == ["Reads a feature table."]  # not the signature line


def test_definitions_lead_paragraph_defines_the_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Databricks AutoML\n\n## Overview\n\nDatabricks AutoML automates model selection.\n\n"
        "## Usage\n\nAutoML runs trials.\n",
        more={
            "stack.md": "# Widget Stacks\n\n> **NOTE:** preview\n\nThis repo provides a stack.\n",
            "other.md": "# Trials\n\nEach run of a search is logged.\n",
            "tienda.md": "# Guía\n\n## Feature Store\n\nEl Feature Store centraliza las features.\n",
            "pila.md": "# Pilas de Widgets\n\nEste repositorio ofrece una pila.\n",
        },
    )
    defs = definitions(x)
    # the name holds the identifier AutoML, so the definition goes to that concept
    assert defs["AutoML"] == ["Databricks AutoML automates model selection."]
    assert defs["Widget Stacks"] == ["This repo provides a stack."]
    assert defs["Feature Store"] == ["El Feature Store centraliza las features."]
    assert defs["Pilas de Widgets"] == ["Este repositorio ofrece una pila."]
    # a first paragraph that neither names the heading nor opens with "This" defines nothing
    assert "Trials" not in defs


def test_definitions_a_sentence_of_being_defines_its_first_concept(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n**MLflow** es una plataforma de ML.\n\n**Delta Lake** is a storage layer.\n\n"
        "Con **MLflow Tracking** se registran runs.\n"
    )
    defs = definitions(x)
    assert defs["MLflow"] == ["MLflow es una plataforma de ML."]
    assert defs["Delta Lake"] == ["Delta Lake is a storage layer."]
    assert "MLflow Tracking" not in defs  # the sentence does not open with it


def test_definitions_term_tables(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n| Concepto | Descripción |\n|---|---|\n| Feature Lookup | Mecanismo para acceder a features |\n\n"
        "| Term | Description |\n|---|---|\n| Model Registry | Stores model versions |\n"
    )
    defs = definitions(x)
    assert defs["Feature Lookup"] == ["Mecanismo para acceder a features"]
    assert defs["Model Registry"] == ["Stores model versions"]


def test_definitions_are_cut_at_a_sentence_end_not_at_an_abbreviation() -> None:
    text = "MLflow is a platform, e.g. for tracking experiments and models in teams. " * 2
    cut = first_sentences(text + "It also stores runs and artifacts. " * 6, 120)
    assert cut == "MLflow is a platform, e.g. for tracking experiments and models in teams."
