"""The nbgrader exercises: release versions are generated from the sources by nbgrader itself, keep
the learner's fill-in lines, and carry no solution and no hidden test; the solutions pass every test
and the blank release passes none."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ..support import KIT
from ..support.course import ASSIGNMENTS, nbgrader, released_course

@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return released_course(tmp_path_factory.mktemp("course"), *ASSIGNMENTS)


def test_there_are_assignments():
    assert "irt_or_not" in ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_has_no_solutions_and_no_hidden_tests(course, assignment):
    for nb_path in (course / "release" / assignment).glob("*.ipynb"):
        text = nb_path.read_text(encoding="utf-8")
        for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION", "grade_choice(",
                       "MARK SCHEME"):
            assert marker not in text, f"{nb_path.name} leaks {marker}"
        source = json.loads((course / "source" / assignment / nb_path.name).read_text(encoding="utf-8"))
        released = json.loads(text)
        for s_cell, r_cell in zip(source["cells"], released["cells"]):
            meta = s_cell["metadata"].get("nbgrader", {})
            if meta.get("solution") and s_cell["cell_type"] == "code":
                template = "".join(s_cell["source"]).split("### BEGIN SOLUTION")[0]
                assert "".join(r_cell["source"]).startswith(template.rstrip("\n")), "the fill-in line must survive"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solutions_pass_and_blank_releases_fail(course, assignment):
    for nb_path in (course / "source" / assignment).glob("*.ipynb"):
        done = nbgrader(course, "validate", str(nb_path))
        assert "Success! Your notebook passes all the tests." in done.stdout, done.stdout + done.stderr
    for nb_path in (course / "release" / assignment).glob("*.ipynb"):
        done = nbgrader(course, "validate", "--invert", str(nb_path))
        assert "Success! The notebook does not pass any tests." in done.stdout, done.stdout + done.stderr


def test_the_gradebook_is_never_committed():
    ignored = subprocess.run(["git", "check-ignore", "exercises/gradebook.db", "exercises/release/x.ipynb"], cwd=KIT,
                             capture_output=True, text=True)
    assert ignored.stdout.split() == ["exercises/gradebook.db", "exercises/release/x.ipynb"]
