"""The facade: public names, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg import api
from kg.errors import InputError


def test_api_public_names_exist() -> None:
    for name in api.__all__:
        assert hasattr(api, name), name
    assert kg.__version__


def test_api_save_upload_sanitises_names_and_refuses_bad_files(tmp_path: Path) -> None:
    saved = api.save_upload("../../etc/my notes?.md", b"# Notes\n\ntext\n", tmp_path)
    assert saved.parent == tmp_path and saved.name == "my-notes.md"
    assert saved.read_text() == "# Notes\n\ntext\n"
    assert ".." not in saved.name and "/" not in saved.name
    with pytest.raises(InputError, match="unsupported"):
        api.save_upload("virus.exe", b"MZ", tmp_path)
    with pytest.raises(InputError, match="over the"):
        api.save_upload("big.md", b"x" * 50, tmp_path, max_bytes=10)
    with pytest.raises(InputError):
        api.save_upload("bin.md", b"\x00\x01\x02", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.name]


def test_api_describe_is_explain_for_one_iri(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# N\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    api.build([notes], store=tmp_path / "store")
    (explained,) = api.explain("AutoML", store=tmp_path / "store")
    described = api.describe(
        explained.iri, explained.label, explained.kind, store=tmp_path / "store"
    )
    assert described == explained
    assert [(f.predicate, f.other_label) for f in described.facts] == [("requires", "ML Runtime")]
