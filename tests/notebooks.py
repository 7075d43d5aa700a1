"""Jupyter notebooks written by tests: cells as (kind, source lines), the JSON as saved."""

from __future__ import annotations

import json


def notebook(*cells: tuple[str, list[str]]) -> str:
    """The JSON text of a notebook holding `cells` ("markdown" or "code", source lines)."""
    return json.dumps(
        {
            "cells": [{"cell_type": kind, "metadata": {}, "source": src} for kind, src in cells],
            "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
        ensure_ascii=False,
    )
