"""The few sentences answers are written with, per language (a small table, not logic)."""

from __future__ import annotations

__all__ = ["say"]

PHRASES: dict[str, dict[str, str]] = {
    "es": {
        "requires": "**{x}** requiere:",
        "required_by": "Dependen de **{x}**:",
        "learning_path": "Para llegar a **{x}**, estudia en este orden:",
        "difference": "Diferencias entre **{a}** y **{b}**:",
        "difference_one": "Comparaciones de **{a}** en tus notas:",
        "side_by_side": (
            "Las notas no comparan **{a}** y **{b}** directamente; esto dicen de cada uno:"
        ),
        "definition": "**{x}**:",
        "how_to": "Para eso, las notas usan:",
        "parts": "**{x}** incluye:",
        "usage": "Cuándo usar **{x}**, según tus notas:",
        "about": "Las notas no responden eso directamente; esto dicen de **{x}**:",
        "covered_in": "Tus notas lo tratan en **{x}** ({where}):",
        "mentioned_in": "Tus notas no definen **{x}**, pero lo tratan en estas secciones:",
        "not_found": "No encontré {q} en tus notas.",
        "suggest": "Conceptos parecidos: {s}.",
        "aspect": "Aspecto",
        "definition_row": "Definición",
        "notes_row": "Notas",
        "requires_row": "Requiere",
        "line": "línea",
        "example": "Ejemplo",
        "source": "fuente",
        "notes_say": "Lo que dicen tus notas:",
    },
    "en": {
        "requires": "**{x}** requires:",
        "required_by": "These depend on **{x}**:",
        "learning_path": "To get to **{x}**, study in this order:",
        "difference": "Differences between **{a}** and **{b}**:",
        "difference_one": "Comparisons of **{a}** in your notes:",
        "side_by_side": (
            "Your notes do not compare **{a}** and **{b}** directly; here is what they say of each:"
        ),
        "definition": "**{x}**:",
        "how_to": "For that, your notes use:",
        "parts": "**{x}** includes:",
        "usage": "When to use **{x}**, according to your notes:",
        "about": "Your notes do not answer that directly; this is what they say about **{x}**:",
        "covered_in": "Your notes cover this in **{x}** ({where}):",
        "mentioned_in": "Your notes do not define **{x}**, but they cover it in these sections:",
        "not_found": "I did not find {q} in your notes.",
        "suggest": "Close concepts: {s}.",
        "aspect": "Aspect",
        "definition_row": "Definition",
        "notes_row": "Notes",
        "requires_row": "Requires",
        "line": "line",
        "example": "Example",
        "source": "source",
        "notes_say": "What your notes say:",
    },
}


def say(lang: str, key: str, **values: str) -> str:
    table = PHRASES.get(lang, PHRASES["en"])
    return table[key].format(**values)
