"""One bad submission never stops the class: damaged or odd files, hostile folder names, nbgrader's
own markers in a learner's cell, links to the trainer's files and zip bombs are each answered with
one plain line in the report, and every other learner is graded."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import zipfile

import nbformat
import pytest

from irt_sim.classroom import submissions as grader
from irt_sim.classroom import sandbox
from irt_sim.inputs.problems import printable
from irt_sim.cli import main

from ..support.course import IRT_OR_NOT_RIGHT as RIGHT
from ..support.course import irt_or_not_submission, released_course

pytestmark = pytest.mark.skipif(sandbox.problem() is not None, reason=f"no sandbox here: {sandbox.problem()}")

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("untrusted")
    course = released_course(base, "irt_or_not")
    release = nbformat.read(course / "release" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    subs = base / "submissions"

    def put(folder, nb=None, text=None):
        (subs / folder).mkdir(parents=True)
        path = subs / folder / "irt_or_not.ipynb"
        if nb is not None:
            nbformat.write(nb, path)
        else:
            path.write_text(text, encoding="utf-8")

    put("a-list", text="[1, 2, 3]")  # valid JSON, not a notebook
    put("a-dict", text='{"cells": "none"}')
    put("new\nline", irt_or_not_submission(release, RIGHT))
    put("=1+2", irt_or_not_submission(release, RIGHT))
    put("markers", irt_or_not_submission(release, RIGHT, lambda gid, c: setattr(c, "source", c.source + "\n# BEGIN HIDDEN TESTS")
                                if gid == "answer_2" else None))
    (subs / "linker").mkdir()
    os.symlink(course / "source" / "irt_or_not" / "irt_or_not.ipynb", subs / "linker" / "irt_or_not.ipynb")
    put("zz-honest", irt_or_not_submission(release, RIGHT))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["grade", "irt_or_not", "--submissions", str(subs), "--course", str(course), "--workers", "2"])
    with open(course / "grades-irt_or_not.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return course, code, out.getvalue(), {r["student_id"]: float(r["raw_score"]) for r in rows}, rows


def test_the_rest_are_graded(graded):
    _, code, out, scores, _ = graded
    assert code == 0, out
    assert scores["zz-honest"] == 4 and scores["markers"] == 4


def test_a_file_that_is_not_a_notebook_is_one_line(graded):
    _, _, out, scores, _ = graded
    for who in ("a-list", "a-dict"):
        assert f"{who}: irt_or_not.ipynb is not a readable notebook" in out
        assert who not in scores


def test_folder_names_are_made_safe_and_every_one_graded(graded):
    _, _, out, scores, rows = graded
    assert scores["new-line"] == 4 and scores["1-2"] == 4
    assert r"the folder 'new\nline' is graded as 'new-line'" in out
    assert not any(str(v).startswith(("=", "+", "-", "@")) for row in rows for v in row.values())


def test_markers_in_a_learners_cell_still_get_feedback(graded):
    course, _, out, _, _ = graded
    assert "markers: irt_or_not.ipynb: a cell of the learner's held nbgrader's own markers" in out
    assert (course / "feedback" / "markers" / "irt_or_not" / "irt_or_not.html").exists()


def test_a_link_to_the_trainers_worked_answers_is_not_graded(graded):
    _, _, out, scores, _ = graded
    assert "linker" not in scores
    assert "linker: links were ignored" in out


def test_a_zip_bomb_is_left_out_before_it_fills_the_disk(tmp_path):
    bomb = tmp_path / "download.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("submissions/bea/irt_or_not.ipynb", "{}")
        with z.open("submissions/ana/irt_or_not.ipynb", "w") as member:
            for _ in range(60):
                member.write(b"\0" * (1 << 20))  # 60 MB that pack to about 60 KB
    assert bomb.stat().st_size < 200_000
    (tmp_path / "out").mkdir()
    left_out = grader._unzip(bomb, tmp_path / "out")
    assert left_out == [f"submissions/ana/irt_or_not.ipynb unpacks to more than {grader.ZIP_LIMITS['member_mb']} MB; "
                        "it was left out."]
    assert not (tmp_path / "out" / "submissions" / "ana" / "irt_or_not.ipynb").exists()
    assert (tmp_path / "out" / "submissions" / "bea" / "irt_or_not.ipynb").read_text() == "{}"


def test_a_zip_that_would_unpack_past_the_total_stops_there(tmp_path, monkeypatch):
    monkeypatch.setitem(grader.ZIP_LIMITS, "total_mb", 3)
    many = tmp_path / "download.zip"
    with zipfile.ZipFile(many, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(5):
            z.writestr(f"s{i}/irt_or_not.ipynb", b"\0" * (1 << 20))
    left_out = grader._unzip(many, tmp_path)
    assert len(left_out) == 2 and all("past 3 MB" in line for line in left_out)  # three fit exactly


def test_a_zip_with_too_many_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.setitem(grader.ZIP_LIMITS, "entries", 10)
    many = tmp_path / "download.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(11):
            z.writestr(f"s{i}/irt_or_not.ipynb", "{}")
    with pytest.raises(ValueError, match="holds 11 files"):
        grader._unzip(many, tmp_path)


def test_a_zip_bomb_costs_its_own_learner_only(graded, tmp_path, capsys):
    course = graded[0]
    honest = (course / "submitted" / "zz-honest" / "irt_or_not" / "irt_or_not.ipynb").read_bytes()
    bomb = tmp_path / "download.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("submissions/ana/irt_or_not.ipynb", b"\0" * (30 << 20))
        z.writestr("submissions/bea/irt_or_not.ipynb", honest)
    code = main(["grade", "irt_or_not", "--submissions", str(bomb), "--course", str(course)])
    said = capsys.readouterr()
    out = said.out + said.err
    assert code == 0 and "the zip file: submissions/ana/irt_or_not.ipynb unpacks to more than" in out, out
    assert "ana: irt_or_not.ipynb is missing from the submission" in out
    assert "Traceback" not in out
    scores = {r.split(",")[1]: r for r in (course / "grades-irt_or_not.csv").read_text().splitlines()[1:]}
    assert ",4.0," in scores["bea"]


def test_a_name_is_shown_with_its_control_characters_escaped():
    assert printable("a\x1b[31mred\nline") == r"a\x1b[31mred\nline"
    assert len(printable("x" * 500)) == 80
