"""Uploads through the facade the app calls: no silent overwrite, bounded names, no links."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.errors import InputError, KgError
from kg.ingest import load_paths

NEW = b"# New\n\nnew text\n"


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "existing.md").write_bytes(b"# Old\n\nold text\n")
    return folder


@pytest.mark.parametrize(
    "name",
    [
        "existing.md",
        "existing.MD",
        "Existing.md",
        "existing .md",
        "../existing.md",
        "..\\existing.md",
    ],
)
def test_uploads_an_existing_name_is_refused_without_confirmation(uploads: Path, name: str) -> None:
    with pytest.raises(InputError, match="exists; confirm replacing it"):
        api.save_upload(name, NEW, uploads)
    assert api.upload_conflicts(name, uploads) == [uploads / "existing.md"]
    assert sorted(p.name for p in uploads.iterdir()) == ["existing.md"]
    assert (uploads / "existing.md").read_bytes() == b"# Old\n\nold text\n"


def test_uploads_a_confirmed_replace_keeps_the_old_note_as_a_backup(uploads: Path) -> None:
    saved = api.save_upload("Existing.MD", NEW, uploads, replace=True)
    assert saved == uploads / "Existing.md" and saved.read_bytes() == NEW
    api.save_upload("existing.md", b"# Third\n", uploads, replace=True)
    assert sorted(p.name for p in uploads.iterdir()) == [".replaced", "existing.md"]
    backups = sorted((uploads / ".replaced").iterdir())
    assert sorted(b.read_bytes() for b in backups) == [NEW, b"# Old\n\nold text\n"]
    assert all(b.suffix == ".md" for b in backups)
    # backups are never read as notes
    assert [d.source.name for d in load_paths([uploads]).documents] == ["existing.md"]


def test_uploads_a_new_name_is_saved_and_conflicts_with_nothing(uploads: Path) -> None:
    assert api.upload_conflicts("other notes.md", uploads) == []
    assert api.save_upload("other notes.md", NEW, uploads).name == "other-notes.md"


@pytest.mark.parametrize("name", ["con.md", "CON.md", "aux .md", "nul.txt", "lpt1.rst", "com9.md"])
def test_uploads_names_windows_reserves_are_refused(uploads: Path, name: str) -> None:
    with pytest.raises(InputError, match="Windows reserves"):
        api.save_upload(name, NEW, uploads)
    assert sorted(p.name for p in uploads.iterdir()) == ["existing.md"]


@pytest.mark.parametrize("name", ["a" * 300 + ".md", "ñ" * 100 + ".md"])
def test_uploads_long_names_are_a_clear_error(uploads: Path, name: str) -> None:
    with pytest.raises(KgError, match="name is too long"):
        api.save_upload(name, NEW, uploads)
    assert api.save_upload("a" * 140 + ".md", NEW, uploads).exists()


def test_uploads_nothing_is_written_through_a_link(uploads: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target.md").write_bytes(b"# Outside\n")
    (uploads / "linked.md").symlink_to(outside / "target.md")
    (uploads / "dangling.md").symlink_to(outside / "new.md")
    for name in ("linked.md", "dangling.md"):
        for replace in (False, True):
            with pytest.raises(InputError):
                api.save_upload(name, NEW, uploads, replace=replace)
    assert sorted(p.name for p in outside.iterdir()) == ["target.md"]
    assert (outside / "target.md").read_bytes() == b"# Outside\n"
    assert (uploads / "linked.md").is_symlink() and (uploads / "dangling.md").is_symlink()


def test_uploads_the_folder_path_is_resolved(uploads: Path, tmp_path: Path) -> None:
    (tmp_path / "via").symlink_to(uploads)
    saved = api.save_upload("fresh.md", NEW, tmp_path / "via" / ".." / "uploads")
    assert saved == uploads / "fresh.md" and saved.read_bytes() == NEW


def test_uploads_the_same_note_again_is_not_a_conflict(uploads: Path) -> None:
    again = (uploads / "existing.md").read_bytes()
    assert api.save_upload("existing.MD", again, uploads) == uploads / "existing.md"
    assert sorted(p.name for p in uploads.iterdir()) == ["existing.md"]
