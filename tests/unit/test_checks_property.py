"""Property-based tests: the checker and the loader never crash, whatever plan-shaped data they get."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError
from hypothesis import strategies as st
from ruamel.yaml import YAML

from irt_sim.inputs.yamlfile import InputError, parse_document
from irt_sim.checks.plan_rules import RULES, SECTIONS, Finding, Severity, check_plan
from irt_sim.model import Plan
from irt_sim.vocab import Stage

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def plan_data(book):
    """Plan-shaped dictionaries mixing real casebook names with unknown ones and empty values."""
    # A few programs whose services overlap are drawn often, so that commitments often match a real
    # service of the partner's program and the deeper rules (outcomes, duplication, timing) get exercised.
    core = ["state-vr", "ajc-wioa-adult", "northgate-ips", "tanf-work-program", "natural-supports"]
    program_ids = st.one_of(st.sampled_from(core), st.sampled_from(sorted(book.programs) + ["no-such-program"]))
    customer_ids = sorted(book.customers) + ["no-such-customer"]
    core_services = sorted({s.id for p in core for s in book.programs[p].services})
    all_services = sorted({s.id for p in book.programs.values() for s in p.services}) + ["no-such-service"]
    service_ids = st.one_of(st.sampled_from(core_services), st.sampled_from(all_services))
    handles = ["a", "b", "c", "d", "e"]
    dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
    maybe_text = st.one_of(st.none(), st.text(max_size=20))

    attendee = st.fixed_dictionaries(
        {"id": st.sampled_from(handles), "name": st.text(min_size=1, max_size=15), "role": st.text(min_size=1, max_size=10)},
        optional={"customer": st.booleans(), "program": program_ids},
    )
    commitment = st.fixed_dictionaries(
        {"partner": st.sampled_from(handles + ["zz"]), "service": service_ids},
        optional={"milestone": maybe_text, "detail": maybe_text, "coordinated_with": st.sampled_from(handles)},
    )
    phase = st.fixed_dictionaries(
        {"phase": st.text(min_size=1, max_size=10), "stage": st.sampled_from([s.value for s in Stage]),
         "commitments": st.lists(commitment, max_size=6)}
    )
    action = st.fixed_dictionaries(
        {"action": st.text(min_size=1, max_size=15)},
        optional={"responsible": st.lists(st.sampled_from(handles + ["zz"]), max_size=3),
                  "due": st.one_of(st.none(), dates, st.just("ongoing")),
                  "apply_for": program_ids},
    )
    goal = st.fixed_dictionaries(
        {},
        optional={"job_title": maybe_text, "hourly_wage": st.one_of(st.none(), st.floats(0, 200)),
                  "weekly_hours": st.one_of(st.none(), st.floats(0, 80)), "competitive_integrated": st.booleans(),
                  "hourly_wage_max": st.one_of(st.none(), st.floats(0, 200))},
    )
    communication = st.fixed_dictionaries(
        {},
        optional={"point_of_contact": st.sampled_from(handles + ["zz"]),
                  "customer_raises_issues_with": st.sampled_from(handles + ["zz"]),
                  "shared_information": st.lists(st.text(min_size=1, max_size=10), max_size=3),
                  "updates": st.fixed_dictionaries({}, optional={"method": maybe_text, "frequency": maybe_text}),
                  "consent": maybe_text},
    )
    return st.fixed_dictionaries(
        {"id": st.just("generated"), "customer": st.sampled_from(customer_ids),
         "meeting": st.fixed_dictionaries({"date": dates})},
        optional={
            "attendees": st.lists(attendee, max_size=8, unique_by=lambda a: a["id"]),
            "goal": goal, "communication": communication,
            "sequence": st.lists(phase, max_size=4), "action_items": st.lists(action, max_size=5),
            "follow_up": st.fixed_dictionaries({}, optional={"next_meeting": st.one_of(st.none(), dates),
                                                              "timeline": maybe_text}),
            "crisis_plan": maybe_text, "continuation": maybe_text,
        },
    )


@pytest.fixture(scope="module")
def plans(book):
    return plan_data(book)


def test_checker_never_crashes_on_plan_shaped_data(book, plans):
    @SETTINGS
    @given(plans)
    def run(data):
        try:
            plan = Plan.model_validate(data)
        except ValidationError:
            return  # blank names and the like: the loader reports these; the checker never sees them
        findings = check_plan(plan, book)
        assert isinstance(findings, list)
        for f in findings:
            assert isinstance(f, Finding)
            assert f.code in RULES and f.severity in Severity and f.section in SECTIONS
            assert f.severity == RULES[f.code].severity
            assert f.message and f.message[0] not in " \n"

    run()


def test_loader_never_raises_anything_but_located_problems():
    """Random YAML documents: either a valid plan or InputError with problems, never a traceback."""
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8),
                        st.dates())
    keys = st.sampled_from(["customer", "meeting", "date", "attendees", "goal", "sequence", "action_items", "due",
                            "id", "name", "role", "stage", "junk", "weekly_hours"])
    values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
    documents = st.dictionaries(keys, values, max_size=6)
    yaml = YAML()

    @SETTINGS
    @given(documents)
    def run(doc):
        import io

        buf = io.StringIO()
        yaml.dump(doc, buf)
        try:
            parse_document(buf.getvalue(), Plan, "random.yaml", doc_id="random")
        except InputError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.file == "random.yaml" and p.message

    run()


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_crashes_the_loader(text):
    try:
        parse_document(text, Plan, "random.yaml", doc_id="random")
    except InputError as exc:
        assert all(p.message for p in exc.problems)
