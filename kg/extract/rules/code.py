"""Code examples: what Python code says about the APIs it calls.

- `obj.method()` → the method `methodOf` the class `obj` is bound to (or the module);
- `from m import C` → C `partOf` m;
- `x = f()` → f `produces` x when x is a concept;
- "Alternativa: X" after a code example → X `alternativeTo` the calls of that example.
"""

from __future__ import annotations

from kg.extract.code import CallSite, CodeFacts, analyze_code, is_class_name, is_python
from kg.extract.cues import heading_has
from kg.extract.rules.context import CodeReading, SectionReading, TextReading
from kg.extract.rules.pipeline import CODE, TEXT
from kg.ingest.document import Code

__all__ = [
    "alternative_after_example",
    "call_key",
    "code_assignment",
    "code_call",
    "code_import",
    "known_call",
    "read_code",
]

_INTRO = 30  # characters at the start of a paragraph that may announce an alternative


def read_code(r: SectionReading, block: Code) -> CodeReading | None:
    """What a Python code block says, and where its text starts; None for other code."""
    if not is_python(block.language):
        return None
    return CodeReading(block, analyze_code(block.text), _text_offset(r, block))


def _text_offset(r: SectionReading, block: Code) -> int:
    """Line of the code's first text line, minus one: fenced code and `In [N]:` cells start
    one line below their first line; notebook cells and rst literal blocks do not."""
    lines = r.ctx.doc.lines
    first = lines[block.line_start - 1].strip() if block.line_start <= len(lines) else ""
    fenced = first.startswith(("```", "~~~")) or first.startswith("In [") or first.startswith("In[")
    return block.line_start if fenced else block.line_start - 1


def call_key(r: SectionReading, call: CallSite) -> str | None:
    """The concept a call is to, resolved where the section is; None if not a concept."""
    surface = f"{call.qualifier}.{call.name}" if call.qualifier else f"{call.name}()"
    key = r.registry.add_code(surface, r.ctx.resolver, None, register=False)
    return r.registry.resolve_bare(key, *r.places()) if key else None


def known_call(r: SectionReading, call: CallSite, cell: CodeFacts | None = None) -> str | None:
    """The concept of a call whose callee is known, not guessed: a method of what its receiver
    is bound to (a class, a module), a class, or a function the document imports or defines
    (taken as it is, never as a method of the same name elsewhere). None for a method of a
    local object (`model.fit` after `model = load_model(...)` in the `cell` or the document),
    a builtin, or a call that is no concept."""
    if call.qualifier:
        if _rebound(r, call, cell) or r.ctx.resolver.owner(call.qualifier) is None:
            return None
        return call_key(r, call)
    imported = any(call.name in (imp.alias, imp.name) for imp in r.ctx.facts.imports)
    if call.name in r.ctx.facts.functions and not imported:
        key = r.registry.add_code(f"{call.name}()", r.ctx.resolver, None, register=False)
        return r.registry.find(key) if key and key in r.registry else None
    return call_key(r, call) if imported or is_class_name(call.name) else None


def _rebound(r: SectionReading, call: CallSite, cell: CodeFacts | None) -> bool:
    """Whether the receiver's variable holds what a function returned: its last assignment in
    the cell before the call, else anywhere in the document, is not a constructor."""
    head = call.qualifier.partition(".")[0]
    if head.endswith("()"):
        return False
    last = cell.assigned_before(head, call.line) if cell is not None else None
    if last is not None:
        return not is_class_name(last.name)
    return head in r.ctx.rebound


@CODE.rule("code-import")
def code_import(r: SectionReading, c: CodeReading) -> None:
    """`from m import C`: C partOf m."""
    for imp in c.facts.imports:
        if imp.name and imp.module:
            cls = r.registry.add_code(imp.name, r.ctx.resolver, None, register=False)
            if cls:
                module_key = r.registry.add_module(imp.module)
                ev = r.evidence(c.offset + imp.line)
                r.relate(cls, "partOf", module_key, ev, "code-import", 0.9)


@CODE.rule("code-call")
def code_call(r: SectionReading, c: CodeReading) -> None:
    """Every call mentions its API, with the block as an example of it; a method called on
    an object bound to a class (or a module) is `methodOf` it."""
    imported = {imp.alias or imp.name for imp in c.facts.imports if imp.name}
    for call in c.facts.calls:
        owner = r.ctx.resolver.owner(call.qualifier)
        key = call_key(r, call)
        if not key:
            continue
        ev = r.evidence(c.offset + call.line)
        r.registry.add_mention(key, ev)
        if owner is not None and not call.name[:1].isupper():
            r.relate(key, "methodOf", f"code:{owner[0].lower()}", ev, "code-call", 0.95)
            r.registry.add_example(key, c.block.text, ev)
        elif not call.qualifier and call.name in imported and not call.name[:1].isupper():
            r.registry.add_example(key, c.block.text, ev)  # `from hyperopt import fmin`


@CODE.rule("code-assignment")
def code_assignment(r: SectionReading, c: CodeReading) -> None:
    """`x = f()`: f produces x when x is a concept (not for constructors)."""
    for call in c.facts.calls:
        if not call.assigned_to or call.name[:1].isupper():
            continue
        key = call_key(r, call)
        target = r.registry.add_code(call.assigned_to, r.ctx.resolver, None, register=False)
        if key and target:
            ev = r.evidence(c.offset + call.line)
            r.relate(key, "produces", target, ev, "code-assignment", 0.6)


@TEXT.rule("alternative-after-example")
def alternative_after_example(r: SectionReading, t: TextReading) -> None:
    """ "Alternativa usando mlflow.register_model" after a code example: the API it names is
    an alternative to each call of the example."""
    if not t.mentions or not heading_has("alternative_intro", t.text[:_INTRO]):
        return
    previous = r.previous
    if not isinstance(previous, Code):
        return
    alt = t.mentions[0].key
    ev = r.evidence(t.unit.first_line)
    for call in analyze_code(previous.text).calls:
        if call.name[:1].isupper():
            continue
        key = call_key(r, call)
        if key:
            r.relate(alt, "alternativeTo", key, ev, "alternative-after-example", 0.7)
