"""Generations of a store folder: one build at a time, and a graph is whole or absent.

    STORE/
      current -> gen-20261126T070102-4242-k3x9   symlink to the live generation
      gen-.../graph/ + derived files             one build's graph and what was derived from it
      gen-.../complete                           written last: every file of it is on disk
      build.lock                                 held for a whole build; names its holder

A build holds `build.lock` from its first read to the swap, so a second build refuses instead
of racing it (the one finishing last would win, even on older files). The lock is the
operating system's: a killed build never leaves it behind. Taking it removes what killed
builds left (half-written generations, swap links), so a store holds at most the live
generation, the previous one (complete, for readers that opened it just before a swap) and
the one being written.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import StoreError, StoreLockedError

__all__ = ["COMPLETE", "CURRENT", "GRAPH", "LOCK", "BuildLock", "go_live", "write_generation"]

CURRENT = "current"
GRAPH = "graph"
LOCK = "build.lock"
COMPLETE = "complete"


class BuildLock:
    """The lock a build holds on a store folder; re-entrant within one object."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._depth = 0

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the store, or refuse at once naming the build that holds it.

        Raises:
            StoreLockedError: another build holds the store.
            StoreError: the store folder cannot be written.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise StoreError(f"cannot write the store at {self.folder}: {err.strerror}") from err
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as err:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
                raise StoreLockedError(
                    f"another build ({holder}) is writing {self.folder}; "
                    "wait for it to finish, then build again"
                ) from err
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"process {os.getpid()}, started {time.strftime('%c')}".encode(), 0)
            self._depth = 1
            try:
                _prune(self.folder, keep={*_live(self.folder), *_newest_complete(self.folder)})
                yield
            finally:
                self._depth = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def write_generation(folder: Path, fill: Callable[[Path], object]) -> Path:
    """A new, uniquely named generation under `folder`, filled by `fill(generation)` and then
    marked complete; removed again if `fill` fails. Call with the build lock held."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    gen = Path(tempfile.mkdtemp(prefix=f"gen-{stamp}-{os.getpid()}-", dir=folder))
    try:
        fill(gen)
        with open(gen / COMPLETE, "w") as fh:
            fh.write(time.strftime("%Y-%m-%dT%H:%M:%S\n"))
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    return gen


def go_live(folder: Path, gen: Path) -> None:
    """Point `current` at `gen` with one atomic rename; keep only `gen` and the generation it
    replaced (a reader that opened it just before the swap can finish its query)."""
    previous = _live(folder)
    tmp = folder / f".{CURRENT}.{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(gen.name)
    os.replace(tmp, folder / CURRENT)
    _prune(folder, keep={gen, *previous})


def _live(folder: Path) -> list[Path]:
    """The live generation's folder, if any (as a list, to unpack into sets)."""
    link = folder / CURRENT
    return [link.resolve()] if link.exists() else []


def _newest_complete(folder: Path) -> list[Path]:
    """The most recently completed generation that is not live, if any."""
    live = _live(folder)
    done = [
        g.resolve()
        for g in folder.glob("gen-*")
        if (g / COMPLETE).is_file() and g.resolve() not in live
    ]
    return sorted(done, key=lambda g: (g / COMPLETE).stat().st_mtime_ns)[-1:]


def _prune(folder: Path, keep: set[Path]) -> None:
    """Delete every generation not in `keep` (half-written ones from killed builds too) and
    the swap links a killed build left. Only with the build lock held."""
    keep = {k.resolve() for k in keep}
    for gen in folder.glob("gen-*"):
        if gen.resolve() not in keep:
            # unmarked first: a deletion cut short leaves a generation known to be incomplete
            with contextlib.suppress(FileNotFoundError):
                (gen / COMPLETE).unlink()
            shutil.rmtree(gen, ignore_errors=True)
    for tmp in folder.glob(f".{CURRENT}.*"):
        tmp.unlink(missing_ok=True)
