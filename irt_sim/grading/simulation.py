"""Exercise 2, ARC versus referral: the learner runs the simulator for one fixed cohort and answers
questions from its table. Expected answers are computed from the same run at grading time, never
written down, so they follow the simulator's parameters if those are ever revised."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import pandas as pd

from ..simulator.cohort import generate_cohort
from ..simulator.params import PATHWAYS, load_params
from ..simulator.engine import SimulationResult, simulate
from .answers import Answer, as_answer
from .feedback import Feedback, Sign, guarded
from .reading import Choice, Note, Reading, read_choice, read_number, shown

#: The exercise's cohort: everyone in it sees the same 300 customers and the same 20 runs.
ARC_COHORT = {"population": "mental_illness", "size": 300, "seed": 2026, "replicates": 20}

# The table's rows: measure -> (label, how to show a value)
_PERCENT, _COUNT, _HOURS, _DOLLARS = (lambda v: f"{v:.0%}"), (lambda v: f"{v:.1f}"), (lambda v: f"{v:.1f}"), \
    (lambda v: f"${v:,.0f}")
ROWS = {
    "share_engaged": ("Needed resources the customers engaged", _PERCENT),
    "placed": ("Customers placed in a job (of 300)", _COUNT),
    "employed_30": ("Still employed at 30 days", _COUNT),
    "employed_180": ("Still employed at 180 days", _COUNT),
    "weeks_to_job_median": ("Weeks to a job (median)", _COUNT),
    "staff_hours_per_customer": ("Staff hours per customer, all partners", _HOURS),
    "cost_per_placement": ("Cost of one placement, all partners", _DOLLARS),
}


@lru_cache(maxsize=1)
def arc_exercise() -> SimulationResult:
    """Run the exercise's cohort through simple referral, ARC, and ARC with a team."""
    params = load_params()
    c = ARC_COHORT
    cohort = generate_cohort(params, c["size"], {c["population"]: 1}, seed=c["seed"])
    return simulate(cohort, params, replicates=c["replicates"], seed=c["seed"])


class ArcTable:
    """The exercise's table: one row per measure, one column per pathway, the mean and its 95% interval."""

    def __init__(self, result: SimulationResult):
        s = result.summary(list(ROWS)).set_index(["measure", "pathway"])
        self.frame = pd.DataFrame(
            {PATHWAYS[p]: [f"{fmt(s.loc[(m, p), 'mean'])} ({fmt(s.loc[(m, p), 'ci_low'])} to {fmt(s.loc[(m, p), 'ci_high'])})"
                           for m, (_label, fmt) in ROWS.items()] for p in PATHWAYS},
            index=[label for label, _fmt in ROWS.values()])
        self.frame.index.name = "Measure"
        self.replicates = result.replicates

    def _repr_html_(self) -> str:
        from ..display.tables import Table

        caption = (f"Averages over {self.replicates} runs of the same 300 customers with serious mental illness. "
                   "In brackets: the 95% confidence interval of each average.")
        rows = {measure: dict(row) for measure, row in self.frame.iterrows()}
        return Table(rows, "Measure", caption)._repr_html_()

    def __repr__(self) -> str:
        return self.frame.to_string()


def arc_tables() -> ArcTable:
    return ArcTable(arc_exercise())


# --- the questions -----------------------------------------------------------------------------------


def _mean(r: SimulationResult, measure: str, pathway: str) -> float:
    s = r.summary([measure])
    return float(s.loc[s["pathway"] == pathway, "mean"].iloc[0])


def _compare(r: SimulationResult, measure: str, pathway: str, baseline: str = "referral") -> str:
    """'higher', 'lower' or 'about the same': the 95% intervals decide, not the averages alone."""
    s = r.summary([measure]).set_index("pathway")
    a, b = s.loc[pathway], s.loc[baseline]
    if a["ci_low"] <= b["ci_high"] and b["ci_low"] <= a["ci_high"]:
        return "about the same"
    return "higher" if a["mean"] > b["mean"] else "lower"


@dataclass(frozen=True)
class Question:
    number: int
    expected: Callable[[SimulationResult], float | str]
    tolerance: float  # for numbers: how far from the exact value a careful reading may land
    why: str  # the domain reason, shown when the answer is off
    unit: str = ""
    words: tuple[Choice, ...] = ()
    percent: bool = False  # a share asked for in %, so 0.26 means 26%
    difference: bool = False  # a difference, so a minus sign means it was subtracted the other way round

    @property
    def is_number(self) -> bool:
        return not self.words


_COMPARE = (Choice("higher", ("more", "more expensive", "greater", "costs more", "higher cost", "bigger", "larger",
                              "highter", "much higher", "clearly higher", "it is higher")),
            Choice("lower", ("less", "cheaper", "less expensive", "lower cost", "costs less", "smaller")),
            Choice("about the same", ("same", "the same", "similar", "about equal", "roughly the same", "equal", "no difference",
                                      "no real difference", "overlap", "they overlap", "intervals overlap", "around the same",
                                      "nearly the same", "about the same cost", "roughly equal")))
QUESTIONS = {
    "engaged_referral": Question(
        1, lambda r: 100 * _mean(r, "share_engaged", "referral"), 1,
        "With a simple referral the customer is handed names and approaches each resource alone; many never "
        "connect. Read the 'needed resources the customers engaged' row, Simple referral column.", "%", percent=True),
    "engaged_arc": Question(
        2, lambda r: 100 * _mean(r, "share_engaged", "arc"), 1,
        "With ARC, staff help the customer approach and engage each resource, so far more connections are made. "
        "Read the same row, Active Resource Coordination column.", "%", percent=True),
    "more_employed_180": Question(
        3, lambda r: _mean(r, "employed_180", "irt") - _mean(r, "employed_180", "referral"), 2,
        "Subtract the Simple referral value from the ARC-and-team value in the 'still employed at 180 days' row.",
        " customers", difference=True),
    "kept_job_referral": Question(
        4, lambda r: 100 * _mean(r, "employed_180", "referral") / _mean(r, "placed", "referral"), 2,
        "Divide 'still employed at 180 days' by 'placed in a job' for Simple referral, then multiply by 100. "
        "Few of the jobs found alone last: nobody is there when the first problems at work come up.", "%", percent=True),
    "cost_arc": Question(
        5, lambda r: _compare(r, "cost_per_placement", "arc"), 0,
        "Compare the two intervals in the 'cost of one placement' row: if they do not overlap, one is clearly "
        "higher. ARC alone puts in many staff hours but places fewer people than a team does.", words=_COMPARE),
    "cost_team": Question(
        6, lambda r: _compare(r, "cost_per_placement", "irt"), 0,
        "Compare the intervals in the 'cost of one placement' row: when they overlap, the honest answer is "
        "'about the same'. A team spends more hours per customer but places many more of them.", words=_COMPARE),
}


def _read(q: Question, given: Answer) -> Reading:
    """The learner's answer as a number or a word, with how it was read, or the plain reason it cannot be read."""
    reading = read_number(given.value) if q.is_number else read_choice(given.value, q.words)
    reading.notes = list(given.notes) + reading.notes
    if reading.problem == "no answer yet" or (given.value is None and not reading.ok):
        reading.problem = ("write a number in place of None." if q.is_number
                           else f"write {', '.join(repr(c.value) for c in q.words[:-1])} or '{q.words[-1].value}' between the quotes.")
    return reading


def _question(answer: Answer | Any) -> tuple[str, Question, Answer]:
    given = as_answer(answer)
    return given.name, QUESTIONS[given.name], given


def _possible(answer, points: float = 1) -> float:
    return points


@guarded(_possible, "Your answer")
def check_arc(answer: Answer | Any, points: float = 1) -> Feedback:
    """Self-check: can the answer be read, and how was it read? (Whether it is right is for the trainer's copy.)"""
    _name, q, given = _question(answer)
    reading = _read(q, given)
    title = f"Question {q.number}"
    if not reading.ok:
        return Feedback(0, points, [reading.problem[:1].upper() + reading.problem[1:]], title, reading.notes, check_only=True)
    shown_value = f"{reading.value:g}" if q.is_number else f"'{reading.value}'"
    return Feedback(points, points, [f"Your answer can be read as {shown_value}."], title, reading.notes, check_only=True)


def check_arc_answers() -> Feedback:
    """The self-check of all six answers at once, read from the notebook's answer cell."""
    from .answers import answer

    out = Feedback(0, 0, title="Your answers", check_only=True)
    for name in QUESTIONS:
        one = check_arc(answer(name))
        out.points += one.points
        out.possible += one.possible
        out.lines += [f"{one.title}: {line[:1].lower()}{line[1:]}" for line in one.lines]
        out.notes += [Note(f"{one.title}: {n.text}", n.guess) for n in one.notes]
    return out


@guarded(_possible, "Your answer")
def grade_arc(answer: Answer | Any, points: float = 1) -> Feedback:
    """Full points for an answer within the question's tolerance of the simulator's value (or the
    right word); the line says why otherwise."""
    _name, q, given = _question(answer)
    reading = _read(q, given)
    title = f"Question {q.number}"
    if not reading.ok:
        return Feedback(0, points, [reading.problem[:1].upper() + reading.problem[1:]], title, reading.notes)
    expected = q.expected(arc_exercise())
    value = reading.value
    if not q.is_number:
        if value == expected:
            return Feedback(points, points, [f"Right ('{expected}')."], title, reading.notes)
        return Feedback(0, points, [f"You wrote '{value}'; the run says '{expected}'. {q.why}"], title, reading.notes,
                        signs=[Sign("wrong_value", title, f"{title}: {q.why}", value=value, expected=expected)])
    close = lambda v: abs(v - expected) <= q.tolerance + 1e-9  # noqa: E731
    if close(value):
        return Feedback(points, points, [f"Right (about {expected:.0f}{q.unit})."], title, reading.notes)
    if q.percent and 0 < value <= 1 and close(100 * value):
        reading.notes.append(Note(f"read {value:g} as {100 * value:g}% (a share written as a proportion)"))
        return Feedback(points, points, [f"Right (about {expected:.0f}{q.unit})."], title, reading.notes)
    if q.difference and close(-value):
        return Feedback(points / 2, points, [f"The size of the difference is right ({-value:g}), but it was subtracted "
                                             "the other way round: the team keeps more people in work, so the answer "
                                             f"is about +{expected:.0f}. Half a point."], title, reading.notes)
    return Feedback(0, points, [f"You wrote {shown(given.value)}; the run gives about {expected:.0f}{q.unit}. {q.why}"],
                    title, reading.notes, signs=[Sign("wrong_value", title, f"{title}: {q.why}", value=value,
                                                      expected=round(expected, 1))])
