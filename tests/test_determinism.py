"""Same notes, same question, same answer: across processes whatever `PYTHONHASHSEED` is.

Python randomises string hashes per process, so anything that ranks by set or dict iteration
order answers differently from run to run. These tests run the real CLI in separate processes
with different seeds and compare the bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "qa" / "qa_dev.yaml"
SEEDS = ("0", "1", "2", "3", "4")


def _kg(args: list[str], store: Path, seed: str, stdin: str | None = None) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "KG_STORE": str(store)}
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("determinism") / "store"
    _kg(["build", str(ROOT / "data")], store, "0")
    return store


def test_answers_are_byte_identical_across_hash_seeds(seed_store: Path) -> None:
    cases = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    # paraphrases and near-ties too: these are where unordered ties used to show
    extra = ["log_artifact vs log_model", "¿Qué depende de fs.log_model?", "what is a model"]
    questions = "\n".join([c["question"] for c in cases] + extra) + "\n"
    env = {**os.environ, "KG_STORE": str(seed_store)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "ask", "--jsonl"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**env, "PYTHONHASHSEED": seed},
        )
        for seed in SEEDS
    ]
    outputs = [proc.communicate(questions, timeout=300) for proc in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    first = outputs[0][0]
    assert len(first.splitlines()) == len(cases) + len(extra)
    for seed, (out, _) in zip(SEEDS[1:], outputs[1:], strict=True):
        differing = [
            i for i, (a, b) in enumerate(zip(first.splitlines(), out.splitlines(), strict=True))
            if a != b
        ]  # fmt: skip
        assert not differing, f"PYTHONHASHSEED={seed} answers lines {differing} differently"


def test_two_builds_give_the_same_triples(tmp_path: Path) -> None:
    exports = []
    for seed in ("5", "6"):
        store = tmp_path / f"store{seed}"
        _kg(["build", str(ROOT / "data")], store, seed)
        exports.append(sorted(_kg(["export", "--format", "nt"], store, seed).splitlines()))
    assert len(exports[0]) > 1000
    assert exports[0] == exports[1]
