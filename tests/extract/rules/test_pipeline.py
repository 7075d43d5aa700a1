"""The rule registry: every rule in the order is registered and the other way round, names
are unique, and the rules the vocabulary lists are the rules that record `kg:rule`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.rules.pipeline import ORDER, STAGES, Stage, TextRule
from kg.ingest import load_document
from tests.conftest import SEED

VOCABULARY = Path(__file__).resolve().parents[3] / "docs" / "vocabulary.md"


def recorded() -> set[str]:
    return {name for stage in STAGES for rule in stage.rules() for name in rule.records}


def test_pipeline_every_rule_is_in_the_order_and_registered() -> None:
    assert [stage.name for stage in STAGES] == list(ORDER)
    for stage in STAGES:
        assert set(stage.registered) == set(ORDER[stage.name]), stage.name
        assert [rule.name for rule in stage.rules()] == list(ORDER[stage.name])


def test_pipeline_a_name_is_registered_once() -> None:
    stage: Stage[TextRule] = Stage("text")

    def rule(r, t) -> None:  # type: ignore[no-untyped-def]
        return None

    stage.rule("cue")(rule)
    with pytest.raises(ValueError, match="registered twice"):
        stage.rule("cue")(rule)


def test_pipeline_a_rule_in_the_order_must_be_registered() -> None:
    with pytest.raises(LookupError, match="code-import"):
        Stage("code").rules()


def test_pipeline_the_vocabulary_lists_the_rules_that_record() -> None:
    text = VOCABULARY.read_text(encoding="utf-8")
    table = text.split("## Rules (`kg:rule`)", 1)[1].split("\n## ", 1)[0]
    listed = {
        name
        for line in table.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([^`]+)`", line.split(" | ")[0])
    }
    assert listed == recorded()


def test_pipeline_what_the_seed_records_is_a_listed_rule() -> None:
    patterns = [
        re.escape(name).replace("LANG", "(es|en)").replace("PHRASE", ".+") for name in recorded()
    ]
    rule = re.compile(rf"(?:{'|'.join(patterns)})(?: \(implicit subject\))?")
    x = extract([load_document(SEED)])
    seen = {a.rule for a in x.assertions} | {c.rule for c in x.comparisons}
    assert len(seen) > 20
    assert {r for r in seen if not rule.fullmatch(r)} == set()
