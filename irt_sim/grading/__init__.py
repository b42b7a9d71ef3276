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

from .._lazy import lazy_exports

from .answers import Answer, answer
from .cases import exercise_casebook
from .choice import check_choice, grade_scenario
from .feedback import Feedback
from .held_back import grade_held_back, held_back_case
from .plan import PlanAnswer, check_plan_readable, grade_plan, read_plan_answer
from .reading import Note
from .team import grade_team
from .variants import graded_case, my_case

_WHERE = {
    **dict.fromkeys(["arc_exercise", "arc_tables", "check_arc", "check_arc_answers", "grade_arc"], ".simulation"),
    **dict.fromkeys(["fidelity_evidence", "read_fidelity_scores", "check_fidelity_scores", "grade_fidelity_scores",
                     "grade_improvement_plan", "check_improvement_plan"], ".fidelity"),
    **dict.fromkeys(["case_card", "services_table"], "..display.tables"),
}

__all__ = ["Answer", "Feedback", "Note", "PlanAnswer", "answer", "case_card", "check_choice", "check_plan_readable",
           "exercise_casebook",
           "grade_held_back", "grade_plan", "grade_scenario", "grade_team", "graded_case", "held_back_case", "my_case",
           "read_plan_answer",
           "services_table", *_WHERE]
__getattr__ = lazy_exports(__name__, _WHERE)
