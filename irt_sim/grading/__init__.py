"""What the graded exercises call: self-checks and graders whose every message names the domain
reason ("the transportation barrier has no partner"), never a Python error.

Answers are read from the text of the cell that wrote them (``answer``), by one reader that
forgives form and never substance (``reading``, ``lenient``). Every check and grader returns a
``Feedback``: its plain-text result is the points (nbgrader's partial credit), its HTML the reasons
and how the answer was read.

One module per exercise: ``choice`` (IRT or not), ``simulation`` (ARC versus referral), ``team``,
``plan`` and ``fidelity`` (IPS). The simulator and the fidelity scale need pandas, so they load on
first use.
"""

from __future__ import annotations

from importlib import import_module

from .answers import Answer, answer
from .choice import check_choice, grade_scenario
from .feedback import Feedback
from .plan import PlanAnswer, check_plan_readable, grade_held_back, grade_plan, held_back_case, read_plan_answer
from .reading import Note
from .team import grade_team

_LAZY = {
    "arc_exercise": "simulation", "arc_tables": "simulation", "check_arc": "simulation", "check_arc_answers": "simulation",
    "grade_arc": "simulation",
    "fidelity_evidence": "fidelity", "read_fidelity_scores": "fidelity", "check_fidelity_scores": "fidelity",
    "grade_fidelity_scores": "fidelity", "grade_improvement_plan": "fidelity", "check_improvement_plan": "fidelity",
    "case_card": "..tables", "services_table": "..tables",
}

__all__ = ["Answer", "Feedback", "Note", "PlanAnswer", "answer", "case_card", "check_choice", "check_plan_readable",
           "grade_held_back", "grade_plan", "grade_scenario", "grade_team", "held_back_case", "read_plan_answer",
           "services_table", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        module = _LAZY[name]
        return getattr(import_module(module if module.startswith("..") else f".{module}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
