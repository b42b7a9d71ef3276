"""The course's exercises for a test: a scratch course with assignments released by nbgrader, and one
answer cell of an exercise run on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from irt_sim.classroom.run import run_nbgrader as nbgrader

from . import KIT

ASSIGNMENTS = sorted(p.name for p in (KIT / "exercises" / "source").iterdir() if p.is_dir())


def released_course(base: Path, *assignments: str, one_case: bool = False) -> Path:
    """A scratch copy of the kit's course (no gradebook, no release) with ``assignments`` released; with
    ``one_case``, every learner gets the exercise's worked case, as when a trainer writes
    ``per_learner=False`` in the setup cell (the fair-grading suite's answers are all for that case)."""
    course = base / "exercises"
    shutil.copytree(KIT / "exercises", course, ignore=shutil.ignore_patterns("release", "gradebook.db", "exchange"))
    if one_case:
        import nbformat

        for path in (course / "source").glob("*/*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if "my_case(" in cell.source:
                    cell.source = cell.source.replace('answer("learner_id"))', 'answer("learner_id"), per_learner=False)')
                    assert "per_learner=False" in cell.source, cell.source
            nbformat.write(nb, path)
    for assignment in assignments:
        done = nbgrader(course, "generate_assignment", assignment, "--force")
        assert done.returncode == 0, done.stdout + done.stderr
    return course


def exercise_cell(assignment: str, grade_id: str, *, worked: bool = True) -> dict:
    """Run one answer cell of an exercise's source notebook and return its variables: the worked answer,
    or (``worked=False``) the blank template the learner first sees."""
    import json

    nb = json.loads((KIT / "exercises" / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"]["nbgrader"]["grade_id"] == grade_id)
    source = "".join(cell["source"])
    scope: dict = {}
    exec(source if worked else source.split("### BEGIN SOLUTION")[0], scope)  # the template, then the worked answer
    return scope


#: The right answers of the irt_or_not exercise's four scenarios.
IRT_OR_NOT_RIGHT = {"1": "committee", "2": "referral", "3": "arc", "4": "irt"}


def irt_or_not_submission(release, answers: dict[str, str], change=None):
    """A learner's irt_or_not notebook made from the released one: ``answers`` by scenario number
    ("1" to "4"; a missing one left blank), then ``change(grade_id, cell)`` on every cell."""
    import json

    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.startswith("answer_"):
            c.source = f'answer_{gid[-1]} = "{answers.get(gid[-1], "")}"'
        if change:
            change(gid, c)
    return nb


def submitted(release, learner_id: str, answer_cell: str, name: str, text: str):
    """A copy of a released notebook as a learner hands it in: their id written, and one answer cell
    (``answer_cell``, its grade id) setting ``name`` to ``text`` between triple quotes."""
    import json

    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid == "learner_id":
            c.source = f'learner_id = "{learner_id}"'
        elif gid == answer_cell:
            c.source = f'{name} = """\n{text}"""'
    return nb
