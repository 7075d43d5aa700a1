"""The one exception hierarchy of kg.

    KgError                      base; `str(err)` is safe to show a user
    ├── InputError               a document cannot be read (carries path, line)
    │   ├── UnsupportedFormatError
    │   ├── EmptyDocumentError
    │   ├── FileTooLargeError
    │   ├── BinaryFileError      NUL bytes or control characters: not text
    │   └── MalformedDocumentError
    ├── StoreError               the graph store cannot be opened or written
    │   ├── StoreNotFoundError   no graph has been built at that path yet
    │   └── StoreLockedError     another build is writing the same store
    └── QueryError               a SPARQL query is invalid or not allowed
        └── QueryTimeoutError    it ran past its deadline and was stopped

Interfaces translate these at their boundary only: the CLI prints the message and exits 1, the
endpoint answers one JSON error shape with a status, the app shows `st.error`.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BinaryFileError",
    "EmptyDocumentError",
    "FileTooLargeError",
    "InputError",
    "KgError",
    "MalformedDocumentError",
    "QueryError",
    "QueryTimeoutError",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "UnsupportedFormatError",
]


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KgError):
    """A document that cannot be read; names the file and, where it applies, the line."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


class UnsupportedFormatError(InputError):
    """The file's extension is not one kg reads."""


class EmptyDocumentError(InputError):
    """The file holds no text."""


class FileTooLargeError(InputError):
    """The file is larger than the configured limit."""


class BinaryFileError(InputError):
    """The file is binary or cannot be decoded as text."""


class MalformedDocumentError(InputError):
    """The file is text but its structure is broken (for example, invalid notebook JSON)."""


class StoreError(KgError):
    """The graph store cannot be opened or written."""


class StoreNotFoundError(StoreError):
    """No graph has been built at the store path yet."""


class StoreLockedError(StoreError):
    """Another process is building into the same store."""


class QueryError(KgError):
    """A SPARQL query is invalid or not allowed (updates, SERVICE, LOAD)."""


class QueryTimeoutError(QueryError):
    """The query did not finish before its deadline and was stopped."""
