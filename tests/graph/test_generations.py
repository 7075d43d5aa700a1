"""Generations under faults: builds killed with SIGKILL, overlapping builds, leftovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.errors import StoreLockedError
from kg.graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
NT = b'<http://x/a> <http://x/p> "one" .\n<http://x/b> <http://x/p> "two" .\n'


def _generations(store: Path) -> list[Path]:
    return sorted(store.glob("gen-*"))


def _child(code: str, *args: str) -> subprocess.Popen[str]:
    """A Python process running `code` against this checkout."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, child: subprocess.Popen[str]) -> None:
    """Until `child` creates `path` (it says it reached the point to kill it at)."""
    deadline = time.monotonic() + 60
    while not path.exists():
        assert child.poll() is None, f"the child ended early ({child.returncode})"
        assert time.monotonic() < deadline, "the child never got there"
        time.sleep(0.02)


# a build that writes a large graph, then stops for good inside `derive`: the graph is on disk,
# the derived files are half written, the generation is not complete
HALF_BUILD = """
    import sys, time
    from pathlib import Path
    from kg.graph.store import GraphStore

    store, ready = GraphStore(sys.argv[1]), Path(sys.argv[2])
    nt = b"".join(b'<http://x/s%d> <http://x/p> "v%d" .\\n' % (i, i) for i in range(20000))

    def derive(gen):
        (gen / "index.part").write_bytes(b"x" * 100_000)
        ready.write_text(str(gen))
        time.sleep(600)

    store.replace(nt, derive)
"""


def test_generations_killed_builds_leave_the_graph_live_and_disk_bounded(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = GraphStore(path)
    first = store.replace(NT)
    for n in range(4):
        ready = tmp_path / f"ready-{n}"
        child = _child(HALF_BUILD, str(path), str(ready))
        _wait_for(ready, child)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        # the live graph answers; the killed build's generation is the only leftover
        assert len(store.query("SELECT * WHERE { ?s ?p ?o }").rows) == 2
        assert store.live_generation() == first.resolve()
        assert len(_generations(path)) <= 2, _generations(path)
    second = store.replace(b'<http://x/c> <http://x/p> "three" .\n')
    # live and previous, both complete; the previous is the graph that was live before
    assert _generations(path) == sorted([first, second])
    assert all((gen / "complete").is_file() for gen in _generations(path))
    assert [r["o"].value for r in store.query("SELECT ?o WHERE { ?s ?p ?o }").rows] == ["three"]


def test_generations_a_half_written_one_is_never_kept_as_previous(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store")
    first = store.replace(NT)
    # left by a killed build, newer than the live one: a graph folder and no marker
    half = tmp_path / "store" / "gen-29991231T235959-999-killed"
    (half / "graph").mkdir(parents=True)
    (half / "graph" / "000001.log").write_bytes(b"\0" * 1000)
    second = store.replace(b'<http://x/c> <http://x/p> "three" .\n')
    assert _generations(tmp_path / "store") == sorted([first, second])


def test_generations_are_uniquely_named(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store")
    names = {store.replace(NT).name for _ in range(5)}
    assert len(names) == 5


def test_generations_a_build_refuses_before_reading_while_another_holds_the_store(
    tmp_path: Path, seed_path: Path
) -> None:
    """A build holds the store from its first read, not only for the final write: a second
    build (here: a process holding the lock as any kg build does) refuses at once."""
    from kg import api

    path = tmp_path / "store"
    holder = _child(
        """
        import fcntl, sys, time
        from pathlib import Path
        path = Path(sys.argv[1]); path.mkdir(parents=True)
        with open(path / "build.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            print("held", flush=True)
            time.sleep(600)
        """,
        str(path),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        read: list[Path] = []
        with pytest.raises(StoreLockedError, match="another build"):
            api.build([seed_path], store=path, progress=lambda n, total, file: read.append(file))
        assert read == []
    finally:
        holder.kill()
        holder.wait()
    assert api.build([seed_path], store=path).topics == 18


def test_generations_the_refusal_names_the_build_that_holds_the_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = _child(
        """
        import sys, time
        from kg.graph.store import GraphStore
        with GraphStore(sys.argv[1]).build_lock():
            print("held", flush=True)
            time.sleep(600)
        """,
        str(path),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError, match=f"process {holder.pid}, started"):
            GraphStore(path).replace(NT)
    finally:
        holder.kill()
        holder.wait()
    # the lock dies with its holder: the next build goes through
    GraphStore(path).replace(NT)


def test_generations_the_lock_is_reentrant_within_one_build(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store")
    with store.build_lock():
        store.replace(NT)
        store.replace(NT)
        with pytest.raises(StoreLockedError):
            GraphStore(tmp_path / "store").replace(NT)  # another build, same process
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }").rows) == 2


def test_generations_a_store_that_cannot_be_written_is_a_store_error(tmp_path: Path) -> None:
    from kg.errors import StoreError

    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot write the store"):
        GraphStore(tmp_path / "file" / "store").replace(NT)
