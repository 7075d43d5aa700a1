"""A section's focus, the subject of rules that leave it implicit: the "¿Qué es X?" subject,
the API a heading names, the method a topic's code calls, or the parent section's focus."""

from __future__ import annotations

from tests.extract.conftest import ruled


def test_focus_of_question_and_api_headings_and_their_subsections(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n## ¿Qué es Feature Serving?\n\n### Requisitos\n\n- Online Tables\n\n"
        "## `fs.score_batch()`\n\nDebes tener **Unity Catalog**.\n\n"
        "## What is Model Serving?\n\nYou must have **Serverless Compute**.\n"
    )
    assert ruled(x, "requires") == {
        # the subsection has no focus of its own: its parent's
        ("Feature Serving", "requires", "Online Tables", "requirements-section"),
        ("fs.score_batch", "requires", "Unity Catalog", "cue:es:deber tener (implicit subject)"),
        ("Model Serving", "requires", "Serverless Compute", "cue:en:must have (implicit subject)"),
    }


def test_focus_of_a_topic_is_the_method_its_code_calls(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n## Score a batch\n\n```python\nfs = FeatureStoreClient()\n"
        "fs.create_table(name=n)\nfs.score_batch(model_uri=u, df=d)\n```\n\n"
        "You must have **Unity Catalog**.\n"
    )
    # the title shares "score" and "batch" with score_batch, nothing with create_table
    assert {(s, o) for s, _, o, _ in ruled(x, "requires")} == {("fs.score_batch", "Unity Catalog")}
