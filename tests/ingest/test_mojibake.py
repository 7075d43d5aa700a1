from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.encoding import repair_text
from kg.ingest.mojibake import repair_mac_roman


def mac_roman_mojibake(text: str) -> str:
    """What the seed notes went through: UTF-8 bytes decoded as Mac Roman."""
    return text.encode("utf-8").decode("mac_roman")


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Categor√≠a", "Categoría"),
        ("¬øQu√© es?", "¿Qué es?"),
        ("‚úÖ listo", "✅ listo"),
        ("entrenamiento ‚Üí validaci√≥n", "entrenamiento → validación"),
        ("100‚ÄØ% editable", "100\u202f% editable"),
        ("Pr√°ctica y √∫ltimo", "Práctica y último"),
        ("qu√© ‚Äúmejor run‚Äù buscas", "qué “mejor run” buscas"),
        ("Dvo≈ô√°k", "Dvořák"),
        ("¬´√©l¬ª", "«él»"),
    ],
)
def test_mojibake_repairs_seed_sequences(broken: str, fixed: str) -> None:
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    "fixed", ["## 🧠 Conceptos", "## 📌 Puntos claves", "⚙️ **Soporte**", "🕵🏼 Es costoso", "❌ No"]
)
def test_mojibake_repairs_emoji(fixed: str) -> None:
    assert repair_text(mac_roman_mojibake(fixed)) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "naïve façade",
        "“Él” dijo",
        "x ≠ y",
        "√2 ≈ 1.41",
        "Ñandú",
        "Dijo —él.",
        "plain ASCII text",
        "¿Qué es un ML Runtime?",
        "🧠 ✅ → ⚙️",
        "«él» dijo «ámbito»",
        "Ííí",
        "ÍÚé",
    ],
)
def test_mojibake_leaves_clean_text_unchanged(clean: str) -> None:
    assert repair_text(clean) == clean


@pytest.mark.parametrize(
    "fixed", ["Categoría: “mejor run” → ¿Qué? ñandú ✅", "¡Hola! Índice 🧠", "Ü y ü"]
)
def test_mojibake_repairs_utf8_read_as_latin1(fixed: str) -> None:
    assert repair_text(fixed.encode("utf-8").decode("latin-1")) == fixed


@pytest.mark.parametrize("clean", ["»Ü", "É¡A", "Ç“A", "aÇ¿ mixed with Categoría"])
def test_mojibake_clean_text_that_resembles_cp1252_mojibake_is_kept(clean: str) -> None:
    assert repair_text(clean) == clean


def test_mojibake_repair_is_idempotent_on_the_seed(seed_path) -> None:  # type: ignore[no-untyped-def]
    text = seed_path.read_text(encoding="utf-8")
    once = repair_text(text)
    assert once != text
    assert repair_text(once) == once
    assert "√" not in once and "¬ø" not in once


SPANISH = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz ABCXYZ.,;:!?¿¡«»—“”áéíóúñÁÉÍÓÚÑü→✅🧠📌")
    ),
    max_size=60,
)


@given(SPANISH)
def test_mojibake_round_trip_of_spanish_text(text: str) -> None:
    assert repair_text(mac_roman_mojibake(text)) == text


@given(SPANISH)
def test_mojibake_leaves_clean_spanish_text_unchanged(text: str) -> None:
    assert repair_mac_roman(text) == text


@given(st.text(max_size=200))
def test_mojibake_repair_is_a_fixed_point(text: str) -> None:
    once = repair_mac_roman(text)
    assert repair_mac_roman(once) == once
