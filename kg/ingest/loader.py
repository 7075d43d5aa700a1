"""Files and folders → Documents; every unreadable file is reported, never fatal by default."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import FileTooLargeError, InputError, UnsupportedFormatError
from kg.ingest.document import Block, Document
from kg.ingest.encoding import decode_bytes
from kg.ingest.markdown import parse_markdown
from kg.ingest.notebook import parse_notebook
from kg.ingest.rst import parse_rst
from kg.ingest.sections import build_sections

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "LoadReport",
    "Skipped",
    "discover",
    "iter_documents",
    "load_document",
    "load_paths",
]

FORMATS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "mdx",
    ".txt": "markdown",
    ".ipynb": "notebook",
    ".rst": "rst",
}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Files a folder of notes often carries that are about the repository, not the subject: read
# only when named on their own, never picked up from a folder.
_METADATA_NAMES = {
    "authors", "changelog", "changes", "citation", "code_of_conduct", "codeowners",
    "contributing", "contributors", "licence", "license", "notice", "security",
}  # fmt: skip
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".ipynb_checkpoints", ".venv"}


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why."""

    path: Path
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]


def discover(paths: Iterable[Path | str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders (recursively, in a stable sorted order) into candidate files.

    Files with an extension kg does not read, repository metadata found in a folder (LICENSE,
    CHANGELOG, CONTRIBUTING, ...), folders that cannot be read, symbolic links that loop or lead
    nowhere, and links to folders inside a folder (not followed) are returned as skipped, each
    with its reason; hidden files and folders and tool folders (.git, node_modules, ...) are
    passed over silently.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def add(file: Path, *, named: bool = False) -> None:
        if problem := _link_problem(file):
            skipped.append(Skipped(file, problem))
            return
        try:
            key = file.resolve()
        except (OSError, RuntimeError) as err:  # a link changed into a loop since the check
            skipped.append(Skipped(file, f"cannot resolve path: {err}"))
            return
        if key in seen:
            return
        seen.add(key)
        if not named and file.stem.lower().replace("-", "_") in _METADATA_NAMES:
            skipped.append(
                Skipped(file, "repository metadata, not notes (name the file to read it)")
            )
        elif file.suffix.lower() in FORMATS:
            found.append(file)
        else:
            skipped.append(Skipped(file, f"unsupported file type '{file.suffix or file.name}'"))

    for raw in paths:
        path = Path(raw)
        if problem := _link_problem(path) or _missing(path):
            skipped.append(Skipped(path, problem))
        elif path.is_dir():
            for file in _walk(path, skipped):
                add(file)
        else:
            add(path, named=True)
    return found, skipped


def _walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    """The files under `folder` in sorted order; what cannot be read is added to `skipped`."""

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(Path(err.filename), f"cannot read folder: {err.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        kept = []
        for name in sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")):
            if os.path.islink(os.path.join(root, name)):
                link = Path(root) / name
                skipped.append(Skipped(link, "link to a folder, not followed (name it to read it)"))
            else:
                kept.append(name)
        dirs[:] = kept
        yield from (Path(root) / name for name in sorted(files) if not name.startswith("."))


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (a loop, a missing target), or None."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if err.errno == errno.ENOENT:
            return f"broken symbolic link (its target {os.readlink(path)} does not exist)"
        return f"cannot follow symbolic link: {err.strerror}"
    return None


def _missing(path: Path) -> str | None:
    """Why a named path cannot be read at all, or None."""
    try:
        path.stat()
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as err:
        return f"cannot read: {err.strerror}"
    return None


def load_document(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document.

    Raises:
        InputError: (or a subclass) naming the file, and the line where it applies.
    """
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(path, f"unsupported file type '{path.suffix}'")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(path, f"file is {size:,} bytes, over the {max_bytes:,} limit")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read file: {err.strerror or err}") from err
    decoded = decode_bytes(data, path)
    lines = decoded.text.split("\n")
    blocks: list[Block]
    if fmt == "notebook":
        blocks, lines = parse_notebook(decoded.text, path)
        fmt_name = "notebook"
    elif fmt == "rst":
        blocks, fmt_name = parse_rst(decoded.text, path), "rst"
    else:
        blocks, fmt_name = parse_markdown(decoded.text, mdx=fmt == "mdx"), "markdown"
    line_count = len(lines)
    return Document(
        source=path,
        format=fmt_name,
        encoding=decoded.encoding,
        encoding_repaired=decoded.repaired,
        line_count=line_count,
        sections=tuple(build_sections(blocks, line_count)),
        lines=tuple(lines),
    )


def iter_documents(
    files: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped]:
    """Load each file in turn; a file that fails becomes a `Skipped` with its reason."""
    for file in files:
        try:
            yield load_document(file, max_bytes=max_bytes)
        except InputError as err:
            yield Skipped(err.path, err.reason, err.line)
        except (RecursionError, ValueError) as err:  # parser limits hit by pathological input
            yield Skipped(file, f"could not parse: {type(err).__name__}")


def load_paths(
    paths: Iterable[Path | str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Path], None] | None = None,
) -> LoadReport:
    """Load every readable document under `paths`; report the rest as skipped."""
    files, skipped = discover(paths)
    documents: list[Document] = []
    all_skipped = list(skipped)
    for file, result in zip(files, iter_documents(files, max_bytes=max_bytes), strict=True):
        if on_file:
            on_file(file)
        if isinstance(result, Document):
            documents.append(result)
        else:
            all_skipped.append(result)
    return LoadReport(tuple(documents), tuple(all_skipped))
