from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import FileTooLargeError, UnsupportedFormatError
from kg.ingest import discover, load_document, load_paths


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


def test_loader_reads_the_shared_corpora_without_errors(corpora_path: Path) -> None:
    report = load_paths([corpora_path])
    assert len(report.documents) == 13
    assert report.skipped == ()
    for doc in report.documents:
        assert doc.sections, doc.source
        for block in doc.blocks:
            assert 1 <= block.line_start <= block.line_end <= doc.line_count, (doc.source, block)
