from __future__ import annotations

from kg.ingest import Code, ListItem, Paragraph, Table, load_document

RST = """\
Feature Store
=============

.. currentmodule:: databricks.sdk.service.ml

A **feature store** is a repository. Use :class:`OnlineStore` objects.

.. py:class:: FeatureStoreAPI

    The API.

    .. py:method:: create_online_store(online_store: OnlineStore) -> OnlineStore

        Create an Online Feature Store.

        :param online_store: :class:`OnlineStore`
          Online store to create.

Usage
-----

* first item
* second item

.. code-block:: python

    fs.create_table(name="x")

+-------+-------+
| Mode  | Means |
+=======+=======+
| merge | upsert|
+-------+-------+
"""


def test_rst_structure_with_sphinx_directives(write) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(write("fs.rst", RST))
    titles = [(s.title, s.level) for s in doc.sections]
    assert titles == [
        ("Feature Store", 1),
        ("FeatureStoreAPI", 2),
        ("create_online_store()", 3),
        ("Usage", 2),
    ]
    assert [s.line_start for s in doc.sections] == [1, 8, 12, 19]


def test_rst_inline_roles_become_code_and_bold_survives(write) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(write("fs.rst", RST))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and "repository" in b.text.text)
    assert para.line_start == 6
    assert para.text.marked("strong") == ["feature store"]
    assert para.text.marked("code") == ["OnlineStore"]


def test_rst_lists_code_tables_and_fields(write) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(write("fs.rst", RST))
    items = [b.text.text for b in doc.blocks if isinstance(b, ListItem)]
    assert "first item" in items and "second item" in items
    assert any(i.startswith("param online_store: OnlineStore") for i in items)
    code = next(b for b in doc.blocks if isinstance(b, Code))
    assert code.language == "python" and "fs.create_table" in code.text
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [c.text for c in table.header] == ["Mode", "Means"]
    assert [[c.text for c in r] for r in table.rows] == [["merge", "upsert"]]


def test_rst_broken_markup_does_not_raise(write) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(
        write("b.rst", "Title\n=====\n\n.. unknown-directive::\n\n`unclosed\n\n* x\n")
    )
    assert doc.sections[0].title == "Title"


EXTENSION_ROLES = """\
Pre-tokenizers
==============

Use :entity:`BertNormalizer.clean_text` here.

.. list-table::
   :header-rows: 1

   * - Name
     - Description
   * - Split
     - behavior should be one of: :entity:`SplitDelimiterBehavior.removed`, :entity:`~Behavior.isolated`
"""


def test_rst_a_role_docutils_does_not_know_is_its_target_as_code(write) -> None:  # type: ignore[no-untyped-def]
    doc = load_document(write("pre.rst", EXTENSION_ROLES))
    para = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert para.text.text == "Use BertNormalizer.clean_text here."
    assert para.text.marked("code") == ["BertNormalizer.clean_text"]
    table = next(b for b in doc.blocks if isinstance(b, Table))
    # docutils' report on the unknown role is not part of the cell
    assert [[c.text for c in r] for r in table.rows] == [
        ["Split", "behavior should be one of: SplitDelimiterBehavior.removed, Behavior.isolated"]
    ]
