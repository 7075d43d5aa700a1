"""The package stays in small rooms: short modules, short functions, and
only public names imported from other modules."""

from __future__ import annotations

import ast
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).resolve().parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_layout_modules_and_functions_are_short() -> None:
    long_modules = [
        (p.relative_to(PACKAGE), n)
        for p in modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    long_functions = [
        (p.relative_to(PACKAGE), node.name, size)
        for p in modules()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (size := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]
    assert long_modules == [] and long_functions == []


def test_layout_imports_only_public_names_from_other_modules() -> None:
    private = [
        (p.relative_to(PACKAGE), node.module, alias.name)
        for p in modules()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")  # dunders are public
    ]
    assert private == []
