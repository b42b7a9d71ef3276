"""Grading of the ARC-versus-referral and IPS fidelity exercises: expected answers come from the
simulator and the fidelity scorer, readings get the tolerance a careful learner needs, and every
line names the domain reason."""

from __future__ import annotations

import pytest

from irt_sim.grading import (check_arc, check_fidelity_scores, grade_arc, grade_fidelity_scores,
                             grade_improvement_plan, read_fidelity_scores)
from irt_sim.grading.simulation import QUESTIONS, arc_exercise

from .test_grading import _solution

AGENCY = "riverside-counseling-ips"


@pytest.fixture(scope="module")
def run():
    return arc_exercise()


def _mean(run, measure, pathway):
    s = run.summary([measure])
    return float(s.loc[s["pathway"] == pathway, "mean"].iloc[0])


def test_the_worked_answers_are_right_and_match_the_simulator(run):
    answers = _solution("arc_versus_referral", "answers")
    for name in QUESTIONS:
        assert grade_arc(name, answers[name]).full_marks, grade_arc(name, answers[name]).lines
    # the expected values are the run's own, not numbers written into the kit
    assert abs(answers["engaged_referral"] - 100 * _mean(run, "share_engaged", "referral")) <= 1
    assert _mean(run, "employed_180", "irt") > _mean(run, "employed_180", "arc") > _mean(run, "employed_180", "referral")


def test_numbers_are_right_within_the_tolerance_and_wrong_beyond_it(run):
    exact = 100 * _mean(run, "share_engaged", "arc")
    assert grade_arc("engaged_arc", round(exact)).full_marks
    assert grade_arc("engaged_arc", f"{exact:.0f}%").full_marks  # a % sign is forgiven
    off = grade_arc("engaged_arc", exact + 5)
    assert off.points == 0 and "staff help the customer approach" in off.lines[0] and f"{exact:.0f}%" in off.lines[0]
    kept = 100 * _mean(run, "employed_180", "referral") / _mean(run, "placed", "referral")
    assert grade_arc("kept_job_referral", kept + 1.9).full_marks
    assert not grade_arc("kept_job_referral", kept + 2.5).full_marks


def test_cost_comparisons_follow_the_confidence_intervals(run):
    s = run.summary(["cost_per_placement"]).set_index("pathway")
    overlap = s.loc["irt", "ci_low"] <= s.loc["referral", "ci_high"] and s.loc["referral", "ci_low"] <= s.loc["irt", "ci_high"]
    expected = "about the same" if overlap else ("higher" if s.loc["irt", "mean"] > s.loc["referral", "mean"] else "lower")
    assert grade_arc("cost_team", expected).full_marks
    wrong = grade_arc("cost_team", next(w for w in ("higher", "lower", "about the same") if w != expected))
    assert wrong.points == 0 and "intervals" in wrong.lines[0]


@pytest.mark.parametrize("answer, says", [(None, "write a number in place of None"), ("lots", "'lots' is not a number"),
                                          (True, "write a number in place of None")])
def test_unreadable_numbers_say_what_to_write(answer, says):
    assert says in check_arc("engaged_referral", answer).lines[0]
    assert says in grade_arc("engaged_referral", answer).lines[0]


def test_the_self_check_reads_but_does_not_grade():
    assert check_arc("engaged_referral", 99).full_marks  # wrong, but readable: the trainer's copy grades it
    assert check_arc("cost_arc", "Higher").full_marks
    assert "write one of 'higher', 'lower', 'about the same'" in check_arc("cost_arc", "more").lines[0]


def test_the_exercise_table_has_a_caption_and_row_headers():
    from irt_sim.grading import arc_tables

    page = arc_tables()._repr_html_()
    assert "<caption>" in page and "95% confidence interval" in page and "<th>Needed resources" in page


# --- IPS fidelity ------------------------------------------------------------------------------------


def test_worked_scores_match_the_scorer(book):
    from irt_sim.ips.fidelity import score_profile

    scores, problems = read_fidelity_scores(_solution("ips_fidelity", "answer_scores")["scores"])
    truth = {s.item.id: s.score for s in score_profile(book.agencies[AGENCY]).items}
    assert problems == [] and scores == {k: truth[k] for k in scores}
    assert grade_fidelity_scores(_solution("ips_fidelity", "answer_scores")["scores"], book, AGENCY).full_marks


def test_scores_one_off_earn_half_and_lines_show_the_evidence(book):
    text = "S1: 4\nS2: 1\nS3: 4\nO2: 3\nO3: 3\nV1: 3\n"
    fb = grade_fidelity_scores(text, book, AGENCY)
    assert fb.points == 4.5 and fb.possible == 7
    lines = "\n".join(fb.lines)
    assert "S1 Caseload size: you gave 4, one away from the anchor's 3" in lines
    assert "26.7 customers per full-time specialist" in lines
    assert "S2 Employment services staff: you gave 1; the anchor gives 3" in lines
    assert "V13 (Community-based services) has no score yet" in lines and "V13 Community-based services: the anchor gives 3" in lines


def test_unreadable_scores_are_named(book):
    fb = check_fidelity_scores("S1: high\nS2: 7\nS3: 4\nO2: 3\nO3: 3\nV1: 3\nV13: 3\nV99: 2\n")
    text = " ".join(fb.lines)
    assert fb.points == 5 and "S1 (Caseload size): 'high' is not a score" in text and "'7' is not a score" in text
    assert "V99 is not among this exercise's items" in text
    assert check_fidelity_scores("S1: [\n").points == 0


def test_the_worked_improvement_plan_earns_full_marks(book):
    assert grade_improvement_plan(_solution("ips_fidelity", "answer_plan")["improvement_plan"], book, AGENCY).full_marks


def test_improvement_plan_steps_must_be_complete_dated_and_aimed(book):
    steps = """
- {item: V13, action: Specialists spend three days a week with employers, who: IPS supervisor, by: 2027-03-31}
- {item: V1, action: Every customer gets a written benefits plan first, who: WIPA coordinator, by: 2027-01-31}
- {item: S3, action: Specialists do their own intake interviews, who: Intake coordinator, by: 2027-02-28}
"""
    assert grade_improvement_plan(steps, book, AGENCY).full_marks
    late = steps.replace("2027-02-28", "2028-06-30")
    fb = grade_improvement_plan(late, book, AGENCY)
    assert fb.points == 1 and "within a year after the review (2026-09-30)" in fb.lines[0]
    strong_items = steps.replace("V13", "S1x").replace("V1,", "V2,")
    fb = grade_improvement_plan(strong_items, book, AGENCY)
    assert "'S1x' is not an item of the fidelity scale" in " ".join(fb.lines)
    assert "Aim at least two steps at items where the agency scores 3 or less" in fb.lines[-1]
    short = grade_improvement_plan("- {item: V13, action: More time out, who: '', by: 2027-01-01}\n", book, AGENCY)
    assert short.points == 0 and "at least 3 steps" in short.lines[0] and "Step 1 has no who yet" in short.lines[1]
    assert "could not be read" in grade_improvement_plan("- item: [", book, AGENCY).lines[0]
