"""The Learning path page: what to study before a goal, in order, ticking off what you know;
the goal and what you know stay while you visit other pages."""

from __future__ import annotations

import streamlit as st

from kg.ui.common import Page, concept_picker

__all__ = ["render"]


def render(page: Page) -> None:
    goal = concept_picker(page, page.text["goal"], "path-goal")
    if not goal:
        return
    answer = page.engine.learning_path(goal, page.lang)
    if not answer.found:
        st.info(page.text["none"])
    known = st.session_state.setdefault("known", set())
    for n, item in enumerate(answer.items, start=1):
        done = st.checkbox(f"{n}. {item.label}", value=item.iri in known, key=f"known-{item.iri}")
        (known.add if done else known.discard)(item.iri)
        for ev in item.evidence[:1]:
            cited = page.cite(ev.source, ev.line)
            st.caption(f"`{cited}` — {ev.text}", help=page.full(ev.source, ev.line))
    remaining = [i.label for i in answer.items if i.iri not in known]
    if remaining:
        st.success(page.text["next"] + ": " + remaining[0])
    elif answer.items:
        st.success(page.text["all_known"])
