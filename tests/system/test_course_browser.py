"""The course in JupyterLab, in a real browser (Debian's Chromium driven by Playwright), as a learner
uses it: a module's quiz, the simulator's sliders and a dropdown worked with the keyboard alone
(arrow keys change the control and never make JupyterLab jump to another cell), and at 1024 px no
quiz option overlaps the next or loses its radio button. A screenshot is kept in screenshots/course/."""

from __future__ import annotations

import pytest

from irt_sim.inputs.quizzes import load_quizzes

from ..support.browser import chromium, kernel_idle, need_chromium, open_in_lab, shot
from ..support.servers import start, stop

TOKEN = "course-browser-token"
MODULE = "course/02_what_an_irt_is.ipynb"

need_chromium()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("learner-home")  # the learner's kept progress starts empty, and stays out of ours
    proc, base = start(["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
                        "--LabApp.expose_app_in_browser=True"], ready_path="/api", env={"HOME": str(home)})
    yield base
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def run_module(browser, lab, module: str, ready: str):
    """A module open in JupyterLab at 1024 px, every cell run, as a learner's Run All does."""
    page = open_in_lab(browser, lab, module, TOKEN)
    kernel_idle(page)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(ready).first.wait_for(state="visible", timeout=90_000)
    return page


def active_cell(page) -> str:
    return page.evaluate("document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')?.innerText.slice(0, 60)")


@pytest.fixture(scope="module")
def module_page(browser, lab):
    """Module 2, with its quiz."""
    page = run_module(browser, lab, MODULE, "fieldset.irt-quiz-question")
    yield page
    page.set_viewport_size({"width": 1024, "height": 900})
    shot(page, "02_quiz_1024.png")
    page.close()


def test_the_quiz_is_a_group_named_by_its_question_with_named_buttons(module_page):
    groups = module_page.locator("fieldset.irt-quiz-question")
    assert groups.count() == len(load_quizzes()["what-an-irt-is"])  # every question of the module's quiz
    for i in range(groups.count()):
        group = groups.nth(i)
        assert group.locator("legend").inner_text().startswith(f"{i + 1}. ")
        assert group.get_by_role("button").get_attribute("aria-label") == f"Check my answer to question {i + 1}"
        assert group.get_by_role("radio").count() == 3


def test_arrow_keys_move_between_options_and_stay_in_the_quiz(module_page):
    page = module_page
    group = page.locator("fieldset.irt-quiz-question").first
    radios = group.get_by_role("radio")
    radios.nth(0).focus()
    page.keyboard.press("Space")  # a keyboard user selects the focused option
    before = active_cell(page)
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
    page.keyboard.press("ArrowDown")
    assert radios.nth(2).is_checked()
    assert page.evaluate("document.activeElement.closest('fieldset.irt-quiz-question') !== null")
    assert active_cell(page) == before
    page.keyboard.press("Tab")  # to the check button
    page.keyboard.press("Enter")
    feedback = group.locator(".irt-quiz-feedback")
    feedback.filter(has_text="Correct.").or_(feedback.filter(has_text="Not quite.")).wait_for(timeout=15_000)
    tags = group.locator(".irt-quiz-tag:not([hidden])")
    assert tags.count() == 1 and "your answer" in tags.inner_text()


@pytest.mark.parametrize("width", [1024, 512])  # 512 CSS px: a 1024 px screen at 200% zoom
def test_no_option_overlaps_the_next_and_each_keeps_its_radio(module_page, width):
    module_page.set_viewport_size({"width": width, "height": 900})
    module_page.wait_for_timeout(300)
    boxes = module_page.evaluate("""() => [...document.querySelectorAll('fieldset.irt-quiz-question')].map(f =>
        [...f.querySelectorAll('label.irt-quiz-option')].map(l => {
            const r = l.getBoundingClientRect(), radio = l.querySelector('input').getBoundingClientRect(),
                  text = l.querySelector('span').getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, radioWidth: radio.width, radioRight: radio.right,
                    textLeft: text.left, textRight: text.right, boxRight: f.getBoundingClientRect().right};
        }))""")
    for options in boxes:
        for above, below in zip(options, options[1:]):
            assert above["bottom"] <= below["top"] + 0.5, options
        for o in options:
            assert o["radioWidth"] >= 10 and o["radioRight"] <= o["textLeft"], o
            assert o["textRight"] <= o["boxRight"] + 0.5, o  # the text wraps inside the question's box


def test_the_simulators_slider_and_dropdown_work_with_the_keyboard_alone_in_jupyterlab(browser, lab):
    """Module 5: arrow keys move the focused slider and change the focused dropdown, and the charts'
    sentence follows; JupyterLab does not move to another cell."""
    page = run_module(browser, lab, "course/05_arc_versus_referral.ipynb", "input[type=range]")
    try:
        status = page.locator("p[role=status]").filter(has_text="placed").first
        status.wait_for(timeout=60_000)
        # the sentence is written anew at each change, so it is looked up afresh each time
        changed = "(said) => document.querySelector('p[role=status]').innerText !== said"
        slider = page.locator("input[type=range]").first
        slider.focus()
        cell, value, said = active_cell(page), slider.input_value(), status.inner_text()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert float(slider.input_value()) > float(value)
        assert active_cell(page) == cell and page.evaluate("document.activeElement.type") == "range"
        page.wait_for_function(changed, arg=said, timeout=30_000)

        cohort = page.get_by_label("Who is in the cohort", exact=True)
        cohort.focus()
        chosen, said = cohort.input_value(), status.inner_text()
        page.keyboard.press("ArrowDown")
        assert cohort.input_value() != chosen and active_cell(page) == cell
        page.wait_for_function(changed, arg=said, timeout=30_000)
    finally:
        page.close()


def test_an_activity_run_before_anything_else_works_without_a_traceback(browser, lab):
    """A learner scrolls to module 3's activity and runs that cell alone, before the setup cell above
    it: the course's kernel has already run the module's own setup, so the activity appears."""
    page = open_in_lab(browser, lab, "course/03_silos_versus_the_team.ipynb", TOKEN)
    try:
        kernel_idle(page)
        index = page.evaluate("window.jupyterapp.shell.currentWidget.content.widgets"
                              ".findIndex(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim() === 'SiloView()')")
        page.evaluate("(i) => { const nb = window.jupyterapp.shell.currentWidget.content; nb.activeCellIndex = i; }", index)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
        page.get_by_label("Customer", exact=True).wait_for(state="visible", timeout=60_000)
        shown = page.evaluate("window.jupyterapp.shell.currentWidget.node.innerText")
        assert "Traceback" not in shown and "NameError" not in shown and "is not defined" not in shown
    finally:
        page.close()
