"""The facade: public names, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg import api
from kg.errors import InputError
from tests.conftest import SEED


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


def test_api_store_status_before_and_after_a_build(tmp_path: Path) -> None:
    store = tmp_path / "store"
    before = api.store_status(store=store)
    assert (before.location, before.exists, before.generation) == (str(store), False, None)
    notes = tmp_path / "notes.md"
    notes.write_text("# N\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    api.build([notes], store=store)
    first = api.store_status(store=store)
    assert first.exists and first.generation
    api.build([notes], store=store)
    assert api.store_status(store=store).generation != first.generation


def test_api_store_status_defaults_to_kg_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    assert api.store_status().location == str(tmp_path / "elsewhere")


def test_api_notes_paths_are_data_or_the_notes_shipped_with_kg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (bundled,) = api.notes_paths()
    assert bundled == api.BUNDLED_NOTES
    shipped = [p.name for p in Path(bundled).iterdir()]
    assert shipped == [SEED.name]
    assert (Path(bundled) / SEED.name).read_bytes() == SEED.read_bytes()
    (tmp_path / "data").mkdir()
    assert api.notes_paths() == ("data",)


def test_api_rebuild_keeps_the_notes_the_graph_holds_and_adds_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    kept = tmp_path / "elsewhere" / "kept.md"
    kept.parent.mkdir()
    kept.write_text("# Kept\n\n**AutoML** requiere **ML Runtime**.\n", encoding="utf-8")
    store = tmp_path / "store"
    api.build([kept], store=store)
    upload = api.save_upload("new.md", b"# New\n\n**Serving** requiere **AutoML**.\n", "data")
    report = api.rebuild([upload], store=store)
    assert sorted(d.source.name for d in report.documents) == ["kept.md", "new.md"]
