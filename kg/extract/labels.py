"""Labels: when a piece of text names a concept, and under which key it is registered.

Both passes use these: pass 1 registers every label the notes mark, pass 2 finds the same keys
again for table rows, headings and list items.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from kg.extract.code import is_class_name
from kg.extract.context import DocContext, Place
from kg.extract.cues import has_relation_cue, heading_has, negations
from kg.extract.nlp import fold, is_function_phrase
from kg.extract.normalize import clean_label, is_code_like, is_literal_value, term_key
from kg.extract.patterns import VERSUS, alternation, drop_parentheticals, strip_question_marks
from kg.extract.registry import Registry
from kg.ingest.document import Document, Section, Table
from kg.lang import listed

__all__ = [
    "MAX_TERM_WORDS",
    "VS_WORDS",
    "add_label",
    "heading_class",
    "is_acronym",
    "is_term_label",
    "lead_subject",
    "looks_like_name",
    "question_subject",
    "same_thing",
    "section_sides",
    "share_head",
    "strip_numbering",
    "table_shape",
    "vs_sides",
]


MAX_TERM_WORDS = 6
MAX_LABEL = 80  # characters of a label; longer text is a sentence, not a name
VS_WORDS = listed("versus")  # the cell between two sides of a vs table
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/]{1,7}$")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)])\s+")
# "... en Databricks", "... in the Workspace": a context after the name. Entered only at the
# start of a run of blanks, and searched only in the text's last run of the characters it can
# match (see `_drop_context_tail`), so it is linear.
_CONTEXT_TAIL = re.compile(
    rf"(?<!\s)\s+(?:{alternation(listed('context_prepositions'))})\s+"
    rf"(?:(?:{alternation(listed('articles'))})\s+)?[A-Z][\w\s.-]*$"
)
_TAIL_RUN = re.compile(r"(?<![\w\s.-])[\w\s.-]*+\Z")
_QUESTION_CUES = listed("question_subject_cues")
_JOINERS = frozenset(fold(w) for w in listed("joiners"))
_QUESTION_WORDS = frozenset(fold(w) for w in listed("question_words"))
_LEAD_ARTICLE = re.compile(rf"^(?:{alternation(listed('articles'))})\s+", re.IGNORECASE)
# "Contexto: Qué es X" → "Qué es X": a short label before a colon, not a question's part
_LEAD_LABEL = re.compile(rf"^[^:?{re.escape(''.join(listed('opening_marks')))}]{{1,30}}:\s*")
# a label whose last part is a parenthesis; labels are at most MAX_LABEL characters long
_TRAILING_GLOSS = re.compile(r"^(.+?)\s+\(([^()]+)\)")
_SAME_NAME = 60  # rapidfuzz ratio of two one-word names that are one word in two languages
_BARE_CALL = re.compile(r"^`*([a-z_][\w]*)\(\s*\)`*")


def _drop_context_tail(text: str) -> str:
    """`text` without a trailing context ("ML Runtime en Databricks" → "ML Runtime")."""
    run = _TAIL_RUN.search(text)
    start = run.start() if run else len(text)
    return text[:start] + _CONTEXT_TAIL.sub("", text[start:])


def strip_numbering(title: str) -> str:
    """A heading without its list number: "2. Modelos" → "Modelos", "b) Tags" → "Tags"."""
    return _NUMBERING.sub("", title)


def question_subject(title: str) -> str | None:
    """X of a "¿Qué es X?" / "What is X?" heading, without articles or a trailing context
    ("¿Qué es un ML Runtime en Databricks?" → "ML Runtime")."""
    text = strip_question_marks(strip_numbering(title))
    text = _LEAD_LABEL.sub("", text)
    text = strip_question_marks(text)
    folded = text.lower()
    for cue in _QUESTION_CUES:
        if folded.startswith(cue):
            rest = _second_question(text[len(cue) :].strip())
            rest = _LEAD_ARTICLE.sub("", rest)
            rest = _drop_context_tail(rest).strip()
            words = rest.split()
            return rest if 0 < len(words) <= MAX_TERM_WORDS else None
    return None


def _second_question(rest: str) -> str:
    """What a heading asks about when a second question shares it: "¿Qué es y cómo funciona
    SHAP?", "¿Qué son y para qué sirven los embeddings?" ask about what follows the second
    question's words and its verb; `rest` as it is otherwise."""
    words = rest.split()
    if len(words) < 3 or fold(words[0]) not in _JOINERS:
        return rest
    n = 1
    while n < len(words) and fold(words[n]) in _QUESTION_WORDS:
        n += 1
    if n == 1:
        return ""
    # the second question's verb ("funciona", "sirven", "no"), then its subject
    n += 1
    while n < len(words) and fold(words[n]) in _QUESTION_WORDS:
        n += 1
    return " ".join(words[n:])


def lead_subject(section: Section) -> str | None:
    """What a section's first paragraphs may describe: its own heading when that is a short
    name, or the heading above an "Overview" heading."""
    if heading_has("overview", section.title) and len(section.heading_path) >= 2:
        title = section.heading_path[-2]
    else:
        title = section.title
    title = clean_label(title)
    if not title or question_subject(title) or len(title.split()) > 5:
        return None
    return title


def is_term_label(label: str, lang: str) -> bool:
    """Whether prose marked as a name (bold, a first column, a heading) is a concept's name.

    Not when it is long, ends like a lead-in (":"), holds a code identifier among other words
    (the identifier is the concept), starts with a negation, holds a relation cue ("Requiere
    X" is a statement), or is a section cue ("Nota de examen").
    """
    words = label.split()
    if not words or len(words) > MAX_TERM_WORDS or label.endswith(":"):
        return False
    if is_function_phrase(label):
        return False
    if len(words) > 1 and any(is_code_like(w.strip("(),.;")) for w in words):
        return False
    if fold(words[0]) in negations():
        return False
    if any(
        heading_has(role, label) for role in ("key_points", "requirements", "alternative_intro")
    ):
        return False
    return not has_relation_cue(label, lang)


def _abbreviates(short: str, long: str) -> bool:
    """Schwartz & Hearst: every letter of the short form, in order, in the long form, the
    first one starting a word ("IQR" ← "Interquartile Range", "CV" ← "Cross-Validation")."""
    letters = [c for c in short.lower() if c.isalnum()]
    text = long.lower()
    i = len(text) - 1
    for n in range(len(letters) - 1, -1, -1):
        while i >= 0 and (text[i] != letters[n] or (n == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
    return len(long.split()) <= len(letters) + 2


def is_acronym(text: str) -> bool:
    """ "CV", "IQR", "MLOps" is not: two to eight capitals, digits, "&" or "/"."""
    return bool(_ACRONYM.match(text))


def same_thing(name: str, gloss: str) -> bool:
    """Whether "name (gloss)" gives one thing two names: an acronym and its expansion
    ("Cross-Validation (CV)", "IQR (Interquartile Range)"), or a word-for-word translation
    ("Mode (moda)", "Experimentos (Experiments)"); not a remark ("Batch (offline)")."""
    for short, long in ((gloss, name), (name, gloss)):
        if is_acronym(short.replace("-", "")) and _abbreviates(short, long):
            return True
    a, b = fold(name).split(), fold(gloss).split()
    if not 0 < len(a) == len(b) <= 4:
        return False
    if term_key(name) == term_key(gloss):  # the glossary says so ("modelo registrado")
        return True
    # most words have a cognate on the other side ("Mode (moda)"; not "Serving (real time)")
    cognates = sum(any(_cognate(x, y) for y in b) for x in a)
    return cognates * 2 > len(a)


def _cognate(x: str, y: str) -> bool:
    return x[:2] == y[:2] and fuzz.ratio(x, y) >= _SAME_NAME


def add_label(
    reg: Registry, ctx: DocContext, text: str, places: tuple[Place, ...] = ()
) -> str | None:
    """Register a label as a code identifier or a term, whichever it is. A trailing gloss
    that is another name of the same thing is not part of the name: "Mode (moda)" names Mode
    and moda; a qualifier stays ("MLflow Registry (workspace)")."""
    label = clean_label(text)
    if not label or is_literal_value(label) or len(label) > MAX_LABEL:
        return None
    gloss = _TRAILING_GLOSS.fullmatch(label)
    if gloss and not is_code_like(label) and same_thing(gloss.group(1), gloss.group(2)):
        key = add_label(reg, ctx, gloss.group(1), places)
        other = add_label(reg, ctx, gloss.group(2), places)
        if key and other and other != key:
            reg.union(key, other)
        return key or other
    if is_code_like(label):
        return reg.add_code(label, ctx.resolver, None, places=places)
    if not is_term_label(label, ctx.lang):
        return None
    return reg.add_term(label, ctx.lang, None)


def table_shape(table: Table) -> str:
    """ "vs" (A | vs | B), "comparison" (aspect | side | side), "terms" (term | description),
    or "" for other tables."""
    width = len(table.header)
    for c in range(1, width - 1):
        cells = [row[c].text.strip().lower() for row in table.rows if c < len(row)]
        if cells and all(v in VS_WORDS for v in cells):
            return "vs"
    if width >= 3 and table.header and heading_has("aspect_headers", table.header[0].text):
        return "comparison"
    if width >= 2 and heading_has("tradeoffs", table.header[0].text):
        return ""  # "Ventaja | Explicación": its first cells are properties, not terms
    if width >= 2 and (
        heading_has("term_headers", table.header[0].text)
        or heading_has("description_headers", table.header[1].text)
    ):
        return "terms"
    return ""


def looks_like_name(word: str) -> bool:
    """A single bold word is a name when written like one: "MLflow", "GPU", "AutoML"."""
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() or c == "_" for c in word)


def heading_class(section: Section) -> str | None:
    """The class a method heading sits under, in API reference docs: "RegisteredModelsAPI"
    for a heading "create()" below a heading "RegisteredModelsAPI"; None otherwise."""
    if len(section.heading_path) < 2 or not _BARE_CALL.fullmatch(section.title.strip()):
        return None
    parent = clean_label(section.heading_path[-2])
    return parent if is_class_name(parent) else None


def vs_sides(title: str) -> list[str] | None:
    """The two sides of an "A vs B" heading ("Comparison: AutoML vs Manual ML"), glosses
    dropped; None when the heading does not compare two short names."""
    title = re.sub(r"^[^:]{0,40}:\s*", "", title)
    sides = VERSUS.split(title)
    if len(sides) != 2 or any(len(s.split()) > 6 or not s.strip() for s in sides):
        return None
    return [drop_parentheticals(s) for s in sides]


def section_sides(doc: Document, section: Section) -> list[str] | None:
    """The sides of a section's "A vs B" heading, a head shared when its text says so."""
    sides = vs_sides(section.title)
    if not sides:
        return None
    return share_head(sides, "\n".join(doc.lines[section.line_start : section.line_end]))


def share_head(sides: list[str], text: str) -> list[str]:
    """The sides of "Multiple vs. Single Imputation" as "Multiple Imputation" and "Single
    Imputation": a one-word side shares the other side's head ("Inferencia batch vs
    streaming": the head comes first) when the text under the heading says the shared form
    ("multiple imputations"); "Docker vs Virtual Machines" stays as it is."""
    left, right = sides
    folded = fold(text)
    plural = alternation(listed("plural_endings"))

    def said(phrase: str) -> bool:
        pattern = rf"(?<!\w){re.escape(fold(phrase))}(?:{plural})?(?!\w)"
        return re.search(pattern, folded) is not None

    lw, rw = left.split(), right.split()
    if len(lw) == 1 and len(rw) >= 2 and not looks_like_name(left):
        if said(shared := " ".join([left, *rw[1:]])):  # modifier before the head
            return [shared, right]
        if said(shared := " ".join([*rw[:-1], left])):  # head before the modifier
            return [shared, right]
    if len(rw) == 1 and len(lw) >= 2 and not looks_like_name(right):
        if said(shared := " ".join([*lw[:-1], right])):
            return [left, shared]
        if said(shared := " ".join([right, *lw[1:]])):
            return [left, shared]
    return sides
