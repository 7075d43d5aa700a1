"""Statement ranking, feature by feature, on small notes in both languages (full answers)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import api
from kg.graph.analyzer import query_groups, terms
from kg.qa import QAEngine
from kg.qa.model import INTENTS
from tests.qa.notes import ask_notes

NOTES_EN = """\
# Optuna

Optuna is a framework for hyperparameter optimization. It was written in Python.

## Study

A study runs many trials. Set `gc_after_trial=True` in `study.optimize` to run the garbage
collector after each trial, which frees memory in long studies.

Pruners stop unpromising trials early:

- MedianPruner prunes a trial below the median of earlier trials
- HyperbandPruner allocates budgets in brackets

```python
study = optuna.create_study(direction="minimize")
study.optimize(objective, n_trials=100)
```
"""

NOTES_ES = """\
# Feature Store

El Feature Store guarda features reutilizables entre equipos.

## Tablas online

Una tabla online sirve features con latencia de milisegundos. Para publicar una tabla online
necesitas permisos de escritura en el catálogo.

## Registro

La trazabilidad permite saber qué modelos usan qué features.
"""


def _first(answer) -> str:  # type: ignore[no-untyped-def]
    statements = [i for i in answer.items if i.relation == "statement"]
    assert statements, answer.answer
    return statements[0].evidence[0].text


def test_retrieval_answers_a_detail_no_rule_reads_with_its_line(tmp_path: Path) -> None:
    (answer,) = ask_notes(tmp_path, NOTES_EN, "What does gc_after_trial do?", typed_only=False)
    assert answer.found
    assert "garbage" in answer.answer and "notes.md:7" in answer.answer
    item = next(i for i in answer.items if i.relation == "statement")
    assert item.evidence[0].line == 7


def test_retrieval_ranks_the_statement_covering_the_whole_question(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, NOTES_EN, "Which pruner uses the median of earlier trials?", typed_only=False
    )
    assert "MedianPruner" in _first(answer)


def test_retrieval_defining_sentence_comes_first(tmp_path: Path) -> None:
    (answer,) = ask_notes(tmp_path, NOTES_EN, "What is Optuna?", typed_only=False)
    assert answer.found and "framework for hyperparameter optimization" in answer.answer
    # the typed definition quotes it: the statements do not say it again
    assert answer.answer.count("Optuna is a framework") == 1
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        linked = qa.index.link("What is Optuna?", "en")
        ranked = qa.statements.rank("What is Optuna?", "definition", linked, ["what", "is"], [])
    assert ranked[0].text.startswith("Optuna is a framework")


def test_retrieval_code_first_for_how_to(tmp_path: Path) -> None:
    (answer,) = ask_notes(tmp_path, NOTES_EN, "How do I create a study?", typed_only=False)
    assert _first(answer).startswith("study = optuna.create_study(")
    assert "```" in answer.answer


def test_retrieval_a_list_comes_whole_with_its_lead_in(tmp_path: Path) -> None:
    (answer,) = ask_notes(tmp_path, NOTES_EN, "Which pruners are there?", typed_only=False)
    assert "MedianPruner" in answer.answer and "HyperbandPruner" in answer.answer
    assert "Pruners stop unpromising trials early:" in answer.answer


def test_retrieval_spanish_requirement_for_a_spanish_question(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, NOTES_ES, "¿Qué necesito para publicar una tabla online?", typed_only=False
    )
    assert answer.found and "permisos de escritura" in answer.answer


def test_retrieval_english_question_finds_the_spanish_sentence(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, NOTES_ES, "What latency does an online table have?", typed_only=False
    )
    assert answer.found and "milisegundos" in _first(answer)
    (answer,) = ask_notes(
        tmp_path, NOTES_ES, "What permissions does an online table need?", typed_only=False
    )
    assert "permisos de escritura" in _first(answer)


def test_retrieval_abstains_on_a_name_or_words_the_notes_never_write(tmp_path: Path) -> None:
    missing = ask_notes(
        tmp_path,
        NOTES_EN,
        "What is Kubernetes?",
        "How do I configure Prometheus alerts for a study?",
        "¿Cómo se instala Apache Airflow?",
        typed_only=False,
    )
    assert [a.found for a in missing] == [False, False, False]
    assert all("Kubernetes" not in a.answer or "not find" in a.answer for a in missing)


def test_retrieval_a_question_in_another_language_than_its_notes_is_answered(
    tmp_path: Path,
) -> None:
    (answer,) = ask_notes(
        tmp_path,
        NOTES_EN,
        # "basta", "llamar": words English notes never use, side by side; not a missing name
        "¿por qué no basta con llamar study.optimize con gc_after_trial?",
        typed_only=False,
    )
    assert answer.found and "gc_after_trial" in answer.answer


@settings(max_examples=60, deadline=None)
@given(question=st.text(max_size=300))
def test_retrieval_any_text_question_gets_a_valid_answer(engine: QAEngine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.intent in INTENTS
    assert isinstance(answer.found, bool)
    data = answer.to_json()
    assert len(data["answer"]) <= 2000
    for item in data["items"]:
        for ev in item["evidence"]:
            assert ev["line"] >= 1 and ev["source"]


ANNOUNCING = """\
# Stacks

The default stack includes three modular components:

| Component | Description |
|---|---|
| ML Code | Example project structure with tested modules |
| Resources as Code | Jobs defined through bundles |
| CI/CD | Workflows that test and deploy the code |

## Monitoring

- Basic set of monitoring:
  - Service health: uptime and latency
  - Data drift of the inputs
- Monitoring needs reference data.
"""


def test_retrieval_a_lead_in_ending_in_a_colon_brings_what_it_announces(tmp_path: Path) -> None:
    table, children = ask_notes(
        tmp_path,
        ANNOUNCING,
        "Which components does the default stack include?",
        "What does a basic set of monitoring cover?",
        typed_only=False,
    )
    assert "Resources as Code" in table.answer and "CI/CD" in table.answer
    assert "Data drift" in children.answer and "Service health" in children.answer


CAPTIONED = """\
# Log transform

**Where a log transform helps**

| Case | Why |
|---|---|
| Skewed income | Long right tail |

**Cases where you should NOT apply a log**

| Case | Why |
|---|---|
| Values of zero or below | The log of 0 is undefined |
| Categorical variables | It makes no sense |
"""


def test_retrieval_a_bold_caption_brings_the_table_under_it(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, CAPTIONED, "When should I NOT apply a log transform?", typed_only=False
    )
    assert _first(answer).startswith("Cases where you should NOT apply")
    assert "zero or below" in answer.answer and "Categorical" in answer.answer


SHOWN_NOTES = """\
# Extensions

Extensions are installed with pip and enabled with a command.

```shell
jupyter nbextension enable --py some_package
```

## Did it work?

After the install steps, one can list what is known and whether each one is enabled.

```shell
jupyter nbextension list
```
"""


def test_retrieval_a_how_to_sentence_brings_the_code_right_after_it(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, SHOWN_NOTES, "how can I check whether my extensions are enabled?",
        typed_only=False,
    )  # fmt: skip
    assert _first(answer).startswith("After the install steps")
    assert "jupyter nbextension list" in answer.answer


FILTER_NOTES = """\
# Search syntax

The search syntax is like SQL, with a few exceptions.

- Names that hold special characters, or start with a digit, are wrapped in backticks.

```diff
- Bad:  metrics.cross-entropy-loss < 0.5
+ Good: metrics.`cross-entropy-loss` < 0.5
```

- Strings are quoted.
"""


def test_retrieval_a_code_block_comes_with_what_is_said_right_above_it(tmp_path: Path) -> None:
    english, spanish = ask_notes(
        tmp_path, FILTER_NOTES,
        "How do I filter on a metric like cross-entropy-loss?",
        "¿Cómo filtro por una métrica tipo cross-entropy-loss?",
        typed_only=False,
    )  # fmt: skip
    for answer in (english, spanish):
        statements = [i.evidence[0].text for i in answer.items if i.relation == "statement"]
        assert statements[:2] == [  # the code first, what it shows right after it
            FILTER_NOTES.split("```diff\n")[1].split("```")[0].rstrip("\n"),
            "Names that hold special characters, or start with a digit, are wrapped in backticks.",
        ], answer.answer


REGISTRY_NOTES = """\
# Registering models

Call `create_registered_model` with a model name to create an entry in the registry.

A call of `create_registered_model` with a name in use raises an error.

Check first with `get_registered_model`.
"""


def test_retrieval_a_question_about_what_follows_prefers_what_follows(tmp_path: Path) -> None:
    english, spanish = ask_notes(
        tmp_path,
        REGISTRY_NOTES,
        "what happens if I call create_registered_model with a name in use?",
        "¿Qué pasa si llamo a create_registered_model con un nombre en uso?",
        typed_only=False,
    )
    assert "raises an error" in _first(english)
    assert "raises an error" in _first(spanish)


STORES_NOTES = """\
# Stores

A feature store keeps features for training and serving.
Each feature is a vector of values.
The online store is a low-latency database.
"""


def test_retrieval_a_subject_whose_words_the_notes_never_write_together_is_not_found(
    tmp_path: Path,
) -> None:
    absent, spanish, present = ask_notes(
        tmp_path,
        STORES_NOTES,
        "What is a vector database?",
        "¿Qué es una base de datos vectorial?",
        "What is a feature store?",
        typed_only=False,
    )
    assert not absent.found and "vector database" in absent.answer  # "vector", "database" apart
    assert not spanish.found
    assert present.found and "keeps features" in present.answer


PREDICTION_NOTES = "\n\n".join(
    [
        "# Serving",
        "A batch prediction reads a whole table at once.",
        "An online prediction answers one request in milliseconds.",
        "The error rate of each prediction is logged.",
        *(f"Step {n} of the pipeline writes table number {n} to the lake." for n in range(1, 19)),
    ]
)


def test_retrieval_a_subject_with_a_word_the_notes_never_use_is_not_found(
    tmp_path: Path,
) -> None:
    absent, race, typo, present = ask_notes(
        tmp_path,
        PREDICTION_NOTES + "\n",
        "What is conformal prediction?",  # "prediction" is theirs, "conformal" no word of theirs
        "What is a race prediction?",  # a word of a language, one slip from their "rate"
        "What is an onlien prediction?",  # no word: a slip from their "online"
        "What is a batch prediction?",
        typed_only=False,
    )
    assert not absent.found and "conformal prediction" in absent.answer
    assert not race.found and "race prediction" in race.answer
    assert typo.found and "milliseconds" in typo.answer
    assert present.found and "whole table" in present.answer


VENV_NOTES = """\
# Virtual environments

On Windows, activate the environment with `tutorial-env/Scripts/activate`.

On MacOS, run `source tutorial-env/bin/activate`.

A FastAPI endpoint answers requests with JSON.
"""


def test_retrieval_a_name_listed_beside_one_of_the_notes_is_an_alternative(tmp_path: Path) -> None:
    listed, topic, compared = ask_notes(
        tmp_path,
        VENV_NOTES,
        "How do I activate the environment on Windows or Linux?",
        "How do I protect a FastAPI endpoint with OAuth2 and JWT tokens?",
        "What is the difference between Windows and Linux?",
        typed_only=False,
    )
    assert listed.found and "Scripts/activate" in listed.answer  # Linux aside, Windows answers
    # names the notes lack beside a subject they hold, not in a list with it: not found, and
    # the answer says which names it lacks, as the question writes them
    assert not topic.found and "OAuth2" in topic.answer
    assert not compared.found and "Linux" in compared.answer  # two things compared


SEARCH_NOTES = """\
# Searching runs

You can filter runs by metrics or params, or by tags.
Runs are shown in a table or a chart.
A filter may use metrics, params or attributes.
Note that the `OR` keyword is not supported in a filter.
"""


def test_retrieval_a_function_word_in_capitals_is_a_keyword(tmp_path: Path) -> None:
    english, spanish = ask_notes(
        tmp_path,
        SEARCH_NOTES,
        "can I use OR in a filter?",
        "¿Se puede usar OR en el filtro de runs?",
        typed_only=False,
    )
    assert _first(english).startswith("Note that the OR keyword")
    assert _first(spanish).startswith("Note that the OR keyword")
    # a question word in capitals that the notes never write so is the word ("WHEN")
    (tmp_path / "when").mkdir()
    shout, plain = ask_notes(
        tmp_path / "when", SEARCH_NOTES, "WHEN are runs shown in a chart?",
        "When are runs shown in a chart?", typed_only=False,
    )  # fmt: skip
    assert shout.found and shout.answer == plain.answer
    # in a question written all in capitals, capitals say nothing
    shouted = query_groups("CAN I USE OR IN A FILTER", [])
    assert not any("_or" in g.terms for g in shouted)
    assert "_or" in terms("the `OR` keyword") and "_or" not in terms("metrics or params")


STORES_EN = """\
# FeatureClient

The FeatureClient API manages feature tables.
FeatureClient needs the URL of a workspace, and FeatureClient reads its token from the environment.

## Methods

- create_online_store(name) creates an online store for the client.
- list_online_stores() lists the online stores of the client.
- delete_online_store(name) deletes an online store.

An online store is a low-latency database used to look up features at inference time.
"""

STORES_ES = """\
# FeatureClient

La API FeatureClient gestiona tablas de features.
FeatureClient necesita la URL de un workspace, y FeatureClient lee su token del entorno.

## Métodos

- create_online_store(name) crea una tienda online para el cliente.
- list_online_stores() lista las tiendas online del cliente.
- delete_online_store(name) borra una tienda online.

Una tienda online es una base de datos de baja latencia para leer features al predecir.
"""


def test_retrieval_defines_what_the_question_asks_not_only_the_concept_it_links(
    tmp_path: Path,
) -> None:
    # "what is X" asked inside the context of a concept: the sentence that defines X answers
    for n, (notes, question) in enumerate(
        [
            (STORES_EN, "In the FeatureClient API, what is an online store for?"),
            (STORES_ES, "En la API FeatureClient, ¿qué es una tienda online?"),
        ]
    ):
        (tmp_path / str(n)).mkdir()
        ask_notes(tmp_path / str(n), notes)
        with QAEngine.open(tmp_path / str(n) / "store") as qa:
            assert qa.statements is not None
            linked = qa.index.link(question, "es" if n else "en")
            assert linked and linked[0].label == "FeatureClient"  # the context, not the subject
            ranked = qa.statements.rank(question, "definition", linked, [], [])
        assert "latenc" in ranked[0].text, [r.text for r in ranked]


OPTIONS_EN = """\
# Rolling out

All the pods of a deployment are replaced one at a time when its image changes.
One option is to change the image of all the pods at once with kubectl set image.
The `--all` flag also updates the pods that are not ready yet.
Use `-n` to choose the namespace.
"""

OPTIONS_ES = """\
# Despliegue

Todos los pods de un deployment se reemplazan de a uno cuando cambia su imagen.
Una opción es cambiar la imagen de todos los pods a la vez con kubectl set image.
El flag `--all` actualiza también los pods que aún no están listos.
Usa `-n` para elegir el namespace.
"""


def test_retrieval_a_command_line_option_is_an_identifier(tmp_path: Path) -> None:
    for n, notes in enumerate((OPTIONS_EN, OPTIONS_ES)):
        (tmp_path / str(n)).mkdir()
        english, spanish = ask_notes(
            tmp_path / str(n), notes,
            "What is the --all option for when I change the image of the pods?",
            "¿Para qué sirve la opción --all al cambiar la imagen de los pods?",
            typed_only=False,
        )  # fmt: skip
        for answer in (english, spanish):
            assert "--all" in _first(answer), answer.answer
    # an option's dashes open it; a dash between two words joins them as before
    assert "__all" in terms("kubectl set image --all") and "all" in terms("--all")
    assert "__sys_prefix" in terms("pass --sys-prefix") and "__n" in terms("use -n ns")
    assert not any(t.startswith("_") for t in terms("scikit-learn e-mail -1 - item"))


OUTLINE = """\
# Imbalanced classes

Methods to handle imbalanced classes, with their trade-offs, are shown below in detail.
Each one is tried on the same data. Results are compared at the end of the notebook.

# Logical workflow for handling imbalanced classes

The following list is helpful.

### Do nothing

Sometimes the classifier copes.

### Balance the dataset

Undersample or oversample.

### Switch to an anomaly detection algorithm

When nothing else works.

### Use weights

```python
model = LogisticRegression(class_weight="balanced")
```
"""


def test_retrieval_a_heading_with_little_under_it_brings_its_outline(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path, OUTLINE, "What is the logical workflow for handling imbalanced classes?",
        typed_only=False,
    )  # fmt: skip
    said = [i.evidence[0].text for i in answer.items if i.relation == "statement"]
    assert "Balance the dataset" in said  # as statements, each with its line
    assert "Switch to an anomaly detection algorithm" in said
    # each with what it says first ("what does each one say?"), a code block aside (long)
    assert "Undersample or oversample." in said and "When nothing else works." in said
    assert "Use weights" in said and not any("class_weight" in t for t in said)


NESTED = """\
# Servicios de voz

Los servicios de la nube que se ven en el examen.

* Amazon Polly
    * convierte texto en voz natural
* Amazon Transcribe
    * Conversión automática de voz a texto
        * marcas de tiempo por palabra
        * reconoce varios hablantes
        * vocabulario personalizado
    * casos de uso: centros de llamadas y subtítulos

## Frameworks

AWS Deep Learning AMIs

* give tools to develop deep learning models in the cloud
* are scalable
* run managed clusters of GPUs for training
* support MXNet, TensorFlow, Keras and PyTorch

Gluon API

* speeds up deep learning for developers
"""


def test_retrieval_a_statement_brings_the_list_it_leads_nested_items_included(
    tmp_path: Path,
) -> None:
    transcribe, amis = ask_notes(
        tmp_path,
        NESTED,
        "¿Qué ofrece Amazon Transcribe?",
        "Which frameworks do the AWS Deep Learning AMIs support?",
        typed_only=False,
    )
    # a top-level item without a lead-in of its own, and the items nested under its first one
    assert "reconoce varios hablantes" in transcribe.answer
    assert "vocabulario personalizado" in transcribe.answer
    assert "casos de uso" in transcribe.answer
    assert "convierte texto en voz" not in transcribe.answer  # the next item leads no more
    # a line that leads a list without a colon: the whole list, not its first items
    assert "MXNet" in amis.answer and "are scalable" in amis.answer
    assert "speeds up deep learning" not in amis.answer


CODE_ONLY = """\
# Airflow

A DAG is a collection of tasks with their dependencies.
An operator is one kind of task. A sensor waits for something to happen.
The scheduler runs the DAGs on their schedules; the web server shows them.

## DAG example

```python
from airflow import DAG
default_args = {
    'owner': 'airflow',
    'retries': 1,
}
dag = DAG('my_dag', default_args=default_args)
```
"""


def test_retrieval_an_identifier_the_notes_write_is_named_even_among_other_words(
    tmp_path: Path,
) -> None:
    named, unknown = ask_notes(
        tmp_path,
        CODE_ONLY,
        "En los default_args del ejemplo, ¿cuántos reintentos se configuran y con qué espera?",
        "En los retry_policy del ejemplo, ¿cuántos reintentos se configuran y con qué espera?",
        typed_only=False,
    )
    # the question's other words are not in the notes, but the identifier is, verbatim
    assert named.found and "'retries': 1" in named.answer
    assert not unknown.found


DATA_NOTES = """\
# Data

* Data quality
    * missing data must be handled before training
    * data with outliers needs a look
* Types of Data
    * Text - reviews, descriptions
    * Sequence data - clickstreams
    * Graph data - social networks
* Data preparation
    * data is split into training and test sets

# Datos

* Calidad de los datos
    * los datos faltantes se imputan
* Tipos de datos
    * Series temporales - eventos con su tiempo
    * Imágenes y vídeo
"""


def test_retrieval_the_set_noun_a_question_asks_for_heads_the_list(tmp_path: Path) -> None:
    english, spanish = ask_notes(
        tmp_path,
        DATA_NOTES,
        "Which types of data are there?",
        "¿Qué tipos de datos hay?",
        typed_only=False,
    )
    assert "clickstreams" in english.answer and "social networks" in english.answer
    assert "Series temporales" in spanish.answer and "vídeo" in spanish.answer


METHODS_TABLE = """\
# Registro en MLflow

Los runs guardan lo que el entrenamiento produce, y cada cosa tiene su método.
Un experimento agrupa los runs; cada run tiene su id.

| Qué | Método | Descripción |
|---|---|---|
| Registrar parámetros | `mlflow.log_param()` | Guarda un hiperparámetro del run |
| Registrar artefactos | `mlflow.log_artifact("path")` | Guarda archivos generados (imágenes, logs) |
| Registrar modelos | `mlflow.sklearn.log_model()` | Guarda el modelo en formato serializable |

Saber que log_artifact espera un archivo en disco, no un objeto.
El uso de log_artifact y log_model se pregunta en el examen.
Con log_artifact y log_model todo queda en el run activo.
Tanto log_artifact como log_model aceptan un artifact_path.
Ni log_artifact ni log_model registran el modelo en el Model Registry.
"""


def test_retrieval_a_difference_brings_the_row_of_the_other_side(tmp_path: Path) -> None:
    english, spanish = ask_notes(
        tmp_path,
        METHODS_TABLE,
        "log_artifact vs log_model in mlflow",
        "¿diferencia entre log_model y log_artifact?",
        typed_only=False,
    )
    for answer in (english, spanish):
        assert "archivos generados" in answer.answer and "serializable" in answer.answer
        assert "hiperparámetro" not in answer.answer  # a row about neither side


HELP_NOTES = """\
# Packaging a model service

Use the help command to list every option of the CLI; hem and hemo are its short flags.
The service is packaged as a Docker image and deployed to a cluster.
Hello-world services are a good first test of a cluster.
Kubernetes runs the image as a Deployment with several replicas.
"""


def test_retrieval_a_short_name_is_not_taken_for_a_typo(tmp_path: Path) -> None:
    helm, typo = ask_notes(
        tmp_path,
        HELP_NOTES,
        "How do I package my model service as a Helm chart?",
        "How does Kubernets run the image?",
        typed_only=False,
    )
    assert not helm.found  # "Helm" is one letter from "hem": a new name, not a typo
    assert typo.found and "replicas" in typo.answer  # a long name one letter off is a typo


FEATURE_NOTES = """# Online features

The online store serves features fast to a model at prediction time.
MLflow logs the model that reads them; Docker packages the service.
"""


def test_retrieval_a_five_letter_name_is_a_typo_only_of_a_close_word(tmp_path: Path) -> None:
    (feast,) = ask_notes(
        tmp_path, FEATURE_NOTES, "How do I serve online features with Feast?", typed_only=False
    )
    assert not feast.found and "Feast" in feast.answer
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        missing = qa.statements.terms.missing_names
        # "Feast" is one letter from "fast", a fifth of it: a name the notes never write
        assert missing("How do I serve online features with Feast?", []) == ["feast"]
        # "Dockr" is as close to "docker" as a typo of a longer name (91): a typo
        assert missing("What does Dockr package?", []) == []


CSV_NOTES_EN = """\
# Loading CSV files

Spark reads a CSV file with spark.read.csv and returns a DataFrame.
Each row of the file holds one sample, and empty cells are read as null.
The header option takes column names from the first line.
Large files are split into partitions across the cluster.
"""

DEPLOY_NOTES_ES = """\
# Despliegue

Un endpoint sirve el modelo a través de una API REST.
Para revertir un despliegue, se vuelve a la versión anterior del modelo con un solo comando.
La latencia se mide en milisegundos por petición.
"""


def test_retrieval_everyday_technical_words_cross_languages(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "es").mkdir()
    (spanish_question,) = ask_notes(
        tmp_path / "en",
        CSV_NOTES_EN,
        "¿Qué tiene cada fila del archivo?",
        typed_only=False,
    )
    assert spanish_question.found and "one sample" in _first(spanish_question)
    (english_question,) = ask_notes(
        tmp_path / "es",
        DEPLOY_NOTES_ES,
        "How do I rollback a deployment with one command?",
        typed_only=False,
    )
    assert english_question.found and "versión anterior" in _first(english_question)


STATE_NOTES = """\
# Terraform

## The state file

The **state file** is the single most critical component of Terraform.

### What it does

* Mapping: it links the code to the real resources.
* Tracking: it knows the attributes of every resource.

## Módulos

Un **módulo** es una carpeta con archivos de Terraform que se reutiliza.

### Para qué sirve

* Reutilizar la misma infraestructura en varios entornos.
* Ocultar detalles detrás de variables de entrada.
"""


def test_retrieval_a_definition_that_ends_its_section_goes_on_into_the_first_subsection(
    tmp_path: Path,
) -> None:
    state, module = ask_notes(
        tmp_path,
        STATE_NOTES,
        "What is the state file?",
        "¿Qué es un módulo de Terraform?",
        typed_only=False,
    )
    assert "links the code" in state.answer and "knows the attributes" in state.answer
    assert "varios entornos" in module.answer and "variables de entrada" in module.answer


SMALL_TABLES = """\
# Scoring in batch

## Requisitos importantes

| Requisito | Detalle |
| --- | --- |
| Modelo registrado | Debe estar registrado con `fs.log_model(...)`, con su `training_set`. |
| Columnas de lookup | `raw_input_df` debe tener las claves para el join con las features. |
| No vale sklearn puro | `score_batch()` solo funciona con modelos registrados por Feature Store. |

## Clusters

| Cluster | Uso |
| --- | --- |
| Single node | Pruebas pequeñas con pocos datos. |
| Standard | Trabajos compartidos por un equipo. |
| High concurrency | Muchos usuarios a la vez. |
| GPU | Redes neuronales profundas. |
| Job | Trabajos programados que terminan solos. |
"""


def test_retrieval_a_row_of_a_small_table_brings_the_whole_table(tmp_path: Path) -> None:
    (small, large) = ask_notes(
        tmp_path,
        SMALL_TABLES,
        "¿Puedo usar score_batch con un modelo sklearn puro?",
        "¿Qué cluster uso para redes neuronales profundas?",
        typed_only=False,
    )
    # the row that answers, and the rows beside it that say what the model must be
    assert "sklearn puro" in small.answer and "fs.log_model" in small.answer
    # a larger table is not read whole: its row answers alone
    assert "Redes neuronales" in large.answer and "Muchos usuarios" not in large.answer


CODE_NOTES = """\
# Búsqueda

```python
index.rank_documents("vino tinto")
```

```python
index.rank_documents("Bordeaux")
```

La clase guarda los documentos y puntúa cada búsqueda.

```python
def rank_documents(self, query):
    # the score of each document is the dot product with the query vector
    return {doc: dot(query_vector, vec) for doc, vec in self.vectors.items()}
```
"""


def test_retrieval_code_that_defines_a_function_answers_how_it_works(tmp_path: Path) -> None:
    for question in (
        "How is the score of each document computed in rank_documents?",
        "¿Cómo calcula rank_documents la puntuación de cada documento?",
    ):
        (answer,) = ask_notes(tmp_path, CODE_NOTES, question, typed_only=False)
        assert _first(answer).startswith("def rank_documents("), question


MONGO_NOTES = """\
# Operators

- `$ne`: the field is not equal to the value.
- `$nin`: the field is not in the list.
- `$not`: negates the condition that follows it, whatever operator the condition uses.
- `$nor`: selects the documents that fail every condition of a list of conditions.
"""


def test_retrieval_a_dollar_operator_is_its_own_name(tmp_path: Path) -> None:
    # "not" and "nor" are function words; `$not` and `$nor` are names
    (answer,) = ask_notes(tmp_path, MONGO_NOTES, "What does $not do?", typed_only=False)
    assert _first(answer).startswith("$not:")
    (answer,) = ask_notes(tmp_path, MONGO_NOTES, "¿Para qué sirve $nor?", typed_only=False)
    assert _first(answer).startswith("$nor:")


LIST_NOTES = """\
# Feature tables

Writing a DataFrame to a feature table checks its columns.

Writing a DataFrame with other columns in merge mode fails.

Overwrite may change the columns.

Before writing, check:

- a primary key column
- one column per feature
- a timestamp for time series
"""


def test_retrieval_an_item_near_the_best_brings_its_small_list(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(LIST_NOTES, encoding="utf-8")
    api.build([tmp_path / "notes.md"], store=tmp_path / "store")
    question = "Which columns must the DataFrame have before writing it?"
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        ranked = qa.statements.rank(question, "unknown", (), (), [], limit=8)
        sentences = [r for r in ranked if r.kind == "sentence"][:2]
        (item,) = qa.statements.rank("a primary key column", "unknown", (), (), [], limit=1)
        assert item.kind == "item" and len(sentences) == 2
        top = sentences[0].score
        for share, whole in ((0.8, True), (0.6, False)):  # the item third, near the best or not
            order = [*sentences, replace(item, score=share * top)]
            shown = [r.text for r in qa.statements.expand(order, "unknown", [])]
            assert ("one column per feature" in shown) is whole, (share, shown)
            assert ("a timestamp for time series" in shown) is whole, (share, shown)


STEPS_NOTES = """\
# SHAP

SHAP explains the predictions of a model. Other explainers exist. They are slower. They are
older.

## Inside

1. Base model: SHAP compares predictions with and without each feature.
2. Individual contributions: the marginal impact of every feature over its combinations.
3. Additive sum: the values add up to the prediction.
"""


def test_retrieval_an_item_of_a_list_without_a_lead_in_brings_its_small_list(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.md").write_text(STEPS_NOTES, encoding="utf-8")
    api.build([tmp_path / "notes.md"], store=tmp_path / "store")
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        ranked = qa.statements.rank("SHAP explains other explainers", "unknown", (), (), [], 8)
        sentences = [r for r in ranked if r.kind == "sentence"][:2]
        (item,) = qa.statements.rank("Base model compares", "unknown", (), (), [], limit=1)
        assert item.kind == "item" and not item.context and len(sentences) == 2
        # third, near the best: its list comes whole, though no lead-in announces it
        order = [*sentences, replace(item, score=0.8 * sentences[0].score)]
        shown = [r.text for r in qa.statements.expand(order, "unknown", [])]
        assert any("marginal impact" in t for t in shown), shown
        assert any("Additive sum" in t for t in shown), shown


PARAGRAPH_NOTES = """\
# Transactions

Every statement runs inside a transaction by default, and operations wait for a commit.

The autocommit attribute suspends the manual commit. This is required for operations such as
VACUUM and CREATE DATABASE.
"""


def test_retrieval_a_sentence_is_read_with_the_one_before_it(tmp_path: Path) -> None:
    # "This" is the autocommit attribute: the question's words are split across the two
    for question in (
        "Which operations require the autocommit attribute?",
        "¿Para qué operaciones hace falta autocommit?",
    ):
        (answer,) = ask_notes(tmp_path, PARAGRAPH_NOTES, question, typed_only=False)
        assert _first(answer).startswith("This is required for operations"), question
        # and shown with it, which says what "This" is
        assert "manual commit. This is required" in answer.answer, question
    # the sentence before is read with it, not searched: "autocommit" does not find it
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        found = qa.statements.index.search(query_groups("autocommit"))
        assert found and not any(h.text.startswith("This is required") for h in found)
        assert qa.statements.index.document_frequency("autocommit") == 1


CLEANING_NOTES_ES = """\
# Preparación de los datos

La limpieza elimina las filas duplicadas antes de entrenar.
Las particiones se eligen de forma aleatoria en cada época.
El conjunto de validación se guarda en la carpeta de resultados.
La contraseña de la base se lee de una variable de entorno.
"""

ISOLATION_NOTES_EN = """\
# Transactions

A transaction groups statements that succeed or fail together.
The isolation level decides which changes of other transactions a query sees.
A read-only transaction cannot write to any table.
Autocommit runs every statement in its own transaction.
"""


def test_retrieval_words_of_technical_notes_meet_across_languages(tmp_path: Path) -> None:
    # pairs of the translation vocabulary that no stem or cognate ending matches
    # ("limpieza" ~ cleaning, "aleatorio" ~ random, "contrasena" ~ password, "aislamiento" ~
    # isolation): a question in one language finds the sentence in the other (its other words
    # are words of the notes: in a graph this small, any other is one the notes never write)
    (tmp_path / "es").mkdir()
    (tmp_path / "en").mkdir()
    cleaning, random, password = ask_notes(
        tmp_path / "es",
        CLEANING_NOTES_ES,
        "What does the cleaning eliminate?",
        "Are the partitions random?",
        "Where is the password?",
        typed_only=False,
    )
    assert "duplicadas" in _first(cleaning)
    assert "aleatoria" in _first(random)
    assert "variable de entorno" in _first(password)
    (isolation,) = ask_notes(
        tmp_path / "en",
        ISOLATION_NOTES_EN,
        "¿Qué decide el nivel de aislamiento?",
        typed_only=False,
    )
    assert "decides which changes" in _first(isolation)


GRAFANA_NOTES = """\
# Monitoring

Grafana shows the dashboards of the service on port 3000.
The default user and password of Grafana are admin and admin.
A perfect score is rare in monitoring.
"""


def test_retrieval_a_typo_beside_words_of_the_notes_is_read_as_their_word(
    tmp_path: Path,
) -> None:
    typo, alone, tensor = ask_notes(
        tmp_path,
        GRAFANA_NOTES,
        "What is the default pasword of Grafana?",
        "what is prefect",
        "what is tensorrt",
        typed_only=False,
    )
    assert typo.found and "admin and admin" in _first(typo)
    # a word the notes never use, alone, is more likely a subject they lack than a typo
    assert not alone.found
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        groups = {
            g.word: g.terms for g in qa.statements.terms.groups("default pasword grafana", [])
        }
        assert "password" in groups["pasword"]
        (prefect,) = qa.statements.terms.groups("what is prefect", ["what", "is"])
        assert "perfect" not in prefect.terms
        # two slips away in a word of eight letters: not a typo ("tensorrt" is not "tensor")
        assert qa.statements.index.correction("tensorrt") is None
        assert qa.statements.index.correction("dashbaords") is not None
    assert not tensor.found


def test_retrieval_a_typo_is_read_by_its_stem_too(tmp_path: Path) -> None:
    # "esccribo" is two slips from the notes' stem "escrib", its stem "esccrib" one
    notes = "# Feature Store\n\nEscribe los datos con fs.write_table en la tabla de features.\n"
    (answer,) = ask_notes(tmp_path, notes, "¿Cómo esccribo datos en la tabla?", typed_only=False)
    assert answer.found and "fs.write_table" in answer.answer
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        groups = {g.word: g.terms for g in qa.statements.terms.groups("esccribo datos", [])}
        assert set(groups["esccribo"]) & set(terms("escribe"))


def test_retrieval_a_word_of_a_language_is_not_a_typo_of_the_notes_word(tmp_path: Path) -> None:
    notes = "# Entrenamiento\n\nLa duración total del entrenamiento es de dos horas.\n"
    (asked,) = ask_notes(tmp_path, notes, "¿Qué duración tiene el entrenamiento?", typed_only=False)
    assert asked.found
    with QAEngine.open(tmp_path / "store") as qa:
        assert qa.statements is not None
        index, terms = qa.statements.index, qa.statements.terms
        assert index.correction("depuracion") is not None  # one word from "duracion"…
        groups = {g.word: g.terms for g in terms.groups("modo de depuracion del entrenamiento", [])}
        assert "duracion" not in groups["depuracion"]
        # …but a Spanish word ("debug mode" asked about English notes), not a typo; a slip is
        typo = {g.word: g.terms for g in terms.groups("duracoin del entrenamiento", [])}
        assert "duracion" in typo["duracoin"]


TRACKING_NOTES = """\
# Tracking tools

| Aspect | MLflow | Neptune |
|---|---|---|
| UI quality | Good | Excellent |
| Hosting | Self-hosted | SaaS |
"""


def test_retrieval_a_side_of_a_comparison_the_notes_never_name_is_not_found(
    tmp_path: Path,
) -> None:
    absent, both, spanish = ask_notes(
        tmp_path,
        TRACKING_NOTES,
        "dagster vs mlflow",
        "neptune vs mlflow",
        "dagster frente a mlflow",
        typed_only=False,
    )
    # not MLflow's comparison with Neptune, which is not what was asked
    assert not absent.found and "Neptune" not in absent.answer
    assert both.found and "Excellent" in both.answer
    assert not spanish.found


CROWDED_NOTES = """\
# Métricas

## Resumen

Para modelos supervisados: accuracy, precision, recall, F1, log loss y ROC/AUC (curva ROC).

### F1

Qué mide: la media armónica entre precision y recall.

Fórmula:

F1 = 2 * (precision * recall) / (precision + recall)

Cuándo usarla:

- con clases desbalanceadas
- cuando los falsos positivos y los falsos negativos importan
- mejor que accuracy con datos desbalanceados
- al comparar modelos con umbrales distintos

Recuerda: F1 alto es un buen balance entre precision y recall.

Otra nota: F1 ignora los verdaderos negativos.

## Curvas

- la curva ROC de un modelo al azar es la diagonal
- el baseline de la curva PR no es 0.5: es la prevalencia de los positivos
"""


def _expanded(
    tmp_path: Path, notes: str, question: str, first: str, second: str, limit: int = 10
) -> tuple[str, str, list[str]]:
    """The texts `expand` shows for two best statements of the notes, the one starting with
    `first` scoring above the one holding `second`: (first's text, second's, shown)."""
    (tmp_path / "notes.md").write_text(notes, encoding="utf-8")
    api.build([tmp_path / "notes.md"], store=tmp_path / "store")
    with QAEngine.open(tmp_path / "store") as qa:
        retriever = qa.statements
        assert retriever is not None
        ranked = retriever.rank(question, "unknown", (), frozenset(), [])
        one = next(r for r in ranked if r.text.startswith(first))
        two = next(r for r in ranked if second in r.text)
        best = [replace(one, score=1.0), replace(two, score=0.9)]
        shown = [r.text for r in retriever.expand(best, "definition", [], limit=limit)]
    return one.text, two.text, shown


def test_retrieval_what_completes_the_best_statement_leaves_room_for_the_next_best(
    tmp_path: Path,
) -> None:
    # the best sentence ends its section: its first subsection (ten statements) completes it,
    # and would fill the answer without the second best statement, which answers
    question = "What's the baseline of a precision-recall curve? Is it 0.5 like for ROC?"
    summary, baseline, shown = _expanded(
        tmp_path, CROWDED_NOTES, question, "Para modelos", "prevalencia"
    )
    assert shown[0] == summary and baseline in shown
    assert "Qué mide: la media armónica entre precision y recall." in shown  # still completed
    assert len(shown) <= 10


ANNOUNCED_TABLE = """\
# PCA

## Varianza explicada

Resultados que me dieron con el vino escalado:

| PC | Var. explicada | Acumulada |
| --- | --- | --- |
| PC1 | 36.2 % | 36.2 % |
| PC2 | 19.2 % | 55.4 % |
| PC3 | 11.1 % | 66.5 % |
| PC4 | 7.1 % | 73.6 % |
| PC5 | 6.6 % | 80.2 % |
| PC6 | 4.9 % | 85.1 % |
| PC7 | 4.2 % | 89.3 % |
| PC8 | 2.7 % | 92.0 % |

## Cuántas quedarse

Umbral de varianza acumulada: las necesarias para llegar a 80-95 %.

Criterio de Kaiser: componentes de autovalor mayor que 1.
"""


def test_retrieval_what_a_lead_in_announces_comes_whole_before_the_next_best(
    tmp_path: Path,
) -> None:
    # unlike other completions, a table a lead-in announces is what the lead-in says
    question = "cuanta varianza explicaba la segunda componente con el vino"
    lead, _, shown = _expanded(
        tmp_path, ANNOUNCED_TABLE, question, "Resultados", "Criterio de Kaiser", limit=9
    )
    assert shown[0] == lead and sum(t.startswith("PC") for t in shown) == 8


PHRASE_NOTES_ES = """\
# Feature Store

## Claves

Cada fila de la tabla lleva una marca de tiempo: con ella el join punto en el tiempo no mira el
futuro.

## Validación

Guarda un conjunto de datos de validación aparte antes de entrenar.
"""

PHRASE_NOTES_EN = """\
# Streaming

## Scheduling

A cron schedule always runs in UTC, whatever the server's timezone.

## Recovery

After a failure the query restarts from its last checkpoint folder.
"""


def test_retrieval_a_term_of_several_words_meets_the_one_word_of_the_other_language(
    tmp_path: Path,
) -> None:
    # "marca de tiempo" is a timestamp, "conjunto de datos" a dataset, and back
    cases = {
        "es": (PHRASE_NOTES_ES, {
            "Why does every row carry a timestamp?": "marca de tiempo",
            "Should I keep a validation dataset apart?": "conjunto de datos",
        }),
        "en": (PHRASE_NOTES_EN, {
            "¿En qué zona horaria corre un cron?": "timezone",
            "¿Desde qué punto de control se reanuda la consulta?": "checkpoint folder",
        }),
    }  # fmt: skip
    for name, (notes, asked) in cases.items():
        (tmp_path / name).mkdir()
        answers = ask_notes(tmp_path / name, notes, *asked, typed_only=False)
        for answer, (question, quoted) in zip(answers, asked.items(), strict=True):
            assert answer.found and quoted in answer.answer, question


TROUBLESHOOTING_NOTES = """\
# Troubleshooting

Scenario: the feature lookup returns nulls for some rows at inference time. Fix: the lookup \
keys of the request match no row of the feature table. Verify that the key columns have the \
same types on both sides.

# Tables

A feature table is a Delta table with a primary key.
"""


def test_retrieval_the_best_sentence_goes_on_in_the_sentences_after_it_whatever_is_asked(
    tmp_path: Path,
) -> None:
    # a question that asks what something returns, answered by a scenario and its fix
    (answer,) = ask_notes(
        tmp_path,
        TROUBLESHOOTING_NOTES,
        "What does the feature lookup return at inference time for some rows?",
        typed_only=False,
    )
    assert answer.found and answer.intent == "components"
    assert "returns nulls" in answer.answer and "same types" in answer.answer
