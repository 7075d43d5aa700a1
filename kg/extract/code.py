"""What code blocks say: API calls with their arguments, the classes objects are bound to,
imports, and the functions the code defines.

Python is read with `ast`; a snippet that does not parse (notebook magics, elisions) is read
line by line with a regular expression for calls (without arguments), so no example is lost.
"""

from __future__ import annotations

import ast
import builtins
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.signatures import Declared, Source, function_parameters, source_text

__all__ = ["Argument", "CallSite", "CodeFacts", "ImportSite", "analyze_code", "is_python"]

_PY_LANGS = {"", "python", "py", "python3", "ipython", "ipython3", "pycon", "pyspark"}
# A call in a line that does not parse. A name starts a dotted name — after neither a word
# character nor a word character and a dot — so a long name is scanned once, not once per
# letter or part (linear); its parts are consumed possessively.
_CALL_RE = re.compile(r"(?<!\w)(?<!\w\.)([A-Za-z_]\w*+(?:\(\))?(?:\.[A-Za-z_]\w*+)*)\s*\(")
_CAMEL = re.compile(r"^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")
_BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class Argument:
    """One argument of a call: its keyword ("" when positional) or position, the source text
    of its value (one line, cut), the line it starts on, and the variable it passes whole or
    by its attributes (`x`, `mv.version` → "mv"; "" for anything else)."""

    keyword: str
    position: int  # among the positional arguments; -1 for a keyword
    value: str
    line: int
    root: str = ""


@dataclass(frozen=True)
class CallSite:
    """A call `qualifier.name(...)` at a line of its code block (1-based within the text)."""

    qualifier: str  # as written: "fs", "mlflow.sklearn", "MlflowClient()", "" for bare calls
    name: str
    line: int
    keywords: tuple[str, ...] = ()
    assigned_to: str = ""  # `x = call(...)` → "x"
    arguments: tuple[Argument, ...] = ()  # up to the first `*args`; no `**kwargs`
    # a step of its own: "effect" (a statement, a `with`), "value" (assigned, returned);
    # "" inside another expression (an argument, a dict, a condition, a chain)
    step: str = ""
    column: int = 0


@dataclass(frozen=True)
class ImportSite:
    module: str
    name: str  # "" for `import module`
    alias: str
    line: int


@dataclass
class CodeFacts:
    """Calls and imports of some code, and what its variables are bound to."""

    calls: list[CallSite] = field(default_factory=list)
    imports: list[ImportSite] = field(default_factory=list)
    bindings: dict[str, str] = field(default_factory=dict)  # variable → class name
    modules: dict[str, str] = field(default_factory=dict)  # local name → module path
    functions: dict[str, tuple[Declared, ...]] = field(default_factory=dict)  # top-level `def`s
    _assigned: dict[str, list[CallSite]] | None = field(default=None, repr=False, compare=False)

    def merge(self, other: CodeFacts) -> None:
        self.calls.extend(other.calls)
        self.imports.extend(other.imports)
        self.bindings.update(other.bindings)
        self.modules.update(other.modules)
        self.functions.update(other.functions)
        self._assigned = None

    def assigned_before(self, name: str, line: int) -> CallSite | None:
        """The last call whose result is bound to `name` on a line before `line`."""
        if self._assigned is None:
            self._assigned = {}
            for call in sorted(self.calls, key=lambda c: c.line):
                if call.assigned_to:
                    self._assigned.setdefault(call.assigned_to, []).append(call)
        calls = self._assigned.get(name, [])
        n = bisect_left(calls, line, key=lambda c: c.line)
        return calls[n - 1] if n else None


def is_python(language: str) -> bool:
    return language.lower() in _PY_LANGS


def is_class_name(name: str) -> bool:
    """CamelCase names are classes by Python convention."""
    return bool(_CAMEL.match(name))


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` → "a.b.c"; `C().m` → "C()" as the base; anything else → None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, ast.Call):
        base = _dotted(node.func)
        return f"{base}()" if base else None
    return None


def _root(node: ast.expr) -> str:
    """The variable an argument passes whole or by its attributes (`x`, `mv.version`)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


class _Visitor(ast.NodeVisitor):
    def __init__(self, source: Source) -> None:
        self.facts = CodeFacts()
        self._text = source
        self._steps: dict[int, str] = {}  # id of a call that is a step → "effect" or "value"

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            local = alias.asname or alias.name.split(".")[0]
            self.facts.modules[local] = alias.name if alias.asname else local
            self.facts.imports.append(ImportSite(alias.name, "", alias.asname or "", node.lineno))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            local = alias.asname or alias.name
            if not is_class_name(alias.name):
                self.facts.modules[local] = f"{module}.{alias.name}" if module else alias.name
            site = ImportSite(module, alias.name, alias.asname or "", node.lineno)
            self.facts.imports.append(site)

    def visit_Expr(self, node: ast.Expr) -> None:
        self._steps[id(node.value)] = "effect"
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None:
            self._steps[id(node.value)] = "value"
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._steps[id(node.value)] = "value"
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._steps[id(node.value)] = "value"
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        self._steps[id(node.value)] = "value"
        if isinstance(node.value, ast.Call):
            self._call(node.value, targets[0] if targets else "")
            callee = _dotted(node.value.func)
            if callee and is_class_name(callee.split(".")[-1]):
                for target in targets:
                    self.facts.bindings[target] = callee.split(".")[-1]
            self._inside(node.value)
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._call(node, "")
        self._inside(node)

    def visit_withitem(self, node: ast.withitem) -> None:
        if isinstance(node.context_expr, ast.Call):
            target = node.optional_vars.id if isinstance(node.optional_vars, ast.Name) else ""
            self._steps[id(node.context_expr)] = "effect"
            self._call(node.context_expr, target)
            self._inside(node.context_expr)
        else:
            self.generic_visit(node)

    def _inside(self, node: ast.Call) -> None:
        """Visit what a call holds: its arguments, then what it is called on."""
        for arg in (*node.args, *(k.value for k in node.keywords)):
            self.visit(arg)
        self.visit(node.func)

    def _call(self, node: ast.Call, assigned_to: str) -> None:
        callee = _dotted(node.func)
        if not callee:
            return
        qualifier, _, name = callee.rpartition(".")
        if not qualifier and name in _BUILTINS:
            return
        keywords = tuple(k.arg for k in node.keywords if k.arg)
        step = self._steps.get(id(node), "")
        site = CallSite(
            qualifier, name, node.lineno, keywords, assigned_to, self._arguments(node), step,
            node.col_offset,
        )  # fmt: skip
        self.facts.calls.append(site)

    def _arguments(self, node: ast.Call) -> tuple[Argument, ...]:
        out: list[Argument] = []
        for position, arg in enumerate(node.args):
            if isinstance(arg, ast.Starred):
                break  # `f(*args)`: positions after it are unknown
            value = source_text(self._text, arg)
            out.append(Argument("", position, value, arg.lineno, _root(arg)))
        for kw in node.keywords:
            if kw.arg:
                value = source_text(self._text, kw.value)
                out.append(Argument(kw.arg, -1, value, kw.value.lineno, _root(kw.value)))
        return tuple(out)


def _without_magics(text: str) -> str:
    """Notebook magics (`%pip`, `!ls`) blanked so the rest parses; lines keep their numbers."""
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in text.split("\n"))


def _calls_by_regex(text: str) -> CodeFacts:
    facts = CodeFacts()
    for n, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in _CALL_RE.finditer(line):
            qualifier, _, name = match.group(1).rpartition(".")
            if qualifier or name not in _BUILTINS:
                facts.calls.append(CallSite(qualifier, name, n))
    return facts


@lru_cache(maxsize=1024)
def analyze_code(text: str) -> CodeFacts:
    """Calls, imports, bindings and top-level functions of a Python snippet; never raises.

    Cached: a block is read by several passes and rules, and parsed once. The facts returned
    are shared, so callers read them (`merge_all` copies into a fresh `CodeFacts`)."""
    source = _without_magics(text)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return _calls_by_regex(text)
    lines = Source(source)
    visitor = _Visitor(lines)
    try:
        visitor.visit(tree)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                visitor.facts.functions[node.name] = function_parameters(node, lines)
    except RecursionError:
        return _calls_by_regex(text)
    visitor.facts.calls.sort(key=lambda c: c.line)
    return visitor.facts


def merge_all(facts: Iterable[CodeFacts]) -> CodeFacts:
    out = CodeFacts()
    for f in facts:
        out.merge(f)
    return out
