"""Reading learners' answers: form is forgiven and said, substance never; an answer cell that does not
run is read from its text; a grader never raises and never writes to stderr."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from irt_sim.grading import Feedback
from irt_sim.grading.answers import answer, answer_in_cell
from irt_sim.grading.choice import KINDS
from irt_sim.grading.feedback import NOTES_MIMETYPE, guarded
from irt_sim.grading.lenient import read_answer, read_by_lines, validate
from irt_sim.grading.shapes import shape_of
from irt_sim.grading.reading import Candidate, Resolver, read_choice, read_date, read_number
from irt_sim.model import Plan

CHOICES = list(KINDS.values())


@pytest.mark.parametrize("written, read", [
    ("irt", "irt"), ("IRT.", "irt"), (" ARC ", "arc"), ("Referral!", "referral"), ("simple referral", "referral"),
    ("Active Resource Coordination", "arc"), ("Interagency Committee", "committee"), ("comittee", "committee"),
    ("refferal", "referral"), (["committee"], "committee"), ("It's a committee", "committee"),
    ("coordination, not a team", "arc"), ("ARC (Active Resource Coordination)", "arc"),
])
def test_a_choice_is_read_through_its_form(written, read):
    assert read_choice(written, CHOICES).value == read


@pytest.mark.parametrize("written, says", [
    ("irt or arc", "names more than one choice"), (["irt", "arc"], "several answers"), ("not an IRT", "says what it is not"),
    ("maybe", "is not one of"), ("art", "is not one of"),  # one letter from both arc and irt: no guess
])
def test_a_choice_that_is_not_one_is_not_guessed(written, says):
    r = read_choice(written, CHOICES)
    assert r.value is None and says in r.problem


def test_only_more_than_case_and_punctuation_is_noted():
    assert read_choice("IRT.", CHOICES).notes == []
    noted = read_choice("comittee", CHOICES).notes
    assert noted[0].guess and "a slip of spelling" in noted[0].text
    assert not read_choice("simple referral", CHOICES).notes[0].guess


@pytest.mark.parametrize("written, value", [
    ("22", 22), (22, 22), ("22%", 22), ("$10,515", 10515), ("25 hours", 25), ("three", 3), ("twenty-two", 22),
    ("3.0", 3), ("3 (26.7 per FTE)", 3), ("about 82.5", 82.5), ("-82.5", -82.5), ("11.7 / 44.9 * 100", 100 * 11.7 / 44.9),
])
def test_numbers_are_read_as_staff_write_them(written, value):
    assert read_number(written).value == pytest.approx(value)


@pytest.mark.parametrize("written, says", [
    ("lots", "is not a number"), (True, "is not a number"), ("26 or 3.9", "more than one answer"), (None, "no answer"),
])
def test_what_is_no_number_says_so(written, says):
    r = read_number(written)
    assert r.value is None and says in r.problem


MEETING = dt.date(2026, 11, 3)


@pytest.mark.parametrize("written, date", [
    ("2026-11-20", dt.date(2026, 11, 20)), ("11/20/2026", dt.date(2026, 11, 20)), ("11/20/26", dt.date(2026, 11, 20)),
    ("Nov 20, 2026", dt.date(2026, 11, 20)), ("20 November 2026", dt.date(2026, 11, 20)),
    ("Dec 15", dt.date(2026, 12, 15)), ("Feb 1", dt.date(2027, 2, 1)),  # no year: the first one after the meeting
    ("March 2027", dt.date(2027, 3, 31)),  # a month alone: its last day
])
def test_dates_are_read_as_us_staff_write_them(written, date):
    assert read_date(written, after=MEETING).value == date


def test_a_month_first_date_that_could_be_day_first_is_a_guess():
    r = read_date("11/12/2026", after=MEETING)
    assert r.value == dt.date(2026, 11, 12) and r.notes[0].guess and "month first" in r.notes[0].text
    assert not read_date("11/20/2026", after=MEETING).notes[0].guess  # no month 20: no doubt


@pytest.mark.parametrize("written", ["sometime soon", "12", "2/30/2027", "13/40"])
def test_what_is_no_date_says_so(written):
    assert read_date(written, after=MEETING).problem


PEOPLE = Resolver([Candidate("vr", "vr (Joel Marangoni)", names=("Joel Marangoni", "Joel"), words=("VR counsellor",)),
                   Candidate("cwic", "cwic (Farah Idowu)", names=("Farah Idowu", "Farah"),
                             words=("Work incentives coordinator", "Community Work Incentives Coordinator (CWIC)")),
                   Candidate("cil", "cil (Renata Solis)", names=("Renata Solis", "Renata"), words=("Peer mentor",))],
                  "person at the table")


@pytest.mark.parametrize("written, read", [
    ("vr", "vr"), ("VR", "vr"), ("Joel", "vr"), ("joel marangoni", "vr"), ("the VR counselor", "vr"),
    ("CWIC", "cwic"), ("Farrah", "cwic"), ("the peer mentor", "cil"),
])
def test_names_are_read_as_the_ids_they_name(written, read):
    assert PEOPLE.read(written).value == read


def test_a_name_for_several_things_names_the_options():
    both = Resolver([Candidate("harlow-college-access", "harlow-college-access (Disability Access Office)",
                               names=("Harlow Valley Community College, Disability Access Office",)),
                     Candidate("harlow-college-programs", "harlow-college-programs (career programs)",
                               names=("Harlow Valley Community College career programs",))], "program")
    r = both.read("the community college")
    assert r.value is None and "Did you mean" in r.problem and set(r.options) == {"harlow-college-access",
                                                                                   "harlow-college-programs"}
    assert both.read("the community college", among=["harlow-college-access"]).value == "harlow-college-access"
    assert both.read("Joel").problem == "'Joel' is not a program here."


# --- answers read from the cell's text --------------------------------------------------------------


@pytest.mark.parametrize("cell, value", [
    ('engaged_referral = 22', 22),
    ('engaged_referral = 22%  # 1. %', "22%"),  # a syntax error: read from the text
    ('engaged_referral: 22', 22),  # a colon for '='
    ('engaged_referral = 11.7/44.9*100', pytest.approx(26.06, abs=0.01)),
    ('engaged_referral = None\nengaged_referral = 23', 23),  # the last one, as when the cell runs
    ('cost_arc = higher', "higher"),  # a word without quotes (the cell would raise)
    ('cost_arc = about the same', "about the same"),
    ('cost_arc = "higher  # 5. higher, lower or about the same', "higher"),  # no closing quote: not the comment
    ('team = """\ntransportation: valley-ride\n', "\ntransportation: valley-ride\n"),  # no closing triple quote
])
def test_an_answer_is_read_from_the_text_of_its_cell(cell, value):
    name = cell.split()[0].rstrip(":")
    assert answer_in_cell(name, cell).value == value


def test_an_answer_read_from_text_is_noted_as_a_guess():
    found = answer_in_cell("cost_arc", "cost_arc = about the same")
    assert found.found and found.notes[0].guess and "does not run as Python" in found.notes[0].text
    assert not answer_in_cell("cost_arc", "x = 1").found


def test_answer_finds_the_newest_cell_the_notebook_ran_even_one_that_did_not_compile():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell('engaged_arc = 60', store_history=True)
    shell.run_cell('engaged_arc = 69%', store_history=True)  # SyntaxError: the variable keeps 60
    assert shell.user_ns["engaged_arc"] == 60
    assert answer("engaged_arc").value == "69%"


# --- answers in YAML form -----------------------------------------------------------------------------

PLAN = """
meeting:
  date: 2026-11-03
goal:
  job_title: Accounts payable clerk
   hourly_wage: 19.00
  weekly_hours 25
communication:
  point_of_contact: vr
  updates: {method: E-mail from Joel, every month, frequency: Monthly: first Monday}
action_items:
  - {action: Apply for paratransit, responsible: [odessa, ride], due: 2026-11-20}
  action: Book the benefits summary, then the AT assessment
  responsible: odessa, cwic
  due: 11/15/2026
  - {action: First mentoring meeting, responsible: [cil], due: sometime soon}
this line means nothing
"""


def _plan(text):
    read = read_answer(text, shape_of(Plan))
    return read, read.data


def test_a_plan_that_yaml_cannot_read_is_read_line_by_line_and_says_where():
    read, data = _plan(PLAN)
    assert not read.strict and "read line by line" in read.notes[0].text
    assert data["goal"] == {"job_title": "Accounts payable clerk", "hourly_wage": "19.00", "weekly_hours": "25"}
    assert data["communication"]["updates"] == {"method": "E-mail from Joel, every month", "frequency": "Monthly: first Monday"}
    items = data["action_items"]
    assert [i["action"] for i in items] == ["Apply for paratransit", "Book the benefits summary, then the AT assessment",
                                           "First mentoring meeting"]
    notes = " | ".join(n.text for n in read.notes)
    assert "line 6 is indented differently" in notes and "line 7: read 'weekly_hours 25'" in notes
    assert "line 13" in notes and "a '- ' may be missing" in notes
    assert [(p.line, "names no part") for p in read.problems if "names no part" in p.message] == [(17, "names no part")]


def test_items_that_do_not_fit_are_left_out_one_by_one_and_the_rest_is_kept():
    from irt_sim.grading.coerce import Context, coerce

    read, data = _plan(PLAN)
    data = coerce(dict(data, customer="odessa-pruitt", id="answer"), Plan, read, Context(after=MEETING))
    plan = validate(Plan, data, read)
    assert plan is not None and plan.goal.hourly_wage == 19 and plan.goal.weekly_hours == 25
    # the due date that is no date is left out, its action item kept (the checker then asks for a date)
    assert [a.due for a in plan.action_items] == [dt.date(2026, 11, 20), dt.date(2026, 11, 15), None]
    assert plan.action_items[1].responsible == ["odessa", "cwic"]
    left = [p for p in read.problems if "left out" in p.message and "sometime soon" in p.message]
    assert len(left) == 1 and left[0].line == 16 and left[0].field == "action_items › 3 › due"


def test_tabs_windows_line_ends_and_a_field_under_the_wrong_heading():
    read = read_by_lines("goal:\r\n\tjob_title: Clerk\r\n\thourly_wage: 19\r\nfollow_up:\r\n\ttimeline: monthly\r\n"
                         "\tcrisis_plan: Call Joel\r\n", shape_of(Plan))
    assert read.data["goal"] == {"job_title": "Clerk", "hourly_wage": "19"}
    assert read.data["crisis_plan"] == "Call Joel" and read.data["follow_up"] == {"timeline": "monthly"}


def test_a_plans_text_list_keeps_words_that_look_like_fields():
    read = read_by_lines("communication:\n  shared_information:\n    - Milestone dates\n    - goal changes\n", shape_of(Plan))
    assert read.data["communication"]["shared_information"] == ["Milestone dates", "goal changes"]


# --- feedback -----------------------------------------------------------------------------------------


def test_the_result_nbgrader_reads_is_the_points_and_people_read_the_reasons():
    fb = Feedback(1.3333, 2, ["The transportation barrier has no partner yet."], "The team")
    bundle = fb._repr_mimebundle_()
    assert bundle["text/plain"] == "1.33"  # nbgrader's partial credit, two decimals
    assert 'role="status"' in bundle["text/html"] and "The team: 1.33 of 2 points." in bundle["text/html"]
    assert bundle[NOTES_MIMETYPE]["points"] == 1.33
    assert Feedback(3, 2).score == 2 and Feedback(-1, 2).score == 0  # never outside what the cell is worth


def test_a_grader_that_fails_gives_a_sentence_not_an_exception():
    @guarded(3, "Your plan")
    def broken(text):
        warnings.warn("a library complains", UserWarning)
        raise KeyError("goal")

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would reach stderr, which nbgrader scores 0
        fb = broken("anything")
    assert fb.score == 0 and fb.possible == 3
    assert fb.lines == ["The grader could not read this answer; your trainer will look at it."]
    assert "KeyError" in fb.notes[0].text and "KeyError" not in fb._repr_html_().split("How your answer")[0]


def test_a_learners_list_item_with_a_comma_in_brackets_stays_one_item():
    """'[milestone dates (training, interviews), wage reports]': two things to share, as the learner
    meant, not three (YAML's reading, which left 'interviews)' for the release check to flag)."""
    from irt_sim.grading import grade_plan

    plan = ("goal:\n  job_title: Accounts payable clerk\n  hourly_wage: 19\n  weekly_hours: 25\ncommunication:\n"
            "  point_of_contact: Joel\n  shared_information: [milestone dates (training, interviews), wage reports]\n"
            "  updates: {method: e-mail, frequency: monthly}\n  consent: Odessa agreed to share these\n")
    fb = grade_plan(plan, "odessa-pruitt", section="communication")
    assert fb.full_marks, str(fb)
    assert "interviews)" not in str(fb)
