from __future__ import annotations

import json

import pytest

from kg.errors import MalformedDocumentError
from kg.ingest import Code, Paragraph, Table, load_document
from tests.notebooks import notebook


def test_notebook_markdown_cells_are_markdown_and_code_cells_are_code(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "n.ipynb",
        notebook(
            ("markdown", ["# Título\n", "\n", "Un párrafo con `fs.log_model`.\n"]),
            ("code", ["import mlflow\n", "# not a heading\n", "mlflow.start_run()"]),
            ("markdown", ["| A | B |\n", "|---|---|\n", "| 1 | 2 |"]),
        ),
    )
    doc = load_document(path)
    kinds = [type(b) for b in doc.blocks]
    assert kinds == [Paragraph, Code, Table]  # the heading is the section's title
    code = doc.blocks[1]
    assert isinstance(code, Code) and code.language == "python"
    assert code.text == "import mlflow\n# not a heading\nmlflow.start_run()"
    assert [s.title for s in doc.sections] == ["Título"]


def test_notebook_lines_are_lines_of_the_ipynb_file(write) -> None:  # type: ignore[no-untyped-def]
    text = notebook(("markdown", ["# Título\n", "\n", "Un párrafo.\n"]), ("code", ["x = 1"]))
    path = write("n.ipynb", text)
    doc = load_document(path)
    raw = text.split("\n")
    para = doc.blocks[0]
    assert '"Un párrafo.\\n"' in raw[para.line_start - 1]
    # the document's lines show the cell text itself at that line
    assert doc.lines[para.line_start - 1] == "Un párrafo."
    assert doc.line_count == len(raw)


def test_notebook_invalid_json_names_the_line(write) -> None:  # type: ignore[no-untyped-def]
    path = write("bad.ipynb", '{\n "cells": [\n  {"cell_type": "markdown",,}\n ]\n}')
    with pytest.raises(MalformedDocumentError) as err:
        load_document(path)
    assert err.value.line == 3
    assert "bad.ipynb:3" in str(err.value)


def test_notebook_format_3_worksheets_headings_and_inputs_are_read(write) -> None:  # type: ignore[no-untyped-def]
    cells = [
        {"cell_type": "heading", "level": 2, "source": ["Modelo\n", "vectorial"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["Cada documento es un vector.\n"]},
        {"cell_type": "code", "language": "r", "input": ["score <- function(q)\n", "  1"]},
    ]
    sheets = [7, {"cells": cells}, {"metadata": {}}, {"cells": [{"cell_type": "code"}]}]
    text = json.dumps({"nbformat": 3, "metadata": {}, "worksheets": sheets}, indent=1)
    doc = load_document(write("v3.ipynb", text))
    # a heading cell of two lines is one heading; what is not a worksheet holds nothing
    assert [s.title for s in doc.sections] == ["Modelo vectorial"]
    para, code = doc.blocks
    assert isinstance(para, Paragraph) and para.text.text == "Cada documento es un vector."
    assert isinstance(code, Code) and code.language == "r"  # the cell's own language
    assert code.text == "score <- function(q)\n  1"
    assert '"score <- function(q)\\n"' in text.split("\n")[code.line_start - 1]
    # nbformat 4 reads `source`, whatever else a cell holds
    v4 = {"cells": [{"cell_type": "code", "source": ["x = 1"], "input": ["y = 2"]}]}
    (only,) = load_document(write("v4.ipynb", json.dumps(v4))).blocks
    assert isinstance(only, Code) and only.text == "x = 1"


def test_notebook_without_cells_is_malformed(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MalformedDocumentError, match="no 'cells'"):
        load_document(write("x.ipynb", '{"metadata": {}}'))


def test_notebook_seed_author_line_numbers_point_at_cell_text(shared_corpora_path) -> None:  # type: ignore[no-untyped-def]
    path = shared_corpora_path / "seed-author" / "section4-model-deployment.ipynb"
    doc = load_document(path)
    raw = path.read_text(encoding="utf-8").split("\n")
    checked = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph) and "\n" not in block.text.text:
            first_words = block.text.text.split()[0]
            assert first_words in raw[block.line_start - 1] or first_words in json.dumps(
                raw[block.line_start - 1]
            )
            checked += 1
    assert checked > 20
