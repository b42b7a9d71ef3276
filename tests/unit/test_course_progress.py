"""What a learner did in a module comes back on their next visit (the course's kernels keep it in
one small file), and nothing is kept where it must not be (the demo pages, the tests)."""

from __future__ import annotations

import json
import re

import pytest

from irt_sim.inputs.quizzes import load_quizzes
from irt_sim.widgets import GoalCheck, PlanBuilder, SimulatorPanel, TeamBuilder, progress, quiz
from irt_sim.widgets.journey import ProgressView, module_progress

from ..support import KIT


@pytest.fixture
def kept(tmp_path):
    path = tmp_path / "progress.json"
    progress.keep_in(path)
    yield path
    progress.keep_in(None)


def test_the_team_builder_brings_back_the_customer_and_the_ticks(kept, book):
    team = TeamBuilder(book)
    team.customer.value = "dario-quill"
    team.boxes["peer-advocates"].value = True
    again = TeamBuilder(book)
    assert again.customer.value == "dario-quill"
    assert again.chosen() == ["peer-advocates"]
    assert "Dario" in again.story.value  # the story follows the kept customer
    assert any(b.partners for b in again.update().barriers) or again.update().partners  # and the report the ticks
    again.customer.value = "lena-marsh"  # a new customer starts with no one at the table, and is kept so
    assert TeamBuilder(book).chosen() == []


def test_a_checked_quiz_answer_comes_back_checked_and_an_unchecked_one_unchecked(kept):
    first = quiz("building-the-team")
    q1, q2 = first.questions[:2]
    q1.choice = 2
    q1.checks += 1
    q2.choice = 0  # chosen, never checked
    again = quiz("building-the-team")
    assert again.questions[0].choice == 2 and again.questions[0].feedback == q1.feedback != ""
    assert again.questions[0].marks == q1.marks
    assert again.questions[1].choice == 0 and again.questions[1].feedback == ""


def test_a_quiz_answer_is_kept_as_the_option_so_another_order_still_shows_it(kept):
    mine = quiz("building-the-team")
    mine.questions[0].choice = 1
    option = mine.questions[0].chosen
    other = quiz("building-the-team").questions[0]
    other_order = type(other)(other.question, 1, list(reversed(other.order)), key="quiz.building-the-team.0")
    assert other_order.chosen == option


def test_the_plan_being_edited_comes_back_and_a_kept_plan_that_no_longer_reads_is_set_aside(kept, book):
    builder = PlanBuilder(book, plan_id="lena-marsh-vet-tech")
    builder.job.value = "Veterinary receptionist"
    builder.wage.value = 17.5
    again = PlanBuilder(book, plan_id="lena-marsh-vet-tech")
    assert again.job.value == "Veterinary receptionist" and again.wage.value == 17.5
    assert again.plan().goal.job_title == "Veterinary receptionist"
    data = json.loads(kept.read_text())
    data["controls"]["PlanBuilder.plan"]["data"]["attendees"] = "nobody"
    kept.write_text(json.dumps(data))
    fresh = PlanBuilder(book, plan_id="lena-marsh-vet-tech")
    assert fresh.job.value == book.plans["lena-marsh-vet-tech"].goal.job_title


def test_the_learner_own_goal_and_sliders_come_back(kept, book):
    goal = GoalCheck(book)
    goal.customer.value = "lena-marsh"
    goal.job.value = "Kennel assistant"
    again = GoalCheck(book)
    assert (again.customer.value, again.job.value) == ("lena-marsh", "Kennel assistant")
    panel = SimulatorPanel(replicates=1)
    panel.sliders["connect_referral"].value = 0.8
    assert SimulatorPanel(replicates=1).sliders["connect_referral"].value == 0.8


@pytest.mark.parametrize("damage", ["{not json", "[1, 2, 3]", '{"controls": [1], "visits": "today"}', json.dumps({"controls": {"TeamBuilder.customer": "nobody-here",
                                                                                  "quiz.welcome.0": {"option": 99, "checked": True}}})])
def test_a_damaged_or_stale_file_costs_the_marks_never_the_module(kept, book, damage):
    kept.write_text(damage)
    team = TeamBuilder(book)
    assert team.customer.value == next(iter(book.customers))
    assert quiz("welcome").questions[0].choice == -1
    assert [r.quiz_right for r in module_progress(KIT / "course")] == [0] * 12


def test_where_progress_is_not_kept_nothing_is_written(tmp_path, book):
    progress.keep_in(None)  # a demo page's kernel, a test, a grading kernel
    team = TeamBuilder(book)
    team.boxes["peer-advocates"].value = True
    assert not progress.keeping() and progress.load() == {}
    assert "nothing is kept" in ProgressView().table.value


def test_the_start_page_counts_modules_opened_and_questions_answered_right(kept):
    progress.record_visit("06_building_the_team")
    q = quiz("building-the-team").questions[0]
    q.choice = next(i for i, o in enumerate(q.order) if q.question.options[o].correct)
    q.checks += 1
    wrong = quiz("what-an-irt-is").questions[0]
    wrong.choice = next(i for i, o in enumerate(wrong.order) if not wrong.question.options[o].correct)
    wrong.checks += 1
    rows = {r.module: r for r in module_progress(KIT / "course")}
    asked = len(load_quizzes()["building-the-team"])
    assert rows["06_building_the_team"].opened and rows["06_building_the_team"].quiz_words == f"1 of {asked} answered correctly"
    assert rows["02_what_an_irt_is"].opened is None and rows["02_what_an_irt_is"].quiz_right == 0
    assert rows["00_start_here"].quiz_words == "no quiz"
    view = ProgressView().table.value
    assert "You have opened 1 of 12 modules" in view and re.search(r"<td>[A-Z][a-z]{2} \d{1,2}, 20\d\d</td>", view) and "<caption>Your progress through the course</caption>" in view
