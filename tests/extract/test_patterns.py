"""Extraction's text patterns: linear in their input, and the same answers as the patterns
they replace. No timings: the shapes that cost the square of the input are read from each
pattern (`regex_shapes`), the scans written out are checked against the old patterns on short
random text, and long adversarial lines go through them and through a whole extraction."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract, labels, patterns
from kg.extract.code import _CALL_RE, analyze_code
from kg.extract.cues import _heading_patterns, section_cues
from kg.extract.normalize import clean_label, code_parts
from kg.extract.rules.purpose import PURPOSE_SCAN, _clause_patterns, purpose_end
from kg.extract.units import Unit, line_text
from kg.ingest import Paragraph, RichText, load_document
from tests.extract.regex_shapes import problems

EXTRACT = Path(__file__).resolve().parents[2] / "kg" / "extract"
TEXT = st.text(alphabet=list("aAé1_ .,/-()\n\t:;?!¿¡|`*x\u00a0"), max_size=40)

# the patterns the scans replace, as they were
OLD_GLOSS = re.compile(r"([^\W\d][\w\s./-]*?)\s*\(\s*([^()]{1,60}?)\s*\)")
OLD_CALL_ARGS = re.compile(r"\(.*\)\s*$", re.DOTALL)
OLD_QUESTION = re.compile(r"^[¿¡\s]*|[?!.:\s]+$")
OLD_TRAIL = re.compile(r"\s*\|\s*$")
OLD_HEADING_GLOSS = re.compile(r"(.+?)\s*\((.+)\)")
OLD_PARENTHETICAL = re.compile(r"\s*\(.*?\)")
OLD_VS = re.compile(r"\s+(?:vs\.?|versus|frente a)\s+", re.IGNORECASE)
OLD_CONTEXT_TAIL = re.compile(
    r"\s+(?:en|in|de|of|para|for|con|with|dentro de)\s+(?:(?:el|la|los|las|the|un|una|a|an)\s+)?"
    r"[A-Z][\w\s.-]*$"
)
OLD_CALL = re.compile(r"([A-Za-z_][\w]*(?:\(\))?(?:\.[A-Za-z_][\w]*)*)\s*\(")


def _patterns_in_source() -> list[re.Pattern[str]]:
    """Every pattern kg/extract compiles or passes to `re` as a literal, and the ones built
    from cue data."""
    found: list[re.Pattern[str]] = []
    for path in sorted(EXTRACT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in ("compile", "sub", "match", "search", "fullmatch", "split")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(re.compile(node.args[0].value))
    found += _clause_patterns()
    found += [p for role in section_cues() for p in _heading_patterns(role)]
    return found


def test_patterns_no_extraction_pattern_has_a_super_linear_shape() -> None:
    found = _patterns_in_source()
    assert len(found) > 30  # the walk found them
    assert {p.pattern: problems(p) for p in found if problems(p)} == {}


@pytest.mark.parametrize(
    "old",
    [OLD_GLOSS, OLD_CALL_ARGS, OLD_QUESTION, OLD_TRAIL, OLD_HEADING_GLOSS, OLD_VS, OLD_CALL],
)
def test_patterns_the_shape_check_finds_the_old_patterns(old: re.Pattern[str]) -> None:
    assert problems(old)


def test_patterns_the_shape_check_finds_nested_quantifiers() -> None:
    assert "C" in problems(re.compile(r"^(\w+\s?)*$"))
    assert problems(re.compile(r"^(?:\.[a-z]\w*)*$")) == []  # "." separates the repeats


@given(TEXT)
def test_patterns_glosses_are_what_the_old_pattern_found(text: str) -> None:
    old = [(m.group(1), m.group(2), m.start(), m.end()) for m in OLD_GLOSS.finditer(text)]
    new = [(g.outer, g.inner, g.start, g.end) for g in patterns.glosses(text)]
    assert new == old


@given(TEXT)
def test_patterns_the_other_scans_are_what_the_old_patterns_did(text: str) -> None:
    assert patterns.strip_call_args(text) == OLD_CALL_ARGS.sub("", text)
    assert patterns.strip_question_marks(text) == OLD_QUESTION.sub("", text)
    assert patterns.strip_table_pipe(text) == OLD_TRAIL.sub("", text)
    assert patterns.drop_parentheticals(text) == OLD_PARENTHETICAL.sub("", text)
    old = OLD_HEADING_GLOSS.fullmatch(text)
    assert patterns.heading_gloss(text) == (old.groups() if old else None)


WORDY = st.lists(
    st.sampled_from(
        ["en", "de", "el", "Databricks", "A", "x", " ", "  ", "vs", "versus", ".", "!"]
    ),
    max_size=12,
).map(" ".join)


@given(WORDY)
def test_patterns_heading_splits_are_what_the_old_patterns_did(text: str) -> None:
    assert patterns.VERSUS.split(text) == OLD_VS.split(text)
    assert labels._drop_context_tail(text) == OLD_CONTEXT_TAIL.sub("", text)


@given(st.text(alphabet=list("aB_ .()x=,\t"), max_size=40))
def test_patterns_calls_in_code_that_does_not_parse_are_the_same(line: str) -> None:
    # a name now starts a word: the same calls wherever no digit or other letter precedes one
    old = [m.group(1) for m in OLD_CALL.finditer(line)]
    assert [m.group(1) for m in _CALL_RE.finditer(line)] == old


def test_patterns_a_call_name_starts_a_dotted_name() -> None:
    assert [m.group(1) for m in _CALL_RE.finditer("x = 2g(y) + f(z) + 1.h(w)")] == ["f"]
    assert [m.group(1) for m in _CALL_RE.finditer("  .format(x).load(p)")] == ["format", "load"]


@given(TEXT)
def test_patterns_clean_label_is_what_it_was(text: str) -> None:
    def old(text: str) -> str:
        text = " ".join(text.replace("\\_", "_").split())
        text = text.strip("\"'“”‘’`«»")
        while text and not (text[0].isalnum() or text[0] in "_.("):
            text = text[1:].lstrip()
        while text and text[-1] in " :;,.!?¿¡→-–—*|#":
            text = text[:-1].rstrip()
        return text

    assert clean_label(text) == old(text)


@given(TEXT, st.integers(min_value=-2, max_value=45))
def test_patterns_line_of_an_offset(text: str, offset: int) -> None:
    unit = Unit(RichText(text), 10, Paragraph(10, 12, RichText(text)))
    assert unit.line_at(offset) == 10 + text.count("\n", 0, max(offset, 0))


def test_patterns_a_gloss_holds_at_most_sixty_characters() -> None:
    assert [g.inner for g in patterns.glosses("Name (" + "x" * 60 + ")")] == ["x" * 60]
    assert list(patterns.glosses("Name (" + "x" * 61 + ")")) == []


def test_patterns_a_leading_purpose_ends_within_the_scan() -> None:
    near = "To filter runs, you must use MLflow"
    assert purpose_end(near, len(near)) == len("To filter runs,")
    far = "To " + "filter " * (PURPOSE_SCAN // 7 + 1) + ", you must use MLflow"
    assert purpose_end(far, len(far)) == 0  # a clause that long is not a leading purpose


LONG = 60_000


ADVERSARIAL = {
    "words without a parenthesis": (lambda: list(patterns.glosses("a " * LONG)), []),
    "many glosses": (
        lambda: len(list(patterns.glosses("Interquartile Range (IQR) " * (LONG // 26)))),
        LONG // 26,
    ),
    "parentheses never closed": (lambda: list(patterns.glosses("a (" * (LONG // 3))), []),
    "call without its closing": (
        lambda: patterns.strip_call_args("(" * LONG + "x"),
        "(" * LONG + "x",
    ),
    "many remarks": (
        lambda: patterns.drop_parentheticals("a (b) " * (LONG // 6)),
        "a " * (LONG // 6),
    ),
    "remarks never closed": (lambda: patterns.drop_parentheticals("((" * LONG), "((" * LONG),
    "marks inside": (
        lambda: patterns.strip_question_marks("x" + " ." * LONG + "y"),
        "x" + " ." * LONG + "y",
    ),
    "heading of parentheses": (lambda: patterns.heading_gloss("a" + "(" * LONG), None),
    "vs heading of blanks": (lambda: labels.vs_sides("a" + " " * LONG + "b"), None),
    "question with a long context": (
        lambda: labels.question_subject("¿Qué es X" + " en A" * LONG + "!?"),
        "X",
    ),
    "label of parentheses": (lambda: code_parts("a (" * (LONG // 3)), None),
    "line of blanks": (lambda: line_text_of("x" + " " * LONG + "y"), "x" + " " * LONG + "y"),
    "code with one long word": (lambda: len(analyze_code("a1" * LONG + " x").calls), 0),
    "code with one long dotted name": (lambda: len(analyze_code("a_1." * LONG + ")").calls), 0),
    "purpose without its comma": (lambda: purpose_end("To " + "x " * LONG + ", y", 2 * LONG), 0),
}


@pytest.mark.parametrize("case", list(ADVERSARIAL))
def test_patterns_long_adversarial_lines_go_through(case: str) -> None:
    call, expected = ADVERSARIAL[case]
    assert call() == expected  # type: ignore[no-untyped-call]


def line_text_of(line: str) -> str:
    from kg.ingest import Document

    return line_text(Document(Path("x.md"), "markdown", "utf-8", False, 1, (), (line,)), 1)


PIECES = st.sampled_from(
    [" ", "a", "(", ")", "(IQR)", ", ", ". ", "\n", "para que ", "To run, ", "|", "`fs.x()`",
     "**AutoML** requiere **ML Runtime**", " y ", "only available in ", "¿Qué es ", "vs"]
)  # fmt: skip


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(PIECES, min_size=1, max_size=6).map("".join))
def test_patterns_long_random_lines_go_through_extraction(tmp_path: Path, unit: str) -> None:
    paragraph = (unit * (20_000 // len(unit) + 1))[:20_000].strip() or "a"
    path = tmp_path / "long.md"
    path.write_text(f"# Notas\n\n{paragraph}\n", encoding="utf-8")
    doc = load_document(path)
    x = extract([doc])
    keys = {c.key for c in x.concepts}
    last = len(doc.lines)
    for a in x.assertions:
        assert {a.subject, a.object} <= keys
        assert 3 <= a.evidence.line <= last
        assert a.evidence.text == line_text(doc, a.evidence.line)
