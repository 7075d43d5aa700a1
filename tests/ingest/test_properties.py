"""Untrusted input: random text and bytes never raise past InputError, spans stay in the file."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import load_document
from kg.ingest.markdown import parse_markdown

MARKDOWN_BITS = st.sampled_from(
    [
        "# ", "## ", "#", "In [0]:", "In [12]:", "| a | b |", "|---|---|", "| x |", "```", "~~~",
        "- ", "1. ", "**", "`", "<br>", "<div>", "---", "import x from 'y'", "<Tabs>", "\n",
        "\n\n", "  ", "texto", "Categor√≠a", "üß†", "\t", ">", "* ", "[l](u)", "\\|",
    ]
)  # fmt: skip
MARKDOWNISH = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=8)), max_size=60).map("".join)
FIXTURE = settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_spans(doc_lines: int, blocks: list) -> None:  # type: ignore[type-arg]
    for block in blocks:
        assert 1 <= block.line_start <= block.line_end <= max(doc_lines, 1), block


@settings(max_examples=300)
@given(MARKDOWNISH, st.booleans())
def test_properties_markdown_never_raises_and_spans_stay_inside(text: str, mdx: bool) -> None:
    blocks = parse_markdown(text, mdx=mdx)
    check_spans(len(re.split(r"\r\n|\r|\n", text)), blocks)  # a lone CR breaks a line too


@FIXTURE
@given(
    data=st.binary(max_size=600), suffix=st.sampled_from([".md", ".ipynb", ".rst", ".mdx", ".txt"])
)
def test_properties_loader_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"f{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except InputError as err:
        assert err.path == path
        return
    check_spans(doc.line_count, doc.blocks)
    for section in doc.sections:
        assert 1 <= section.line_start <= section.line_end <= doc.line_count


@FIXTURE
@given(text=MARKDOWNISH, suffix=st.sampled_from([".md", ".rst", ".mdx"]))
def test_properties_loader_random_text(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        doc = load_document(path)
    except InputError:
        return
    check_spans(doc.line_count, doc.blocks)


NOTE_TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,:;-_()#*`|\n¿¡áéíóúñÑü€“”—",
    min_size=2,
    max_size=400,
).filter(lambda t: t.strip() and sum(c <= "\xff" for c in t) >= len(t) / 2)  # mostly Latin


@settings(max_examples=200)
@given(NOTE_TEXT, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_properties_utf16_without_bom_reads_back_as_written(text: str, codec: str) -> None:
    from kg.ingest.encoding import decode_bytes

    out = decode_bytes(text.encode(codec))
    assert (out.text, out.encoding) == (text, codec)
