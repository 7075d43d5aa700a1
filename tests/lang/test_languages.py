"""The language files: each has every key the pivot language's file has, filled in where it
must be; they name tools that exist; the tables they fill match the tables of intents,
relations and cue groups; a broken file is refused when kg starts; and no code outside the data
files spells a language."""

from __future__ import annotations

import ast
import copy
import os
import subprocess
import sys
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import spacy
import Stemmer

import kg
from kg.extract.cues import glossary
from kg.extract.predicates import cue_groups, relations
from kg.lang import LANGUAGES, PATH_VARIABLE, PIVOT, language, table
from kg.qa.intents import ORDER
from tests.lang.files import write_language

PACKAGE = Path(kg.__file__).parent
INDEX = tomllib.loads((PACKAGE / "lang" / "languages.toml").read_text(encoding="utf-8"))


def _keys(data: dict[str, Any], path: str = "") -> set[str]:
    """Every key of a language file, tables' keys as "table.key" (not inside word tables)."""
    out = set()
    for key, value in data.items():
        out.add(path + key)
        if isinstance(value, dict) and path + key not in INDEX["word_tables"]:
            out |= _keys(value, f"{path}{key}.")
    return out


def _empty(data: dict[str, Any], path: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        if not value and path + key not in INDEX["may_be_empty"]:
            out.append(path + key)
        elif isinstance(value, dict) and path + key not in INDEX["word_tables"]:
            out += _empty(value, f"{path}{key}.")
    return out


def test_languages_the_shipped_files_are_read_in_the_index_order() -> None:
    shipped = {p.stem for p in (PACKAGE / "lang").glob("*.toml")} - {"languages"}
    assert set(LANGUAGES) == shipped
    assert tuple(INDEX["order"]) == LANGUAGES
    assert PIVOT in LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES)
def test_languages_every_file_has_every_key(code: str) -> None:
    assert _keys(language(code)) == _keys(language(PIVOT))
    assert language(code)["code"] == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_languages_every_key_is_filled_unless_it_may_be_empty(code: str) -> None:
    assert _empty(language(code)) == []
    assert set(INDEX["may_be_empty"]) <= _keys(language(PIVOT))  # no stale name there


@pytest.mark.parametrize("code", LANGUAGES)
def test_languages_fill_the_tables_of_intents_relations_and_cue_groups(code: str) -> None:
    assert list(table("intents", code)) == list(ORDER)
    # the cues of an intent, and of what follows (asked of any intent: "what happens if")
    assert set(table("ranking_cues", code)) <= {*ORDER, "consequence"}
    assert "consequence" in table("ranking_cues", code)
    assert set(table("relations", code)) == {r.name for r in relations()}
    assert set(table("relation_cues", code)) == {g.group for g in cue_groups()}


@pytest.mark.parametrize("code", LANGUAGES)
def test_languages_name_tools_that_exist(code: str) -> None:
    data = language(code)
    assert data["stemmer"] in Stemmer.algorithms()
    assert spacy.blank(data["spacy"]).lang == data["spacy"]
    if data["lemma_table"]:
        lookups = files("spacy_lookups_data").joinpath("data")
        assert lookups.joinpath(f"{data['lemma_table']}_lemma_lookup.json.gz").is_file()


def test_languages_glossaries_translate_to_the_pivot_language() -> None:
    assert glossary()["registro"] == "registry"  # a Spanish word, to English
    assert glossary()["remove"] == "delete"  # an English synonym, as API names spell it


def test_languages_no_code_spells_a_language() -> None:
    """Language codes appear in the data files and tests only, never as a literal in code."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in LANGUAGES:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert found == []


def _import_with(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, PATH_VARIABLE: str(folder)}
    return subprocess.run(
        [sys.executable, "-c", "import kg.lang"], env=env, capture_output=True, text=True
    )


def test_languages_a_file_that_lacks_a_phrase_is_refused(tmp_path: Path) -> None:
    broken = copy.deepcopy(language(PIVOT)) | {"code": "xx"}
    del broken["answers"]["requires"]
    broken["stop_words"] = []
    path = write_language(tmp_path, broken)
    result = _import_with(tmp_path)
    assert result.returncode != 0
    assert "MalformedDocumentError" in result.stderr and str(path) in result.stderr
    assert "answers.requires" in result.stderr and "stop_words" in result.stderr


def test_languages_a_file_with_the_keys_is_read_after_the_shipped_ones(tmp_path: Path) -> None:
    write_language(tmp_path, copy.deepcopy(language(PIVOT)) | {"code": "xx"})
    env = {**os.environ, PATH_VARIABLE: str(tmp_path)}
    code = "import kg.lang as l; print(','.join(l.LANGUAGES), l.known('xx'), l.known('zz'))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [",".join((*LANGUAGES, "xx")), "xx", PIVOT]


def test_languages_the_vocabulary_translates_questions_but_never_merges_names() -> None:
    from kg.extract.cues import glossary
    from kg.extract.normalize import term_key
    from kg.graph.analyzer import query_groups
    from kg.lang import LANGUAGES, language

    vocabulary = {k: v for lang in LANGUAGES for k, v in language(lang)["vocabulary"].items()}
    assert len(vocabulary) >= 100 and not set(vocabulary) & set(glossary())
    (group,) = query_groups("archivos")
    assert "file" in group.terms  # a question word carries its translation
    assert term_key("archivo") != term_key("file")  # a concept named "Archivo" stays itself
