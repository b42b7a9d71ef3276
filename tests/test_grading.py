"""Feedback for graded exercises speaks the language of the IRT and gives partial credit where fair."""

from __future__ import annotations

import pytest

from irt_sim.grading import NotYet, grade_choice, grade_plan, grade_team

from .conftest import CASEBOOK

WHY = {"irt": "Right: one customer, a goal, a team.", "committee": "A committee works on systems, not one customer.",
       "referral": "Names alone are a referral.", "arc": "Coordination without a team plan is ARC."}


def test_choice_right_wrong_and_unreadable():
    assert grade_choice("IRT ", "irt", WHY).full_marks
    wrong = grade_choice("committee", "irt", WHY)
    assert wrong.points == 0 and wrong.lines == [WHY["committee"]]
    odd = grade_choice("maybe", "irt", WHY)
    assert "Write one of 'irt', 'committee'" in odd.lines[0]
    with pytest.raises(NotYet, match="committee works on systems"):
        wrong.require()


def test_team_answer_gets_a_point_per_barrier_with_reasons(book):
    lena = book.customers["lena-marsh"]
    barriers = list(dict.fromkeys(b.type.value for b in lena.barriers))
    good = {"skills_or_credentials": "ajc-wioa-adult", "transportation": "state-vr",
            "benefits_and_work_incentives": "wipa-benefits", "behavioural_health": "northgate-behavioral",
            "accommodations": "harlow-college-access"}
    assert set(good) == set(barriers)
    fb = grade_team(good, "lena-marsh", book)
    assert fb.full_marks and fb.points == len(barriers), fb.lines
    partial = dict(good, transportation="", accommodations="wipa-benefits", benefits_and_work_incentives="wipa-benfits")
    fb = grade_team(partial, "lena-marsh", book)
    assert fb.points == len(barriers) - 3
    text = " ".join(fb.lines)
    assert "The transportation barrier has no partner yet" in text
    assert "offers nothing for the accommodations at school or work barrier" in text
    assert "'wipa-benfits' is not a program in the casebook" in text


def test_team_answer_with_a_not_yet_eligible_partner_gets_half(book):
    marcus = book.customers["marcus-odell"]  # applied to VR, not yet eligible
    answer = {b.type.value: "" for b in marcus.barriers}
    answer["accommodations"] = "state-vr"
    fb = grade_team(answer, "marcus-odell", book)
    assert fb.points == 0.5 and "not eligible there yet (applied, decision pending)" in " ".join(fb.lines)


def test_plan_answer_scores_by_section_with_the_checkers_words(book):
    worked = (CASEBOOK / "plans" / "lena-marsh-vet-tech.yaml").read_text(encoding="utf-8")
    full = grade_plan(worked, "lena-marsh", book)
    assert full.full_marks and full.lines == []
    no_contact = worked.replace("  point_of_contact: tobias\n", "")
    fb = grade_plan(no_contact, "lena-marsh", book)
    assert fb.points == fb.possible - 2 and any("Lines of communication: No point of contact" in x for x in fb.lines)
    no_crisis = worked.split("crisis_plan:")[0] + "continuation: Northgate carries on.\n" if "crisis_plan:" in worked else worked
    fb = grade_plan(no_crisis, "lena-marsh", book)
    assert fb.points == fb.possible - 0.5 and any("crisis" in x for x in fb.lines)


def test_an_unreadable_plan_answer_names_the_line(book):
    fb = grade_plan("meeting:\n  date: 2026-13-40\n", "lena-marsh", book)
    assert fb.points == 0 and "line 2" in fb.lines[1] and "not a date" in fb.lines[1]
    wrong_customer = grade_plan("customer: dario-quill\nmeeting: {date: 2026-01-01}\n", "lena-marsh", book)
    assert "This exercise is about Lena Marsh" in wrong_customer.lines[0]


def test_feedback_shows_plainly_in_a_notebook(book):
    fb = grade_choice("arc", "irt", WHY)
    assert "0 of 1 points." in str(fb) and "Not there yet." in fb._repr_html_() and 'role="status"' in fb._repr_html_()


def test_team_answers_are_read_from_simple_lines(book):
    from irt_sim.grading import read_team_answer

    assert read_team_answer('  transportation: valley-ride\n  housing: ""\n') == {"transportation": "valley-ride", "housing": ""}
    assert read_team_answer("transportation: [\n") == {}
    assert grade_team(read_team_answer("nonsense"), "beatriz-almonte", book).points == 0


def _solution(assignment: str, grade_id: str) -> dict:
    """Run the worked answer of one cell of an exercise's source notebook; returns its variables."""
    import json

    from .conftest import KIT

    nb = json.loads((KIT / "exercises" / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"]["nbgrader"]["grade_id"] == grade_id)
    scope: dict = {}
    exec("".join(cell["source"]), scope)  # the cell sets the blank template, then the worked answer
    return scope


FULL_RECORD = """
add_barriers:
  - type: accommodations
    detail: Her screen reader must work with the employer's software.
"""


def test_the_held_back_record_catches_a_plan_that_only_answers_the_self_check(book):
    from irt_sim.grading import grade_held_back, held_back_case

    worked = _solution("negotiate_the_plan", "answer_plan")["plan"]
    variant = held_back_case(book, "odessa-pruitt", FULL_RECORD)
    assert [b.type.value for b in variant.customers["odessa-pruitt"].barriers][-1] == "accommodations"
    assert len(book.customers["odessa-pruitt"].barriers) == 5  # the learner's casebook is untouched
    assert grade_held_back(worked, "odessa-pruitt", book, variant).full_marks

    # Drop what serves her at work (VR's assistive technology and job coaching): the self-check
    # still passes, because the independent living centre's device loan covers the recorded barrier.
    narrow = (worked.replace("      - {partner: vr, service: assistive-technology, milestone: Screen reader and magnifier "
                             "set up and learned at home}\n", "")
                    .replace("      - {partner: vr, service: job-coaching, milestone: Steady at work after 90 days}\n", "")
                    .replace(", coordinated_with: vr}", "}"))
    assert narrow != worked
    assert grade_plan(narrow, "odessa-pruitt", book).full_marks, grade_plan(narrow, "odessa-pruitt", book).lines
    fb = grade_held_back(narrow, "odessa-pruitt", book, variant)
    assert fb.points == 0 and "accommodations" in " ".join(fb.lines) and "full record of Odessa's case" in fb.lines[0]
    assert grade_held_back("meeting: [", "odessa-pruitt", book, variant).points == 0


def test_partial_credit_prints_the_lines_and_returns_the_points(capsys):
    from irt_sim.grading import Feedback

    assert Feedback(1.5, 2, ["Step 3 has no who yet."]).partial() == 1.5
    assert "1.5 of 2 points.\n- Step 3 has no who yet." in capsys.readouterr().out


def test_a_held_back_case_never_reuses_the_learners_checked_plans(book):
    from irt_sim.grading import grade_held_back, held_back_case

    worked = _solution("negotiate_the_plan", "answer_plan")["plan"]
    assert grade_plan(worked, "odessa-pruitt", book).full_marks  # memoised on the learner's casebook
    variant = held_back_case(book, "odessa-pruitt", "add_barriers: [{type: childcare, detail: A grandchild after school.}]")
    fb = grade_plan(worked, "odessa-pruitt", variant)
    assert not fb.full_marks and "childcare" in " ".join(fb.lines)
    assert grade_held_back(worked, "odessa-pruitt", book, variant).points == 0
