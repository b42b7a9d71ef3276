"""End to end, partial credit: a test cell whose result is a number earns that many points (nbgrader's
partial credit), so half points for a fidelity score one off the anchor reach the gradebook and the
CSV exactly, and the feedback keeps the reasons but never the hidden test."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import nbformat
import pytest

from irt_sim.cli import main

from ..support.course import released_course
from ..support.course import exercise_cell


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("partial")
    course = released_course(base, "ips_fidelity")
    release = nbformat.read(course / "release" / "ips_fidelity" / "ips_fidelity.ipynb", as_version=4)
    worked = {gid: exercise_cell("ips_fidelity", gid) for gid in ("answer_scores", "answer_plan")}
    scores, plan = worked["answer_scores"]["scores"], worked["answer_plan"]["improvement_plan"]

    def make(student, scores_text, plan_text):
        nb = nbformat.from_dict(json.loads(json.dumps(release)))
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid == "answer_scores":
                c.source = f'scores = """{scores_text}"""'
            elif gid == "answer_plan":
                c.source = f'improvement_plan = """{plan_text}"""'
        (base / "subs" / student).mkdir(parents=True)
        nbformat.write(nb, base / "subs" / student / "ips_fidelity.ipynb")

    make("correct", scores, plan)
    # S1 one off (half), S2 two off (none); the plan's last step has no date (completeness lost)
    make("partly", scores.replace("S1: 3", "S1: 4").replace("S2: 3", "S2: 5"),
         plan.replace("  by: 2027-06-30\n", ""))
    make("blank", "", "")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["grade", "ips_fidelity", "--submissions", str(base / "subs"), "--course", str(course)])
    return course, code


def test_partial_credit_reaches_the_csv_exactly(graded):
    course, code = graded
    assert code == 0
    with open(course / "grades-ips_fidelity.csv", newline="") as f:
        got = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(f)}
    # partly: S1 one off (half), S2 two off (none): 5.5 of 7; three of four steps complete (0.75) and the
    # steps aimed at weak items (1)
    assert got == {"correct": 9, "partly": 5.5 + 0.75 + 1, "blank": 0}


def test_partial_feedback_keeps_the_reasons_without_the_hidden_test(graded):
    course, _ = graded
    page = (course / "feedback" / "partly" / "ips_fidelity" / "ips_fidelity.html").read_text(encoding="utf-8")
    assert "one away from the anchor" in page and "26.7 customers per full-time specialist" in page
    assert "HIDDEN TESTS" not in page and "grade_fidelity_scores(" not in page
