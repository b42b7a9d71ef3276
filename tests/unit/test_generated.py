"""Generated files (schemas, vocabulary, checker reference) match the code, and the schemas accept
every shipped casebook file, so editors that read them help trainers rather than mislead them."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from irt_sim.inputs.casebook import KINDS, read_yaml
from irt_sim.generate import generated_files

from ..support import CASEBOOK, KIT


@pytest.mark.parametrize("rel", sorted(generated_files()))
def test_committed_copy_is_up_to_date(rel):
    path = KIT / rel
    assert path.exists(), f"{rel} is missing; run 'irt-academy generate'"
    assert path.read_text(encoding="utf-8") == generated_files()[rel], f"{rel} is stale; run 'irt-academy generate'"


def _files(kind):
    folder = KINDS[kind][1]
    return [CASEBOOK / "community.yaml"] if folder is None else sorted((CASEBOOK / folder).glob("*.yaml"))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_accepts_every_shipped_file(kind):
    schema = json.loads((CASEBOOK / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in _files(kind):
        data, _ = read_yaml(path.read_text(encoding="utf-8"), path.name)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors[:3]}"


def test_schema_rejects_an_unknown_field():
    schema = json.loads((CASEBOOK / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors({"customer": "x", "meeting": {"date": "2026-01-01"}, "colour": "red"}))


def test_every_rule_is_in_the_reference_with_an_example():
    from irt_sim.checks.plan_rules import RULES

    text = (KIT / "docs" / "checker-reference.md").read_text(encoding="utf-8")
    for code in RULES:
        section = text.split(f"### {code}\n", 1)[1].split("\n### ", 1)[0]
        assert "Why:" in section and f"> {code}:" in section, f"{code} lacks its reason or example"
