"""The parameters of callables: what calls pass, what signatures and docstrings declare.

- `code-argument`: every argument a known call passes (see `known_call`: never a method of a
  local object) — by keyword always, by position only when a signature names the position (a
  `def` in the same document, or an API doc's signature anywhere in the notes);
- `code-signature`: the parameters of a function the code defines, with its docstring's
  types and descriptions;
- `api-signature`: the signature under an API heading (`.. py:method:: create(name: str,
  tags: dict = None)`, or a paragraph that is only the signature in code);
- `api-parameter-field`: ":param name: ..." fields under an API heading (rst).

Arguments passed by position wait until every document is read (`name_positional`); then
`finish_parameters` keeps one parameter per callable, name and example value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from kg.extract.code import CallSite
from kg.extract.model import Evidence, Parameter
from kg.extract.rules.code import known_call
from kg.extract.rules.context import CodeReading, Findings, SectionReading, TextReading
from kg.extract.rules.pipeline import CODE, TEXT
from kg.extract.signatures import Declared, field_parameter, parse_signature
from kg.ingest.document import ListItem, Paragraph

__all__ = [
    "api_parameter_field",
    "api_signature",
    "code_argument",
    "code_signature",
    "finish_parameters",
    "name_positional",
]


def _named(declared: tuple[Declared, ...], position: int) -> str:
    """The parameter a positional argument fills, or "" when the signature does not say."""
    return next((d.name for d in declared if d.position == position >= 0), "")


@CODE.rule("code-argument")
def code_argument(r: SectionReading, c: CodeReading) -> None:
    """Every argument a known call passes, with its value's source text and its line."""
    for call in c.facts.calls:
        key = known_call(r, call)
        if not key or not call.arguments:
            continue
        defined = r.ctx.facts.functions.get(call.name) if not call.qualifier else None
        for arg in call.arguments:
            ev = r.evidence(c.offset + arg.line)
            found = Parameter(key, arg.keyword, ev, "code-argument", value=arg.value)
            if arg.keyword:
                r.parameter(found)
            elif defined is not None:
                r.parameter(
                    Parameter(key, _named(defined, arg.position), ev, found.rule, arg.value)
                )
            else:
                r.reader.findings.positional.append((found, arg.position))


@CODE.rule("code-signature")
def code_signature(r: SectionReading, c: CodeReading) -> None:
    """The parameters of a function the code defines (when it is a concept): names, types,
    defaults, and the descriptions its docstring gives."""
    for name, declared in c.facts.functions.items():
        key = known_call(r, CallSite("", name, 0))
        if key:
            for d in declared:
                ev = r.evidence(c.offset + d.line)
                r.parameter(_declaration(key, d, ev, "code-signature"))


def _declaration(key: str, d: Declared, ev: Evidence, rule: str) -> Parameter:
    return Parameter(
        key, d.name, ev, rule, annotation=d.annotation, default=d.default, description=d.description
    )


@TEXT.rule("api-signature")
def api_signature(r: SectionReading, t: TextReading) -> None:
    """Under an API heading, a paragraph that is only a signature of that API in code:
    its parameters, and the positions calls may pass them by."""
    key, block = r.api, t.block
    text = t.text.strip()
    if not key or not isinstance(block, Paragraph) or "(" not in text:
        return
    if block.text.marked("code") != [text]:
        return
    parsed = parse_signature(text)
    if parsed is None or parsed[0].lower() != key.rpartition(".")[2]:
        return
    declared = parsed[1]
    r.reader.findings.signatures.setdefault(r.registry.find(key), declared)
    ev = r.evidence(block.line_start)
    for d in declared:
        r.parameter(_declaration(key, d, ev, "api-signature"))


@TEXT.rule("api-parameter-field")
def api_parameter_field(r: SectionReading, t: TextReading) -> None:
    """Under an API heading, a ":param name: type / description" field (rst)."""
    block = t.block
    if not r.api or not isinstance(block, ListItem):
        return
    field, colon, _ = t.text.partition(":")
    if not colon or block.text.marked("code")[:1] != [field]:
        return
    lines = r.ctx.doc.lines[block.line_start - 1 : block.line_end]
    first = lines[0].partition(f":{field}:")[2] if lines else ""
    parsed = field_parameter(field, first, lines[1:]) if field.startswith("param") else None
    if parsed:
        name, annotation, description = parsed
        ev = r.evidence(block.line_start)
        rule = "api-parameter-field"
        r.parameter(
            Parameter(r.api, name, ev, rule, annotation=annotation, description=description)
        )


def name_positional(findings: Findings, find: Callable[[str], str]) -> None:
    """Name the arguments passed by position, now that every API doc's signature is read;
    an argument whose callable has no signature (or not that many positions) is dropped."""
    signatures = {find(key): declared for key, declared in findings.signatures.items()}
    for found, position in findings.positional:
        name = _named(signatures.get(find(found.callable), ()), position)
        if name:
            findings.parameters.append(
                Parameter(found.callable, name, found.evidence, found.rule, found.value)
            )
    findings.positional.clear()


def finish_parameters(
    found: list[Parameter], find: Callable[[str], str], concepts: Collection[str]
) -> tuple[Parameter, ...]:
    """One parameter per callable concept, name and example value, in the order first seen: a
    declaration (no example value) gathers the type, default and description any declaration
    of that name gives; an example keeps where it was seen first."""
    merged: dict[tuple[str, str, str], Parameter] = {}
    for p in found:
        key = find(p.callable)
        if key not in concepts:
            continue
        first = merged.get((key, p.name, p.value))
        if first is None:
            merged[(key, p.name, p.value)] = Parameter(
                key, p.name, p.evidence, p.rule, p.value, p.annotation, p.default, p.description
            )
        else:
            merged[(key, p.name, p.value)] = Parameter(
                key, p.name, first.evidence, first.rule, first.value,
                first.annotation or p.annotation, first.default or p.default,
                first.description or p.description,
            )  # fmt: skip
    return tuple(merged.values())
