"""What completes a statement of an answer (pure functions over a section's statements)."""

from __future__ import annotations

from dataclasses import replace

from kg.qa.completion import announced, captioned, counterparts, is_caption
from kg.qa.question_terms import between_sides
from kg.qa.retrieval import Ranked

LEAD = "Their behaviour can be extended by:"
PARENT = "server extension: an importable Python module"


def _item(text: str, line: int, context: str = LEAD) -> Ranked:
    return Ranked(
        iri=f"doc/S{line}", text=text, kind="item", context=context, source="notes.md",
        line=line, heading="Extensions", section="doc/L1", language="en", score=1.0,
        coverage=1.0,
    )  # fmt: skip


SECTION = [
    _item("nbextension:", 2),
    _item("a JavaScript module", 3, "nbextension:"),
    _item("that exports load_ipython_extension", 4, "a JavaScript module"),
    _item(PARENT, 5),
    _item("that implements load_jupyter_server_extension", 6, PARENT),
]


def test_completion_an_item_brings_the_item_about_the_other_side_with_its_list() -> None:
    sides = between_sides("What's the difference between an nbextension and a server extension?")
    assert sides == ["nbextension", "server extension"]
    shown = [r.text for r in counterparts(SECTION[3], SECTION, sides)]
    assert shown == ["nbextension:", "a JavaScript module", "that exports load_ipython_extension"]
    # a sub-item that names neither side: the item it is under does
    assert [r.text for r in counterparts(SECTION[4], SECTION, sides)] == shown
    # and the other way round; an item that names both brings nothing
    assert counterparts(SECTION[1], SECTION, sides)[0].text == PARENT
    both = _item("an nbextension needs a server extension", 7)
    assert counterparts(both, [*SECTION, both], sides) == []


def test_completion_a_lead_in_announces_the_short_paragraphs_after_it() -> None:
    def sentence(text: str, line: int) -> Ranked:
        return replace(_item(text, line), kind="sentence", context="")

    lead = sentence("The null and alternate hypothesis of this test are:", 10)
    section = [
        lead,
        sentence("Null Hypothesis: The series has a unit root.", 12),
        sentence("Alternate Hypothesis: The series has no unit root.", 14),
        sentence("If the test statistic is below the critical value, reject the null.", 16),
        sentence("More text follows.", 18),
    ]
    assert [r.line for r in announced(lead, section)] == [12, 14, 16]
    # a long paragraph after it is not one of a few short ones it announces
    long = sentence("Text " * 60, 12)
    assert announced(lead, [lead, long, *section[2:]]) == []


def test_completion_a_caption_brings_the_paragraph_under_it_not_the_ones_after() -> None:
    def sentence(text: str, line: int, context: str = "") -> Ranked:
        return replace(_item(text, line), kind="sentence", context=context)

    caption = sentence("Alternative with register_model", 10)
    first = sentence("It is less flexible.", 12)
    second = sentence("It calls both client methods.", 12, first.text)
    other = sentence("Serving is another topic.", 14)
    assert is_caption(caption)
    assert captioned(caption, [caption, first, second, other]) == [first, second]
    # a sentence inside a paragraph, or one that ends as a sentence does, is no caption
    assert not is_caption(second) and not is_caption(first)
    # a lead-in ending in ":" brings short paragraphs, not the sentences inside one
    lead = sentence("The hypotheses are:", 8)
    assert announced(lead, [lead, first, second]) == [first]
