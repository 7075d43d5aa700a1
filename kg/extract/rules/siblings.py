"""Implicit comparisons (issue 11, item 3): things defined side by side are compared, with no
"vs" anywhere → `differsFrom` and a `Comparison` whose aspects are what the notes give.

- Sibling definitions: two to four list items or paragraphs in a row, each "name → what it
  is" or "name: what it is" ("champion → versión actual en producción" / "challenger → nueva
  versión que estás evaluando"), under a comparison heading, under a lead-in that names a set
  or examples ("Ejemplos comunes:", "Modos disponibles:"), or whose names are variants of one
  name ("Grid Search", "Random Search"; `MinMaxScaler`, `StandardScaler`). The aspect is the
  definition (`definition_aspect` of the language file).
- Variant rows: the rows of a table whose first cells are variants of one name
  (`mlflow.search_runs(...)`, `MlflowClient().search_runs()`) compare on the other columns.

Not compared: lists of advantages or notes ("Seguridad: …", "Observabilidad: …"), names with
numbers ("version 4: …"), values ("AUC = 0.5 → …"), sentences.
"""

from __future__ import annotations

from itertools import combinations

from kg.extract.cues import heading_has
from kg.extract.lexicon import fold
from kg.extract.model import Aspect, Comparison
from kg.extract.nlp import stop_words
from kg.extract.normalize import clean_label, is_code_like, split_identifier
from kg.extract.rules.context import SectionReading, TableReading
from kg.extract.rules.pipeline import SECTION_END, TABLE
from kg.extract.rules.sets import (
    is_lead_in,
    is_name,
    list_runs,
    plain_words,
    set_nouns,
    split_entry,
)
from kg.ingest.document import Block, ListItem, Paragraph
from kg.lang import language

__all__ = ["sibling_definitions", "variant_rows"]

_NAME_WORDS = 3  # a sibling's name is short
_MAX_SIBLINGS = 4  # more definitions in a row are a glossary, not a comparison
_MAX_VARIANT_ROWS = 4
_CONFIDENCE = 0.6


@SECTION_END.rule("sibling-definitions")
def sibling_definitions(r: SectionReading) -> None:
    """Each run of two to four definitions side by side that compare (see the module)."""
    blocks = r.section.blocks
    compared = heading_has("comparison", r.section.title)
    runs: list[tuple[int, list[ListItem] | list[Paragraph]]] = [
        *list_runs(blocks),
        *_paragraph_runs(blocks),
    ]
    for anchor, items in runs:
        defined = [d for d in (_definition(b, r.lang) for b in items) if d]
        if not 2 <= len(defined) <= _MAX_SIBLINGS or len(defined) * 2 < len(items):
            continue
        names = [name for name, _, _ in defined]
        if not (compared or _announced(blocks, anchor) or _variants(names, r.lang)):
            continue
        keys = [r.label(name) for name in names]
        for (i, left), (j, right) in combinations(enumerate(keys), 2):
            if not left or not right or r.registry.find(left) == r.registry.find(right):
                continue
            (_, left_text, line), (_, right_text, _) = defined[i], defined[j]
            aspect = Aspect(_aspect(r.lang), left_text, right_text, line)
            ev = r.evidence(line)
            find = r.registry.find
            r.relate(left, "differsFrom", right, ev, "sibling-definitions", _CONFIDENCE)
            r.compare(Comparison(find(left), find(right), (aspect,), ev, "sibling-definitions"))


def _paragraph_runs(blocks: tuple[Block, ...]) -> list[tuple[int, list[Paragraph]]]:
    """Paragraphs in a row, each with the index of the block before them."""
    runs: list[tuple[int, list[Paragraph]]] = []
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            continue
        if runs and i > 0 and blocks[i - 1] is runs[-1][1][-1]:
            runs[-1][1].append(block)
        else:
            runs.append((i - 1, [block]))
    return [run for run in runs if len(run[1]) >= 2]


def _definition(block: ListItem | Paragraph, lang: str) -> tuple[str, str, int] | None:
    """(name, what it is, line) of "name → what it is" / "name: what it is"."""
    split = split_entry(block.text.text.strip().split("\n", 1)[0])
    if split is None:
        return None
    name, rest = clean_label(split[0]), split[1]
    if (
        not rest
        or len(rest.split()) < 2
        or len(name.split()) > _NAME_WORDS
        or any(c.isdigit() for c in name)
        or not is_name(name, lang)
        or not plain_words(name)
    ):
        return None
    return name, rest, block.line_start


def _announced(blocks: tuple[Block, ...], anchor: int) -> bool:
    """Whether the lead-in right before a run names a set or examples."""
    lead = blocks[anchor] if anchor >= 0 else None
    if not isinstance(lead, (Paragraph, ListItem)) or not is_lead_in(lead):
        return False
    last = lead.text.text.strip().rsplit("\n", 1)[-1]
    members = any(noun.kind == "members" for noun in set_nouns(last))
    return members or heading_has("enumerations", last)  # steps are not compared


def _variants(names: list[str], lang: str) -> bool:
    """Whether every name is a variant of one name: code names with one last part or one
    identifier word at its end (`MinMaxScaler`, `StandardScaler`); names sharing their head
    word (the language's `name_head`: "Grid Search", "Random Search"), or a capitalised word
    at either end."""
    if all(is_code_like(n) for n in names):
        code_ends = {_code_end(n) for n in names}
        return len(code_ends) == 1 and None not in code_ends
    heads = {_head(n, lang) for n in names}
    if len(heads) == 1 and None not in heads:
        return True
    for pick in (0, -1):
        ends = {n.split()[pick] for n in names}
        if len(ends) == 1 and len(names[0].split()) > 1 and ends.pop()[:1].isupper():
            return True
    return False


def _code_end(name: str) -> str | None:
    """The last word of a code name's last part: `MlflowClient().search_runs()` → "runs",
    `MinMaxScaler` → "scaler"."""
    words = split_identifier(_last_part(name))
    return words[-1] if words and len(words[-1]) >= 3 else None


def _last_part(name: str) -> str:
    """A code name without its last call's arguments, after its last dot."""
    text = name.strip()
    if text.endswith(")"):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[i], 0)
            if depth == 0:
                text = text[:i]
                break
    return text.rpartition(".")[2]


def _head(name: str, lang: str) -> str | None:
    """A name's head word, when it has a modifier too ("Random Search": search)."""
    words = [fold(w) for w in name.split()]
    if len(words) < 2:
        return None
    head = words[0] if language(lang)["name_head"] == "first" else words[-1]
    return head if head not in stop_words() and len(head) >= 3 else None


def _aspect(lang: str) -> str:
    return str(language(lang)["definition_aspect"])


@TABLE.rule("variant-rows")
def variant_rows(r: SectionReading, t: TableReading) -> None:
    """Rows whose first cells are variants of one name compare on the other columns (in
    tables no other comparison rule reads)."""
    table = t.table
    if t.shape == "vs" or t.comparison or heading_has("alternatives_headers", _header(t, 0)):
        return
    by_end: dict[str, list[int]] = {}
    for n, row in enumerate(table.rows):
        name = clean_label(row[0].text) if row else ""
        end = _code_end(name) if is_code_like(name) else None
        if end:
            by_end.setdefault(end, []).append(n)
    for rows in by_end.values():
        if 2 <= len(rows) <= _MAX_VARIANT_ROWS:
            _compare_rows(r, t, rows)


def _compare_rows(r: SectionReading, t: TableReading, rows: list[int]) -> None:
    table = t.table
    find = r.registry.find
    for i, j in combinations(rows, 2):
        # `MlflowClient().search_runs()` names the method `MlflowClient.search_runs`
        left, right = (r.label(table.rows[n][0].text.replace("().", ".")) for n in (i, j))
        if not left or not right or find(left) == find(right):
            continue
        aspects = tuple(
            Aspect(
                _header(t, c),
                table.rows[i][c].text.strip() if c < len(table.rows[i]) else "",
                table.rows[j][c].text.strip() if c < len(table.rows[j]) else "",
                table.row_lines[i],
            )
            for c in range(1, len(table.header))
        )
        ev = r.evidence(table.row_lines[i])
        r.relate(left, "differsFrom", right, ev, "variant-rows", _CONFIDENCE)
        r.compare(Comparison(find(left), find(right), aspects, ev, "variant-rows"))


def _header(t: TableReading, column: int) -> str:
    header = t.table.header
    return header[column].text.strip() if column < len(header) else ""
