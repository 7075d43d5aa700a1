from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ui import SCRIPT

TOPICS = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a kg:Topic }"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_build_seed_then_count_topics(store_path: Path, seed_path: Path) -> None:
    code, out, _ = run("build", str(seed_path))
    assert code == 0, out
    assert "documents  1" in out and "topics     18" in out
    code, out, _ = run("sparql", TOPICS, "--format", "json")
    assert code == 0
    assert json.loads(out)["results"]["bindings"][0]["n"]["value"] == "18"


def test_cli_build_default_reads_data_folder(store_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    code, out, _ = run("build")
    assert code == 0 and "topics     18" in out


def test_cli_store_option_wins(tmp_path: Path, seed_path: Path) -> None:
    other = tmp_path / "other"
    assert run("build", str(seed_path), "--store", str(other))[0] == 0
    code, out, _ = run("sparql", TOPICS, "--store", str(other), "--format", "csv")
    assert code == 0 and out.splitlines()[1].strip() == "18"


def test_cli_build_reports_skipped_files_and_strict_fails(store_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    good = write("notes/good.md", "# Good\n\ntext\n")
    write("notes/bad.ipynb", "{oops")
    code, out, err = run("build", str(good.parent))
    assert code == 0
    assert "skipped    1" in out and "bad.ipynb:1" in err
    code, out, err = run("build", str(good.parent), "--strict")
    assert code == 1 and "bad.ipynb:1" in err


def test_cli_failed_build_keeps_previous_graph(store_path: Path, seed_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    assert run("build", str(seed_path))[0] == 0
    broken = write("broken/x.md", b"\x00\x00binary")
    code, _, err = run("build", str(broken.parent))
    assert code == 1 and "no document could be read" in err
    code, out, _ = run("sparql", TOPICS, "--format", "json")
    assert json.loads(out)["results"]["bindings"][0]["n"]["value"] == "18"


def test_cli_inspect_json_shape(seed_path: Path) -> None:
    code, out, _ = run("inspect", str(seed_path), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["encoding_repaired"] is True
    tops = [s for s in doc["sections"] if s["level"] == 1]
    assert len(tops) == 18
    blocks = [b for s in doc["sections"] for b in s["blocks"]]
    tables = [b for b in blocks if b["kind"] == "table"]
    assert len(tables) == 29 and all("header" in t and "rows" in t for t in tables)
    code_blocks = [b for b in blocks if b["kind"] == "code"]
    assert all("language" in b and "text" in b for b in code_blocks)
    assert {"kind", "line_start", "line_end"} <= set(blocks[0])


def test_cli_inspect_text_view_and_errors(seed_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("inspect", str(seed_path))
    assert code == 0 and "342-422" in out and "Train a model" in out
    code, _, err = run("inspect", str(write("e.md", "")))
    assert code == 1 and "e.md: empty file" in err


def test_cli_sparql_errors_are_messages_not_tracebacks(store_path: Path, seed_path: Path) -> None:
    run("build", str(seed_path))
    code, _, err = run("sparql", "SELECT nonsense")
    assert code == 1 and "invalid SPARQL" in err and "Traceback" not in err
    code, _, err = run("sparql", "DELETE WHERE { ?s ?p ?o }")
    assert code == 1


def test_cli_sparql_without_a_graph_says_build_first(store_path: Path) -> None:
    code, _, err = run("sparql", TOPICS)
    assert code == 1 and "kg build" in err


def test_cli_sparql_table_and_file(store_path: Path, seed_path: Path, tmp_path: Path) -> None:
    run("build", str(seed_path))
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?l WHERE { ?t a kg:Topic ; rdfs:label ?l ; kg:order 1 }")
    code, out, _ = run("sparql", "--file", str(query))
    assert code == 0
    assert out.splitlines()[2].strip() == "Identify the best practices of an MLOps strategy"


def test_cli_build_corpora_reads_every_file(store_path: Path, corpora_path: Path) -> None:
    code, out, err = run("build", str(corpora_path))
    assert code == 0, err
    notes = [p for p in corpora_path.rglob("*") if p.suffix in {".md", ".mdx", ".rst", ".ipynb"}]
    assert f"documents  {len(notes)}\n" in out and "skipped    0" in out


def test_cli_build_reports_concepts_and_relations_per_type(
    store_path: Path, seed_path: Path
) -> None:
    code, out, _ = run("build", str(seed_path))
    assert code == 0
    counts = {
        line.split()[0]: int(line.split()[1])
        for line in out.splitlines()
        if line.startswith("    ") and len(line.split()) == 2
    }
    assert counts["requires"] >= 10 and counts["differsFrom"] >= 3 and counts["methodOf"] >= 10
    assert "concepts" in out


def test_cli_explain_shows_assertions_with_evidence(store_path: Path, seed_path: Path) -> None:
    run("build", str(seed_path))
    code, out, _ = run("explain", "fs.score_batch")
    assert code == 0
    assert "requires → fs.log_model" in out
    assert "databricks-ml-associate-study-guide.md:467" in out
    assert "statements:" in out and "study-guide.md:434" in out
    code, out, _ = run("explain", "score_batch", "--json")
    (concept,) = json.loads(out)
    facts = [f for f in concept["facts"] if f["predicate"] == "requires"]
    assert all(f["evidence"] and f["line"] > 0 and f["source"] for f in facts)
    # what the notes state about it, verbatim with its line, beyond the typed facts
    lines = {(s["line"], s["text"]) for s in concept["statements"]}
    assert any(line == 434 and "fs.score_batch(...)" in text for line, text in lines)
    code, _, err = run("explain", "Kubernetes")
    assert code == 1 and "no concept" in err
    code, _, err = run("explain", "scor_batch")  # a typo: the same search as the app's
    assert code == 1 and "close: score_batch" in err


def test_cli_explain_shows_parameters_declared_and_passed(store_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    write(
        "notes/api.rst",
        "Models\n======\n\n.. py:class:: ModelsAPI\n\n    Manage models.\n\n"
        "    .. py:method:: create(name: str, tags: dict = None) -> Model\n\n"
        "        Creates a model.\n\n        :param name: str\n          The model's name.\n",
    )
    notes = write(
        "notes/uso.md",
        '# Uso\n\n```python\nw = ModelsAPI()\nw.create("churn", tags={"team": "ml"})\n```\n',
    )
    code, out, _ = run("build", str(notes.parent))
    assert code == 0 and "parameters 4" in out
    code, out, _ = run("explain", "ModelsAPI.create")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("  parameters:")
    assert lines[start + 1 : start + 9] == [
        "    name: str  — The model's name.",
        f"      {notes.parent / 'api.rst'}:8  (api-signature)",
        '    name="churn"',
        f"      {notes}:5  (code-argument)",
        "    tags: dict = None",
        f"      {notes.parent / 'api.rst'}:8  (api-signature)",
        '    tags={"team": "ml"}',
        f"      {notes}:5  (code-argument)",
    ]
    code, out, _ = run("explain", "ModelsAPI.create", "--json")
    (concept,) = json.loads(out)
    assert {(p["name"], p["value"], p["line"]) for p in concept["parameters"]} == {
        ("name", "", 8),
        ("name", '"churn"', 5),
        ("tags", "", 8),
        ("tags", '{"team": "ml"}', 5),
    }


def test_cli_build_corpora_yields_relations_from_every_notes_file(
    store_path: Path, corpora_path: Path
) -> None:
    assert run("build", str(corpora_path))[0] == 0
    query = (
        "SELECT ?t (COUNT(DISTINCT ?a) AS ?n) WHERE { ?d a kg:Document ; dcterms:title ?t . "
        "?a a kg:Assertion ; dcterms:source ?d } GROUP BY ?t"
    )
    _, out, _ = run("sparql", query, "--format", "json")
    rows = json.loads(out)["results"]["bindings"]
    per_file = {r["t"]["value"]: int(r["n"]["value"]) for r in rows}
    notes = [
        p.name for p in corpora_path.rglob("*") if p.suffix in {".md", ".mdx", ".rst", ".ipynb"}
    ]
    missing = [n for n in notes if n != "SOURCES.md" and not per_file.get(n)]
    assert not missing


def test_cli_app_runs_streamlit_on_the_packaged_app_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: started.append((argv, env)))
    assert run("app", "--store", str(tmp_path / "s"), "--port", "8765")[0] == 0
    assert run("app", "--host", "0.0.0.0", "--no-browser")[0] == 0
    (argv, env), (argv2, _) = started
    assert argv[1:5] == ["-m", "streamlit", "run", str(SCRIPT)] and SCRIPT.is_file()
    flags = dict(zip(argv[5::2], argv[6::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8765"
    assert flags["--server.headless"] == "false"  # opens a browser tab
    assert flags["--browser.gatherUsageStats"] == "false"
    assert env["KG_STORE"] == str(tmp_path / "s")
    flags2 = dict(zip(argv2[5::2], argv2[6::2], strict=True))
    assert flags2["--server.address"] == "0.0.0.0" and flags2["--server.headless"] == "true"


def test_cli_serve_without_a_graph_says_build_first(store_path: Path) -> None:
    code, _, err = run("serve", "--port", "0")
    assert code == 1 and f"no graph at {store_path}" in err
