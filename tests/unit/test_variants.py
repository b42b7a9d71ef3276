"""A case of one's own, in memory: the same id gives the same customer however it is typed, the hub
account stands in for an id not written, the grading run's case wins over anything in the notebook,
and only the trainer's locked cell decides whether cases are per learner."""

from __future__ import annotations

import nbformat
import pytest

from irt_sim.classroom.variants import case_of, mismatch, setup_call, written_id
from irt_sim import load_casebook
from irt_sim.grading import exercise_casebook, grade_team
from irt_sim.grading.variants import GRADED_CASE, WORKED_CASE, case_for, case_pool, graded_case, my_case, worked_team

pytestmark = pytest.mark.unit
A = "build_the_team"


def test_one_learner_one_case_however_the_id_is_typed():
    assert case_for("Ana.Diaz", A) == case_for(" ana.diaz ", A) == case_for("ANA.DIAZ", A)
    assert case_for("", A) == WORKED_CASE[A] and case_for("ana.diaz", A, per_learner=False) == WORKED_CASE[A]
    assert len({case_for(f"l{n}", A) for n in range(60)}) >= 12  # spread over the pool
    assert set(case_for(f"l{n}", A) for n in range(60)) <= set(case_pool(A))


def test_every_case_in_the_pool_has_a_full_marks_answer():
    book = exercise_casebook()
    assert len(case_pool(A)) > len(load_casebook().customers)  # the practice customers join the casebook's own
    for cid in case_pool(A):
        assert grade_team(worked_team(book.customers[cid], book), cid, book, points=5).full_marks, cid


def test_the_hub_account_stands_in_and_the_grading_runs_case_wins(monkeypatch):
    monkeypatch.delenv(GRADED_CASE, raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user-7")
    assert my_case(A) == case_for("hub-user-7", A) and my_case(A).learner == "hub-user-7"
    assert my_case(A, "written-id") == case_for("written-id", A)  # an id written in the notebook comes first
    assert graded_case(A, "written-id") == case_for("written-id", A)
    monkeypatch.setenv(GRADED_CASE, "lena-marsh")  # while grading: the submission's own case, whatever is written
    assert graded_case(A, "written-id") == "lena-marsh"


def test_the_case_card_says_whose_case_it_is_and_gives_the_lines_to_copy(monkeypatch):
    book = exercise_casebook()
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    page = my_case(A, "ana.diaz")._repr_html_()
    customer = book.customers[case_for("ana.diaz", A)]
    assert customer.name in page and "ana.diaz" in page and customer.barriers[0].type.value + ":" in page
    assert "No learner id yet" in my_case(A)._repr_html_()


def _cell(source, locked, gid="setup", solution=False):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade_id": gid, "locked": locked, "solution": solution, "grade": False}
    return cell


def test_only_the_trainers_locked_cell_decides_per_learner():
    trainer = _cell('case = my_case("build_the_team", answer("learner_id"))', True)
    learner = _cell('case = my_case("build_the_team", per_learner=False)', False, "answer_team", True)
    assert setup_call([learner, trainer]).per_learner is True  # a learner cannot give themselves the worked case
    assert setup_call([_cell('my_case("build_the_team", per_learner=False)', True)]).per_learner is False
    assert setup_call([learner]) is None


def test_the_id_written_in_the_notebook_is_read_and_compared():
    cells = [_cell('case = my_case("build_the_team", answer("learner_id"))', True),
             _cell('learner_id = "Ana.Diaz"', False, "learner_id", True)]
    assert written_id(cells) == "Ana.Diaz"
    assert case_of(cells, "ana.diaz") == (case_for("ana.diaz", A), "Ana.Diaz")
    assert not mismatch("Ana.Diaz", "ana.diaz") and mismatch("someone-else", "ana.diaz") and not mismatch("", "ana.diaz")
