"""Composition of an answer from typed facts and ranked statements (a pure function)."""

from __future__ import annotations

from dataclasses import replace

from kg.qa.compose import code_snippet, compose, covers, render_statements, text_excerpt
from kg.qa.context import Result
from kg.qa.model import AnswerItem, LinkedConcept
from kg.qa.retrieval import Ranked, Weights

W = Weights()
LINKED = [LinkedConcept("https://kg.invalid/concept/x", "X", "term", 1.0)]
TYPED = Result(True, "**X** requires:\n- **Y**", (AnswerItem("Y", "iri:y", "requires"),))


def statement(text: str, coverage: float, *, kind: str = "sentence", line: int = 3) -> Ranked:
    return Ranked(
        iri=f"doc/S{line}", text=text, kind=kind, context="python" if kind == "code" else "",
        source="notes.md", line=line, heading="Notes › X", section="doc/L1", language="en",
        score=coverage, coverage=coverage,
    )  # fmt: skip


def test_compose_typed_facts_lead_when_they_cover_the_question_as_well() -> None:
    ranked = [statement("X needs Y to run.", 0.8)]
    out = compose(TYPED, 0.8, ranked, LINKED, "en", W)
    assert out.found and out.text.startswith("**X** requires")
    assert "X needs Y to run. (notes.md:3)" in out.text
    assert [i.relation for i in out.items] == ["requires", "statement"]


def test_compose_a_statement_the_typed_facts_quote_is_not_shown_again() -> None:
    code = "client.create_registered_model(name)"
    typed = Result(True, f"Example:\n```python\n{code}\n```", (AnswerItem("X", "iri:x", "code"),))
    ranked = [statement(code, 0.8, kind="code"), statement("It fails if X exists.", 0.8, line=9)]
    out = compose(typed, 0.8, ranked, LINKED, "en", W)
    assert out.text.count(code) == 1 and "It fails if X exists. (notes.md:9)" in out.text
    assert [i.relation for i in out.items] == ["code", "statement"]
    # a short statement the typed facts hold as a word is still shown ("Delta" in "**Delta**")
    named = Result(True, "**Delta** tables", (AnswerItem("X", "iri:x", "requires"),))
    out = compose(named, 0.8, [statement("Delta", 0.8, kind="item")], LINKED, "en", W)
    assert "- Delta (notes.md:3)" in out.text


def test_compose_a_loosely_linked_concept_leaves_every_statement_before_its_facts() -> None:
    ranked = [statement(f"Statement {n} answers.", 0.15, line=n) for n in range(1, 9)]
    weak = Result(True, "**Notebook with example**: a link", (), direct=True)
    for score, shown in ((0.55, 8), (1.0, 5)):  # a loose link, a named concept
        linked = [LinkedConcept("c", "Notebook with example", "term", score)]
        out = compose(weak, 0.0, ranked, linked, "en", W)
        assert sum(f"Statement {n} answers." in out.text for n in range(1, 9)) == shown
        assert out.text.index("Statement 1") < out.text.index("Notebook with example")


def test_compose_a_sentence_comes_with_the_one_before_it_once() -> None:
    before = "Our score is .53, right in the middle."
    after = replace(statement("This says the data suits clustering poorly.", 0.8, line=5),
                    context=before)  # fmt: skip
    text, _ = render_statements([after], frozenset({"score"}))
    assert f"{before} This says" in text  # "This" is the score: the sentence before says so
    text, _ = render_statements([statement(before, 0.9, line=5), after], frozenset({"score"}))
    assert text.count(before) == 1  # shown just before it: not again
    text, _ = render_statements([after], frozenset({"data"}))
    assert before not in text  # it holds no word of the question the sentence lacks


def test_compose_the_best_statement_is_read_more_fully_than_the_next() -> None:
    long = " ".join(f"Sentence {n} says a thing about greedy tokens." for n in range(30))
    text, _ = render_statements(
        [statement(long, 0.9, line=1), statement(long.replace("Sentence", "Line"), 0.8, line=2)]
    )
    first, second = text.splitlines()
    assert 700 < len(first) < 900 and len(second) < 500


def test_compose_statements_lead_when_they_cover_the_question_better() -> None:
    ranked = [statement("X needs Y to run.", 0.9)]
    out = compose(TYPED, 0.4, ranked, LINKED, "en", W)
    assert out.text.startswith("What your notes say:")
    assert out.text.index("X needs Y") < out.text.index("**X** requires")
    # the items of the typed facts still come first: each names a concept, and after ten
    # statements' items they would fall past the fifteen an answer keeps
    many = [statement(f"X needs Y{n} to run.", 0.9, line=n) for n in range(3, 15)]
    out = compose(TYPED, 0.4, many, LINKED, "en", W)
    assert [i.relation for i in out.items][:2] == ["requires", "statement"]
    assert out.items[0].label == "Y" and len(out.items) == 1 + len(many)


def test_compose_a_fallback_follows_the_statements() -> None:
    around = Result(True, "Your notes do not define **X** ...", (), direct=False)
    out = compose(around, 1.0, [statement("X is a tool.", 0.9)], LINKED, "en", W)
    assert out.text.startswith("What your notes say:")
    assert out.text.index("X is a tool.") < out.text.index("do not define")


def test_compose_a_weak_fallback_follows_statements_that_cover_the_question_better() -> None:
    around = Result(True, "Your notes do not define **y_test** ...", (), direct=False)
    weak_link = [LinkedConcept("c", "y_test", "code", 0.6)]
    below = W.abstain - 0.05
    partial = [statement("def detect_drift(a, b, threshold=0.05): ...", below, kind="code")]
    out = compose(around, 0.1, partial, weak_link, "en", W)  # too little to answer alone
    assert out.found and out.text.startswith("What your notes say:")
    assert out.text.index("detect_drift") < out.text.index("do not define")
    alone = compose(around, 0.5, partial, weak_link, "en", W)  # the fallback covers more
    assert alone.text.startswith("Your notes do not define")


def test_compose_weak_typed_facts_follow_statements_that_cover_more() -> None:
    # neither covers the question well ("how do I create an index without locking
    # writes?" answered from a section on creating tables): the statements cover more
    below = W.abstain - 0.05
    ranked = [statement("Create indexes without locking writes.", below)]
    weak_link = [LinkedConcept("c", "create_table", "api", 0.65)]
    out = compose(TYPED, below - W.weak_margin - 0.1, ranked, weak_link, "en", W)
    assert out.found and out.text.startswith("What your notes say:")
    assert out.text.index("without locking") < out.text.index("**X** requires")
    # covering about as much, the typed facts answer alone
    same = compose(TYPED, below - W.weak_margin + 0.01, ranked, weak_link, "en", W)
    assert same.text == TYPED.text


def test_compose_abstains_when_statements_cover_too_little() -> None:
    weak = [statement("Something else entirely.", W.abstain - 0.1)]
    nothing = Result(False)
    assert not compose(nothing, 0.0, weak, [], "en", W).found
    # naming a concept of the notes exactly lowers the bar
    assert covers(weak, LINKED, W)
    assert not covers(weak, [LinkedConcept("c", "C", "term", 0.5)], W)


def test_compose_lists_show_their_lead_in_once() -> None:
    items = [
        Ranked("d/S5", "first", "item", "Steps:", "n.md", 5, "H", "d/L1", "en", 1.0, 1.0),
        Ranked("d/S6", "second", "item", "Steps:", "n.md", 6, "H", "d/L1", "en", 1.0, 1.0),
    ]
    text, found = render_statements(items)
    assert text == "- Steps:\n  - first (n.md:5)\n  - second (n.md:6)"
    assert [i.evidence[0].line for i in found] == [5, 6]
    # the lead-in ranked on its own after its items is not shown a second time
    lead = Ranked("d/S4", "Steps:", "sentence", "", "n.md", 4, "H", "d/L1", "en", 1.0, 1.0)
    again, shown = render_statements([*items, lead])
    assert again == text and len(shown) == 2
    # ... and ranked before them it is shown with its line, its items under it
    before, shown = render_statements([lead, *items])
    assert before == "- Steps: (n.md:4)\n  - first (n.md:5)\n  - second (n.md:6)"
    assert len(shown) == 3


def test_compose_a_block_that_fits_comes_whole_with_the_setup_before_the_asked_call() -> None:
    code = "# 1. index\nidx = StringIndexer()\n\n# 2. encode\nOneHotEncoder().fit(d)\n"
    offset, shown = code_snippet(code, frozenset({"onehotencoder"}))
    assert offset == 0 and shown == code.rstrip("\n")
    text, _ = render_statements(
        [statement(code, 1.0, kind="code", line=10)], frozenset({"onehotencoder"})
    )
    assert "StringIndexer" in text and "(notes.md:10)" in text


def test_compose_a_long_block_starts_a_line_before_the_asked_call_and_cites_it() -> None:
    code = "".join(f"x{n} = {n}\n" for n in range(14)) + "fs.score_batch(model_uri=m, df=d)\n"
    offset, shown = code_snippet(code, frozenset({"score_batch"}), room=12)
    assert offset == 13 and shown.startswith("…\nx13 = 13\nfs.score_batch(")
    longer = "".join(f"x{n} = {n}\n" for n in range(30)) + "fs.score_batch(model_uri=m, df=d)\n"
    text, _ = render_statements(
        [statement(longer, 1.0, kind="code", line=10)], frozenset({"score_batch"})
    )
    assert "(notes.md:39)" in text and "x29 = 29\nfs.score_batch(" in text


def test_compose_blank_lines_are_shown_but_not_counted() -> None:
    code = "".join(f"t{n} = op({n})\n\n" for n in range(12)) + "t0 >> t1\n"
    offset, shown = code_snippet(code, frozenset({"t0", "t1"}), room=13)
    assert offset == 0 and shown.endswith("t0 >> t1")  # 13 lines that count, 25 in all


def test_compose_the_first_code_block_is_shown_more_fully_than_the_next() -> None:
    block = "".join(f"step_{n}()\n" for n in range(30))
    text, _ = render_statements(
        [
            statement(block, 1.0, kind="code", line=1),
            statement(block.replace("step", "other"), 0.9, kind="code", line=40),
        ],
        frozenset(),
    )
    assert "step_19()" in text and "step_20()" not in text
    assert "other_7()" in text and "other_8()" not in text


def test_compose_a_long_block_shows_the_window_holding_most_of_the_question() -> None:
    diagram = "\n".join(
        ["DEPLOYMENT STRATEGIES", "1. RECREATE", "   downtime"]
        + [f"   filler {n}" for n in range(8)]
        + ["3. BLUE-GREEN", "   switch from blue to green", "   instant rollback"]
        + [f"   more {n}" for n in range(5)]
        + ["4. CANARY", "   10% of traffic first"]
    )
    offset, shown = code_snippet(
        diagram, frozenset({"blue", "green", "canary", "deployment"}), room=12
    )
    assert "BLUE-GREEN" in shown and "CANARY" in shown and "instant rollback" in shown
    assert offset == 11  # the window opens on its first line holding a term


def test_compose_a_long_statement_shows_the_sentences_that_answer() -> None:
    text = (
        "input_schema_name: the schema where models are registered. "
        + "We recommend keeping the name of the project for it. " * 6
        + "Be sure that the service principals have the right permissions on this schema, "
        "which would be USE_SCHEMA, MODIFY and CREATE_TABLE. It defaults to the project name."
    )
    shown = text_excerpt(text, frozenset({"servic", "principal", "permiss"}))
    assert len(shown) <= 400 and shown.startswith("input_schema_name: the schema")
    assert "… Be sure that the service principals" in shown and "CREATE_TABLE" in shown
    assert shown.endswith(" …")  # the last sentence is left out
    assert text_excerpt(text, frozenset({"nothing"})) == text[:399].rstrip() + "…"
    assert text_excerpt("Short.", frozenset()) == "Short."


def test_compose_a_list_after_typed_facts_comes_whole() -> None:
    from dataclasses import replace

    items = [
        replace(statement(f"item {n}", 0.9, kind="item", line=10 + n), context="What it does")
        for n in range(4)
    ]
    ranked = [statement("X needs Y.", 0.9, line=3), *items, statement("Z too.", 0.9, line=20)]
    ranked += [statement(f"V{n} also.", 0.9, line=21 + n) for n in range(3)]
    out = compose(TYPED, 0.9, ranked, LINKED, "en", W)
    assert all(f"item {n}" in out.text for n in range(4))  # four items count as one
    assert "V1 also." in out.text and "V2 also." not in out.text  # five statements in all


def test_compose_what_completes_a_statement_never_pushes_a_best_one_past_the_cut() -> None:
    # the best statement and the long list that completes it, then the second best
    best = statement("Options used for project initialization:", 0.8, line=1)
    listed = [
        replace(statement(f"input_{n}: " + "a long description of the option " * 8, 0.8,
                          kind="item", line=10 + n), completes=0)
        for n in range(8)
    ]  # fmt: skip
    answer = statement("A short name registers the model in the local workspace registry.", 0.7)
    out = compose(Result(False, "", ()), 0.0, [best, *listed, answer], LINKED, "en", W)
    assert out.found and "local workspace registry" in out.text
    assert len(out.text) <= 2000 and "input_0:" in out.text  # the first items still come
    assert "input_7:" not in out.text  # the last ones made room
    # with room for all, nothing is left out
    short = [replace(r, text=r.text[:40]) for r in listed]
    out = compose(Result(False, "", ()), 0.0, [best, *short, answer], LINKED, "en", W)
    assert all(r.text in out.text for r in short) and "local workspace registry" in out.text
