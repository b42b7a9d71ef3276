"""Which cells of a module run by themselves when its kernel starts: every activity the course ships
(so no saved activity shows "model not found"), and nothing else: a learner's own code waits for the
learner, and a notebook someone else put in the course folder runs none of its own code."""

from __future__ import annotations

import nbformat
import pytest

from irt_sim.widgets.reopen import activity_cells, runs_by_itself

from ..support import KIT

MODULES = sorted((KIT / "course").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_every_cell_that_shows_an_activity_runs_by_itself(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    running = activity_cells(nb.cells)
    waiting = [c.source for c in code if c not in running]
    # the one cell the course asks a learner to edit (start here, step 3) waits; it shows text, no widget
    assert waiting == ([next(c.source for c in code if "lena-marsh-vet-tech" in c.source)]
                       if path.stem == "00_start_here" else [])


@pytest.mark.parametrize("source", [
    "import os",
    "import irt_sim",
    "from os import system\nsystem('id')",
    "from irt_sim.widgets.course_kernel import os",  # a module's own imports are not what the kit publishes
    "from irt_sim.classroom.run import kit_env",
    "from irt_sim.widgets import *",
    "from irt_sim.widgets import quiz\nquiz(open('/etc/passwd').read())",
    "from irt_sim.widgets import quiz\nquiz(__import__('os').system('id'))",
    "from irt_sim import load_casebook\nbook = load_casebook()\nbook.__class__",
    "from irt_sim import load_casebook\nbook = load_casebook()\nbook.plans.clear()",
    "from irt_sim import load_casebook\nbook = load_casebook()\nbook.customers['x']",
    "from irt_sim.widgets import quiz\nquiz(lambda: 1)",
    "from irt_sim.widgets import quiz\nq = quiz('welcome')\nq.questions = []",
    "from irt_sim.widgets import quiz\nquiz('welcome').questions.clear()",
    "from irt_sim.widgets import quiz\nfor i in range(3): quiz('welcome')",
    "from irt_sim.widgets import quiz\nquiz('welcome', **{'x': 1})",
    "exec('print(1)')",
    "print(eval('1'))",
    "%run other.ipynb",
    "!rm -rf ~",
    "team_builder(",
])
def test_anything_but_the_kits_own_activities_waits_for_the_learner(source):
    assert not runs_by_itself(source)


def test_names_carry_from_cell_to_cell_only_from_cells_that_run():
    imported, bound = set(), set()
    assert runs_by_itself("from irt_sim.widgets import quiz", imported, bound)
    assert runs_by_itself('quiz("welcome")', imported, bound)
    assert not runs_by_itself("from irt_sim.widgets import quiz as print\nimport os", imported, bound)
    assert "print" not in imported  # the cell that waits set nothing
    assert not runs_by_itself("book = 1", imported, bound)
    assert not runs_by_itself("book", imported, bound)
    assert runs_by_itself('from irt_sim import load_casebook\nbook = load_casebook()\nprint(f"{len(book.customers)} customers")',
                          imported, bound)
