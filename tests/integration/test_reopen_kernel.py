"""A course kernel started for a module (as JupyterLab starts one when the module is opened) runs the
module's activities before it answers, under the ids the saved outputs name, and notes the visit;
a notebook that is not a course module, or a cell that is not the kit's own, runs nothing."""

from __future__ import annotations

import os
import shutil

import nbformat
from jupyter_client.manager import start_new_kernel

from irt_sim.widgets.course_kernel import course_ipython_dir
from irt_sim.widgets.reopen import activity_cells

from ..support import KIT

MODULE = "06_building_the_team.ipynb"


def widgets_in_kernel(home, notebook) -> tuple[set[str], str]:
    """The widget ids alive in a course kernel started for ``notebook``, before any cell is sent."""
    env = dict(os.environ, HOME=str(home), IPYTHONDIR=str(course_ipython_dir(home)), JPY_SESSION_NAME=str(notebook))
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(notebook.parent))
    said: list[str] = []
    try:
        kc.execute_interactive("from ipywidgets.widgets.widget import _instances; print(' '.join(_instances))",
                               output_hook=lambda m: said.append(m["content"].get("text", "")), timeout=60)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return set("".join(said).split()), (home / ".irt-academy" / "progress.json").read_text() if (
        home / ".irt-academy" / "progress.json").exists() else ""


def expected_ids(notebook) -> set[str]:
    import uuid

    from irt_sim.widgets import reopen

    nb = nbformat.read(notebook, as_version=4)
    return {uuid.uuid5(reopen._NAMESPACE, f"{notebook.name}|{c.id}|1").hex for c in activity_cells(nb.cells)
            if "(" in c.source and "import" not in c.source}


def test_a_module_kernel_has_its_activities_under_the_saved_ids_before_anything_runs(tmp_path):
    (tmp_path / "course").mkdir()
    notebook = tmp_path / "course" / MODULE
    shutil.copy(KIT / "course" / MODULE, notebook)
    alive, kept = widgets_in_kernel(tmp_path / "home", notebook)
    assert expected_ids(notebook) and expected_ids(notebook) <= alive
    assert '"06_building_the_team"' in kept  # the visit, for the start page


def test_a_planted_module_runs_the_kits_activities_and_none_of_its_own_code(tmp_path):
    (tmp_path / "course").mkdir()
    notebook = tmp_path / "course" / MODULE
    planted = tmp_path / "planted"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from irt_sim.widgets import team_builder"),
        nbformat.v4.new_code_cell("team_builder()"),
        nbformat.v4.new_code_cell(f"open({str(planted)!r}, 'w').write('ran')"),
        nbformat.v4.new_code_cell(f"from irt_sim.widgets import quiz\nquiz(open({str(planted)!r}, 'w').write('ran'))"),
    ])
    nbformat.write(nb, notebook)
    alive, _ = widgets_in_kernel(tmp_path / "home", notebook)
    assert expected_ids(notebook) <= alive
    assert not planted.exists()


def test_a_learners_copy_on_a_hub_reopens_like_the_kit_s_own(tmp_path):
    (tmp_path / "irt-course").mkdir()  # deploy/singleuser.py copies the course's modules there
    notebook = tmp_path / "irt-course" / MODULE
    shutil.copy(KIT / "course" / MODULE, notebook)
    alive, _ = widgets_in_kernel(tmp_path / "home", notebook)
    assert expected_ids(notebook) <= alive


def test_a_notebook_that_is_not_a_course_module_runs_nothing(tmp_path):
    (tmp_path / "course").mkdir()
    notebook = tmp_path / "course" / "my_notes.ipynb"
    shutil.copy(KIT / "course" / MODULE, notebook)
    alive, kept = widgets_in_kernel(tmp_path / "home", notebook)
    assert alive == set() and kept == ""
