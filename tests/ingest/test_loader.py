from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import FileTooLargeError, UnsupportedFormatError
from kg.ingest import FORMATS, discover, load_document, load_paths


def test_loader_reads_every_format_recursively_in_sorted_order(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("b/z.md", "# Z\n")
    write("b/a.rst", "A\n=\n\ntext\n")
    write("a.txt", "# T\n")
    write("c.mdx", "# M\n")
    write("d.markdown", "# D\n")
    write("e.ipynb", '{"cells": [{"cell_type": "markdown", "source": ["# N"]}]}')
    write("f.pdf", b"%PDF-1.4")
    write(".hidden/x.md", "# hidden\n")
    files, skipped = discover([tmp_path])
    names = [f.relative_to(tmp_path).as_posix() for f in files]
    assert names == ["a.txt", "c.mdx", "d.markdown", "e.ipynb", "b/a.rst", "b/z.md"]
    assert [s.path.name for s in skipped] == ["f.pdf"]
    assert "unsupported file type" in skipped[0].reason


def test_loader_reports_bad_files_and_keeps_good_ones(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("good.md", "# Good\n\ntext\n")
    write("empty.md", "")
    write("binary.md", b"\x00\x01\x02binary")
    write("broken.ipynb", "{not json")
    report = load_paths([tmp_path])
    assert [d.source.name for d in report.documents] == ["good.md"]
    reasons = {s.path.name: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.md", "binary.md", "broken.ipynb"}
    assert "empty" in reasons["empty.md"]
    assert "binary" in reasons["binary.md"]
    assert "JSON" in reasons["broken.ipynb"]
    broken = next(s for s in report.skipped if s.path.name == "broken.ipynb")
    assert broken.line == 1 and str(broken).startswith(str(broken.path) + ":1:")


def test_loader_oversized_file_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    path = write("big.md", "# x\n" + "a" * 5000)
    with pytest.raises(FileTooLargeError, match=r"big\.md"):
        load_document(path, max_bytes=1000)
    assert load_document(path, max_bytes=10_000).sections[0].title == "x"


def test_loader_unsupported_extension_is_an_error(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnsupportedFormatError):
        load_document(write("x.docx", "x"))


def test_loader_missing_path_is_reported(tmp_path: Path) -> None:
    report = load_paths([tmp_path / "nope"])
    assert report.documents == ()
    assert report.skipped[0].reason == "no such file or folder"


def test_loader_repository_metadata_is_read_only_when_named(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("notes/a.md", "# A\n")
    write("notes/LICENSE.md", "# MIT License\n")
    write("notes/CHANGELOG.md", "# Changelog\n")
    report = load_paths([tmp_path / "notes"])
    assert [d.source.name for d in report.documents] == ["a.md"]
    assert sorted(s.path.name for s in report.skipped) == ["CHANGELOG.md", "LICENSE.md"]
    named = load_paths([tmp_path / "notes" / "LICENSE.md"])
    assert [d.source.name for d in named.documents] == ["LICENSE.md"]


def test_loader_reads_the_corpora_without_errors(corpora_path: Path) -> None:
    report = load_paths([corpora_path])
    notes = [p for p in corpora_path.rglob("*") if p.suffix in FORMATS]
    assert len(report.documents) == len(notes) >= 5
    assert report.skipped == ()
    for doc in report.documents:
        assert doc.sections, doc.source
        for block in doc.blocks:
            assert 1 <= block.line_start <= block.line_end <= doc.line_count, (doc.source, block)


def test_loader_symlink_loops_are_reported_not_fatal(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("notes/good.md", "# Good\n\ntext\n")
    (tmp_path / "notes" / "a.md").symlink_to("b.md")
    (tmp_path / "notes" / "b.md").symlink_to("a.md")
    (tmp_path / "notes" / "self.md").symlink_to("self.md")
    (tmp_path / "notes" / "gone.md").symlink_to("nowhere.md")
    report = load_paths([tmp_path / "notes", tmp_path / "notes" / "self.md"])
    assert [d.source.name for d in report.documents] == ["good.md"]
    reasons = [(s.path.name, s.reason) for s in report.skipped]
    assert [name for name, _ in reasons] == ["a.md", "b.md", "gone.md", "self.md", "self.md"]
    assert all("symbolic link loop" in why for name, why in reasons if name != "gone.md")
    assert "broken symbolic link" in dict(reasons)["gone.md"]


def test_loader_links_to_folders_are_reported_not_followed(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write("notes/a.md", "# A\n")
    write("elsewhere/b.md", "# B\n")
    (tmp_path / "notes" / "loop").symlink_to(tmp_path / "notes")
    (tmp_path / "notes" / "more").symlink_to(tmp_path / "elsewhere")
    files, skipped = discover([tmp_path / "notes"])
    assert [f.name for f in files] == ["a.md"]
    assert [(s.path.name, "not followed" in s.reason) for s in skipped] == [
        ("loop", True),
        ("more", True),
    ]
    # named, a linked folder is read
    assert [f.name for f in discover([tmp_path / "notes" / "more"])[0]] == ["b.md"]


def _discover_unprivileged(folder: Path) -> list[list[str]]:
    """`discover(folder)` in a child process that file permissions apply to, even as root."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json, sys; from kg.ingest import discover; "
        "files, skipped = discover([sys.argv[1]]); "
        "print(json.dumps([[str(f) for f in files], [str(s) for s in skipped]]))"
    )

    def drop_root() -> None:
        # root reads any folder: drop the two capabilities that bypass permissions
        # (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the child's bounding set
        if os.geteuid() == 0:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):
                if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                    raise OSError(ctypes.get_errno(), "cannot drop a capability")

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        preexec_fn=drop_root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    result: list[list[str]] = json.loads(out.stdout)
    return result


def test_loader_unreadable_folder_is_reported() -> None:
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="kg-perm-"))  # outside root's private tmp_path
    try:
        base.chmod(0o755)
        (base / "open").mkdir()
        (base / "open" / "a.md").write_text("# A\n")
        (base / "locked").mkdir()
        (base / "locked" / "b.md").write_text("# B\n")
        (base / "locked").chmod(0)
        files, skipped = _discover_unprivileged(base)
        assert [Path(f).name for f in files] == ["a.md"]
        assert skipped == [f"{base / 'locked'}: cannot read folder: Permission denied"]
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)
