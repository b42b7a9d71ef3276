"""The course's one gradebook, through nbgrader's own Gradebook API: whether a release is current,
each worker's results copied in with nbgrader's rule for manual scores, and one assignment's grades
as a CSV for a learning platform."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..safefiles import safe_cell

#: The folders nbgrader writes per learner (``FOLDER/<learner>/<assignment>/``) that a grading run
#: brings back from its workers.
OUTPUT_FOLDERS = ("autograded", "feedback")

#: The nbgrader whose rule below was read and copied (SaveAutoGrades' manual-score rule); a test
#: fails on another minor version, so the copy is read again before an upgrade lands.
NBGRADER_READ = "0.9"


def needs_manual_grade(manual_score: float | None, auto_score: float | None) -> bool:
    """nbgrader's SaveAutoGrades rule (nbgrader 0.9, preprocessors/saveautogrades.py): a grade a
    person already scored, or one the tests could not score, waits for a person."""
    return manual_score is not None or auto_score is None


def release_is_current(course: Path, assignment: str) -> bool:
    """True when the gradebook knows the assignment and every released notebook is newer than its
    source and the course's configuration: then grading need not generate the release again."""
    sources = list((course / "source" / assignment).glob("*.ipynb"))
    config = course / "nbgrader_config.py"
    newest = max([p.stat().st_mtime for p in sources] + ([config.stat().st_mtime] if config.exists() else []), default=0)
    released = [course / "release" / assignment / p.name for p in sources]
    if not sources or not all(r.exists() and r.stat().st_mtime >= newest for r in released):
        return False
    from nbgrader.api import Gradebook, MissingEntry

    if not (course / "gradebook.db").exists():
        return False
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            return False
    return True


def record_grades(course: Path, copies: list[Path], assignment: str, students: list[str]) -> set[str]:
    """Copy each student's autograde results from the worker that ran them into the course's
    gradebook, its autograded/ and feedback/ folders. Returns the students recorded."""
    import warnings

    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    recorded = set()
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{course / 'gradebook.db'}") as main:
        warnings.filterwarnings("ignore", category=SAWarning)  # raised inside nbgrader's own add_submission
        for copy in (c for c in copies if (c / "gradebook.db").exists()):  # a worker that died left none
            with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as ran:
                for student in students:
                    if not (copy / "autograded" / student / assignment).is_dir():
                        continue
                    try:
                        done = ran.find_submission(assignment, student)
                    except MissingEntry:
                        continue
                    main.update_or_create_student(student)  # a new learner is added; a known one keeps its name
                    main.update_or_create_submission(assignment, student, timestamp=done.timestamp)
                    for nb in done.notebooks:
                        target = main.find_submission_notebook(nb.name, assignment, student)
                        target.late_submission_penalty = nb.late_submission_penalty
                        for g in nb.grades:
                            grade = main.find_grade(g.name, nb.name, assignment, student)
                            grade.auto_score = g.auto_score
                            grade.needs_manual_grade = needs_manual_grade(grade.manual_score, grade.auto_score)
                        for c in nb.comments:
                            main.find_comment(c.name, nb.name, assignment, student).auto_comment = c.auto_comment
                    main.db.commit()
                    for folder in OUTPUT_FOLDERS:
                        source = copy / folder / student / assignment
                        if source.is_dir():
                            shutil.copytree(source, course / folder / student / assignment, dirs_exist_ok=True)
                    recorded.add(student)
    return recorded


GRADE_COLUMNS = ["assignment", "student_id", "last_name", "first_name", "email", "timestamp", "automatic_score",
                 "hand_graded_score", "raw_score", "late_submission_penalty", "score", "max_score", "to_grade_by_hand"]


def export_grades(course: Path, assignment: str, to: Path) -> int:
    """One CSV for one assignment, with only the learners who submitted it (a learning platform
    would post a false zero for the others), the points graded automatically and by hand, and the
    points still to be graded by hand. Returns the number of rows."""
    import csv

    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook has no assignment '{assignment}' yet; grade it first") from None
        for sub in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            grades = [g for nb in sub.notebooks for g in nb.grades]
            automatic = sum(g.auto_score or 0 for g in grades if g.manual_score is None and g.auto_score is not None)
            by_hand = sum(g.manual_score for g in grades if g.manual_score is not None)
            pending = sum(g.max_score for g in grades if g.manual_score is None and g.auto_score is None)
            penalty = sub.late_submission_penalty or 0
            rows.append({"assignment": assignment, "student_id": sub.student.id, "last_name": sub.student.last_name or "",
                         "first_name": sub.student.first_name or "", "email": sub.student.email or "",
                         "timestamp": sub.timestamp or "", "automatic_score": round(automatic, 2),
                         "hand_graded_score": round(by_hand, 2), "raw_score": round(sub.score, 2),
                         "late_submission_penalty": penalty, "score": round(sub.score - penalty, 2),
                         "max_score": sub.max_score, "to_grade_by_hand": round(pending, 2)})
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=GRADE_COLUMNS)
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return len(rows)
