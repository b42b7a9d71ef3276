"""A case of one's own, end to end with nbgrader: thirty learners submit build_the_team, each with the
right answer for the customer their id gives; the grading run grades each against that customer. The
same answer under another learner's id does not score full marks, and a learner who wrote another id
in the notebook is graded on the submission's own case and named in the trainer's report."""

from __future__ import annotations

import contextlib
import csv
import io

import nbformat
import pytest

from irt_sim.cli import main
from irt_sim.grading import exercise_casebook
from irt_sim.grading.variants import case_for, worked_team

from ..support.course import released_course, submitted

pytestmark = pytest.mark.integration
IDS = [f"learner-{n:02d}" for n in range(1, 31)]
#: Ten more learners, each leaving one or two of their customer's barriers without a partner (seeded):
#: with the thirty, a class of forty for the class report.
PARTIAL = [f"learner-{n:02d}" for n in range(31, 41)]


def left_blank(learner: str, team: str) -> tuple[str, list[str]]:
    """The learner's answer with one or two barrier lines emptied, and the barriers emptied."""
    import random

    rng = random.Random(learner)
    lines = team.strip().splitlines()
    barriers = [i for i, line in enumerate(lines) if not line.startswith("help_")]
    gone = rng.sample(barriers, min(len(barriers) - 1, rng.choice([1, 2])))
    kept = [line.split(":")[0] + ":" if i in gone else line for i, line in enumerate(lines)]
    return "\n".join(kept) + "\n", [lines[i].split(":")[0] for i in gone]


def submission(release, learner_id: str, team: str):
    return submitted(release, learner_id, "answer_team", "team", team)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("variants")
    course = released_course(base, "build_the_team")
    release = nbformat.read(course / "release" / "build_the_team" / "build_the_team.ipynb", as_version=4)
    book = exercise_casebook()  # the kit's casebook with the exercises' practice customers
    right = {i: worked_team(book.customers[case_for(i, "build_the_team")], book) for i in IDS}
    subs = base / "submissions"
    plan = {i: (i if n % 2 else "", right[i]) for n, i in enumerate(IDS)}  # half write their id, half leave it (a hub)
    copier = next(f"copier-{n}" for n in range(1, 99)  # a learner whose own case is not learner-01's
                  if case_for(f"copier-{n}", "build_the_team") != case_for(IDS[0], "build_the_team"))
    plan[copier] = (copier, right[IDS[0]])  # learner-01's right answer, under the copier's own id
    plan["wrong-id"] = ("someone-else", worked_team(book.customers[case_for("wrong-id", "build_the_team")], book))
    answered = {line.split(":")[0] for line in right[IDS[0]].splitlines()}
    blanks = {copier: [b.type.value for b in book.customers[case_for(copier, "build_the_team")].barriers
                       if b.type.value not in answered]}  # learner-01's lines leave the copier's own barriers out
    for i in PARTIAL:
        team, blanks[i] = left_blank(i, worked_team(book.customers[case_for(i, "build_the_team")], book))
        plan[i] = (i, team)
    cheat = next(f"cheat-{n}" for n in range(1, 99) if case_for(f"cheat-{n}", "build_the_team") != "beatriz-almonte")
    plan[cheat] = (cheat, worked_team(book.customers["beatriz-almonte"], book))
    beatriz = {line.split(":")[0] for line in plan[cheat][1].splitlines()}
    blanks[cheat] = [b.type.value for b in book.customers[case_for(cheat, "build_the_team")].barriers
                     if b.type.value not in beatriz]
    for folder, (written, team) in plan.items():
        (subs / folder).mkdir(parents=True)
        nb = submission(release, written, team)
        if folder == cheat:  # an answer cell that tries to choose the case it is graded on
            for c in nb.cells:
                if c.metadata.get("nbgrader", {}).get("grade_id") == "answer_team":
                    c.source = 'import os\nos.environ["IRT_GRADED_CASE"] = "beatriz-almonte"\n' + c.source
        nbformat.write(nb, subs / folder / "build_the_team.ipynb")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["grade", "build_the_team", "--submissions", str(subs), "--course", str(course), "--workers", "2"]) == 0
        assert main(["report", "build_the_team", "--course", str(course)]) == 0
    with open(course / "grades-build_the_team.csv", newline="") as f:
        scores = {r["student_id"]: float(r["automatic_score"]) for r in csv.DictReader(f)}
    return course, scores, copier, blanks, cheat


def test_thirty_ids_give_at_least_ten_cases_and_each_right_answer_full_marks(graded):
    _, scores, _, _, _ = graded
    assert len({case_for(i, "build_the_team") for i in IDS}) >= 10
    assert {i: scores[i] for i in IDS} == {i: 5 for i in IDS}


def test_a_neighbours_right_answer_does_not_score_full_marks(graded):
    _, scores, copier, _, _ = graded
    assert scores[copier] < 5


def test_an_id_that_is_not_the_submissions_is_graded_on_its_own_case_and_named(graded):
    course, scores, _, _, _ = graded
    assert scores["wrong-id"] == 5  # graded on the submission's case, whose right answer it holds
    with open(course / "report-build_the_team.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert "'someone-else'" in rows["wrong-id"]["follow_up"] and "wrong-id's case" in rows["wrong-id"]["follow_up"]
    assert rows["learner-01"]["case"] == case_for("learner-01", "build_the_team")
    assert not any("wrote the learner id" in rows[i]["follow_up"] for i in IDS)  # an id written as given, or none


def test_the_report_of_a_class_of_forty_counts_what_the_answers_left_out(graded):
    """The forty-two learners' points in the report are the gradebook's; each barrier's 'left without a
    partner' count is the number of learners whose answer left it out, worked out from how they were made
    (the ten who emptied lines; the copier and the cheat, whose borrowed lines miss some of their own barriers)."""
    from collections import Counter

    from bs4 import BeautifulSoup

    from irt_sim.vocab import BarrierType

    course, scores, _, blanks, _ = graded
    with open(course / "report-build_the_team.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert {k: float(r["automatic_points"]) for k, r in rows.items()} == scores and len(rows) == 43
    expected = Counter(b for gone in blanks.values() for b in set(gone))
    page = BeautifulSoup((course / "report-build_the_team.html").read_text(encoding="utf-8"), "html.parser")
    table = next(t for t in page.find_all("table") if t.caption.text == "Misconceptions, the commonest first")
    found = {tr.find_all("td")[0].text: int(tr.find_all("td")[1].text) for tr in table.find_all("tr")[1:]}
    for barrier, n in expected.most_common(5):
        label = BarrierType(barrier).label
        assert found.get(f"the {label} barrier left without a partner") == n, barrier
    assert all(scores[i] < 5 for i in PARTIAL)


def test_an_answer_cell_cannot_choose_the_case_it_is_graded_on(graded):
    """The cell sets the grading run's own variable in its kernel and answers for the worked case: the
    trusted re-run grades the submission's own case, and the report says the kernel scored otherwise."""
    course, scores, _, _, cheat = graded
    assert scores[cheat] < 5
    with open(course / "report-build_the_team.csv", newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["student_id"] == cheat)
    assert "scored differently in the learner's own kernel" in row["follow_up"]
