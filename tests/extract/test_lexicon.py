"""Lemma lookups: a fresh process reads the cached SQLite copy of a table, not the table whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kg.extract.lexicon import _table

WORDS = {"es": ["ejecuciones", "evaluando", "tablas", "zzzqx"], "en": ["running", "tables"]}

_PROBE = """
import json, sys
from kg.extract import lexicon
words = json.loads(sys.argv[1])
found = {lang: [lexicon.lemma(w, lang) for w in ws] for lang, ws in words.items()}
known = [lexicon.is_word(w) for w in ("depuracion", "clause", "zzzqx")]
known += [lexicon.is_word("trian", "en"), lexicon.is_word("trian", "es")]
print(json.dumps({"found": found, "known": known, "loaded": sorted(lexicon._LOADED)}))
"""


def _probe(cache: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(WORDS)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    probe: dict[str, object] = json.loads(result.stdout)
    return probe


def _expected() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang, words in WORDS.items():
        order = [lang, *(x for x in WORDS if x != lang)]
        out[lang] = [next((_table(t)[w] for t in order if w in _table(t)), w) for w in words]
    return out


def test_lexicon_a_fresh_process_reads_the_cached_copy_with_the_same_lemmas(tmp_path: Path) -> None:
    first = _probe(tmp_path)  # writes the copies
    assert first["found"] == _expected()
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "kg").glob("lemmas-*.sqlite")) == [
        "lemmas",
        "lemmas",
    ]
    second = _probe(tmp_path)  # reads them: no table is read whole
    assert second["found"] == _expected() and second["loaded"] == []
    # a word of either language, folded (accents aside), is known; a made-up one is not
    # of one language only when asked: "trian" is Spanish ("trían"), a typo in English
    assert first["known"] == second["known"] == [True, True, False, False, True]


def test_lexicon_a_broken_cached_copy_falls_back_to_the_table(tmp_path: Path) -> None:
    _probe(tmp_path)
    for copy in (tmp_path / "kg").glob("lemmas-*.sqlite"):
        copy.write_bytes(b"not a database")
    probe = _probe(tmp_path)
    assert probe["found"] == _expected() and probe["known"] == [True, True, False, False, True]
    assert probe["loaded"] == ["en", "es"]
