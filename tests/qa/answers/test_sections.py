"""Answers from sections: the section a question names, or where a concept is treated."""

from __future__ import annotations

from pathlib import Path

from tests.qa.notes import ask_notes


def test_sections_prose_answers_point_to_their_section(tmp_path: Path) -> None:
    (how, what, outside, prose, partly, pointer) = ask_notes(
        tmp_path,
        "# Data\n\n## Remove outliers with the IQR\n\n"
        "The **IQR filter** requires **Spark ML**.\n\n"
        "## ¿Qué es un dataset desbalanceado?\n\n| Problema | Clase |\n|---|---|\n"
        "| Fraude | Minoritaria |\n\n## Use one-hot encoding for categorical features\n\n"
        "The **OneHotEncoder** is only available in the **ML Runtime**.\n\n"
        "# Identify when a log scale transformation helps\n\nSkewed data.\n\n## Example\n\nx\n",
        "How do I remove outliers?",
        "¿Qué es un dataset desbalanceado?",
        "What is Kubernetes?",
        "What is one-hot encoding?",
        "What is one-hot Kubernetes encoding?",
        "When does a log scale transformation help?",
    )
    # no API for it: the section whose title matches, with its statements and their lines
    assert how.found and "Remove outliers with the IQR" in how.answer
    assert how.items[0].evidence[0].line == 5
    # named but never defined: where the notes treat it, not "not found"
    assert what.found and "notes.md:7" in what.answer
    assert what.items[0].relation == "mentionedIn"
    assert not outside.found
    # no concept named, but a section title holds every word of the question
    assert prose.found and "Use one-hot encoding for categorical features" in prose.answer
    assert not partly.found  # a title that misses a word of the question is not its answer
    # a section the graph holds no statements of: pointed to, with its parts and lines
    assert pointer.found and "- Example (" in pointer.answer
    assert [i.evidence[0].line for i in pointer.items] == [17, 21]


def test_sections_a_title_answers_only_when_it_holds_each_word_the_question_counts(
    tmp_path: Path,
) -> None:
    used, cases = ask_notes(
        tmp_path,
        "# Tools\n\n## Use Cases\n\nBatch scoring runs every night.\n",
        "What is prefect used for?",
        "What are the use cases?",
    )
    # "used" meets the title's "Use", but the question asks about a word it lacks
    assert not used.found and "Use Cases" not in used.answer
    assert cases.found and "Use Cases" in cases.answer


def test_sections_a_how_to_in_words_the_notes_never_use_is_no_title_match(
    tmp_path: Path,
) -> None:
    spreadsheet, outliers = ask_notes(
        tmp_path,
        "# Data\n\n## Feature tables\n\nEach row holds the features of one customer.\n\n"
        "## Remove outliers with the IQR\n\nKeep the rows between the two quartiles.\n",
        "how do i make a pivot table in a spreadsheet",
        "How do I remove outliers?",
        typed_only=False,
    )
    # "table" meets half of "Feature tables", but "pivot" and "spreadsheet" are no words of theirs
    assert not spreadsheet.found and "Feature tables" not in spreadsheet.answer
    # asked in the notes' words, a how-to still meets the title that holds some of them
    assert outliers.found and "Remove outliers with the IQR" in outliers.answer
