from __future__ import annotations

import pytest

from kg.extract.lexicon import fold
from kg.lang import LANGUAGES, table
from kg.qa import classify
from kg.qa.intents import ORDER, _pattern
from kg.qa.model import INTENTS


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("¿Qué requiere score_batch?", "prerequisites"),
        ("What are the requirements for fs.write_table?", "prerequisites"),
        ("wat does score_batch requir?", "prerequisites"),
        ("¿Qué depende de fs.log_model?", "dependents"),
        ("Which features require Unity Catalog?", "dependents"),
        ("online vs offline features", "difference"),
        ("How is write_table different from create_table?", "difference"),
        ("¿Qué es un ML Runtime?", "definition"),
        ("How do I promote a challenger model to champion?", "how_to"),
        ("¿Qué modos tiene write_table?", "components"),
        ("What does databricks.automl.classify return?", "components"),
        ("When should I use the ML Runtime?", "usage"),
        ("What should I learn before score_batch?", "learning_path"),
        ("What comes before score_batch in my study plan?", "learning_path"),
        ("Which APIs does FeatureStoreClient offer?", "components"),
        ("Which stages does the model registry have?", "components"),
        ("¿Qué etapas tiene el Model Registry?", "components"),
        ("whats the differnce between online and offline tables", "difference"),
        ("hola", "unknown"),
        # asking for the permissions or privileges something needs asks for its requirements
        ("¿Qué permisos necesitan los service principals sobre el schema?", "prerequisites"),
        ("¿Qué modelos necesitan el Feature Store?", "dependents"),
        ("What privileges does a user need to register a model?", "prerequisites"),
        ("Which permissions are needed on the catalog?", "prerequisites"),
        # a cue that only names the kind of answer yields to the relation asked
        ("¿Qué función depende de que el modelo se registre con fs.log_model?", "dependents"),
        ("Which method requires Unity Catalog?", "dependents"),
        ("What function does fs.score_batch need first?", "prerequisites"),
        ("¿Qué método uso para registrar un modelo?", "how_to"),
        ("What command creates a feature table?", "how_to"),
    ],
)
def test_intents_from_cue_words(question: str, intent: str) -> None:
    assert classify(question) == intent


def test_intents_the_order_they_are_tried_holds_every_intent_but_unknown() -> None:
    assert set(ORDER) | {"unknown"} == set(INTENTS) and "unknown" not in ORDER


def test_intents_the_first_intent_whose_cue_matches_wins() -> None:
    # "difference" comes before "definition" in the order: both cues are in the question
    assert ORDER.index("difference") < ORDER.index("definition")
    assert classify("¿Qué es la diferencia entre A y B?") == "difference"


def test_intents_cues_match_whole_words_only() -> None:
    # " vs " is a cue of differences; "VSCode" and "devs" hold the letters, not the word
    assert classify("¿Qué es VSCode?") == "definition"
    assert classify("what are devs doing") == "definition"
    assert classify("batch vs streaming") == "difference"
    assert classify("online vs. offline tables") == "difference"


def test_intents_no_cue_is_already_matched_by_another_cue_of_its_intent() -> None:
    # a cue another cue of the same intent matches never changes an answer: dead data that
    # every language file would have to carry
    redundant = []
    for lang in LANGUAGES:
        for intent, cues in table("intents", lang).items():
            for cue in cues:
                text = " " + " ".join(fold(cue.lstrip("^")).replace("*", "algo").split()) + " "
                others = [c for c in cues if c != cue and (cue.startswith("^") or c[:1] != "^")]
                if any(_pattern(other).search(text) for other in others):
                    redundant.append((lang, intent, cue))
    assert redundant == []


def test_intents_ranking_skips_only_the_cue_words_of_the_question_s_own_intent() -> None:
    from kg.qa.intents import ranking_skip_words

    prerequisites = ranking_skip_words("prerequisites")
    assert {"requiere", "necesita", "que", "what"} <= prerequisites
    # another intent's cue word is what the question is about ("filtrar por un parámetro")
    assert not {"parametros", "parameters", "devuelve", "returns"} & prerequisites
    components = ranking_skip_words("components")
    assert {"parametros", "parameters"} <= components
    # a set noun heads the list asked for: it counts even for its own intent
    assert not {"types", "tipos", "etapas", "stages", "steps"} & components
    # ... in the plural too where the lemma tables read another word ("estados": estar)
    assert not {"estados", "states", "opciones"} & components
    # a question of no intent skips every cue word but the set nouns
    assert {"requiere", "parametros", "define"} <= ranking_skip_words("unknown")
    assert "types" not in ranking_skip_words("unknown")


def test_intents_a_question_asking_what_follows_is_not_about_when_to_use() -> None:
    # the same question in both languages gets the same intent: "cuando" is a usage cue
    # ("¿cuándo uso X?"), "when" alone is not
    spanish = "¿Qué ocurre cuando registro otro modelo con el mismo nombre?"
    english = "What happens when I register another model under the same name?"
    assert classify(spanish) == classify(english) == "unknown"
    assert classify("¿Cuándo uso un feature store?") == "usage"
    # nor, when a word of it is a difference cue, about a difference
    different = "What happens if the DataFrame has a different schema than the table?"
    assert classify(different) == classify("¿Qué pasa si el esquema es diferente?") == "unknown"
    assert classify("What is the difference between a schema and a table?") == "difference"
