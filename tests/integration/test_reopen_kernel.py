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


def test_a_page_connected_while_the_kernel_starts_hears_of_no_widget_halfway(tmp_path):
    """A page that connects while the module's kernel is still starting (a busy machine, a quick
    browser) hears of no widget one by one, so it never holds a quiz's box without the questions made
    before it connected (which showed "model not found" for good); asked, the kernel then gives every
    activity at once, under the saved ids."""
    import uuid

    from jupyter_client import KernelManager

    (tmp_path / "course").mkdir()
    notebook = tmp_path / "course" / "06_building_the_team.ipynb"  # its last activity is a quiz
    shutil.copy(KIT / "course" / notebook.name, notebook)
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), IPYTHONDIR=str(course_ipython_dir(home)), JPY_SESSION_NAME=str(notebook))
    km = KernelManager(kernel_name="python3")
    km.start_kernel(env=env, cwd=str(notebook.parent))
    kc = km.client()
    kc.start_channels()  # listening from the first moment, as a page opened at once would
    try:
        heard = []  # (no wait_for_ready: it would throw away what the page heard meanwhile)
        control = uuid.uuid4().hex
        kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control",
                                                           "data": {}}, metadata={"version": "1.0.0"}))
        kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}))
        states = None
        while states is None:
            message = kc.get_iopub_msg(timeout=90)
            content = message["content"]
            if message["msg_type"] == "comm_open":
                heard.append(content.get("target_name"))
            elif message["msg_type"] == "comm_msg" and content.get("comm_id") == control:
                states = content["data"]["states"]
        # and they are live once it has started: a tick the page sends changes what the page is shown
        box = next(k for k, v in states.items() if v["model_name"] == "CheckboxModel")
        kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": box, "data": {
            "method": "update", "state": {"value": not states[box]["state"]["value"]}, "buffer_paths": []}}))
        answered = None
        while answered is None:
            message = kc.get_iopub_msg(timeout=30)
            data = message["content"].get("data") or {}
            if message["msg_type"] == "comm_msg" and data.get("method") == "update" and message["content"]["comm_id"] != box:
                answered = data["state"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert "jupyter.widget" not in heard, f"{heard.count('jupyter.widget')} widgets announced while the kernel started"
    assert expected_ids(notebook) <= set(states)
    assert answered


def test_an_activity_that_fails_to_come_back_is_named_in_the_servers_log(tmp_path):
    """The page can only say "model not found"; the kernel's error output (JupyterLab's log) names the
    cell and the reason, in one line."""
    import subprocess

    from jupyter_client import KernelManager

    (tmp_path / "course").mkdir()
    notebook = tmp_path / "course" / MODULE
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from irt_sim.widgets import quiz"),
                                         nbformat.v4.new_code_cell('quiz("a-topic-that-is-gone")')])
    nb.cells[1].id = "gone-quiz"
    nbformat.write(nb, notebook)
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), IPYTHONDIR=str(course_ipython_dir(home)), JPY_SESSION_NAME=str(notebook))
    log = tmp_path / "kernel.log"
    with open(log, "w") as err:
        km = KernelManager(kernel_name="python3")
        km.start_kernel(env=env, cwd=str(notebook.parent), stderr=err, stdout=subprocess.DEVNULL)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=90)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    said = [line for line in log.read_text().splitlines() if line.startswith("irt-academy:")]
    assert len(said) == 1, said
    assert said[0].startswith(f"irt-academy: the activity in cell gone-quiz of {MODULE} did not come back: KeyError")
    assert "a-topic-that-is-gone" in said[0]
