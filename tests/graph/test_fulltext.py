from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.errors import KgError
from kg.graph.analyzer import query_groups, terms
from kg.graph.fulltext import INDEX_FILE, StatementIndex
from kg.graph.store import GraphStore

NOTES = """\
# Hyperopt

La función `fmin` minimiza la pérdida. El argumento `max_evals` fija cuántas pruebas se hacen.

## Regularización

La regularización penaliza la complejidad del modelo para evitar overfitting.

## Study

Set `gc_after_trial=True` in `study.optimize` to run the garbage collector after each trial.
"""


def test_analyzer_splits_identifiers_and_folds_accents() -> None:
    found = terms("Llama a MlflowClient.search_runs() con gc_after_trial y Validación")
    assert "mlflowclientsearch_runs" in found and "search_runs" in found
    assert {"mlflow", "client", "search", "gc_after_trial", "gc", "trial"} <= set(found)
    assert all(t.isascii() and t == t.lower() for t in found)  # case and accents folded
    # a `$`-operator keeps its `$` (`$in` is not the word "in"); an amount is a number
    found = terms("{ $nin: [1, 2] } costs $100 in $scope.apply")
    assert {"$nin", "nin", "100", "$scopeapply", "apply"} <= set(found)
    assert "$100" not in found and found.count("in") == 1  # "$nin" is not the word "in"
    # a Spanish word meets its English cognate: validación ~ validation
    assert set(terms("validación")) & set(terms("validation"))
    assert set(terms("regularización")) & set(terms("regularization"))
    # a short word's ending counts too (acción ~ action), and -nción is -ntion (mención)
    assert set(terms("acción")) & set(terms("action"))
    assert set(terms("mención")) & set(terms("mention"))
    assert set(terms("retención")) & set(terms("retention"))
    # Spanish writes one s where English writes two: -esión ~ -ession
    assert set(terms("progresión")) & set(terms("progression"))
    assert set(terms("expresiones")) & set(terms("expressions"))


def test_analyzer_an_acronym_in_the_plural_is_the_acronym() -> None:
    # "GPUs" is not "GP" and "Us": a question about GPUs meets notes that write GPU, and back
    for plural, acronym in [("GPUs", "GPU"), ("APIs", "API"), ("PRs", "PR"), ("LLMs", "LLM")]:
        assert set(terms(acronym)) <= set(terms(plural)), plural
        group = next(g for g in query_groups(f"which {plural} run it") if g.word == plural.lower())
        assert group.matches(frozenset(terms(acronym))) and group.name
        assert group.matches(frozenset(terms(plural)))
    assert "us" not in terms("CPUs y GPUs") and "is" not in terms("the APIs")
    # a capital word with more after it is still split: MLOps, HTTPServer
    assert {"ml", "ops"} <= set(terms("MLOps")) and {"http", "server"} <= set(terms("HTTPServer"))
    assert terms("DataFrames")[0] == "dataframes" and "dataframe" not in terms("DataFrames")


def test_analyzer_a_phrase_is_the_one_word_the_other_language_writes() -> None:
    # a statement holding "ciclo de vida" is indexed with lifecycle's terms too, plurals too
    assert set(terms("lifecycle")) <= set(terms("el ciclo de vida del modelo"))
    assert set(terms("database")) <= set(terms("dos bases de datos"))
    assert not set(terms("database")) & set(terms("la base del modelo y sus datos"))
    # a question's phrase is one group, the pivot word's: its words are not groups of their own
    groups = {g.word: g for g in query_groups("¿en qué zona horaria corre?")}
    assert "timezone" in groups and "zona" not in groups and "horaria" not in groups
    assert groups["timezone"].matches(frozenset(terms("the server's timezone")))


def test_analyzer_a_function_word_of_another_language_is_a_word() -> None:
    def factors(question: str) -> dict[str, float]:
        return {g.word: g.factor for g in query_groups(question)}

    # Spanish lists "algo", "total" and "final" as function words; in English they are words
    english = factors("what does tpe mean in hyperopt's algo argument, and the total loss?")
    assert english["algo"] == english["total"] == english["tpe"] == 1.0
    assert english["the"] == english["and"] < 1.0 and english["s"] < 1.0  # "'s" too
    spanish = factors("¿es algo el total del modelo final, usando el registro?")
    assert spanish["algo"] == spanish["total"] == spanish["final"] < 1.0
    assert spanish["usando"] < 1.0  # a form of a function word ("usar")
    assert spanish["modelo"] == 1.0


def test_analyzer_a_spanish_es_before_a_consonant_meets_the_english_s() -> None:
    for spanish, english in [
        ("estructura", "structure"), ("estricto", "strict"), ("escalar", "scale"),
        ("estrategia", "strategy"), ("escenario", "scenario"), ("estable", "stable"),
    ]:  # fmt: skip
        assert set(terms(spanish)) & set(terms(english)), (spanish, english)
    # only before a consonant, and only words long enough to be more than the prefix
    assert not set(terms("esencial")) & set(terms("sencillo"))
    assert not any(t.startswith("s") for t in terms("estos esta"))


def test_analyzer_a_verb_in_ify_meets_its_noun() -> None:
    # the stemmer cuts "classification" shorter than "classify": each verb stem also counts
    # as its noun's, in both languages, whatever the verb's form
    for verb, noun in [
        ("classify", "classification"), ("classified", "classification"),
        ("notify", "notification"), ("clasificar", "clasificación"),
        ("simplifica", "simplificación"), ("classifier", "classification"),
    ]:  # fmt: skip
        assert set(terms(verb)) & set(terms(noun)), (verb, noun)
    assert not set(terms("oficina")) & set(terms("oficial"))


def test_analyzer_question_groups_translate_and_weigh_words() -> None:
    groups = {
        g.word: g
        for g in query_groups("How do I delete the Unity Catalog tables?", ["how", "do", "i"])
    }
    # a capitalised name of several words is one group that needs every word
    assert groups["unity catalog"].parts and len(groups["unity catalog"].parts) == 2
    # a glossary word carries its translation ("delete" ↔ "eliminar", "borrar")
    assert set(terms("eliminar")) & groups["delete"].terms
    # a function word counts for little, a modal verb in every form as in every language
    assert groups["the"].factor < groups["tables"].factor
    should = {g.word: g for g in query_groups("What should I fix?")}
    should |= {g.word: g for g in query_groups("¿Qué debería corregir?")}
    assert should["should"].factor == should["deberia"].factor < should["corregir"].factor
    # a contraction typed without its apostrophe is a function word too
    whats = {g.word: g for g in query_groups("whats the main airflow component")}
    assert whats["whats"].factor < whats["main"].factor == whats["airflow"].factor
    # a Spanish verb form finds its infinitive's translation ("elimino" → eliminar → delete)
    spanish = {g.word: g for g in query_groups("¿Cómo elimino una tabla?")}
    assert set(terms("delete")) & spanish["elimino"].terms
    # ... and the pivot language's synonyms of that translation ("quito" → delete, remove)
    quito = {g.word: g for g in query_groups("¿Cómo quito los outliers?")}["quito"]
    assert set(terms("remove")) & quito.terms and set(terms("delete")) & quito.terms
    # a vocabulary word carries its technical sense: "interfaz" of MLflow is the MLflow UI
    interfaz = {g.word: g for g in query_groups("¿Qué muestra la interfaz de MLflow?")}
    assert set(terms("MLflow UI")) & interfaz["interfaz"].terms
    # a Spanish verb form meets the English one its stem, stemmed again, gives
    for word, english in [("representa", "represents"), ("componentes", "components")]:
        group = {g.word: g for g in query_groups(f"¿Qué {word} cada uno?")}[word]
        assert set(terms(english)) & group.terms, (word, english)


@pytest.fixture(scope="module")
def notes_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fulltext")
    (folder / "notes.md").write_text(NOTES, encoding="utf-8")
    api.build([folder / "notes.md"], store=folder / "store")
    return folder / "store"


def test_index_is_built_with_the_graph_and_finds_statements(notes_store: Path) -> None:
    generation = GraphStore(notes_store).live_generation()
    index = StatementIndex.in_generation(generation)
    assert index is not None and index.size >= 6
    hits = index.search(query_groups("What does gc_after_trial do?", ["what", "does", "do"]))
    assert hits and hits[0].iri.endswith("/S11")
    # the English question finds the Spanish sentence through cognates and the glossary
    hits = index.search(query_groups("What is regularization?", ["what", "is"]))
    assert hits[0].iri.endswith("/S7") or hits[0].iri.endswith("/S5")
    # only statements of the given set when asked
    within = [hits[-1].iri]
    assert [h.iri for h in index.match(query_groups("regularization")).among(within)] == within


def test_index_a_typo_is_close_to_a_word_of_the_same_shape(notes_store: Path) -> None:
    index = StatementIndex.in_generation(GraphStore(notes_store).live_generation())
    assert index is not None
    assert index.is_misspelling("regularizasion") and index.is_misspelling("gc_afer_trial")
    # a snake_case name that holds a word of the notes is a name of its own, not a typo of it
    # (as `is_incremental` is not "incremental")
    assert not index.is_misspelling("g_garbage") and not index.is_misspelling("c_collector")
    # `within` only counts edits: "minimis" is one from the notes' "minimiz" ("minimiza"),
    # "minimsie" two; none of their terms is within one of "kubeflow"
    assert index.within("minimis", 1) and not index.within("kubeflow", 1)
    assert not index.within("minimsie", 1) and index.within("minimsie", 2)


def test_index_looks_statements_up_by_iri(notes_store: Path) -> None:
    index = StatementIndex.in_generation(GraphStore(notes_store).live_generation())
    assert index is not None
    found = index.search(query_groups("regularization"))
    wanted = sorted({h.iri for h in found})[:2]
    hits = index.lookup([*reversed(wanted), "https://kg.invalid/doc/nowhere/S1"])
    # in IRI order, each with its own text, an IRI the index does not hold left out
    assert [h.iri for h in hits] == wanted
    assert {h.iri: h.text for h in hits} == {h.iri: h.text for h in found if h.iri in wanted}


def test_index_is_swapped_with_its_graph_and_a_failed_build_keeps_the_old_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    store = tmp_path / "store"
    api.build([notes], store=store)
    before = GraphStore(store).live_generation()
    size = StatementIndex(before / INDEX_FILE).size

    import kg.graph.fulltext as fulltext

    def broken(graph: object, folder: Path) -> Path:
        (folder / INDEX_FILE).write_text("half written")
        raise OSError("disk full while indexing")

    monkeypatch.setattr(fulltext, "build_index", broken)
    notes.write_text(NOTES + "\n## More\n\nOne more sentence here.\n", encoding="utf-8")
    with pytest.raises(KgError, match="disk full"):
        api.build([notes], store=store)
    after = GraphStore(store).live_generation()
    assert after == before
    assert StatementIndex(after / INDEX_FILE).size == size


def test_index_of_another_layout_is_not_read(tmp_path: Path) -> None:
    import sqlite3

    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        db.execute("CREATE VIRTUAL TABLE statements USING fts5(body, iri UNINDEXED)")
    assert StatementIndex.in_generation(tmp_path) is None
    # nor is one whose tables are not even those of an index: it is left closed, unread
    (tmp_path / INDEX_FILE).unlink()
    with sqlite3.connect(tmp_path / INDEX_FILE) as db:
        db.execute("CREATE TABLE other (x)")
        db.execute("PRAGMA user_version = 2")
    db.close()
    assert StatementIndex.in_generation(tmp_path) is None
    assert StatementIndex.exists(tmp_path)


def test_fulltext_a_term_in_many_statements_does_not_search_but_the_rarest_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.fulltext as fulltext

    lines = [f"The model number {n} is trained on the cluster." for n in range(12)]
    lines.append("The zebra model is trained alone.")
    (tmp_path / "notes.md").write_text("# Models\n\n" + "\n\n".join(lines) + "\n", "utf-8")
    api.build([tmp_path / "notes.md"], store=tmp_path / "store")
    index = StatementIndex.in_generation(GraphStore(tmp_path / "store").live_generation())
    assert index is not None
    monkeypatch.setattr(fulltext, "_MIN_COMMON", 1)  # a small graph's limits, made tiny
    monkeypatch.setattr(fulltext, "_COMMON_SHARE", 0.5)
    both = index.search(query_groups("zebra model"), limit=50)
    # "model" is in every statement: only "zebra" searched, so only its statement is found
    assert [h.text for h in both] == ["The zebra model is trained alone."]
    # a question of common words alone still searches with the rarest of them
    assert len(index.search(query_groups("model"), limit=50)) >= 12
    # on a large graph a share no term reaches, but past the absolute cap it does not search
    monkeypatch.setattr(fulltext, "_COMMON_SHARE", 2.0)
    assert len(index.search(query_groups("zebra model"), limit=50)) >= 13
    monkeypatch.setattr(fulltext, "_MAX_COMMON", 5)
    assert [h.text for h in index.search(query_groups("zebra model"), limit=50)] == [
        "The zebra model is trained alone."
    ]
    monkeypatch.setattr(fulltext, "_MIN_COMMON", 500)
    assert len(index.search(query_groups("zebra model"), limit=50)) >= 13  # small: all search


def test_fulltext_one_match_gives_the_best_statements_and_chosen_ones_alike(
    notes_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph.fulltext as fulltext

    index = StatementIndex.in_generation(GraphStore(notes_store).live_generation())
    assert index is not None
    question = query_groups("regularization of the trial study", ["of", "the"])
    found = index.match(question)  # every match, best first
    every = found.best(10**6)
    assert len(every) >= 3
    assert [h.score for h in every] == sorted((h.score for h in every), reverse=True)
    # a match with a limit reads the best so many, the same ones
    assert [(h.iri, h.score) for h in index.match(question, 2).best(10)] == [
        (h.iri, h.score) for h in every[:2]
    ]
    # chosen statements keep their scores and the order of the best; duplicates, IRIs the
    # index lacks and more IRIs than one lookup binds (here one) change nothing
    monkeypatch.setattr(fulltext, "_MAX_LOOKUP", 1)
    chosen = [every[-1].iri, every[0].iri, every[0].iri, "https://kg.invalid/doc/nowhere/S1"]
    assert [(h.iri, h.score) for h in found.among(chosen)] == [
        (h.iri, h.score) for h in every if h.iri in chosen
    ]
    assert found.among([]) == []
    # a match with a limit reads the chosen ones in the same pass, with the same scores
    both = index.match(question, 1, also=chosen)
    assert [(h.iri, h.score) for h in both.best(10)] == [(h.iri, h.score) for h in every[:1]]
    assert [(h.iri, h.score) for h in both.among(chosen)] == [
        (h.iri, h.score) for h in every if h.iri in chosen
    ]
    assert [h.iri for h in index.match(question, 1, also=[every[-1].iri]).among(chosen)] == [
        h.iri for h in every if h.iri in {every[0].iri, every[-1].iri}
    ]
