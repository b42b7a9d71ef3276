"""The course's kernels (JupyterLab started by `irt-academy lab`, or a learner's server on the hub)
answer a learner's mistake with one plain sentence, still as an error that stops Run All; %tb shows
the details, and IRT_ACADEMY_DEBUG=1 turns the sentences off."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from irt_sim.widgets.course_kernel import KERNEL_CONFIG, course_ipython_dir


def run(cells: list[str], tmp_path, debug: bool = False) -> list[list[dict]]:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    env = {"IPYTHONDIR": str(course_ipython_dir(tmp_path))}
    if debug:
        env["IRT_ACADEMY_DEBUG"] = "1"
    saved = {k: os.environ.get(k) for k in (*env, "IRT_ACADEMY_DEBUG")}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=60, allow_errors=True).execute()
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    return [c.outputs for c in nb.cells]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    return run(["team_builder()",
                "from irt_sim import load_casebook\nbook = load_casebook()\nbook.customers['lena marsh']",
                "%tb",
                "book.programs['no-such-thing-at-all']",
                "int('twenty')"], tmp_path_factory.mktemp("course-kernel"))


def said(outputs: list[dict]) -> str:
    return " ".join(line for o in outputs for line in o.get("traceback", []) + [o.get("text", "")])


def test_a_cell_run_before_its_setup_says_what_to_run(outputs):
    [error] = outputs[0]
    assert error["output_type"] == "error" and error["ename"] == "NameError"  # Run All still stops here
    assert error["traceback"] == [
        "This cell uses team_builder, which a cell above it sets up, and that cell has not run yet. Run the cells "
        "above first (Run menu, Run All Above Selected Cell), then run this cell again. (Technical details: run %tb "
        "in a new cell.)"]


def test_a_mistyped_id_gets_the_nearest_id(outputs):
    text = said(outputs[1])
    assert "There is no customer 'lena marsh'" in text and "Did you mean 'lena-marsh'?" in text
    assert "Traceback" not in text and "KeyError" not in text


def test_the_details_are_there_on_demand(outputs):
    text = said(outputs[2])
    assert "Traceback" in text and "lena marsh" in text


def test_an_unknown_id_and_a_wrong_type_are_plain_too(outputs):
    assert "There is nothing called 'no-such-thing-at-all' here" in said(outputs[3])
    text = said(outputs[4])
    assert "not of the kind expected" in text and "Traceback" not in text and "ValueError" not in text


def test_a_developer_can_turn_the_sentences_off(tmp_path):
    [[error]] = run(["team_builder()"], tmp_path, debug=True)
    assert any("Traceback" in line for line in error["traceback"])


def test_the_course_ipython_folder_holds_the_kernel_configuration(tmp_path):
    folder = course_ipython_dir(tmp_path)
    config = folder / "profile_default" / "ipython_kernel_config.py"
    assert config.read_text() == KERNEL_CONFIG and "irt_sim.widgets.course_kernel" in KERNEL_CONFIG
    config.write_text("# changed\n")
    course_ipython_dir(tmp_path)  # brought up to date
    assert config.read_text() == KERNEL_CONFIG
