"""End to end: fixture submissions graded with exact scores; broken, missing, tampered and extra
files are reported and the rest still graded; feedback never shows a hidden test."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

from irt_sim.cli import main

from ..support.course import IRT_OR_NOT_RIGHT as RIGHT
from ..support.course import irt_or_not_submission, nbgrader, released_course

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grading")
    course = released_course(base, "irt_or_not")
    release = nbformat.read(course / "release" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    subs = base / "submissions"

    def make(student, answers, change=None):
        nb = irt_or_not_submission(release, answers, change)
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "irt_or_not.ipynb")

    make("correct", RIGHT)
    make("other-form", {k: v.upper() + "  " for k, v in RIGHT.items()})  # another valid form of the same answers
    make("partly", dict(RIGHT, **{"2": "arc"}))
    make("blank", {})
    make("syntax", RIGHT, lambda gid, c: setattr(c, "source", 'answer_2 = "referral') if gid == "answer_2" else None)
    make("raises", RIGHT, lambda gid, c: setattr(c, "source", "answer_3 = 1 / 0") if gid == "answer_3" else None)
    make("loops", RIGHT, lambda gid, c: setattr(c, "source", 'while True:\n    pass\nanswer_4 = "irt"') if gid == "answer_4" else None)
    make("tamper", dict(RIGHT, **{"1": "irt"}), lambda gid, c: setattr(c, "source", "pass") if gid == "test_1" else None)
    (subs / "broken").mkdir()
    (subs / "broken" / "irt_or_not.ipynb").write_text("{ this is not json", encoding="utf-8")
    (subs / "missing").mkdir()
    (subs / "missing" / "notes.txt").write_text("my notes", encoding="utf-8")
    make("extra", RIGHT)
    (subs / "extra" / "scratch.py").write_text("print(1)", encoding="utf-8")
    archive = base / "lms-download.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in subs.rglob("*"):
            if f.is_file():
                z.write(f, Path("submissions") / f.relative_to(subs))
    course.joinpath("nbgrader_config.py").write_text(
        course.joinpath("nbgrader_config.py").read_text() + "\nc.Execute.timeout = 5\n", encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["grade", "irt_or_not", "--submissions", str(archive), "--course", str(course), "--workers", "2"])
    return course, code, out.getvalue()


def scores(course):
    with open(course / "grades-irt_or_not.csv", newline="") as f:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(f)}


def test_every_submission_gets_its_exact_score(graded):
    course, code, _ = graded
    assert code == 0
    # a cell that does not run (a missing quote) or runs for ever is still read from its text; '1 / 0'
    # names no choice; the tampered test cell is restored and grades the wrong answer
    assert scores(course) == {"correct": 4, "other-form": 4, "partly": 3, "blank": 0, "syntax": 4, "raises": 3,
                              "loops": 4, "tamper": 3, "extra": 4}


def test_broken_missing_tampered_and_extra_are_reported(graded):
    course, _, out = graded
    assert "broken: irt_or_not.ipynb is not a readable notebook" in out
    assert "missing: irt_or_not.ipynb is missing from the submission" in out
    assert "tamper: the locked cell 'test_1' was edited" in out
    assert "extra: extra files were ignored: scratch.py" in out
    # no false alarm: the stripped hidden tests of every other submission raise nothing
    assert not re.search(r"^  (correct|partly|blank|other-form): the locked cell", out, re.M)
    assert "broken" not in scores(course) and "missing" not in scores(course)


def test_the_class_report_agrees_with_the_gradebook_and_names_the_misconceptions(graded):
    """`irt-academy report`: each learner's points as the gradebook holds them, each scenario's share of
    full marks, the wrong picks in the IRT's words (each counted once a learner), and who to follow up."""
    from bs4 import BeautifulSoup

    course, _, _ = graded
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["report", "irt_or_not", "--course", str(course)]) == 0
    with open(course / "report-irt_or_not.csv", newline="", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert {k: float(r["automatic_points"]) for k, r in rows.items()} == scores(course)  # the gradebook's own figures
    page = BeautifulSoup((course / "report-irt_or_not.html").read_text(encoding="utf-8"), "html.parser")
    tables = {t.caption.text: [[td.text for td in tr.find_all("td")] for tr in t.find_all("tr")[1:]]
              for t in page.find_all("table")}
    shares = {r[0]: r[3] for r in tables["Mean share of full marks, part by part"]}
    # scenario 2: 'partly' chose arc; 'blank' wrote nothing: 7 of 9 right
    assert shares["Scenario 2"] == f"{100 * 7 / 9:.0f}%" and shares["Scenario 4"] == f"{100 * 8 / 9:.0f}%"
    wrong = {r[0]: int(r[1]) for r in tables["Misconceptions, the commonest first"]}
    # 'partly' chose ARC for the simple referral; 'tamper' chose an IRT for the committee; '1 / 0' names no choice
    assert wrong == {"Active Resource Coordination (ARC) chosen where a case manager hands Rafael a list of six agencies "
                     "and tells him to call when he has time (a simple referral)": 1,
                     "an Integrated Resource Team (IRT) chosen where managers of five agencies meet every month about "
                     "their programs, flyers and a joint outreach fair (an interagency committee)": 1}
    follow = {r[0]: r[1] for r in tables["Learners to follow up, and why"]}
    assert "blank" in follow and "0 of 4 points" in follow["blank"] and "correct" not in follow
    assert "did not run" in follow["syntax"] and "scored differently" not in follow.get("correct", "")
    assert len(page.find_all("svg")) == 2 and all(s.find("title") for s in page.find_all("svg"))


def _no_hidden_test_in_feedback(course):
    pages = list((course / "feedback").glob("*/irt_or_not/*.html"))
    assert len(pages) == 9
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text and "_grade_scenario" not in text and "decides=" not in text, page
        assert "most recent call last" not in text and "----&gt;" not in text, page
    partly = (course / "feedback" / "partly" / "irt_or_not" / "irt_or_not.html").read_text(encoding="utf-8")
    assert "You chose Active Resource Coordination (ARC), but a case manager hands Rafael a list" in partly  # the reason stays


def test_feedback_never_shows_a_hidden_test(graded):
    _no_hidden_test_in_feedback(graded[0])


def test_feedback_made_by_nbgrader_itself_never_shows_a_hidden_test(graded):
    """The formgrader's 'generate feedback' button runs nbgrader's own command: the same rules apply."""
    course, _, _ = graded
    shutil.rmtree(course / "feedback")
    assert nbgrader(course, "generate_feedback", "irt_or_not", "--force").returncode == 0
    _no_hidden_test_in_feedback(course)


def _gradebook_rows(course, assignment="irt_or_not"):
    from nbgrader.api import Gradebook

    rows = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            rows[(sub.student.id, "timestamp")] = sub.timestamp
            for nb in sub.notebooks:
                rows[(sub.student.id, nb.name, "late")] = nb.late_submission_penalty
                for g in nb.grades:
                    rows[(sub.student.id, g.name)] = (g.auto_score, g.manual_score, g.needs_manual_grade)
                for c in nb.comments:
                    rows[(sub.student.id, c.name, "comment")] = c.auto_comment
    return rows


def test_the_gradebook_holds_what_nbgrader_alone_would_record(graded, tmp_path):
    """The parallel path copies autograde results into the one gradebook; plain serial nbgrader on the
    same submissions must record exactly the same grades, comments and timestamps."""
    course, _, _ = graded
    plain = tmp_path / "plain"
    shutil.copytree(course, plain, ignore=shutil.ignore_patterns("gradebook.db", "autograded", "feedback", "*.csv"))
    assert nbgrader(plain, "generate_assignment", "irt_or_not", "--force").returncode == 0
    assert nbgrader(plain, "autograde", "irt_or_not", "--force").returncode == 0
    ours, theirs = _gradebook_rows(course), _gradebook_rows(plain)
    assert len(ours) > 9 * 8 and ours == theirs


def test_a_regrade_keeps_the_trainers_manual_scores(graded, tmp_path):
    from nbgrader.api import Gradebook

    course, _, _ = graded
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        gb.find_grade("why_1", "irt_or_not", "irt_or_not", "correct").manual_score = 2
        gb.db.commit()
    again = tmp_path / "again"
    shutil.copytree(course / "submitted" / "correct" / "irt_or_not", again / "correct")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["grade", "irt_or_not", "--submissions", str(again), "--course", str(course)]) == 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("why_1", "irt_or_not", "irt_or_not", "correct")
        assert grade.manual_score == 2 and grade.needs_manual_grade
        assert gb.find_grade("test_1", "irt_or_not", "irt_or_not", "correct").auto_score == 1
    assert scores(course)["correct"] == 4 + 2 and scores(course)["partly"] == 3  # the others untouched


def test_grading_regenerates_the_release_only_when_the_source_changed(graded):
    import os
    import time

    from irt_sim.classroom.run import release_is_current

    course, _, _ = graded
    assert release_is_current(course, "irt_or_not")
    source = course / "source" / "irt_or_not" / "irt_or_not.ipynb"
    later = time.time() + 5
    os.utime(source, (later, later))
    assert not release_is_current(course, "irt_or_not")
    assert not release_is_current(course, "build_the_team")  # never released in this course


def test_a_worker_that_dies_costs_its_submissions_not_the_run(tmp_path, monkeypatch):
    from irt_sim.classroom import run as grader

    course = released_course(tmp_path, "irt_or_not")
    subs = tmp_path / "subs"
    (subs / "ana").mkdir(parents=True)
    shutil.copy(course / "release" / "irt_or_not" / "irt_or_not.ipynb", subs / "ana" / "irt_or_not.ipynb")

    def dies(course, assignment, students, work, index):  # nbgrader crashed before writing anything
        (work / f"worker-{index}").mkdir()
        (work / f"worker-{index}" / ".worker-exit").write_text("1")
        (work / f"worker-{index}" / ".worker-log").write_text("[AutogradeApp | ERROR] the gradebook is locked\n")
        return work / f"worker-{index}"

    monkeypatch.setattr(grader, "_run_worker", dies)
    report = grader.grade("irt_or_not", subs, course, say=lambda _s: None)
    assert report.problems == {
        "grading worker 1": ["nbgrader ended with exit code 1; the end of its log: [AutogradeApp | ERROR] the gradebook is locked"],
        "ana": ["the notebook could not be run; it scores 0."]}
    assert report.grades_csv.exists()


def test_the_copy_of_nbgraders_manual_score_rule_is_read_again_on_an_upgrade():
    """record_grades copies SaveAutoGrades' rule (a grade a person scored, or one the tests could not
    score, waits for a person); on another nbgrader the rule must be read again before this passes."""
    import nbgrader

    from irt_sim.classroom.gradebook import NBGRADER_READ, needs_manual_grade

    assert nbgrader.__version__.startswith(NBGRADER_READ + "."), (
        f"nbgrader is {nbgrader.__version__}: read its SaveAutoGrades again and update irt_sim/classroom/gradebook.py")
    assert [needs_manual_grade(m, a) for m, a in [(None, 1.0), (None, 0.0), (2.0, 1.0), (None, None), (0.0, None)]] == [
        False, False, True, True, True]


def test_a_feedback_page_that_cannot_be_written_is_reported(tmp_path):
    """A worker whose feedback step fails still records the grades; the trainer is told which pages are missing."""
    from irt_sim.classroom import run as grader

    course = released_course(tmp_path, "irt_or_not")
    config = course / "nbgrader_config.py"
    config.write_text(config.read_text() + '\nc.HTMLExporter.template_name = "no-such-template"\n', encoding="utf-8")
    subs = tmp_path / "subs"
    (subs / "ana").mkdir(parents=True)
    shutil.copy(course / "release" / "irt_or_not" / "irt_or_not.ipynb", subs / "ana" / "irt_or_not.ipynb")
    report = grader.grade("irt_or_not", subs, course, say=lambda _s: None)
    assert report.graded == ["ana"]
    assert any("feedback page could not be written" in n for n in report.problems["ana"]), report.problems


SNOOP = '''
import os, pathlib
answer_1 = ""
here = pathlib.Path.cwd()
root = next((p for p in [here, *here.parents] if (p / "gradebook.db").exists()), None)
print("ROOT", root)
if root is not None:
    for f in sorted(root.rglob("*")):
        print("FILE", f.relative_to(root))
    book = (root / "gradebook.db").read_bytes()
    for word in ("Quillane", "quillane@example.org", "build_the_team"):
        print("BOOK", word, word.encode() in book)
    print("FREE PAGES", int.from_bytes(book[36:40], "big"))  # deleted rows may linger there
'''


def test_without_the_sandbox_a_learner_still_finds_no_source_no_release_and_no_record(tmp_path, monkeypatch):
    """The second wall: even a kernel run without the sandbox (IRT_GRADE_UNSANDBOXED=1) finds in its
    worker's copy of the course no source notebook, no release, no other assignment and no learner's
    name, address or grade from the trainer's gradebook."""
    from nbgrader.api import Gradebook

    course = released_course(tmp_path, "irt_or_not", "build_the_team")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # a learner the trainer knows, graded before
        gb.update_or_create_student("known", first_name="Marit", last_name="Quillane", email="quillane@example.org")
    release = nbformat.read(course / "release" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    subs = tmp_path / "subs"
    for student in ("known", "snoop"):
        nb = nbformat.from_dict(json.loads(json.dumps(release)))
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid.startswith("answer_"):
                c.source = SNOOP if (student, gid) == ("snoop", "answer_1") else f'answer_{gid[-1]} = "{RIGHT[gid[-1]]}"'
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "irt_or_not.ipynb")
    monkeypatch.setenv("IRT_GRADE_UNSANDBOXED", "1")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["grade", "irt_or_not", "--submissions", str(subs), "--course", str(course), "--workers", "2"]) == 0
    done = nbformat.read(course / "autograded" / "snoop" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    said = "".join(o.get("text", "") for c in done.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "answer_1"
                   for o in c.get("outputs", []))
    assert "ROOT /" in said, said  # the snoop did find its worker's copy
    files = re.findall(r"^FILE (.*)$", said, flags=re.M)
    assert files and not [f for f in files if f.endswith(".ipynb") and not f.startswith(("submitted/snoop", "autograded/snoop"))], files
    assert not [f for f in files if f.startswith(("release", "source/build_the_team", "submitted/known"))], files
    assert re.findall(r"^BOOK (\S+) (\S+)$", said, flags=re.M) == [(w, "False") for w in
                                                                      ("Quillane", "quillane@example.org", "build_the_team")]
    assert "FREE PAGES 0" in said, said
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # and the trainer's record of the learner is kept
        known = gb.find_student("known")
        assert (known.first_name, known.email) == ("Marit", "quillane@example.org")
        assert gb.find_submission("irt_or_not", "known").score == 4
