"""Writing a language file from Python data, for tests that add a language of their own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def _key(key: str) -> str:
    bare = key and key.isascii() and key.replace("_", "").replace("-", "").isalnum()
    return key if bare else json.dumps(key, ensure_ascii=False)


def toml(data: dict[str, Any]) -> str:
    """`data` as TOML: its plain values first, then one table per dict (a dict inside a table
    written inline)."""
    lines = [f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for name, table in data.items():
        if isinstance(table, dict):
            lines.append(f"\n[{_key(name)}]")
            lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def write_language(folder: Path, data: dict[str, Any]) -> Path:
    """`data` as `<folder>/<code>.toml`, a language file `KG_LANG_PATH` can name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['code']}.toml"
    path.write_text(toml(data), encoding="utf-8")
    return path
