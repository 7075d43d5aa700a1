"""What a callable declares about its parameters: names, types, defaults and descriptions, read
from a Python `def` (with its docstring), from a signature in API docs
(`.. py:method:: create(name: str, tags: dict = None) -> Model`) and from docstring parameter
lists in the three common styles (Google "Args:", NumPy "Parameters", Sphinx ":param x:").

Signatures are parsed by `ast` as the parameters of a `def`; every pattern here is anchored at
the start of one line, so reading is linear in the text.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, replace

__all__ = [
    "Declared",
    "Source",
    "docstring_parameters",
    "field_parameter",
    "function_parameters",
    "parse_signature",
    "source_text",
]

MAX_VALUE = 80  # characters of a value's source text kept (on one line)
_SKIP_FIRST = ("self", "cls")

# Google: "Args:" then "name (type): description"; NumPy: "Parameters" over a dash rule, then
# "name : type"; Sphinx: ":param type name: description", ":type name: type"
_GOOGLE_HEAD = re.compile(
    r"^(\s*)(?:Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Other Parameters)"
    r"\s*:\s*$"
)
_GOOGLE_ENTRY = re.compile(r"^\s*\**(\w+)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$")
_NUMPY_HEAD = re.compile(r"^(\s*)(?:Parameters|Other Parameters|Keyword Arguments)\s*$")
_NUMPY_RULE = re.compile(r"^\s*-{3,}\s*$")
_NUMPY_ENTRY = re.compile(r"^\s*\**(\w+)\s*(?::\s*(.*))?$")
_SPHINX_FIELD = re.compile(r"^\s*:(param|parameter|arg|argument|key|keyword|type)\s+([^:]+):(.*)$")
_PARAM_FIELDS = ("param", "parameter", "arg", "argument", "key", "keyword")
# a type on a field's first line when its description follows on the next ones
_TYPE_LIKE = re.compile(r"^[\w.]+(?:\[[\w.\[\], |]*\])?(?:\s*\|\s*[\w.]+)*(?:\s*\(optional\))?$")
_ROLE = re.compile(r":\w+:|[`~]")
_OPEN = re.compile(r"([(\[{]) ")  # the space a line break left inside brackets
_CLOSE = re.compile(r",? ([)\]}])")


@dataclass(frozen=True)
class Declared:
    """A parameter as a callable declares it. `position` is its place among the parameters
    a call may pass by position (-1 for keyword-only ones, `*args` and `**kwargs`); `line`
    is 1-based within the text it was read from."""

    name: str
    annotation: str = ""
    default: str = ""
    description: str = ""
    position: int = -1
    line: int = 1


class Source:
    """A snippet split once into lines, as UTF-8 bytes (`ast` offsets count bytes), so that
    the source of each of its nodes is read in time of its own length."""

    def __init__(self, text: str) -> None:
        self._lines = [line.encode("utf-8", "surrogatepass") for line in text.split("\n")]

    def segment(self, node: ast.AST) -> str:
        first, last = getattr(node, "lineno", 0) - 1, getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", 0), getattr(node, "end_col_offset", None)
        if last is None or end is None or not 0 <= first < last <= len(self._lines):
            return ""
        if first == last - 1:
            raw = self._lines[first][start:end]
        else:
            middle = self._lines[first + 1 : last - 1]
            raw = b"\n".join([self._lines[first][start:], *middle, self._lines[last - 1][:end]])
        return raw.decode("utf-8", "replace")


def source_text(source: Source, node: ast.AST) -> str:
    """The source of `node` on one line, without comments, cut to `MAX_VALUE` characters."""
    text = _without_comments(source.segment(node))
    flat = _CLOSE.sub(r"\1", _OPEN.sub(r"\1", " ".join(text.split())))
    return flat if len(flat) <= MAX_VALUE else flat[: MAX_VALUE - 1].rstrip() + "…"


def _without_comments(text: str) -> str:
    """`[  # first\n  a]` → `[\n  a]`: comments cut where the tokenizer finds them (a `#` in a
    string is no comment)."""
    if "#" not in text:
        return text
    lines = text.split("\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                row, col = token.start
                lines[row - 1] = lines[row - 1][:col]
    except (tokenize.TokenError, SyntaxError, IndexError):
        return text
    return "\n".join(lines)


def function_parameters(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, source: Source
) -> tuple[Declared, ...]:
    """The parameters of a `def`, with the descriptions its docstring gives them."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    pairs = list(zip(positional, [*defaults, *args.defaults], strict=True))
    if pairs and pairs[0][0].arg in _SKIP_FIRST:
        pairs = pairs[1:]
    out = [_declared(arg, default, source, n) for n, (arg, default) in enumerate(pairs)]
    keyword_only = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    out += [_declared(arg, default, source, -1) for arg, default in keyword_only]
    docs: dict[str, tuple[str, str]] = {}
    if not isinstance(node, ast.Lambda):
        docs = docstring_parameters(ast.get_docstring(node) or "")
    return tuple(
        replace(
            d,
            annotation=d.annotation or docs.get(d.name, ("", ""))[0],
            description=docs.get(d.name, ("", ""))[1],
        )
        for d in out
    )


def _declared(arg: ast.arg, default: ast.expr | None, text: Source, position: int) -> Declared:
    return Declared(
        arg.arg,
        source_text(text, arg.annotation) if arg.annotation else "",
        source_text(text, default) if default is not None else "",
        "",
        position,
        arg.lineno,
    )


def parse_signature(signature: str) -> tuple[str, tuple[Declared, ...]] | None:
    """ "create(name: str, tags: dict = None) -> Model" → ("create", its parameters); the
    optional brackets of generated API docs ("get(name: str [, page: int])") mark keyword-only
    parameters. None when it is no signature Python can read."""
    name, paren, rest = signature.partition("(")
    name = name.strip().rpartition(".")[2]
    close = rest.rfind(")")
    if not paren or close < 0 or not name.isidentifier():
        return None
    params = rest[:close].strip()
    if params.startswith("[") or "[," in params.replace(" [", "["):
        head, _, tail = params.replace(" [", "[").partition("[,")
        if params.startswith("["):
            head, tail = "", params[1:].lstrip(", ")
        tail = tail.rstrip()
        if tail.endswith("]") and tail.count("[") < tail.count("]"):
            tail = tail[:-1]
        params = f"{head.rstrip(', ')}, *, {tail}" if head.strip() else f"*, {tail}"
    source = f"def {name}({params}): pass"
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    node = tree.body[0]
    if not isinstance(node, ast.FunctionDef):
        return None
    return name, function_parameters(node, Source(source))


def docstring_parameters(doc: str) -> dict[str, tuple[str, str]]:
    """Name → (type, description) of the parameters a docstring lists, in any of the three
    styles; the first description of a name wins."""
    lines = doc.split("\n")
    found: dict[str, tuple[str, str]] = {}
    for reader in (_google, _numpy, _sphinx):
        for name, kind, description in reader(lines):
            if name not in found:
                found[name] = (kind, description)
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _google(lines: list[str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for n, line in enumerate(lines):
        head = _GOOGLE_HEAD.match(line)
        if head:
            out += _entries(lines, n + 1, len(head.group(1)), _GOOGLE_ENTRY, google=True)
    return out


def _numpy(lines: list[str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for n, line in enumerate(lines[:-1]):
        head = _NUMPY_HEAD.match(line)
        if head and _NUMPY_RULE.match(lines[n + 1]):
            out += _entries(lines, n + 2, len(head.group(1)) - 1, _NUMPY_ENTRY, google=False)
    return out


def _entries(
    lines: list[str], start: int, outer: int, entry: re.Pattern[str], *, google: bool
) -> list[tuple[str, str, str]]:
    """The entries of one parameter list: its first line's indentation opens each entry, a
    deeper one continues a description, a shallower one (or a NumPy rule) ends the list."""
    out: list[tuple[str, str, str]] = []
    level = -1
    for n in range(start, len(lines)):
        line = lines[n]
        if not line.strip():
            continue
        indent = _indent(line)
        if indent <= outer or (n + 1 < len(lines) and _NUMPY_RULE.match(lines[n + 1])):
            break
        if level < 0:
            level = indent
        match = entry.match(line) if indent == level else None
        if match and google:
            out.append((match.group(1), (match.group(2) or "").strip(), match.group(3).strip()))
        elif match:
            out.append((match.group(1), (match.group(2) or "").strip(), ""))
        elif indent > level and out:
            name, kind, description = out[-1]
            out[-1] = (name, kind, f"{description} {line.strip()}".strip())
        else:
            break
    return out


def _sphinx(lines: list[str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    types: dict[str, str] = {}
    for n, line in enumerate(lines):
        match = _SPHINX_FIELD.match(line)
        if not match:
            continue
        more = _continuation(lines, n)
        parsed = field_parameter(f"{match.group(1)} {match.group(2)}", match.group(3), more)
        if parsed and match.group(1) == "type":
            types[parsed[0]] = parsed[2]
        elif parsed:
            out.append(parsed)
    return [(name, kind or types.get(name, ""), text) for name, kind, text in out]


def _continuation(lines: list[str], n: int) -> list[str]:
    """The lines indented under line `n` (a field's body that goes on)."""
    out: list[str] = []
    for line in lines[n + 1 :]:
        if not line.strip() or _indent(line) <= _indent(lines[n]):
            break
        out.append(line)
    return out


def field_parameter(field: str, first: str, more: Sequence[str]) -> tuple[str, str, str] | None:
    """A Sphinx field ("param name", "param str name", "type name") with the rest of its first
    line and the lines under it → (name, type, description); None for other fields. A type-like
    first line above a description is the type (":param name: str (optional)" over the text);
    for a `type` field the whole body is the type."""
    kind, *words = field.split()
    if kind not in (*_PARAM_FIELDS, "type") or not words or not words[-1].isidentifier():
        return None
    name, declared = words[-1], " ".join(words[:-1])
    first = " ".join(_ROLE.sub("", first).split())
    rest = " ".join(" ".join(_ROLE.sub("", ln) for ln in more).split())
    if kind == "type":
        return name, "", " ".join(f"{first} {rest}".split())
    if not declared and rest and _TYPE_LIKE.match(first):
        return name, first, rest
    return name, declared, " ".join(f"{first} {rest}".split())
