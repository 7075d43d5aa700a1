"""The Notes page: the documents in the graph; add notes and rebuild."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.ui.common import Page, build

__all__ = ["UPLOADS", "render"]

UPLOADS = Path("data") / "uploads"  # in the folder the app was started from


def render(page: Page) -> None:
    st.subheader(page.text["documents"])
    st.dataframe(api.documents(store=page.store), width="stretch", hide_index=True)
    files = st.file_uploader(
        page.text["upload"],
        type=["md", "markdown", "txt", "ipynb", "rst", "mdx"],
        accept_multiple_files=True,
    )
    if st.button(page.text["build"]):
        try:
            saved = [api.save_upload(f.name, f.getvalue(), UPLOADS) for f in files or []]
            build(page.text, page.store, saved)
        except KgError as err:
            st.error(str(err))
