"""A language is data: a Portuguese language file written here, found through `KG_LANG_PATH`,
lets kg read a note in Portuguese and answer a question in Portuguese from it, with the line
it comes from — no code knows the language.

The file starts from the pivot language's (so it has every key) and gives Portuguese what
reading and answering use: its tools (Snowball's "portuguese", spaCy's blank "pt", the
spacy-lookups-data table "pt"), function words, word forms, question and relation cue phrases,
a glossary and the answer phrases asked for here; the app's strings stay English.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.lang.pt.stop_words import STOP_WORDS

from kg.lang import PATH_VARIABLE, PIVOT, language
from tests.lang.files import write_language

NOTE = """\
# Armazém de atributos

O armazém de atributos guarda as tabelas de atributos usadas no treino de modelos.

## Uso

O **armazém de atributos** requer o **catálogo de dados** e uma conta ativa.
"""
REQUIRES_LINE = 7
# "na", "ç" and "ã" are Portuguese, not Spanish: the question reads as Portuguese
QUESTION = "O que requer o armazém de atributos na produção?"


def portuguese() -> dict[str, Any]:
    data = copy.deepcopy(language(PIVOT))
    data.update(
        code="pt", name="Portuguese", stemmer="portuguese", spacy="pt", lemma_table="pt",
        detection_chars="ãõçâêôáéíóúà",
        detection_words=["o", "os", "a", "as", "um", "uma", "do", "da", "dos", "das", "em",
                         "no", "na", "não", "é", "ao", "com", "que", "de", "para", "por"],
        opening_marks="", capitals="ÁÉÍÓÚÂÊÔÃÕÇ", abbreviations=["ex", "p.ex"],
        stop_words=sorted(STOP_WORDS),
        articles=["o", "a", "os", "as", "um", "uma"],
        name_fillers=["uns", "umas", "de", "do", "da", "dos", "das", "em", "no", "na", "para"],
        context_prepositions=["em", "no", "na", "de", "para", "com"],
        conjunctions=["e", "ou"], joiners=["e", "ou", "nem"],
        generic_words=["e", "ou", "é", "se", "seu", "sua", "que", "por"],
        definition_heads=["o", "a", "um", "uma"], definition_verbs=["é", "são", "significa"],
        question_subject_cues=["o que é", "o que são"], versus=["vs", "versus"],
        plural_endings=["s", "es"], verb_endings=["amos", "emos", "imos", "as", "es", "o"],
        infinitive_endings=["ar", "er", "ir"], lemma_endings=[],
        gerund_endings=["ando", "endo", "indo"], infinitive_marker="",
        participle_endings=["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"],
        describing_endings=[], cognate_endings=[["ções", "tions"], ["ção", "tion"]],
        question_words=["o", "a", "os", "as", "que", "qual", "quais", "como", "quando", "um",
                        "uma", "de", "do", "da", "em", "é", "são", "para", "eu", "preciso"],
        output_words=["retorna", "devolve", "gera", "produz", "saída"],
        glossary={"armazém": "store", "atributo": "feature", "catálogo": "catalog"},
    )  # fmt: skip
    data["intents"]["prerequisites"] = ["o que requer", "requer", "precisa de", "requisitos"]
    data["intents"]["definition"] = ["o que é", "o que são", "significa"]
    data["relation_cues"] = {
        "requires": ["requerer", "precisar de", "exigir", "depender de"],
        "requires_before": ["antes de"],
        "blockers": ["não precisar", "não requerer"],
        "requires_split": [],
        "part_of": ["fazer parte de", "pertencer a"],
        "groups": ["agrupar", "conter", "incluir"],
        "alternative_to": ["em vez de", "em lugar de", "alternativa a"],
        "produces": ["retornar", "gerar", "produzir", "devolver"],
        "used_for": ["servir para", "usar para", "útil para"],
    }
    data["answers"]["requires"] = "**{x}** requer:"
    data["answers"]["definition"] = "**{x}**:"
    return data


def kg(*args: str, env: dict[str, str], stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], input=stdin, env=env,
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A store built from a Portuguese note, with Portuguese read from a file of this test."""
    root = tmp_path_factory.mktemp("third-language")
    write_language(root / "languages", portuguese())
    note = root / "notes" / "armazem.md"
    note.parent.mkdir()
    note.write_text(NOTE, encoding="utf-8")
    env = {
        **os.environ,
        PATH_VARIABLE: str(root / "languages"),
        "KG_STORE": str(root / "store"),
        "XDG_CACHE_HOME": str(root / "cache"),  # lemma caches of this language set stay here
    }
    kg("build", str(note), env=env)
    return env


def test_third_language_a_question_is_answered_from_a_note_in_it(env: dict[str, str]) -> None:
    answer = json.loads(kg("ask", QUESTION, "--json", env=env))
    assert (answer["language"], answer["intent"], answer["found"]) == ("pt", "prerequisites", True)
    assert answer["answer"].startswith("**Armazém de atributos** requer:")
    first = answer["items"][0]
    assert first["label"] == "catálogo de dados" and first["relation"] == "requires"
    evidence = first["evidence"][0]
    assert Path(evidence["source"]).name == "armazem.md"
    assert evidence["line"] == REQUIRES_LINE and "requer" in evidence["text"]


def test_third_language_the_graph_records_it(env: dict[str, str]) -> None:
    query = "SELECT ?lang WHERE { ?d a kg:Document ; dcterms:language ?lang }"
    rows = json.loads(kg("sparql", query, "--format", "json", env=env))["results"]["bindings"]
    assert [r["lang"]["value"] for r in rows] == ["pt"]
    rule = "SELECT ?rule WHERE { ?a a kg:Assertion ; kg:rule ?rule }"
    rows = json.loads(kg("sparql", rule, "--format", "json", env=env))["results"]["bindings"]
    assert "cue:pt:requerer" in {r["rule"]["value"] for r in rows}
