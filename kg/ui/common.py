"""What every page of the app shares: its context (language, store, engine, concept search),
answers with their evidence, the concept picker, and a build with a progress bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from kg import api
from kg.errors import KgError

__all__ = ["Page", "build", "concept_picker", "show_answer"]


@dataclass(frozen=True)
class Page:
    """What a page renders with: the language and its strings, the store, and the engine and
    concept search of the live build."""

    lang: str
    text: dict[str, str]
    store: str
    generation: str  # which build is live: part of every cache key
    engine: api.QAEngine
    search: api.ConceptSearch

    def label(self, iri: str) -> str:
        concept = self.search.get(iri)
        return concept.label if concept else iri


def build(text: dict[str, str], store: str, added: Sequence[Path | str] = ()) -> None:
    """Build the graph again (`api.rebuild`: the notes it holds, the app's notes and `added`)
    with a progress bar, then say what was read."""
    bar = st.progress(0.0, text=text["building"])

    def progress(done: int, total: int, path: Path) -> None:
        bar.progress(done / total, text=path.name)

    report = api.rebuild(added, store=store, progress=progress)
    bar.empty()
    _report(report)


def _report(report: api.BuildReport) -> None:
    st.success(
        f"{len(report.documents)} docs · {report.concepts} concepts · "
        f"{sum(report.relations.values())} relations · {report.seconds:.1f} s"
    )
    for skipped in report.skipped:
        st.warning(str(skipped))


def concept_picker(page: Page, label: str, key: str, default: str | None = None) -> str | None:
    """A concept select box; `default` (a click elsewhere) replaces its current choice."""
    iris = [c.iri for c in page.search.concepts()]
    if default in iris:
        st.session_state[key] = default
    return st.selectbox(
        label, iris, index=None, key=key, format_func=page.label, placeholder=page.text["pick"]
    )


def show_answer(page: Page, answer: api.Answer) -> None:
    """An answer, its concepts, its evidence (each line openable in context) and its SPARQL;
    close concepts to ask about instead when the notes do not hold the answer."""
    if not answer.found:
        st.warning(answer.answer)
        cols = st.columns(max(len(answer.suggestions), 1))
        for col, label in zip(cols, answer.suggestions, strict=False):
            if col.button(label, key=f"suggest-{label}"):
                st.session_state["question"] = label
                st.rerun()
        return
    st.markdown(answer.answer)
    if answer.concepts:
        st.caption(page.text["concepts"] + ": " + ", ".join(c.label for c in answer.concepts))
    with st.expander(page.text["evidence"]):
        for n, item in enumerate(answer.items):
            for m, ev in enumerate(item.evidence):
                st.markdown(f"**{item.label}** — `{ev.source}:{ev.line}`  \n> {ev.text}")
                if st.toggle(page.text["in_context"], key=f"ctx-{n}-{m}-{ev.line}"):
                    _in_context(ev.source, ev.line)
    with st.expander("SPARQL"):
        st.code(answer.sparql, language="sparql")


def _in_context(source: str, line: int) -> None:
    try:
        around = api.context(source, line)
    except KgError as err:
        st.error(str(err))
    else:
        marked = [f"{'▶' if k == line else ' '} {k:>5}  {t}" for k, t in around]
        st.code("\n".join(marked), language="markdown")
