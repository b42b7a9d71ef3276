"""Every checker rule fires when its condition holds and stays quiet when it does not."""

from __future__ import annotations

import datetime as dt

import pytest

from irt_sim import check_plan
from irt_sim.inputs.casebook import load_file
from irt_sim.checks.examples import EXAMPLES, apply_example, example_case
from irt_sim.checks.plan_rules import RULES, SECTIONS, Severity
from irt_sim.model import Plan

from ..support import CASEBOOK

REQUIRED = {  # the codes and severities the issue fixes; more may be added, none changed
    "IRT001": "error", "IRT002": "error", "IRT003": "error", "IRT004": "error", "IRT010": "error",
    "IRT011": "error", "IRT020": "error", "IRT021": "warning", "IRT022": "warning", "IRT030": "error",
    "IRT031": "error", "IRT032": "warning", "IRT033": "error", "IRT034": "warning", "IRT040": "error",
    "IRT041": "error", "IRT042": "error", "IRT050": "warning", "IRT051": "warning", "IRT052": "warning",
}


def codes(plan, book):
    return {f.code for f in check_plan(plan, book)}


def edited(book, plan_id, fn):
    data = book.plans[plan_id].model_dump(mode="json")
    fn(data)
    return Plan.model_validate(data)


def test_the_required_codes_keep_their_meaning():
    for code, severity in REQUIRED.items():
        assert code in RULES and RULES[code].severity.value == severity, code


def test_every_rule_has_an_example():
    assert set(EXAMPLES) == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_fires_on_its_example_and_not_on_the_worked_plan(book, code):
    example = EXAMPLES[code]
    assert code not in codes(book.plans[example.plan], book), f"{code} fires on the untouched worked plan"
    plan, changed = example_case(example, book)
    found = [f for f in check_plan(plan, changed) if f.code == code]
    assert found, f"{code} does not fire when {example.change}"
    for f in found:
        assert f.severity == RULES[code].severity and f.section in SECTIONS
        assert len(f.message) > 30 and "Traceback" not in f.message


def test_findings_point_at_lines_of_the_plan_file(book):
    loaded = load_file(CASEBOOK / "plans" / "lena-marsh-vet-tech.yaml", Plan)
    data = loaded.obj.model_dump(mode="json")
    data["action_items"][1]["due"] = None
    findings = check_plan(Plan.model_validate(data), book, lines=loaded.lines)
    [f] = [f for f in findings if f.code == "IRT042"]
    assert f.line == loaded.line(("action_items", 1)) and f.item == data["action_items"][1]["action"]


# --- the finer points of single rules -----------------------------------------------------------


def test_irt001_does_not_count_employers_or_natural_supports(book):
    plan = book.plans["lena-marsh-vet-tech"]
    customer = book.customer(plan.customer)
    def keep_undetermined(d):
        d["attendees"] = [a for a in d["attendees"] if a.get("customer") or (
            a.get("program") and not book.program(a["program"]).eligibility.determined)]
        d["attendees"].append({"id": "x", "name": "X Y", "role": "VR", "program": "state-vr"})
    assert customer.status_with("state-vr").counts
    found = [f for f in check_plan(edited(book, plan.id, keep_undetermined), book) if f.code == "IRT001"]
    assert found and "in only one system on the team" in found[0].message


def test_irt003_exempts_natural_supports(book):
    assert not book.program("natural-supports").release_required
    plan = edited(book, "lena-marsh-vet-tech", lambda d: d["attendees"].append(
        {"id": "nn", "name": "Nell Vance", "role": "Friend", "program": "natural-supports"}))
    assert not [f for f in check_plan(plan, book) if f.code == "IRT003" and f.item == "Nell Vance"]


def test_irt004_is_satisfied_by_an_application_action_item(book):
    example = EXAMPLES["IRT004"]
    plan = apply_example(example, book)
    guest = plan.attendee("guest")
    data = plan.model_dump(mode="json")
    data["action_items"].append({"action": "Apply", "responsible": ["guest"], "due": "ongoing",
                                 "apply_for": guest.program})
    assert "IRT004" not in codes(Plan.model_validate(data), book)


def test_irt011_does_not_treat_tanf_hours_as_a_job_rule(book):
    """TANF's 20 hours (single parent of a child under 6) are weekly participation, met by any mix of
    core activities; a 15-hour job is an outcome TANF counts (45 CFR 261.31, 261.35)."""
    plan = book.plans["tasha-bellweather-pharmacy-tech"]
    assert book.customer(plan.customer).household.single_parent_child_under_6
    part_time = edited(book, plan.id, lambda d: d["goal"].update(weekly_hours=15))
    assert not [f for f in check_plan(part_time, book) if f.code == "IRT011"]


def test_irt011_uses_a_programs_own_hours_rule(book):
    """A trainer's program may count only jobs of some length; the single-parent figure applies to a
    single parent of a child under 6."""
    import dataclasses

    from irt_sim.model import Program

    plan = book.plans["tasha-bellweather-pharmacy-tech"]
    record = book.programs["tanf-work-program"].model_dump(mode="json", exclude_none=True)
    record["outcome"].update(min_weekly_hours=30, min_weekly_hours_single_parent=20)
    own = dataclasses.replace(book, programs={**book.programs, "tanf-work-program": Program.model_validate(record)})
    just_enough = edited(own, plan.id, lambda d: d["goal"].update(weekly_hours=20))
    assert not [f for f in check_plan(just_enough, own) if f.code == "IRT011"]
    too_few = edited(own, plan.id, lambda d: d["goal"].update(weekly_hours=19))
    found = [f for f in check_plan(too_few, own) if f.code == "IRT011"]
    assert found and "(20 hours a week)" in found[0].message


def test_irt011_competitive_integrated(book):
    plan = edited(book, "lena-marsh-vet-tech", lambda d: d["goal"].update(competitive_integrated=False))
    found = [f for f in check_plan(plan, book) if f.code == "IRT011"]
    assert any("competitive integrated" in f.message for f in found)


def test_irt011_wage_floor_at_exactly_minimum_wage_passes(book):
    plan = edited(book, "lena-marsh-vet-tech", lambda d: d["goal"].update(hourly_wage=book.minimum_wage))
    assert "IRT011" not in codes(plan, book)


def test_irt032_is_quiet_when_the_sharing_is_marked_as_agreed(book):
    plan = apply_example(EXAMPLES["IRT032"], book)
    data = plan.model_dump(mode="json")
    first, second = data["sequence"][0]["commitments"][-2:]
    second["coordinated_with"] = first["partner"]
    assert "IRT032" not in codes(Plan.model_validate(data), book)


def test_irt042_accepts_ongoing_and_the_meeting_day_but_not_the_day_before(book):
    plan = book.plans["dario-quill-carpentry"]
    met = plan.meeting.date
    for due, fires in (("ongoing", False), (met.isoformat(), False), ((met - dt.timedelta(days=1)).isoformat(), True)):
        changed = edited(book, plan.id, lambda d, due=due: d["action_items"][0].update(due=due))
        assert ("IRT042" in codes(changed, book)) is fires, due


def test_irt050_flags_a_next_meeting_dated_before_this_one(book):
    plan = book.plans["dario-quill-carpentry"]
    earlier = (plan.meeting.date - dt.timedelta(days=7)).isoformat()
    changed = edited(book, plan.id, lambda d: d["follow_up"].update(next_meeting=earlier))
    [f] = [f for f in check_plan(changed, book) if f.code == "IRT050"]
    assert "not after this one" in f.message


def test_findings_come_in_section_order_errors_first(book):
    plan = edited(book, "lena-marsh-vet-tech", lambda d: d.update(
        crisis_plan=None, goal={}, communication={}, action_items=[{"action": "Call"}]))
    found = check_plan(plan, book)
    order = list(SECTIONS)
    keys = [(order.index(f.section), f.severity != Severity.error) for f in found]
    assert keys == sorted(keys)


def test_only_selected_codes_run(book):
    plan = apply_example(EXAMPLES["IRT020"], book)
    assert {f.code for f in check_plan(plan, book, codes=["IRT020"])} == {"IRT020"}


def test_irt012_accepts_the_same_job_written_more_fully(book):
    plan = book.plans["dario-quill-carpentry"]
    proposed = book.customer(plan.customer).proposed_goal.job_title
    for title, fires in ((f"{proposed} (registered apprenticeship)", False), (proposed.upper(), False),
                         ("Warehouse picker", True)):
        changed = edited(book, plan.id, lambda d, title=title: d["goal"].update(job_title=title))
        assert ("IRT012" in codes(changed, book)) is fires, title


def test_findings_are_counted_in_words_the_same_way_everywhere():
    from irt_sim.checks import Finding, Severity, count_findings

    err = Finding("IRT001", Severity.error, "x", "team")
    warn = Finding("IRT012", Severity.warning, "x", "goal")
    assert count_findings([]) == "0 errors and 0 warnings"
    assert count_findings([err]) == "1 error and 0 warnings"
    assert count_findings([err, err, warn]) == "2 errors and 1 warning"
