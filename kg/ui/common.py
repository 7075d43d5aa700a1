"""What every page of the app shares: its context (language, store, engine, concept search,
how to cite a file), widgets whose value outlives them, answers with their evidence, the
concept picker, and a build with a progress bar."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.ui.messages import build_summary, error_text, skipped_text
from kg.ui.text import RELATION_WORDS

# where the next of the queries an answer ran starts (each query begins at a line's start)
_QUERY_START = re.compile(r"\n\s*\n(?=(?:PREFIX|SELECT|ASK|CONSTRUCT|DESCRIBE)\b)")

__all__ = [
    "Page",
    "concept_picker",
    "go_to",
    "run_build",
    "short_paths",
    "show_answer",
    "show_build",
    "sticky",
]


@dataclass(frozen=True)
class Page:
    """What a page renders with: the language and its strings, the store, the engine (loaded
    when a page first asks for it, so a page that needs none draws at once) and concept search
    of the live build, and the short name of every document it holds."""

    lang: str
    text: dict[str, str]
    store: str
    generation: str  # which build is live: part of every cache key
    load_engine: Callable[[], api.QAEngine]
    search: api.ConceptSearch
    paths: dict[str, str] = field(default_factory=dict)  # source → what a citation shows

    @property
    def engine(self) -> api.QAEngine:
        return self.load_engine()

    def label(self, iri: str) -> str:
        concept = self.search.get(iri)
        return concept.label if concept else iri

    def verb(self, relation: str) -> str:
        """How `relation` reads between two concepts in the page's language."""
        return RELATION_WORDS[self.lang].get(relation, relation)

    def reason(self, concept: str, relation: str, other: str) -> str:
        """Why a topic builds on another: "score_batch requires fs.log_model"."""
        return self.text["why"].format(concept=concept, reads=self.verb(relation), requires=other)

    def short(self, source: str) -> str:
        return self.paths.get(source) or _short(source)

    def full(self, source: str, line: int | None = None) -> str | None:
        """The full path (for hovering over a citation), when the citation shortens it."""
        if self.short(source) == source:
            return None
        return f"{source}:{line}" if line is not None else source

    def cite(self, source: str, line: int) -> str:
        """`file:line` as people read it: relative to the notes, not the absolute path."""
        return f"{self.short(source)}:{line}"

    def error(self, err: KgError) -> str:
        return error_text(err, self.text, self.lang)


def _short(source: str) -> str:
    path = Path(source)
    if not path.is_absolute():
        return source
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return path.name


@st.cache_data(show_spinner=False, max_entries=8)
def documents(store: str, generation: str) -> list[dict[str, str]]:
    """The documents of one build of the graph, read once per build (the notes page and
    every citation use them)."""
    del generation  # part of the cache key only
    return api.documents(store=store)


def short_paths(sources: Iterable[str]) -> dict[str, str]:
    """What a citation shows for each source: the path relative to the folder the app runs in
    when it is inside it, else relative to the folder the other notes share (the file name
    when they share none)."""
    sources = list(sources)
    outside = [s for s in sources if Path(s).is_absolute() and _short(s) == Path(s).name]
    root = os.path.commonpath([str(Path(s).parent) for s in outside]) if outside else ""
    return {
        s: (str(Path(s).relative_to(root)) if s in outside and root != "/" else _short(s))
        for s in sources
    }


def sticky(name: str, lang: str | None = None) -> dict[str, Any]:
    """Keyword arguments for a widget whose value outlives it: kept under `name` when the page
    is left and come back to, or when a language switch renames its options (the widget is
    then keyed per language, so the browser draws it afresh with the kept value)."""
    key = f"{name}@{lang}" if lang else f"{name}@widget"
    if name in st.session_state:
        st.session_state[key] = st.session_state[name]

    def keep() -> None:
        st.session_state[name] = st.session_state[key]

    return {"key": key, "on_change": keep}


def go_to(page_name: str, **values: Any) -> None:
    """Open another page with some of its widgets set (by their `sticky` names)."""
    for name, value in values.items():
        st.session_state[name] = value
    st.session_state["page"] = page_name
    st.rerun()


def run_build(
    text: dict[str, str], store: str, added: Sequence[Path | str] = ()
) -> api.BuildReport:
    """Build the graph again (`api.rebuild`: the notes it holds, the app's notes and `added`)
    with a progress bar."""
    bar = st.progress(0.0, text=text["building"])

    def progress(done: int, total: int, path: Path) -> None:
        bar.progress(done / total, text=path.name)

    report = api.rebuild(added, store=store, progress=progress)
    bar.empty()
    return report


def show_build(report: api.BuildReport, text: dict[str, str], lang: str) -> None:
    """What a build read and what it skipped."""
    st.success(build_summary(report, text))
    for skipped in report.skipped:
        st.warning(skipped_text(skipped.path, skipped.reason, skipped.line, text, lang))


def concept_picker(page: Page, label: str, name: str) -> str | None:
    """A concept select box whose choice outlives the page (see `sticky`)."""
    iris = [c.iri for c in page.search.concepts()]
    if st.session_state.get(name) not in iris:
        st.session_state.pop(name, None)
    return st.selectbox(
        label,
        iris,
        index=None,
        format_func=page.label,
        placeholder=page.text["pick"],
        **sticky(name),
    )


def show_answer(page: Page, answer: api.Answer, key: str = "answer") -> None:
    """An answer, its concepts, its evidence (each line openable in context) and its SPARQL;
    close concepts to ask about instead when the notes do not hold the answer. `key` tells
    the widgets of one answer from another's."""
    if not answer.found:
        st.warning(answer.answer)
        _suggestions(answer.suggestions, key)
        return
    st.markdown(answer.answer)  # its citations name files briefly already (the engine's)
    if answer.concepts:
        st.caption(page.text["concepts"] + ": " + ", ".join(c.label for c in answer.concepts))
    with st.expander(page.text["evidence"]):
        for n, item in enumerate(answer.items):
            for m, ev in enumerate(item.evidence):
                st.markdown(
                    f"**{item.label}** — `{page.cite(ev.source, ev.line)}`  \n> {ev.text}",
                    help=page.full(ev.source, ev.line),
                )
                if st.toggle(page.text["in_context"], key=f"{key}-ctx-{n}-{m}-{ev.line}"):
                    _in_context(page, ev.source, ev.line)
    if answer.sparql:
        with st.expander("SPARQL"):
            for n, query in enumerate(_QUERY_START.split(answer.sparql.strip())):
                st.code(query, language="sparql")
                if st.button(page.text["open_sparql"], key=f"{key}-sparql-{n}"):
                    go_to("sparql", **{"sparql-text": query})


def _suggestions(labels: Sequence[str], key: str) -> None:
    cols = st.columns(max(len(labels), 1))
    for col, label in zip(cols, labels, strict=False):
        if col.button(label, key=f"{key}-suggest-{label}"):
            st.session_state["ask"] = label
            st.rerun()


def _in_context(page: Page, source: str, line: int) -> None:
    try:
        around = api.context(source, line)
    except KgError as err:
        st.error(page.error(err))
    else:
        marked = [f"{'▶' if k == line else ' '} {k:>5}  {t}" for k, t in around]
        st.caption(page.short(source), help=page.full(source))
        st.code("\n".join(marked), language="markdown")
