"""A case of one's own in negotiate_the_plan, end to end with nbgrader: a learner for each case in the
pool submits the trainer's plan for their customer, as the answer cell has it (the team left to the
case) or copied whole, and scores every automatic point (11 by section, 2 against the fuller record).
A neighbour's plan under another id does not; a plan written for the list of barriers and not for the
story loses the fuller record's points (a practice customer's fuller record is derived from the
story); an id written that is not the submission's is graded on the submission's case and named."""

from __future__ import annotations

import contextlib
import csv
import io

import nbformat
import pytest
import yaml

from irt_sim.cases.worked_plan import plan_text
from irt_sim.cli import main
from irt_sim.grading import grade_plan
from irt_sim.grading.plan_case import worked_plan_of
from irt_sim.grading.variants import case_for, case_pool

from ..support import KIT
from ..support.course import released_course, submitted

pytestmark = pytest.mark.integration
A = "negotiate_the_plan"
FULL = 13  # the automatic points: 11 by section and 2 for the fuller record


def learners() -> dict[str, str]:
    """One learner id for each case in the pool (the first of learner-01, learner-02, ... to get it)."""
    found: dict[str, str] = {}
    for n in range(1, 400):
        found.setdefault(case_for(f"learner-{n:02d}", A), f"learner-{n:02d}")
        if len(found) == len(case_pool(A)):
            return {i: c for c, i in found.items()}
    raise AssertionError("400 ids do not reach every case in the pool")


def odessa_solution() -> str:
    nb = nbformat.read(KIT / "exercises" / "source" / A / f"{A}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "answer_plan")
    return cell.source.split("### BEGIN SOLUTION")[1].split('plan = """', 1)[1].split('"""')[0]


def right_plan(case: str) -> str:
    return odessa_solution() if case == "odessa-pruitt" else plan_text(worked_plan_of(case))


def as_the_cell_has_it(text: str) -> str:
    """The plan without the team (meeting, attendees, program dates), as the answer cell starts."""
    data = yaml.safe_load(text)
    return yaml.safe_dump({k: v for k, v in data.items() if k not in ("meeting", "attendees", "program_records")},
                          sort_keys=False, allow_unicode=True, width=100)


def story_blind(case: str) -> str:
    """The case's worked plan without the commitments that meet what the team's record leaves out."""
    from irt_sim.grading.cases import exercise_casebook
    from irt_sim.grading.practice_records import full_record
    from irt_sim.vocab import ServiceCategory

    kinds = {ServiceCategory(k) for need in yaml.safe_load(full_record(case))["needs"] for k in need["services"]}
    plan, book = worked_plan_of(case), exercise_casebook(customer=case)
    phases = []
    for phase in plan.sequence:
        kept = [c for c in phase.commitments if book.service_for(plan, c.partner, c.service).category not in kinds]
        if kept:
            phases.append(phase.model_copy(update={"commitments": kept}))
    return plan_text(plan.model_copy(update={"sequence": phases}))


def submission(release, learner_id: str, plan: str):
    return submitted(release, learner_id, "answer_plan", "plan", plan)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("plan-variants")
    course = released_course(base, A)
    release = nbformat.read(course / "release" / A / f"{A}.ipynb", as_version=4)
    who = learners()
    plan = {}
    for n, (learner, case) in enumerate(sorted(who.items())):
        text = right_plan(case)
        plan[learner] = (learner if n % 2 else "", as_the_cell_has_it(text) if n % 3 else text)  # some copy the team too
    first = sorted(who)[0]
    copier = next(f"copier-{n}" for n in range(1, 99) if case_for(f"copier-{n}", A) not in (who[first], "odessa-pruitt"))
    plan[copier] = (copier, as_the_cell_has_it(right_plan(who[first])))
    blind = next(f"blind-{n}" for n in range(1, 99) if (case := case_for(f"blind-{n}", A)) != "odessa-pruitt"
                 and grade_plan(story_blind(case), case).full_marks)  # the list's barriers all still met
    plan[blind] = (blind, as_the_cell_has_it(story_blind(case_for(blind, A))))
    plan["wrong-id"] = ("someone-else", as_the_cell_has_it(right_plan(case_for("wrong-id", A))))
    subs = base / "submissions"
    for folder, (written, text) in plan.items():
        (subs / folder).mkdir(parents=True)
        nbformat.write(submission(release, written, text), subs / folder / f"{A}.ipynb")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["grade", A, "--submissions", str(subs), "--course", str(course), "--workers", "2"]) == 0
        assert main(["report", A, "--course", str(course)]) == 0
    with open(course / f"grades-{A}.csv", newline="") as f:
        scores = {r["student_id"]: float(r["automatic_score"]) for r in csv.DictReader(f)}
    with open(course / f"report-{A}.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    return who, scores, rows, copier, blind, (course / f"report-{A}.html").read_text(encoding="utf-8")


def test_every_case_in_the_pool_is_graded_on_its_own_and_the_right_plan_scores_full_marks(graded):
    who, scores, rows, _, _, _ = graded
    assert len(set(who.values())) == len(case_pool(A)) >= 10
    assert {i: scores[i] for i in who} == {i: FULL for i in who}
    assert {i: rows[i]["case"] for i in who} == who  # the report says whose case each was


def test_a_neighbours_plan_does_not_score_full_marks(graded):
    _, scores, _, copier, _, page = graded
    assert scores[copier] < FULL
    assert "a plan written for another customer than the learner&#x27;s own" in page  # the class report says why


def test_a_plan_for_the_list_and_not_the_story_loses_the_fuller_records_points(graded):
    _, scores, rows, _, blind, _ = graded
    assert FULL - 2 <= scores[blind] < FULL  # the sections whole, the fuller record's need unmet
    part = next(k for k in rows[blind] if "full record" in k.lower())
    assert float(rows[blind][part]) == 0, rows[blind]


def test_an_id_that_is_not_the_submissions_is_graded_on_its_own_case_and_named(graded):
    _, scores, rows, _, _, _ = graded
    assert scores["wrong-id"] == FULL
    assert "'someone-else'" in rows["wrong-id"]["follow_up"]
