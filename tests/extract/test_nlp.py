from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.language import detect_language
from kg.extract.lexicon import is_infinitive, known_singular
from kg.extract.nlp import MAX_WORD, PiecewiseTokenizer, is_function_phrase, pipeline, singular
from kg.lang import PIVOT


def test_nlp_pipeline_is_built_once_per_language() -> None:
    assert pipeline("es") is pipeline("es")
    assert pipeline("en") is not pipeline("es")


def test_nlp_lemma_of_capitalised_token_and_plural_norm() -> None:
    doc = pipeline("es")("Requiere tablas y ejecuciones")
    assert [t.lemma_ for t in doc][:1] == ["requerir"]
    assert [t.norm_ for t in doc] == ["requiere", "tabla", "y", "ejecucion"]


def test_nlp_norm_only_removes_plurals_in_mixed_language_text() -> None:
    # the Spanish table reads "aliases" as the verb "aliar"; the norm keeps the English noun
    assert singular("aliases") == "alias"
    assert singular("runs") == "run"
    assert singular("features") == "feature"
    assert singular("status") == "status"
    assert singular("Ejecuciones") == "ejecucion"


def test_nlp_known_singular_strips_a_plural_the_lemma_tables_misread() -> None:
    # "estados" reads as a form of "estar"; "métricas" as "métrico"
    assert known_singular("estados", {"estado"}) == "estado"
    assert known_singular("métricas", {"metrica"}) == "metrica"
    assert known_singular("types", {"type"}) == "type"
    assert known_singular("estados", {"tipo"}) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Qué requiere score_batch?", "es"),
        ("Diferencia entre promover código y promover modelos", "es"),
        ("¿Cómo encuentro el mejor run de un experimento?", "es"),
        ("What do I need before I can use model aliases?", "en"),
        ("Unity Catalog registry vs workspace registry", "en"),
        ("Which algorithms does AutoML try?", "en"),
    ],
)
def test_nlp_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_nlp_text_of_no_known_language_reads_as_the_pivot_language() -> None:
    assert detect_language("score_batch") == PIVOT == detect_language("")
    assert pipeline("xx") is pipeline(PIVOT)  # no file for "xx": the pivot's pipeline


def test_nlp_function_phrases_and_infinitives_come_from_the_language_files() -> None:
    assert (
        is_function_phrase("¿Cómo?") and is_function_phrase("de la") and is_function_phrase("e.g.")
    )
    assert not is_function_phrase("¿Qué es MLflow?")
    assert is_infinitive("evaluar", "es") and not is_infinitive("cluster", "es")
    assert not is_infinitive("evaluate", "en")  # English marks infinitives with "to" instead


@given(
    st.lists(
        st.one_of(
            st.text(alphabet=list("ab(.)' ¿?\n\t"), max_size=8),
            st.integers(min_value=MAX_WORD + 1, max_value=MAX_WORD * 3).map(lambda n: "z" * n),
        ),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.sampled_from([" ", "  ", "\n", " \n"]), min_size=8, max_size=8),
)
def test_nlp_long_words_are_tokenized_in_pieces_and_nothing_else_changes(
    parts: list[str], gaps: list[str]
) -> None:
    text = "".join(part + gap for part, gap in zip(parts, gaps, strict=False))
    nlp = pipeline("es")
    assert isinstance(nlp.tokenizer, PiecewiseTokenizer)
    doc, plain = nlp.tokenizer(text), nlp.tokenizer.tokenizer(text)
    assert doc.text == text
    outside = [(t.idx, t.text, t.whitespace_) for t in doc if "z" not in t.text]
    assert outside == [(t.idx, t.text, t.whitespace_) for t in plain if "z" not in t.text]
    assert all(len(t) <= MAX_WORD for t in doc)


def test_nlp_a_long_run_of_punctuation_goes_through() -> None:
    doc = pipeline("es")("x " + "(" * 60_000 + " y")
    assert len(doc) == 60_002 and doc.text.endswith("( y")
