"""The Notes page: the documents in the graph; add notes (a note that would replace one of the
same name waits for the user's word) and rebuild."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from kg import api
from kg.errors import KgError
from kg.ui.common import Page, documents, run_build, show_build

__all__ = ["UPLOADS", "render"]

UPLOADS = Path("data") / "uploads"  # in the folder the app was started from
FORMATS = ["md", "markdown", "txt", "ipynb", "rst", "mdx"]
MAX_MB = api.DEFAULT_MAX_BYTES // (1024 * 1024)  # Streamlit's `server.maxUploadSize` matches


def _documents(page: Page) -> list[dict[str, str]]:
    """The documents table with its headers in the page's language."""
    text = page.text
    columns = {
        "source": text["col_file"],
        "lang": text["col_lang"],
        "lines": text["col_lines"],
        "sections": text["col_sections"],
        "topics": text["col_topics"],
    }
    rows = documents(page.store, page.generation)  # cached: copied, not changed in place
    return [
        {
            title: page.short(doc[k]) if k == "source" else doc.get(k, "")
            for k, title in columns.items()
        }
        for doc in rows
    ]


def render(page: Page) -> None:
    text = page.text
    if built := st.session_state.pop("built", None):  # the build of the run before
        show_build(built, text, page.lang)
    st.subheader(text["documents"])
    st.dataframe(_documents(page), width="stretch", hide_index=True)
    uploads = st.session_state.setdefault("uploads", 0)  # a new uploader after each build
    files = st.file_uploader(
        text["upload"], type=FORMATS, accept_multiple_files=True,
        help=text["upload_help"].format(mb=MAX_MB),
        key=f"upload-{uploads}",
    )  # fmt: skip
    conflicts = _conflicts(page, files or [])
    replace = False
    if conflicts:
        names = ", ".join(sorted({p.name for p in conflicts}))
        st.warning(text["replace_warning"].format(folder=UPLOADS, names=names))
        replace = st.checkbox(text["replace"])
    if st.button(text["build"], type="primary", disabled=bool(conflicts) and not replace):
        try:
            saved = [
                api.save_upload(f.name, f.getvalue(), UPLOADS, replace=replace) for f in files or []
            ]
            st.session_state["built"] = run_build(text, page.store, saved)
        except KgError as err:
            st.error(page.error(err))
        else:
            st.session_state["uploads"] = uploads + 1
            st.rerun()  # the documents table, the engine and the search of the new build


def _conflicts(page: Page, files: list[UploadedFile]) -> list[Path]:
    """The notes the uploads would replace (the same bytes again replace nothing); a name kg
    refuses is said at once."""
    found: list[Path] = []
    for f in files:
        try:
            found += [
                old
                for old in api.upload_conflicts(f.name, UPLOADS)
                if not (old.is_file() and old.read_bytes() == f.getvalue())
            ]
        except KgError as err:
            st.error(page.error(err))
    return found
