"""Section cues: heading roles match whole words, a plural allowed."""

from __future__ import annotations

from kg.extract.cues import heading_has


def test_cues_heading_cues_are_whole_words() -> None:
    assert heading_has("requirements", "Requisitos previos")  # a plural of the cue
    assert heading_has("key_points", "📌 Puntos clave")
    assert not heading_has("key_points", "Un resultado notable")  # "nota" inside a word
    assert not heading_has("key_points", "Other people's study notes")
    assert heading_has("comparison", "Online vs Offline")
