"""The Ask page: questions in, answers with their evidence out, the session's history kept
(newest last)."""

from __future__ import annotations

import streamlit as st

from kg.ui.common import Page, show_answer
from kg.ui.text import EXAMPLES

__all__ = ["render"]


def render(page: Page) -> None:
    history = st.session_state.setdefault("history", [])  # (question, answer), oldest first
    typed = st.chat_input(page.text["question"])
    question = typed or st.session_state.pop("ask", None)  # or an example, a suggestion
    if question:
        history.append((question, page.engine.ask(question)))
    if history and page.engine.index_outdated:  # on every run while its answers are shown
        st.warning(page.text["index_outdated"])
    if history and page.engine.tables_outdated:
        st.warning(page.text["tables_outdated"])
    if not history:
        st.write(page.text["examples"])
        for example in EXAMPLES:
            if st.button(example, key=f"example-{example}"):
                st.session_state["ask"] = example
                st.rerun()
        return
    for n, (asked, answer) in enumerate(history):
        st.chat_message("user").write(asked)
        with st.chat_message("assistant"):
            show_answer(page, answer, key=f"q{n}")
    if st.button(page.text["clear_history"]):
        history.clear()
        st.rerun()
