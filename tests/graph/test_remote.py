"""A remote SPARQL 1.1 server as the store: `oxigraph serve` (from the `oxigraph` package),
started here on 127.0.0.1; building into it and answering from it match the embedded store."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import api
from kg.cli import cli
from kg.errors import QueryError
from kg.qa import QAEngine
from kg.qa.evaluate import load_cases
from tests.browser import free_port
from tests.conftest import SEED

QUESTIONS = Path(__file__).resolve().parent.parent / "qa" / "qa_dev.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_remote_build_then_ask_matches_the_embedded_store(server: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(SEED), "--store", server])
    assert result.exit_code == 0, result.output
    embedded = tmp_path / "local"
    api.build([SEED], store=embedded)
    questions = [c["question"] for c in load_cases(QUESTIONS)]
    with QAEngine.open(server) as remote, QAEngine.open(embedded) as local:
        for question in questions:
            a, b = remote.ask(question).to_json(), local.ask(question).to_json()
            assert (a["found"], a["intent"], a["answer"]) == (
                b["found"],
                b["intent"],
                b["answer"],
            ), question


def test_remote_sparql_and_refusals(server: str) -> None:
    api.build([SEED], store=server)
    out = CliRunner().invoke(
        cli,
        [
            "sparql",
            "SELECT (COUNT(?t) AS ?n) WHERE { ?t a kg:Topic }",
            "--format",
            "json",
            "--store",
            server,
        ],
    )
    assert json.loads(out.stdout)["results"]["bindings"][0]["n"]["value"] == "18"
    with pytest.raises(QueryError, match="SERVICE"):  # checked before it is sent
        api.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", store=server)


def test_remote_unreachable_server_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        cli, ["sparql", "ASK {}", "--store", f"http://127.0.0.1:{free_port()}"]
    )
    assert result.exit_code == 1 and "cannot reach the graph server" in result.stderr
