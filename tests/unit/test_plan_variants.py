"""A case of one's own in the plan exercise, in memory: each case in the pool has a team the learner is
given and a trainer's plan with full marks; a plan that leaves the team out is read with it; a
practice customer's team record leaves out a barrier the story tells of, and the fuller record (derived,
never written by hand) puts it back, so a plan written only for the list loses its points."""

from __future__ import annotations

import re

import pytest
import yaml

from irt_sim.cases.worked_plan import plan_text
from irt_sim.grading import grade_held_back, grade_plan, my_case
from irt_sim.grading.cases import exercise_casebook, practice_cases
from irt_sim.grading.plan_case import plan_casebook, team_of, with_team, worked_plan_of
from irt_sim.grading.practice_records import full_record, held_back
from irt_sim.grading.variants import WORKED_CASE, case_for, case_pool

pytestmark = pytest.mark.unit
A = "negotiate_the_plan"
TEAM_KEYS = re.compile(r"^(meeting|attendees|program_records):", re.MULTILINE)


def without_team(text: str) -> str:
    """A plan as a learner writes it in the answer cell: no meeting, attendees or program dates."""
    data = yaml.safe_load(text)
    return yaml.safe_dump({k: v for k, v in data.items() if k not in ("meeting", "attendees", "program_records")},
                          sort_keys=False, allow_unicode=True, width=100)


def practice_pool() -> list[str]:
    return [c for c in case_pool(A) if c != WORKED_CASE[A]]


def test_the_pool_is_the_worked_case_and_practice_customers_never_the_casebooks_planned_ones():
    pool = case_pool(A)
    assert pool[0] == "odessa-pruitt" and len(pool) >= 8
    kit = set(exercise_casebook(customer="odessa-pruitt").customers)
    assert set(pool) - {"odessa-pruitt"} <= {c.customer.id for c in practice_cases()} and not (set(pool[1:]) & kit)
    assert len({case_for(f"learner-{n:02d}", A) for n in range(1, 31)}) >= 6
    assert case_for("", A) == "odessa-pruitt" and case_for("ana", A, per_learner=False) == "odessa-pruitt"


@pytest.mark.parametrize("cid", practice_pool())
def test_each_practice_case_has_a_worked_plan_with_full_marks_as_the_learner_would_write_it(cid):
    text = plan_text(worked_plan_of(cid))
    for answer in (text, without_team(text)):  # with its team, and with the team left to the case
        fb = grade_plan(answer, cid)
        assert fb.full_marks, (cid, str(fb))
        assert grade_held_back(answer, cid).full_marks, cid


def test_the_team_record_leaves_out_a_barrier_the_story_tells_and_the_fuller_record_puts_it_back():
    cid = practice_pool()[0]
    customer, barrier = held_back(cid)
    assert barrier in {c.told for c in practice_cases() if c.customer.id == cid}.pop()
    seen = plan_casebook(None, cid).customers[cid]
    assert barrier not in {b.type for b in seen.barriers} and barrier in {b.type for b in customer.barriers}
    assert seen.story == customer.story  # the story still tells of it
    record = yaml.safe_load(full_record(cid))
    assert record["add_barriers"][0]["type"] == barrier.value and record["needs"][0]["services"]


def test_a_plan_written_only_for_the_list_loses_the_fuller_records_points():
    """The worked plan without the commitments that meet the held-back barrier: the section grades
    (against the team's record) stay whole, the fuller record's points go."""
    from irt_sim.vocab import ServiceCategory

    for cid in practice_pool():
        needs = yaml.safe_load(full_record(cid))["needs"]
        kinds = {ServiceCategory(k) for n in needs for k in n["services"]}
        plan = worked_plan_of(cid)
        book = exercise_casebook(customer=cid)
        kept = []
        for phase in plan.sequence:
            commitments = [c for c in phase.commitments
                           if (s := book.service_for(plan, c.partner, c.service)) is None or s.category not in kinds]
            if commitments:
                kept.append(phase.model_copy(update={"commitments": commitments}))
        blind = plan.model_copy(update={"sequence": kept})
        if grade_plan(plan_text(blind), cid, section="sequence").full_marks:  # the list's barriers still all met
            fb = grade_held_back(plan_text(blind), cid)
            assert fb.points == 0 and "nothing in the plan answers it" in " ".join(fb.lines), (cid, " ".join(fb.lines))
            return
    pytest.fail("no practice case whose held-back need is met only by its own commitments")


def test_a_plan_without_its_team_is_read_with_the_cases_team_and_says_so():
    text, notes = with_team("goal:\n  job_title: Clerk\n", "odessa-pruitt")
    assert text.startswith("goal:\n  job_title: Clerk\n")  # the learner's lines keep their numbers
    assert set(TEAM_KEYS.findall(text)) == {"meeting", "attendees", "program_records"}
    assert "come from your case" in notes[0].text
    own = "attendees:\n  - {id: odessa, name: Odessa Pruitt, customer: true}\ngoal:\n  job_title: Clerk\n"
    text, _ = with_team(own, "odessa-pruitt")
    assert text.count("attendees:") == 1 and "meeting:" in text  # the learner's own team stays theirs
    assert team_of("odessa-pruitt")["program_records"]["state-vr"]["individual_plan"].isoformat() == "2026-11-10"


def test_the_case_card_shows_the_team_and_what_its_programs_offer(monkeypatch):
    monkeypatch.delenv("IRT_GRADED_CASE", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    learner = next(f"l{n}" for n in range(99) if case_for(f"l{n}", A) != "odessa-pruitt")
    page = my_case(A, learner)._repr_html_()
    cid = case_for(learner, A)
    assert "The team that has met" in page and "What the partners' programs offer" in page
    for a in team_of(cid)["attendees"]:
        assert a["name"] in page
    _customer, barrier = held_back(cid)
    assert barrier not in {b.type for b in plan_casebook(None, cid).customers[cid].barriers}  # the card's list
    assert "Odessa" in my_case(A)._repr_html_()  # no id yet: the worked case


def test_a_pasted_plan_indented_as_a_whole_keeps_its_own_team_and_is_read_once_per_case():
    """A plan pasted with every line indented still writes its team: none is added, nothing is said
    about it. And the test cells of one plan share one casebook, so the plan is read and checked once."""
    from irt_sim.grading.plan import checked

    text = "    attendees:\n      - {id: odessa, name: Odessa Pruitt, customer: true}\n    goal:\n      job_title: Clerk\n"
    added, notes = with_team(text, "odessa-pruitt")
    assert added.count("attendees:") == 1 and notes and "attendees" not in notes[0].text
    cid = practice_pool()[0]
    assert plan_casebook(None, cid) is plan_casebook(None, cid)
    answer = plan_text(worked_plan_of(cid))
    first, _ = checked(answer, cid, plan_casebook(None, cid))
    again, _ = checked(answer, cid, plan_casebook(None, cid))
    assert again is first  # the same reading, not a second one
