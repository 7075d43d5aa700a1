"""What code blocks say: API calls, the classes objects are bound to, imports, keywords.

Python is read with `ast`; a snippet that does not parse (notebook magics, elisions) is read
line by line with a regular expression for calls, so no example is lost.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["CallSite", "CodeFacts", "ImportSite", "analyze_code", "is_python"]

_PY_LANGS = {"", "python", "py", "python3", "ipython", "ipython3", "pycon", "pyspark"}
# A call in a line that does not parse. A name starts a dotted name — after neither a word
# character nor a word character and a dot — so a long name is scanned once, not once per
# letter or part (linear); its parts are consumed possessively.
_CALL_RE = re.compile(r"(?<!\w)(?<!\w\.)([A-Za-z_]\w*+(?:\(\))?(?:\.[A-Za-z_]\w*+)*)\s*\(")
_CAMEL = re.compile(r"^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$")
_BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class CallSite:
    """A call `qualifier.name(...)` at a line of its code block (1-based within the text)."""

    qualifier: str  # as written: "fs", "mlflow.sklearn", "MlflowClient()", "" for bare calls
    name: str
    line: int
    keywords: tuple[str, ...] = ()
    assigned_to: str = ""  # `x = call(...)` → "x"


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

    def merge(self, other: CodeFacts) -> None:
        self.calls.extend(other.calls)
        self.imports.extend(other.imports)
        self.bindings.update(other.bindings)
        self.modules.update(other.modules)


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


class _Visitor(ast.NodeVisitor):
    def __init__(self) -> None:
        self.facts = CodeFacts()

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

    def visit_Assign(self, node: ast.Assign) -> None:
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if isinstance(node.value, ast.Call):
            self._call(node.value, targets[0] if targets else "")
            callee = _dotted(node.value.func)
            if callee and is_class_name(callee.split(".")[-1]):
                for target in targets:
                    self.facts.bindings[target] = callee.split(".")[-1]
            for arg in (*node.value.args, *(k.value for k in node.value.keywords)):
                self.visit(arg)
            self.visit(node.value.func)
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._call(node, "")
        self.generic_visit(node)

    def visit_withitem(self, node: ast.withitem) -> None:
        if isinstance(node.context_expr, ast.Call):
            target = node.optional_vars.id if isinstance(node.optional_vars, ast.Name) else ""
            self._call(node.context_expr, target)
            for arg in (*node.context_expr.args, *(k.value for k in node.context_expr.keywords)):
                self.visit(arg)
            self.visit(node.context_expr.func)
        else:
            self.generic_visit(node)

    def _call(self, node: ast.Call, assigned_to: str) -> None:
        callee = _dotted(node.func)
        if not callee:
            return
        qualifier, _, name = callee.rpartition(".")
        if not qualifier and name in _BUILTINS:
            return
        keywords = tuple(k.arg for k in node.keywords if k.arg)
        self.facts.calls.append(CallSite(qualifier, name, node.lineno, keywords, assigned_to))


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


def analyze_code(text: str) -> CodeFacts:
    """Calls, imports and bindings of a Python snippet; never raises."""
    try:
        tree = ast.parse(_without_magics(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return _calls_by_regex(text)
    visitor = _Visitor()
    try:
        visitor.visit(tree)
    except RecursionError:
        return _calls_by_regex(text)
    visitor.facts.calls.sort(key=lambda c: c.line)
    return visitor.facts


def merge_all(facts: Iterable[CodeFacts]) -> CodeFacts:
    out = CodeFacts()
    for f in facts:
        out.merge(f)
    return out
