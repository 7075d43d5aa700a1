"""A flat list of blocks → sections with heading paths and line spans (any source format)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from kg.ingest.document import Block, Heading, Section

__all__ = ["build_sections", "clean_title"]

# an explicit heading id ("## Tags {#mlflow_tags}", MDX/Pandoc) is an anchor, not title text
_HEADING_ID = re.compile(r"\s*\\?\{#[^}]*\}\s*$")


def clean_title(text: str) -> str:
    """A heading's text without decoration (leading emoji, trailing pipes) or extra spaces."""
    text = " ".join(_HEADING_ID.sub("", text).split())
    i = 0
    while i < len(text) and (
        unicodedata.category(text[i]) in ("So", "Sk", "Mn", "Cf", "Zs") or text[i] in "\ufe0f\u200d"
    ):
        i += 1
    return text[i:].rstrip(" |#").strip() or text


def build_sections(blocks: Sequence[Block], line_count: int) -> list[Section]:
    """Group blocks under the headings before them.

    Text before the first heading becomes a level-0 section titled "" (only if it has blocks).
    A section's `line_end` is the line before the next heading of the same or a higher level.
    """
    heads = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading)]
    sections: list[Section] = []
    first = heads[0][0] if heads else len(blocks)
    if first > 0:
        pre = tuple(blocks[:first])
        sections.append(Section("", 0, (), pre[0].line_start, pre[-1].line_end, pre))
    path: list[tuple[int, str]] = []
    for n, (i, head) in enumerate(heads):
        title = clean_title(head.text.text)
        while path and path[-1][0] >= head.level:
            path.pop()
        path.append((head.level, title))
        nxt = heads[n + 1][0] if n + 1 < len(heads) else len(blocks)
        end = line_count
        for _, later in heads[n + 1 :]:
            if later.level <= head.level:
                end = later.line_start - 1
                break
        end = max(end, head.line_end)
        sections.append(
            Section(
                title=title,
                level=head.level,
                heading_path=tuple(t for _, t in path),
                line_start=head.line_start,
                line_end=end,
                blocks=tuple(blocks[i + 1 : nxt]),
            )
        )
    return sections
