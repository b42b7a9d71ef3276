"""Learner-friendly checks for the graded exercises: every message names the domain reason
("the transportation barrier has no partner"), never a bare AssertionError.

Exercise notebooks call these from their self-check and test cells. Each check returns a
``Feedback`` (points earned, points possible, plain-language lines); ``Feedback.require`` raises
``NotYet`` (an AssertionError, so nbgrader scores the cell 0) whose message is those lines.

One module per exercise: ``feedback`` (points, one-word answers), ``team``, ``plan``, ``simulation``
(ARC versus referral) and ``fidelity`` (IPS). The last two need pandas, so they load on first use.
"""

from __future__ import annotations

from importlib import import_module

from .feedback import Feedback, NotYet, check_word, grade_choice
from .plan import PlanAnswer, grade_held_back, grade_plan, held_back_case, read_plan_answer
from .team import grade_team, read_team_answer

_LAZY = {
    "arc_exercise": "simulation", "arc_tables": "simulation", "check_arc": "simulation", "grade_arc": "simulation",
    "fidelity_evidence": "fidelity", "read_fidelity_scores": "fidelity", "check_fidelity_scores": "fidelity",
    "grade_fidelity_scores": "fidelity", "grade_improvement_plan": "fidelity",
}

__all__ = ["Feedback", "NotYet", "PlanAnswer", "check_word", "grade_choice", "grade_held_back", "grade_plan",
           "grade_team", "held_back_case", "read_plan_answer", "read_team_answer", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
