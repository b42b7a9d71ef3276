"""Module 8's two plan-reading activities: the considerations checklist run on a worked plan, and a
worked plan taken apart into its parts. The right answers below were decided by reading the worked
plans in casebook/plans/ by hand; the readings and excerpts are computed from the plans' fields."""

from __future__ import annotations

import re

import pytest

from irt_sim.checks.considerations import CHECKLIST, compare, read_considerations, summary
from irt_sim.documents.plan_parts import PARTS, mark_answers, plan_excerpts
from irt_sim.model import Plan


def reading(plan, book, key):
    return next(r for r in read_considerations(plan, book) if r.consideration.key == key)


def changed(plan, **fields) -> Plan:
    """A copy of ``plan`` with some fields replaced, read again as a plan file would be."""
    return Plan.model_validate({**plan.model_dump(mode="json"), **fields})


# --- the considerations checklist -----------------------------------------------------------------


def test_lenas_plan_answers_every_consideration_and_says_where(book):
    plan = book.plans["lena-marsh-vet-tech"]
    readings = read_considerations(plan, book)
    assert [r.consideration.key for r in readings] == [c.key for c in CHECKLIST] and len(readings) == 11
    assert all(r.answered for r in readings)
    lead = reading(plan, book, "lead")
    assert lead.text.startswith("Lead agency: the point of contact is Tobias Wren, Northgate case manager")
    assert lead.where == "2. Lines of communication"
    crises = reading(plan, book, "crises")
    assert crises.where == "If a crisis or roadblock comes"
    assert "the plan's crisis plan says: 'Lena's early-warning signs are written in her plan at Northgate" in crises.says
    assert "Edwina Marsh" in reading(plan, book, "natural").says  # her aunt
    mentor = reading(plan, book, "mentor")
    assert "Gideon Farrow" in mentor.says and "mentor" in mentor.says and mentor.where == "3. Sequence of services"
    customer = reading(plan, book, "customer")
    assert "Lena Marsh is responsible for 10 of the 13 action items" in customer.says
    momentum = reading(plan, book, "momentum")
    assert "May 13, 2026" in momentum.says and "Tobias Wren" in momentum.says
    assert "Omar Castellane and Ines Halloran pay for something" in reading(plan, book, "sharing").says


def test_a_plan_without_its_crisis_plan_or_continuation_leaves_them_open(book):
    plan = changed(book.plans["lena-marsh-vet-tech"], crisis_plan=None, continuation=None)
    crises = reading(plan, book, "crises")
    assert not crises.answered and crises.verdict == "The plan leaves this open"
    assert crises.says.startswith("not in this plan") and "whom Lena calls first" in crises.says
    after = reading(plan, book, "continuation")
    assert not after.answered and after.says.startswith("not in this plan: ask who stays with Lena after")
    for ending in ("state-vr", "ajc-wioa-adult", "harlow-college-access"):  # their services stop before the long run
        assert book.programs[ending].name in after.says
    assert book.programs["wipa-benefits"].name not in after.says  # no end date


def test_each_consideration_opens_when_its_part_of_the_plan_is_missing(book):
    lena = book.plans["lena-marsh-vet-tech"]
    data = lena.model_dump(mode="json")
    assert not reading(changed(lena, communication={**data["communication"], "point_of_contact": None}),
                       book, "lead").answered
    assert not reading(changed(lena, communication={**data["communication"], "updates": {}}),
                       book, "communication").answered
    undated = [{**a, "due": None} if i == 2 else a for i, a in enumerate(data["action_items"])]
    who_when = reading(changed(lena, action_items=undated), book, "who_when")
    assert not who_when.answered and "1 of the 13 action items has nobody responsible or no due date" in who_when.says
    theirs = [{**a, "responsible": [r for r in a["responsible"] if r != "lena"] or ["tobias"]} for a in data["action_items"]]
    assert not reading(changed(lena, action_items=theirs), book, "customer").answered
    assert not reading(changed(lena, follow_up={}), book, "momentum").answered
    idle = {"id": "quinn", "name": "Quinn Abara", "role": "Peer advocate", "program": "peer-advocates"}
    with_idle = changed(lena, attendees=[*data["attendees"], idle])
    roles = reading(with_idle, book, "roles")
    assert not roles.answered and "Quinn Abara (Peer advocate) is at the table with no service" in roles.says
    assert not reading(with_idle, book, "sharing").answered  # a partner at the table who commits nothing
    assert reading(with_idle, book, "mentor").answered  # but an advocate is now named
    one_partner = [{**ph, "commitments": [c for c in ph["commitments"] if c["partner"] == "tobias"]}
                   for ph in data["sequence"]]
    assert not reading(changed(lena, sequence=one_partner), book, "sharing").answered
    no_family = [a for a in data["attendees"] if a["id"] != "edwina"]
    no_edwina = [{**ph, "commitments": [c for c in ph["commitments"] if c["partner"] != "edwina"]} for ph in data["sequence"]]
    actions = [{**a, "responsible": [r for r in a["responsible"] if r != "edwina"]} for a in data["action_items"]]
    natural = reading(changed(lena, attendees=no_family, sequence=no_edwina, action_items=actions), book, "natural")
    assert not natural.answered and "no family member or friend is at the table" in natural.says


def test_the_worked_plans_leave_open_what_the_modules_debrief_says(book):
    """Module 8's debrief names these: Marcus has no natural support and no advocate or mentor;
    Tasha has no advocate or mentor; the others answer everything."""
    opened = {pid: [r.consideration.key for r in read_considerations(p, book) if not r.answered]
              for pid, p in book.plans.items()}
    assert opened["marcus-odell-warehouse-lead"] == ["mentor", "natural"]
    assert opened["tasha-bellweather-pharmacy-tech"] == ["mentor"]
    assert opened["lena-marsh-vet-tech"] == opened["dario-quill-carpentry"] == opened["mateo-quintanilla-bakery-clerk"] == []
    tasha = reading(book.plans["tasha-bellweather-pharmacy-tech"], book, "sharing").says
    assert "the most, 14, from Lorna Whitcombe" in tasha  # the TANF case manager commits the most


def test_a_bare_plan_leaves_everything_open_in_plain_words(book):
    bare = Plan.model_validate({"id": "bare", "customer": "lena-marsh", "meeting": {"date": "2026-02-11"},
                                "attendees": [{"id": "lena", "name": "Lena Marsh", "role": "Customer", "customer": True}]})
    readings = read_considerations(bare, book)
    assert not any(r.answered for r in readings)
    for r in readings:
        assert r.says and not re.search(r"\bNone\b|Error|Exception|Traceback|_", r.says), r.says


def test_the_learners_reading_is_compared_in_words(book):
    readings = read_considerations(book.plans["marcus-odell-warehouse-lead"], book)
    comparisons = compare(readings, {"lead": "answers", "natural": "answers", "mentor": "open"})
    by_key = {c.reading.consideration.key: c for c in comparisons}
    assert by_key["lead"].agrees and by_key["lead"].mark == "Same as the kit's reading"
    assert by_key["natural"].agrees is False and by_key["natural"].mark == "The kit reads this the other way"
    assert by_key["mentor"].agrees and by_key["roles"].mark == "Not marked yet"
    assert summary(comparisons) == ("You read 2 of the 11 considerations the way the kit does; 8 not marked yet. "
                                    "The kit finds 2 questions this plan leaves open.")


# --- a plan taken apart ---------------------------------------------------------------------------


def test_lenas_plan_gives_excerpts_of_every_part_each_mapped_to_its_part(book):
    excerpts = plan_excerpts(book.plans["lena-marsh-vet-tech"], book)
    assert 6 <= len(excerpts) <= 10 and {e.part for e in excerpts} == set(PARTS)
    part_of = {e.text: e.part for e in excerpts}
    assert part_of["Lena Marsh: Customer (leads the team)"] == "attendees"
    assert part_of["Gideon Farrow: Practice manager, Cedar Ridge Animal Hospital"] == "attendees"
    assert part_of["Veterinary technician, $18.00 to $21.00 an hour, 32 hours a week or more "
                   "(competitive integrated employment)"] == "goal"
    assert part_of["Point of contact: Tobias Wren"] == "communication"
    assert part_of["Updates: Once a month, and within two working days of any setback that could stop classes or work"] \
        == "communication"
    assert part_of["Finish the veterinary technician program application and book the placement test with testing "
                   "accommodations (Lena Marsh and Priya Venkataraman; due Mar 13, 2026)"] == "actions"
    assert part_of["Send the monthly update e-mail to the team, the first one after the IPE is signed (Tobias Wren; ongoing)"] \
        == "actions"
    assert part_of["Next meeting: May 13, 2026. Meet again in May 2026 once the college has decided on admission"] == "follow_up"
    phases = [e.text for e in excerpts if e.part == "sequence"]
    assert len(phases) == 2 and any(t.startswith("Now: pet-supply shop job") for t in phases)
    assert any("Ines Halloran" in t and "Milestone: IPE signed by 13 March 2026" in t for t in phases)


@pytest.mark.parametrize("plan_id", ["lena-marsh-vet-tech", "dario-quill-carpentry", "marcus-odell-warehouse-lead",
                                     "mateo-quintanilla-bakery-clerk", "tasha-bellweather-pharmacy-tech"])
def test_every_worked_plan_gives_six_to_ten_excerpts_shuffled_the_same_way_each_time(book, plan_id):
    plan = book.plans[plan_id]
    excerpts = plan_excerpts(plan, book)
    assert 6 <= len(excerpts) <= 10 and {e.part for e in excerpts} == set(PARTS)
    assert plan_excerpts(plan, book) == excerpts  # stable
    grouped = sorted(excerpts, key=lambda e: list(PARTS).index(e.part))
    assert [e.part for e in excerpts] != [e.part for e in grouped]  # not in the plan's own order
    for e in excerpts:
        assert e.why and e.text and "None" not in e.text


def test_a_wrong_part_is_marked_wrong_with_why_and_a_right_one_right(book):
    excerpts = plan_excerpts(book.plans["lena-marsh-vet-tech"], book)
    goal = next(i for i, e in enumerate(excerpts) if e.part == "goal")
    action = next(i for i, e in enumerate(excerpts) if e.part == "actions")
    answers = [None] * len(excerpts)
    answers[goal], answers[action] = "goal", "sequence"
    marks = mark_answers(excerpts, answers)
    assert marks[goal].right and marks[goal].verdict == "Right" and "employment goal" in marks[goal].feedback
    wrong = marks[action]
    assert not wrong.right and wrong.verdict == "Not this part"
    assert wrong.feedback.startswith("You chose Agenda item 3: the sequence of services; it is Action items.")
    assert "people responsible" in wrong.feedback
    blank = next(m for i, m in enumerate(marks) if i not in (goal, action))
    assert blank.verdict == "No answer yet" and blank.excerpt.part_label not in blank.feedback  # no answer given away


# --- the two panels -------------------------------------------------------------------------------


def test_the_checklist_panel_labels_every_control_and_shows_the_plan_whole(book):
    from irt_sim.widgets import ConsiderationsChecklist

    panel = ConsiderationsChecklist(book=book, plan_id="lena-marsh-vet-tech")
    assert panel.plan.description == "Worked plan" and panel.check.description == "Check my reading"
    for c, control in zip(CHECKLIST, panel.marks.values()):
        assert c.label in control.description and c.question in control.description
        assert [label for label, _ in control.options] == ["Not marked yet", "The plan answers this",
                                                          "The plan leaves this open"]
    sheet = panel.sheet.value
    assert 'role="region"' in sheet and 'aria-label="The plan: Lena Marsh' in sheet and 'tabindex="0"' in sheet
    for heading in ("1. Employment goal", "2. Lines of communication", "3. Sequence of services", "Action items",
                    "If a crisis or roadblock comes", "After programs exit"):
        assert heading in sheet
    assert "Open questions for this meeting" not in sheet and panel.result.value == ""
    assert repr(panel) == "ConsiderationsChecklist(plan='lena-marsh-vet-tech')"


def test_checking_the_checklist_gives_text_marks_and_the_kits_reading(book):
    from irt_sim.widgets import ConsiderationsChecklist

    panel = ConsiderationsChecklist(book=book, plan_id="marcus-odell-warehouse-lead")
    panel.marks["lead"].value = "answers"
    panel.marks["natural"].value = "answers"
    panel.check.click()
    shown = panel.result.value
    assert 'role="status"' in shown and "You read 1 of the 11 considerations the way the kit does" in shown
    assert "Same as the kit&#x27;s reading" in shown
    assert "<strong>The kit reads this the other way</strong>" in shown  # in words and in bold, not colour
    assert "Not in this plan: no family member or friend is at the table" in shown and "<td>Attending</td>" in shown
    panel.plan.value = "lena-marsh-vet-tech"  # another plan starts unmarked
    assert all(control.value == "" for control in panel.marks.values()) and panel.result.value == ""


def test_the_plan_parts_panel_labels_its_controls_and_marks_each_excerpt_in_words(book):
    from irt_sim.widgets import PlanParts

    panel = PlanParts(book=book, plan_id="lena-marsh-vet-tech")
    shown = [i for i, row in enumerate(panel.rows) if row.layout.display != "none"]
    assert len(shown) == len(panel.excerpts) == 10
    for i in shown:
        assert panel.answers[i].description == f"Excerpt {i + 1} is part of"
        assert [label for label, _ in panel.answers[i].options][1:] == list(PARTS.values())
        assert f"Excerpt {i + 1}." in panel.quotes[i].value
    goal = next(i for i, e in enumerate(panel.excerpts) if e.part == "goal")
    other = next(i for i, e in enumerate(panel.excerpts) if e.part == "follow_up")
    panel.answers[goal].value = "goal"
    panel.answers[other].value = "actions"
    panel.check.click()
    assert panel.feedback[goal].value.startswith('<p style="margin:0.2em 0 0 1em"><strong>Right.</strong>')
    assert "<strong>Not this part.</strong> You chose Action items; it is Follow-up." in panel.feedback[other].value
    assert 'role="status"' in panel.result.value and "1 of the 10 excerpts named rightly, 8 not answered yet" in panel.result.value
    assert repr(panel) == "PlanParts(plan='lena-marsh-vet-tech')"


def test_both_panels_bring_back_the_learners_plan_answers_and_check(tmp_path, book):
    from irt_sim.widgets import ConsiderationsChecklist, PlanParts, progress

    progress.keep_in(tmp_path / "progress.json")
    try:
        first = ConsiderationsChecklist(book=book)
        first.plan.value = "tasha-bellweather-pharmacy-tech"
        first.marks["mentor"].value = "open"
        first.check.click()
        again = ConsiderationsChecklist(book=book)
        assert again.plan.value == "tasha-bellweather-pharmacy-tech" and again.marks["mentor"].value == "open"
        assert again.result.value == first.result.value != ""
        parts = PlanParts(book=book)
        parts.plan.value = "dario-quill-carpentry"
        parts.answers[0].value = "goal"
        back = PlanParts(book=book)
        assert back.plan.value == "dario-quill-carpentry" and back.answers[0].value == "goal"
        assert back.result.value == ""  # answered, never checked
    finally:
        progress.keep_in(None)
