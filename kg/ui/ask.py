"""The Ask page: a question in, the answer with its evidence out."""

from __future__ import annotations

import streamlit as st

from kg.ui.common import Page, show_answer
from kg.ui.text import EXAMPLES

__all__ = ["render"]


def render(page: Page) -> None:
    question = st.chat_input(page.text["question"])
    if question:
        st.session_state["question"] = question
    current = st.session_state.get("question")
    if not current:
        st.write(page.text["examples"])
        for example in EXAMPLES:
            if st.button(example, key=f"example-{example}"):
                st.session_state["question"] = example
                st.rerun()
        return
    st.chat_message("user").write(current)
    with st.chat_message("assistant"):
        show_answer(page, page.engine.ask(current))
