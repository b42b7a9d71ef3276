"""A case of one's own, end to end with nbgrader: thirty learners submit build_the_team, each with the
right answer for the customer their id gives; the grading run grades each against that customer. The
same answer under another learner's id does not score full marks, and a learner who wrote another id
in the notebook is graded on the submission's own case and named in the trainer's report."""

from __future__ import annotations

import contextlib
import csv
import io
import json

import nbformat
import pytest

from irt_sim import load_casebook
from irt_sim.cli import main
from irt_sim.grading.variants import case_for, worked_team

from ..support.course import released_course

pytestmark = pytest.mark.integration
IDS = [f"learner-{n:02d}" for n in range(1, 31)]


def submission(release, learner_id: str, team: str):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid == "learner_id":
            c.source = f'learner_id = "{learner_id}"'
        elif gid == "answer_team":
            c.source = f'team = """\n{team}"""'
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("variants")
    course = released_course(base, "build_the_team")
    release = nbformat.read(course / "release" / "build_the_team" / "build_the_team.ipynb", as_version=4)
    book = load_casebook()
    right = {i: worked_team(book.customers[case_for(i, "build_the_team")], book) for i in IDS}
    subs = base / "submissions"
    plan = {i: (i if n % 2 else "", right[i]) for n, i in enumerate(IDS)}  # half write their id, half leave it (a hub)
    copier = next(f"copier-{n}" for n in range(1, 99)  # a learner whose own case is not learner-01's
                  if case_for(f"copier-{n}", "build_the_team") != case_for(IDS[0], "build_the_team"))
    plan[copier] = (copier, right[IDS[0]])  # learner-01's right answer, under the copier's own id
    plan["wrong-id"] = ("someone-else", worked_team(book.customers[case_for("wrong-id", "build_the_team")], book))
    for folder, (written, team) in plan.items():
        (subs / folder).mkdir(parents=True)
        nbformat.write(submission(release, written, team), subs / folder / "build_the_team.ipynb")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["grade", "build_the_team", "--submissions", str(subs), "--course", str(course), "--workers", "2"]) == 0
        assert main(["report", "build_the_team", "--course", str(course)]) == 0
    with open(course / "grades-build_the_team.csv", newline="") as f:
        scores = {r["student_id"]: float(r["automatic_score"]) for r in csv.DictReader(f)}
    return course, scores, copier


def test_thirty_ids_give_at_least_ten_cases_and_each_right_answer_full_marks(graded):
    _, scores, _ = graded
    assert len({case_for(i, "build_the_team") for i in IDS}) >= 10
    assert {i: scores[i] for i in IDS} == {i: 5 for i in IDS}


def test_a_neighbours_right_answer_does_not_score_full_marks(graded):
    _, scores, copier = graded
    assert scores[copier] < 5


def test_an_id_that_is_not_the_submissions_is_graded_on_its_own_case_and_named(graded):
    course, scores, _ = graded
    assert scores["wrong-id"] == 5  # graded on the submission's case, whose right answer it holds
    with open(course / "report-build_the_team.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert "'someone-else'" in rows["wrong-id"]["follow_up"] and "wrong-id's case" in rows["wrong-id"]["follow_up"]
    assert rows["learner-01"]["case"] == case_for("learner-01", "build_the_team")
    assert not any("wrote the learner id" in rows[i]["follow_up"] for i in IDS)  # an id written as given, or none
