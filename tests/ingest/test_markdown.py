from __future__ import annotations

from kg.ingest.document import Code, Heading, ListItem, Paragraph, Table
from kg.ingest.markdown import parse_markdown
from kg.ingest.sections import build_sections


def kinds(text: str, **kw: bool) -> list[tuple[str, int, int]]:
    return [(b.kind, b.line_start, b.line_end) for b in parse_markdown(text, **kw)]


def test_markdown_blocks_carry_their_source_lines() -> None:
    text = "# Title\n\nFirst para\nsecond line.\n\n- item one\n- item two\n"
    assert kinds(text) == [
        ("heading", 1, 1),
        ("paragraph", 3, 4),
        ("list_item", 6, 6),
        ("list_item", 7, 7),
    ]


def test_markdown_in_prompt_starts_an_unfenced_code_cell_whose_comments_are_code() -> None:
    text = "## Steps\n\nIn [0]:\nimport x\n# Crear la tabla\nfs = x.C()\n\n\nAfter the cell.\n"
    blocks = parse_markdown(text)
    assert [b.kind for b in blocks] == ["heading", "code", "paragraph"]
    code = blocks[1]
    assert isinstance(code, Code)
    assert (code.line_start, code.line_end, code.language) == (3, 6, "python")
    assert "# Crear la tabla" in code.text
    assert not any(isinstance(b, Heading) and "Crear" in b.text.text for b in blocks)


def test_markdown_cell_ends_at_blank_line_before_a_heading_or_table() -> None:
    text = "In [1]:\nx = 1\n\n## Next\nIn [2]:\ny = 2\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    blocks = parse_markdown(text)
    assert [b.kind for b in blocks] == ["code", "heading", "code", "table"]
    assert (blocks[0].line_start, blocks[0].line_end) == (1, 2)
    assert (blocks[2].line_start, blocks[2].line_end) == (5, 6)


def test_markdown_cell_continues_over_one_blank_line_before_a_comment() -> None:
    text = "In [0]:\nclient.set(\n)\n\n# Esto:\n\n#Elimina el alias\n\n\n**Flujo**\n"
    blocks = parse_markdown(text)
    assert [b.kind for b in blocks] == ["code", "paragraph"]
    assert "#Elimina el alias" in blocks[0].text  # type: ignore[attr-defined]


def test_markdown_cell_ends_at_next_prompt() -> None:
    blocks = parse_markdown("In [1]:\na = 1\nIn [2]:\nb = 2\n")
    assert [(b.kind, b.line_start, b.line_end) for b in blocks] == [
        ("code", 1, 2),
        ("code", 3, 4),
    ]


def test_markdown_prompt_inside_a_fence_is_not_a_cell() -> None:
    blocks = parse_markdown("```\nIn [0]:\nx = 1\n```\n")
    assert len(blocks) == 1 and isinstance(blocks[0], Code)
    assert blocks[0].text == "In [0]:\nx = 1"


def test_markdown_heading_without_space_is_a_heading() -> None:
    blocks = parse_markdown("#Train a model with features.\n\ntext\n")
    assert isinstance(blocks[0], Heading)
    assert (blocks[0].level, blocks[0].text.text) == (1, "Train a model with features.")


def test_markdown_hashtags_and_fenced_comments_are_not_headings() -> None:
    blocks = parse_markdown("#python #ml tags\n\n```python\n#comment\n```\n")
    assert not any(isinstance(b, Heading) for b in blocks)


def test_markdown_ragged_table_keeps_every_row_and_extra_cells() -> None:
    text = "| A | B |\n|---|---|\n| 1 |\n| 2 | 3 | 4 |\n| 5 | 6 |\n"
    (table,) = parse_markdown(text)
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == ["A", "B"]
    assert [[c.text for c in r] for r in table.rows] == [["1", ""], ["2", "3", "4"], ["5", "6"]]
    assert table.row_lines == (3, 4, 5)


def test_markdown_inline_code_and_bold_in_cells_survive_as_spans() -> None:
    text = "| **Modelo registrado** | Debe usar `fs.log_model(...)` |\n|---|---|\n| a | b |\n"
    (table,) = parse_markdown(text)
    assert isinstance(table, Table)
    assert table.header[0].marked("strong") == ["Modelo registrado"]
    assert table.header[1].marked("code") == ["fs.log_model(...)"]


def test_markdown_br_in_cells_becomes_a_line_break() -> None:
    (table,) = parse_markdown("| a | b |\n|---|---|\n| - x<br>- y | z |\n")
    assert isinstance(table, Table)
    assert table.rows[0][0].text == "- x\n- y"


def test_markdown_raw_html_is_kept_as_text() -> None:
    blocks = parse_markdown("<div>hello</div>\n\nsee <b>this</b>\n")
    assert isinstance(blocks[0], Paragraph) and "hello" in blocks[0].text.text
    assert "<b>this</b>" in blocks[1].text.text  # type: ignore[attr-defined]


def test_markdown_mdx_import_and_jsx_lines_are_not_prose() -> None:
    text = (
        'import Tabs from "@theme/Tabs";\n\n# T\n\n<Tabs>\n<TabItem value="a">\n\n'
        'Use <APILink fn="x.y">x.y</APILink> here.\n\n</TabItem>\n</Tabs>\n'
    )
    blocks = parse_markdown(text, mdx=True)
    texts = [getattr(b, "text", None) for b in blocks]
    assert [b.kind for b in blocks] == ["heading", "paragraph"]
    assert texts[1].text == "Use x.y here."  # type: ignore[union-attr]
    assert blocks[1].line_start == 8


def test_markdown_front_matter_is_not_prose() -> None:
    blocks = parse_markdown("---\ntitle: x\nsidebar: 2\n---\n\n# Real\n")
    assert [(b.kind, b.line_start) for b in blocks] == [("heading", 6)]


def test_markdown_nested_list_items_have_depth() -> None:
    blocks = parse_markdown("- top\n  - inner\n1. first\n")
    items = [b for b in blocks if isinstance(b, ListItem)]
    assert [(i.text.text, i.depth, i.ordered) for i in items] == [
        ("top", 1, False),
        ("inner", 2, False),
        ("first", 1, True),
    ]


def test_sections_heading_path_and_spans() -> None:
    text = "# A\n\npara\n\n## B\n\n- x\n\n# C\n\ntext\n"
    sections = build_sections(parse_markdown(text), line_count=11)
    assert [(s.title, s.level, s.heading_path, s.line_start, s.line_end) for s in sections] == [
        ("A", 1, ("A",), 1, 8),
        ("B", 2, ("A", "B"), 5, 8),
        ("C", 1, ("C",), 9, 11),
    ]
    assert [b.kind for b in sections[1].blocks] == ["list_item"]


def test_sections_titles_lose_leading_emoji() -> None:
    sections = build_sections(parse_markdown("## 🧠 ¿Qué es X?\n"), line_count=1)
    assert sections[0].title == "¿Qué es X?"


def test_sections_text_before_first_heading_is_level_zero() -> None:
    sections = build_sections(parse_markdown("intro\n\n# A\n"), line_count=3)
    assert [(s.title, s.level) for s in sections] == [("", 0), ("A", 1)]


def test_markdown_an_html_block_is_the_text_it_shows() -> None:
    text = (
        '<div align="center">\n  <h1>FastAPI: Path Operations</h1>\n'
        '  <img src="logo.png">\n</div>\n\n<!-- a comment -->\n\nA paragraph &amp; more.\n'
    )
    blocks = parse_markdown(text)
    assert [(type(b).__name__, str(b.text)) for b in blocks] == [  # type: ignore[attr-defined]
        ("Paragraph", "FastAPI: Path Operations"),
        ("Paragraph", "A paragraph & more."),
    ]
    assert (blocks[0].line_start, blocks[0].line_end) == (1, 4)


def test_markdown_a_table_right_under_a_list_item_is_a_table() -> None:
    text = (
        "- **Ruido**\n| Tipo | Ejemplo |\n| --- | --- |\n| Outliers | extremos |\n"
        "- **Otro**\n\n"
        "1. paso\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
        "- item with a pipe\n| not a table |\n\n"
        "Lead-in\n- item under a lead-in\n| C |\n| --- |\n| 3 |\n"
    )
    blocks = parse_markdown(text)
    kinds = [(type(b).__name__, b.line_start, b.line_end) for b in blocks]
    assert kinds == [
        ("ListItem", 1, 1), ("Table", 2, 4), ("ListItem", 5, 5),
        ("ListItem", 7, 7), ("Table", 8, 10),
        ("ListItem", 12, 13),  # no delimiter row: the line is the item's
        ("Paragraph", 15, 15), ("ListItem", 16, 16), ("Table", 17, 19),
    ]  # fmt: skip
    table = blocks[1]
    assert isinstance(table, Table)
    assert [c.text for c in table.header] == ["Tipo", "Ejemplo"]
    assert [[c.text for c in row] for row in table.rows] == [["Outliers", "extremos"]]
    item = blocks[0]
    assert isinstance(item, ListItem) and item.text.text == "Ruido"
