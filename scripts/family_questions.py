"""Question families that test a behaviour across many questions, not one.

    python scripts/family_questions.py typos QUESTIONS.yaml... > typos.yaml
    python scripts/family_questions.py absent NOTES_DIR... > absent.yaml

`typos`: each question of the given sets with one slip (two letters swapped, one dropped or
one doubled, at a fixed random seed) in its longest plain word of seven letters or more; the
expectations stay those of the question. `absent`: "what is X used for" and "que es X", in
lower case, for tools none of the notes under NOTES_DIR names; all must be `found: false`.
Score either with `python3 ../shared/eval/score.py qa FILE --content-only -- kg ask --jsonl`.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

_PLAIN_WORD = re.compile(r"(?<![\w.])[a-záéíóúñ]{7,}(?![\w.(])")
_TOOLS = (
    "prefect dagster kedro luigi metaflow kubeflow seldon bentoml polars flyte zenml clearml "
    "comet evidently deepchecks langchain pinecone weaviate qdrant milvus argo jenkins terraform "
    "ansible tableau looker snowflake redshift bigquery airbyte fivetran dbt superset metabase "
    "grafana prometheus"
).split()
_NOTE_SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".ipynb", ".rst"}


def typos(files: list[str], seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for name in files:
        for q in yaml.safe_load(Path(name).read_text(encoding="utf-8")):
            found = list(_PLAIN_WORD.finditer(q["question"]))
            if not found:
                continue
            m = max(found, key=lambda m: (len(m.group(0)), -m.start()))
            w, i = m.group(0), rng.randrange(2, len(m.group(0)) - 2)
            slip = rng.choice(["swap", "drop", "double"])
            if slip == "swap":
                typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            elif slip == "drop":
                typo = w[:i] + w[i + 1 :]
            else:
                typo = w[:i] + w[i] + w[i:]
            text = q["question"][: m.start()] + typo + q["question"][m.end() :]
            out.append({**q, "id": f"t-{q['id']}", "question": text})
    return out


def absent(folders: list[str]) -> list[dict[str, object]]:
    text = " ".join(
        p.read_text(encoding="utf-8", errors="replace").lower()
        for folder in folders
        for p in sorted(Path(folder).rglob("*"))
        if p.suffix in _NOTE_SUFFIXES
    )
    tools = [t for t in _TOOLS if not re.search(rf"\b{t}\b", text)]
    out: list[dict[str, object]] = []
    for n, tool in enumerate(tools):
        out.append({"id": f"o{n:02d}e", "lang": "en", "question": f"what is {tool} used for",
                    "found": False})  # fmt: skip
        out.append({"id": f"o{n:02d}s", "lang": "es", "question": f"que es {tool}",
                    "found": False})  # fmt: skip
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("typos", "absent"):
        print(__doc__, file=sys.stderr)
        return 2
    made = typos(argv[1:]) if argv[0] == "typos" else absent(argv[1:])
    yaml.safe_dump(made, sys.stdout, allow_unicode=True, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
