"""The grading run's side of a case of one's own (irt_sim.grading.variants): before nbgrader runs a
submission, ``GradedCase`` reads the exercise's setup cell (locked, so nbgrader has put the trainer's
version back) and sets the case the submission's own learner id gives, for the learner's sandboxed
kernel and for the trusted re-run of the test cells alike. The report reads what each learner wrote."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from ..grading.variants import GRADED_CASE, case_for, learner_key


@dataclass(frozen=True)
class Setup:
    assignment: str
    per_learner: bool


def setup_call(cells) -> Setup | None:
    """The ``my_case(ASSIGNMENT, ..., per_learner=...)`` call in a locked cell, or None (one case for all)."""
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") != "code" or "my_case(" not in source:
            continue
        if not cell.get("metadata", {}).get("nbgrader", {}).get("locked"):
            continue  # only the trainer's own cells decide
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "my_case":
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    flag = next((k.value for k in node.keywords if k.arg == "per_learner"), None)
                    per = not (isinstance(flag, ast.Constant) and flag.value is False)
                    return Setup(node.args[0].value, per)
    return None


def written_id(cells) -> str:
    """The learner id the learner wrote in the notebook (from the cell's text), or ''."""
    from ..grading.answers import answer_in_cell

    for cell in cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "learner_id":
            source = cell.get("source", "")
            found = answer_in_cell("learner_id", "".join(source) if isinstance(source, list) else source)
            return str(found.value or "") if found.found else ""
    return ""


def case_of(cells, student: str) -> tuple[str, str] | None:
    """(the case the submission is graded against, the id the learner wrote) for a per-learner exercise."""
    setup = setup_call(cells)
    if setup is None or not setup.per_learner:
        return None
    return case_for(student, setup.assignment), written_id(cells)


def mismatch(written: str, student: str) -> bool:
    return bool(learner_key(written)) and learner_key(written) != learner_key(student)


class GradedCase(NbGraderPreprocessor):
    """First of the autograde steps: the case of the learner whose submission this is."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        setup = setup_call(nb.cells)
        student = resources.get("nbgrader", {}).get("student", "")
        if setup is None:
            os.environ.pop(GRADED_CASE, None)
        else:
            os.environ[GRADED_CASE] = case_for(student, setup.assignment, per_learner=setup.per_learner)
        return nb, resources
