"""reStructuredText → blocks, through docutils.

Sphinx markup that plain docutils does not know (`.. py:method::`, `:class:` roles, ...) is
common in real docs; it is registered here as generic structure: an API description becomes a
heading (the name) with its signature and body under it, and cross-reference roles become
inline code. docutils doctree nodes never leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.directives.body import CodeBlock

from kg.ingest.document import (
    Block,
    Code,
    Heading,
    ListItem,
    Paragraph,
    RichText,
    Span,
    SpanKind,
    Table,
)

__all__ = ["parse_rst"]

_API_DIRECTIVES = (
    "class", "method", "function", "attribute", "property", "data", "exception",
    "decorator", "module", "staticmethod", "classmethod",
)  # fmt: skip
_CALLABLES = ("method", "function", "staticmethod", "classmethod", "decorator")
_XREF_ROLES = ("class", "meth", "func", "attr", "mod", "obj", "data", "exc", "ref", "doc", "term")
_UNKNOWN_ROLE = re.compile(r"^:[\w.:+-]+:`(.+)`$", re.DOTALL)
_INLINE_MARKUP = re.compile(r"``|\*\*|(?<!\w)[*`]|[*`](?!\w)|:\w+:`|`_")
_SEARCH_WINDOW = 400
_SIGNATURE_NAME = re.compile(r"^\s*(?:[\w.]+\.)?([A-Za-z_]\w*)")


class _ApiDescription(Directive):  # type: ignore[misc]
    """`.. py:method:: name(args) -> T` and friends: a titled container with nested content."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = None

    def run(self) -> list[nodes.Node]:
        signature = " ".join(self.arguments[0].split())
        match = _SIGNATURE_NAME.match(signature)
        name = match.group(1) if match else signature
        if self.name.rpartition(":")[2] in _CALLABLES or "(" in signature:
            name += "()"  # a callable reads as one: `create()`
        box = nodes.topic(classes=["api"])
        box.line = self.lineno
        title = nodes.title(name, "", nodes.literal(name, name))
        title.line = self.lineno
        sig = nodes.paragraph("", "", nodes.literal(signature, signature))
        sig.line = self.lineno
        box += [title, sig]
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class _Ignored(Directive):  # type: ignore[misc]
    """Directives that only set context (`currentmodule`, `toctree`, ...)."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = None

    def run(self) -> list[nodes.Node]:
        return []


def _role_target(text: str) -> str:
    """What a cross-reference shows: `Title <target>` → Title, `~a.b` → a.b."""
    return re.sub(r"\s*<.*>$", "", text).lstrip("~!")


def _xref_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:  # fmt: skip
    return [nodes.literal(rawtext, _role_target(text))], []


@lru_cache(maxsize=1)
def _register_sphinx_markup() -> bool:
    for name in _API_DIRECTIVES:
        directives.register_directive(f"py:{name}", _ApiDescription)
        directives.register_directive(f"auto{name}", _ApiDescription)
    for name in ("currentmodule", "py:currentmodule", "toctree", "index", "highlight"):
        directives.register_directive(name, _Ignored)
    for name in ("code-block", "sourcecode"):
        directives.register_directive(name, CodeBlock)
    for name in _XREF_ROLES:
        roles.register_local_role(name, _xref_role)
        roles.register_local_role(f"py:{name}", _xref_role)
    return True


def _rich(node: nodes.Node) -> RichText:
    """Flatten a docutils inline tree to text, keeping literals, strong, emphasis as spans."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0

    def visit(n: nodes.Node) -> None:
        nonlocal length
        if isinstance(n, nodes.system_message):
            return  # docutils' report on the markup, not the notes' text
        if isinstance(n, nodes.problematic) and (role := _UNKNOWN_ROLE.match(n.rawsource)):
            # a role of a Sphinx extension docutils does not know (`:entity:`X``): its target
            target = _role_target(role.group(1))
            parts.append(target)
            spans.append(Span("code", length, length + len(target)))
            length += len(target)
            return
        if isinstance(n, nodes.Text):
            parts.append(str(n))
            length += len(str(n))
            return
        start = length
        for child in n.children:
            visit(child)
        kind: SpanKind | None = (
            "code" if isinstance(n, nodes.literal)
            else "strong" if isinstance(n, nodes.strong)
            else "emphasis" if isinstance(n, nodes.emphasis)
            else "link" if isinstance(n, nodes.reference)
            else None
        )  # fmt: skip
        if kind and length > start:
            target = str(n.get("refuri", "")) if kind == "link" else ""
            spans.append(Span(kind, start, length, target))

    visit(node)
    spans.sort(key=lambda s: (s.start, s.end))
    return RichText("".join(parts), tuple(spans))


class _Walker:
    """Turns a doctree into blocks; finds line numbers docutils leaves out."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # source lines without inline markup, to compare with docutils' plain text
        self.plain = [" ".join(_INLINE_MARKUP.sub("", line).split()) for line in lines]
        self.cursor = 1
        self.blocks: list[Block] = []

    def _line(self, node: nodes.Node, text: str) -> int:
        """The source line where `text` starts: found by a forward search near the cursor
        (docutils leaves many nodes without a line), else docutils' own line."""
        words = text.split()
        window = range(self.cursor, min(self.cursor + _SEARCH_WINDOW, len(self.lines)) + 1)
        for probe in (" ".join(words[:4]), words[0] if words else ""):
            if not probe:
                break
            for n in window:
                if probe in self.plain[n - 1]:
                    self.cursor = n
                    return n
        line = getattr(node, "line", None)
        if isinstance(line, int) and 0 < line <= len(self.lines):
            self.cursor = max(self.cursor, line)
            return line
        return self.cursor

    def _span(self, node: nodes.Node, text: str) -> tuple[int, int]:
        start = min(max(self._line(node, text), 1), max(len(self.lines), 1))
        height = max(text.count("\n"), 0)
        return start, min(start + height, max(len(self.lines), start))

    def walk(self, node: nodes.Node, depth: int, list_depth: int = 0) -> None:
        for child in node.children:
            self._visit(child, depth, list_depth)

    def _visit(self, n: nodes.Node, depth: int, list_depth: int) -> None:
        if isinstance(n, (nodes.section, nodes.topic, nodes.sidebar)):
            self.walk(n, depth + 1, list_depth)
        elif isinstance(n, nodes.title):
            text = _rich(n)
            start, end = self._span(n, text.text)
            self.blocks.append(Heading(start, end, max(depth, 1), text))
        elif isinstance(n, (nodes.paragraph, nodes.line_block, nodes.rubric, nodes.term)):
            text = _rich(n)
            if not text.text.strip():
                return
            start, end = self._span(n, text.text)
            if list_depth:
                self.blocks.append(ListItem(start, end, text, list_depth))
            else:
                self.blocks.append(Paragraph(start, end, text))
        elif isinstance(n, nodes.list_item):
            first, *rest = n.children or [None]
            if isinstance(first, nodes.paragraph):
                text = _rich(first)
                start, end = self._span(first, text.text)
                self.blocks.append(ListItem(start, end, text, list_depth or 1))
                for child in rest:
                    self._visit(child, depth, list_depth + 1)
            else:
                self.walk(n, depth, list_depth or 1)
        elif isinstance(n, (nodes.bullet_list, nodes.enumerated_list)):
            self.walk(n, depth, list_depth + 1)
        elif isinstance(n, nodes.field):
            name, body = _rich(n[0]).text, _rich(n[1]).text
            text = RichText(f"{name}: {' '.join(body.split())}", (Span("code", 0, len(name)),))
            start, _ = self._span(n, name)
            self.blocks.append(ListItem(start, start + body.count("\n"), text, list_depth + 1))
        elif isinstance(n, nodes.literal_block):
            body = n.astext()
            classes = [c for c in n.get("classes", []) if c != "code"]
            lang = str(n.get("language", "") or (classes[0] if classes else ""))
            start, end = self._span(n, body)
            self.blocks.append(Code(start, end, lang, body))
        elif isinstance(n, nodes.table):
            self._table(n)
        elif isinstance(n, nodes.system_message):
            return
        elif isinstance(n, nodes.Element):
            self.walk(n, depth, list_depth)

    def _table(self, table: nodes.table) -> None:
        def rows(kind: type[nodes.Element]) -> Iterator[nodes.row]:
            for part in table.findall(kind):
                yield from part.findall(nodes.row)

        head = [[_rich(e) for e in r.findall(nodes.entry)] for r in rows(nodes.thead)]
        body = [[_rich(e) for e in r.findall(nodes.entry)] for r in rows(nodes.tbody)]
        if not head and not body:
            return
        header = head[0] if head else body.pop(0)
        start = self._line(table, header[0].text if header else "")
        row_lines = tuple(self._line(table, r[0].text if r else "") for r in body)
        end = max([start, *row_lines])
        self.blocks.append(
            Table(start, end, tuple(header), tuple(tuple(r) for r in body), row_lines)
        )


def parse_rst(text: str, path: Path) -> list[Block]:
    """Parse reStructuredText into blocks with source line spans; never raises on bad markup."""
    _register_sphinx_markup()
    settings = {
        "report_level": 5,
        "halt_level": 5,
        "file_insertion_enabled": False,
        "raw_enabled": False,
        "input_encoding": "unicode",
        "warning_stream": False,
        "doctitle_xform": False,
        "sectsubtitle_xform": False,
    }
    doctree = publish_doctree(text, source_path=str(path), settings_overrides=settings)
    walker = _Walker(text.split("\n"))
    walker.walk(doctree, 0)
    return walker.blocks
