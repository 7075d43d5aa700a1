"""How answers are written: quotes, tables, code examples, the 2000-character cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.qa.model import EvidenceRef
from kg.qa.render import (
    MAX_ANSWER,
    cell,
    cite,
    clip_answer,
    code_example,
    evidence_line,
    files_named,
    place,
    quote,
    short_names,
    table_head,
    table_row,
)


@given(st.text(alphabet=st.sampled_from(list("ab `\n")), max_size=3000))
def test_render_clipped_answers_fit_and_keep_code_fences_closed(text: str) -> None:
    clipped = clip_answer(text)
    assert len(clipped) <= MAX_ANSWER
    if len(text) <= MAX_ANSWER:
        assert clipped == text
    else:  # cut at a line end, every code fence closed, the cut marked
        assert clipped.count("```") % 2 == 0 and clipped.endswith("…")


def test_render_quote_is_one_line_within_the_limit() -> None:
    assert quote("a\n  b\tc") == "a b c"
    long = quote("word " * 100, limit=20)
    assert len(long) == 20 and long.endswith("…")


def test_render_evidence_is_cited_by_source_and_line() -> None:
    ev = EvidenceRef("notes.md", 12, "The  filter\nrequires Spark.")
    assert cite(ev) == "notes.md:12"
    assert evidence_line(ev, 200) == "- The filter requires Spark. (notes.md:12)"
    assert evidence_line(ev, 200, source=False) == "- The filter requires Spark. (12)"


def test_render_files_are_cited_by_the_shortest_ending_no_other_shares() -> None:
    names = short_names(
        ["data/guide.md", "notes/a/README.md", "notes/b/README.md", "/x/notes.md", "notes.md"]
    )
    assert names == {
        "data/guide.md": "guide.md",
        "notes/a/README.md": "a/README.md",
        "notes/b/README.md": "b/README.md",
        "/x/notes.md": "/x/notes.md",  # its whole path: all of it is needed
        "notes.md": "notes.md",
    }
    assert short_names([r"C:\notes\guide.md"]) == {r"C:\notes\guide.md": "guide.md"}
    ev = EvidenceRef("notes/a/README.md", 3, "text")
    with files_named(names):
        assert cite(ev) == "a/README.md:3" and place("data/guide.md", 9) == "guide.md:9"
        assert place("other.md", 1) == "other.md:1"  # a file without a name: its path
    assert cite(ev) == "notes/a/README.md:3"  # outside an answer: the whole path


def test_render_tables_keep_cells_on_one_line_and_an_empty_corner() -> None:
    assert table_head(["", "A", "B"]) == "| | A | B |\n|---|---|---|"
    assert table_head(["Aspect", "A"]) == "| Aspect | A |\n|---|---|"
    assert table_row([cell("x | y"), cell("two\nlines"), ""]) == "| x / y | two lines |  |"


def test_render_code_example_shows_its_first_lines() -> None:
    code = "\n" + "\n".join(f"line_{n}" for n in range(20)) + "\n"
    shown = code_example(code, "Example", limit=3)
    assert shown == "\nExample:\n```python\nline_0\nline_1\nline_2\n```"
