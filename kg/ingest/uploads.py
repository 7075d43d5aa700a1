"""Uploaded notes → files in a notes folder: safe names, no silent overwrite, no links.

A name is reduced to letters, digits, `-` and `_` plus a suffix kg reads. A note that exists
under the same name (compared case-insensitively, after the same reduction, so `Notes.MD`,
`notes .md` and `../notes.md` are all `notes.md`) is replaced only when the caller says so,
and then kept in the folder's hidden `.replaced/` (never read as a note); the same bytes saved
again are not a conflict (nothing would be lost). Nothing is written through a symbolic link:
a new note is created exclusively (never following a link), a replacing one is written beside
the target and renamed into place, and a name held by a link is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from kg.errors import InputError
from kg.ingest.encoding import decode_bytes
from kg.ingest.loader import DEFAULT_MAX_BYTES, FORMATS

__all__ = ["MAX_NAME_BYTES", "REPLACED", "safe_name", "save_upload", "upload_conflicts"]

MAX_NAME_BYTES = 150  # well under every file system's 255, with room for a backup's stamp
REPLACED = ".replaced"  # hidden: the loader passes over it
# names Windows keeps for devices, whatever the extension (`con.md` cannot be opened there)
_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(10))}


def safe_name(name: str) -> str:
    """The file name an upload called `name` is saved under.

    Raises:
        InputError: a type kg does not read, a reserved or too long name.
    """
    base = Path(Path(name.replace("\\", "/")).name)
    stem = re.sub(r"[^\w-]+", "-", base.stem).strip("-") or "note"
    safe = stem + re.sub(r"[^\w.]+", "", base.suffix.lower())
    if Path(safe).suffix not in FORMATS:
        raise InputError(Path(safe), f"unsupported file type; use {', '.join(sorted(FORMATS))}")
    if stem.casefold() in _RESERVED:
        raise InputError(Path(safe), "a name Windows reserves for a device; rename the file")
    if (size := len(safe.encode("utf-8"))) > MAX_NAME_BYTES:
        raise InputError(
            Path(safe[:40] + "…"),
            f"the name is too long ({size} bytes, at most {MAX_NAME_BYTES}); rename the file",
        )
    return safe


def upload_conflicts(name: str, folder: Path | str) -> list[Path]:
    """The notes in `folder` an upload called `name` would replace (same name, any case).

    Raises:
        InputError: as `safe_name`.
    """
    key = safe_name(name).casefold()
    root = Path(folder).resolve()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if _key(p.name) == key)


def _key(name: str) -> str | None:
    try:
        return safe_name(name).casefold()
    except InputError:
        return None


def save_upload(
    name: str,
    data: bytes,
    folder: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    replace: bool = False,
) -> Path:
    """Save an uploaded note under `folder`; return where it was written.

    Raises:
        InputError: the type is not one kg reads, the name is reserved or too long, the file
            is too large or not text, a note of that name exists and `replace` is false, or
            the name is taken by a symbolic link or a folder.
    """
    safe = safe_name(name)
    if len(data) > max_bytes:
        raise InputError(Path(safe), f"file is {len(data):,} bytes, over the {max_bytes:,} limit")
    decode_bytes(data, safe)  # refuses binary and empty files before anything is written
    root = Path(folder).resolve()
    root.mkdir(parents=True, exist_ok=True)
    existing = upload_conflicts(safe, root)
    for old in existing:
        if old.is_symlink() or not old.is_file():
            raise InputError(old, "is a link or a folder, not a note; kg writes plain files only")
    if same := [
        old for old in existing if old.stat().st_size == len(data) and old.read_bytes() == data
    ]:
        return same[0]  # the same note again (a second click): nothing to replace
    if existing and not replace:
        raise InputError(
            existing[0],
            "a note with this name exists; confirm replacing it (the old one is kept in "
            f"{root / REPLACED})",
        )
    return _write(root, safe, data, existing)


def _write(root: Path, safe: str, data: bytes, replaced: list[Path]) -> Path:
    """Write `data` as `root/safe`, never through a link: a new name is created exclusively; a
    replaced note is moved to the backup folder and the new file renamed into its place."""
    target = root / safe
    try:
        if not replaced:
            # O_EXCL: fails if the name was taken since the check, by a file or a link
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(target, flags, 0o644), "wb") as fh:
                fh.write(data)
            return target
        fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=root)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            for old in replaced:
                old.rename(_backup_path(root, old))
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except FileExistsError as err:
        raise InputError(target, "a note with this name was just added; try again") from err
    except OSError as err:
        raise InputError(target, f"cannot save the note: {err.strerror or err}") from err
    return target


def _backup_path(root: Path, old: Path) -> Path:
    backups = root / REPLACED
    backups.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for n in range(1, 1000):
        candidate = backups / f"{old.stem}.{stamp}{f'-{n}' if n > 1 else ''}{old.suffix}"
        if not candidate.exists():
            return candidate
    raise InputError(old, "too many backups of this note this second; try again")
