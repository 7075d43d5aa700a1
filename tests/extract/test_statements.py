from __future__ import annotations

from pathlib import Path

from kg.extract.model import Concept, Evidence
from kg.extract.statements import attach_mentions, document_statements, split_sentences
from kg.ingest import load_document

NOTES_ES = """\
# Feature Store

El Feature Store es un repositorio central de features. Permite reutilizarlas, e.g. entre equipos.

Etapas del ciclo:

- entrenamiento
- registro
  - con alias
- despliegue

| Tabla | Latencia | Uso |
|---|---|---|
| Online | milisegundos | inferencia en tiempo real |
| Offline | minutos | entrenamiento |

```python
fs.create_table(name="t", primary_keys=["id"])
```
"""


def _statements(tmp_path: Path, text: str, name: str = "notes.md", lang: str = "es"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return document_statements(load_document(path), lang)


def test_statements_split_sentences_not_abbreviations_or_numbering() -> None:
    text = "Usa fs.log_model, e.g. para registrar. 2. Flujo general. Ver la v1.2 del API! Fin"
    assert [s for _, s in split_sentences(text)] == [
        "Usa fs.log_model, e.g. para registrar.",
        "2. Flujo general.",
        "Ver la v1.2 del API!",
        "Fin",
    ]


def test_statements_cover_every_kind_with_lines_and_context(tmp_path: Path) -> None:
    found = _statements(tmp_path, NOTES_ES)
    kinds = [(s.kind, s.line) for s in found]
    assert kinds == [
        ("heading", 1),
        ("sentence", 3),
        ("sentence", 3),
        ("sentence", 5),
        ("item", 7),
        ("item", 8),
        ("item", 9),
        ("item", 10),
        ("row", 14),
        ("row", 15),
        ("code", 18),
    ]
    by_line = {(s.line, s.ordinal): s for s in found}
    assert by_line[(3, 1)].text == "Permite reutilizarlas, e.g. entre equipos."
    # a sentence carries the one before it in its paragraph (what "Permite" is about)
    assert by_line[(3, 1)].context == "El Feature Store es un repositorio central de features."
    assert by_line[(3, 0)].context == "" and by_line[(5, 0)].context == ""
    # a list item carries the sentence that announces its list, a nested one its parent
    assert by_line[(7, 0)].context == "Etapas del ciclo:"
    assert by_line[(9, 0)].context == "registro"
    # a table row is read as aspect: value pairs under its header
    assert (
        by_line[(14, 0)].text == "Online — Latencia: milisegundos — Uso: inferencia en tiempo real"
    )
    assert by_line[(14, 0)].context == "Tabla | Latencia | Uso"
    assert by_line[(18, 0)].text.startswith("fs.create_table(")
    assert all(s.heading_path == ("Feature Store",) for s in found)


def test_statements_in_english_notebook_keep_json_lines(tmp_path: Path) -> None:
    import json

    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": ["## Runs\n", "A run is one execution of code."],
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": ["mlflow.start_run()"],
                "outputs": [],
                "execution_count": 1,
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    found = document_statements(load_document(path), "en")
    lines = path.read_text(encoding="utf-8").splitlines()
    sentence = next(s for s in found if s.kind == "sentence")
    assert sentence.text == "A run is one execution of code."
    assert "A run is one execution" in lines[sentence.line - 1]
    code = next(s for s in found if s.kind == "code")
    assert "mlflow.start_run()" in lines[code.line - 1]


def test_statements_mentions_go_to_the_sentence_that_names_the_concept(tmp_path: Path) -> None:
    found = _statements(tmp_path, "# T\n\nAutoML prueba modelos. MLflow guarda runs.\n")
    source = found[0].source

    def concept(key: str, label: str) -> Concept:
        return Concept(key, label, "es", "term", mentions=(Evidence(source, 1, 3, "x"),))

    tagged = attach_mentions(
        found, [concept("term:automl", "AutoML"), concept("term:mlflow", "MLflow")]
    )
    by_text = {s.text: s.mentions for s in tagged}
    assert by_text["AutoML prueba modelos."] == ("term:automl",)
    assert by_text["MLflow guarda runs."] == ("term:mlflow",)


def test_statements_leave_out_a_table_of_contents(tmp_path: Path) -> None:
    text = (
        "# FastAPI\n\n"
        "- [Fundamentos](#fundamentos)\n"
        "  - [¿Qué es FastAPI?](#qué-es-fastapi)\n"
        "- [Guía oficial](https://fastapi.tiangolo.com)\n"
        "- Ver [Fundamentos](#fundamentos) para los detalles.\n\n"
        "## Fundamentos\n\nFastAPI es un framework web.\n"
    )
    items = [s.text for s in _statements(tmp_path, text) if s.kind == "item"]
    # links to the document's own headings say what the headings say; other items stay
    assert items == ["Guía oficial", "Ver Fundamentos para los detalles."]


def test_statements_a_long_code_block_is_read_in_pieces_that_keep_their_lines(
    tmp_path: Path,
) -> None:
    # a script of three steps, 30 lines each with a blank line between: two pieces at most 40
    # lines long, each cut at a blank line, and none of its lines lost
    steps = []
    for step in range(1, 4):
        steps.append(f"# STEP {step}")
        steps += [f"x{step}_{n} = call_{step}({n})" for n in range(29)]
        steps.append("")
    text = "# Script\n\n```python\n" + "\n".join(steps).rstrip() + "\n```\n"
    code = [s for s in _statements(tmp_path, text, lang="en") if s.kind == "code"]
    assert len(code) >= 3 and all(s.text.count("\n") < 40 for s in code)
    assert [s.text.splitlines()[0] for s in code] == ["# STEP 1", "# STEP 2", "# STEP 3"]
    # each piece starts on its own line of the file (the fence is line 3)
    assert [s.line for s in code] == [4, 35, 66]
    assert "x3_28 = call_3(28)" in code[-1].text
    pieces = [line for s in code for line in s.text.splitlines() if line]
    assert pieces == [line for line in steps if line]  # every line, in one piece each
    # a short block is one statement, as it was
    short = _statements(tmp_path, "# S\n\n```python\na = 1\n\nb = 2\n```\n", lang="en")
    assert [s.text for s in short if s.kind == "code"] == ["a = 1\n\nb = 2"]
