"""The Streamlit app, driven the way a user meets it (AppTest)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def test_app_without_a_graph_shows_an_error_then_builds(store_path: Path, seed_path: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("kg build" in e.value for e in at.error)
    at.sidebar.text_input[1].set_value(str(seed_path))
    at.sidebar.button[0].click().run()
    assert not at.exception
    assert "18 topics" in at.sidebar.success[0].value
    assert at.caption[0].value == "18 topics"


def test_app_sparql_tab_reports_bad_queries(store_path: Path, seed_path: Path) -> None:
    from kg import api

    api.build([seed_path], store=store_path)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_area[0].set_value("SELECT nonsense").run()
    next(b for b in at.button if b.label == "Run query").click().run()
    assert any("invalid SPARQL" in e.value for e in at.error)
