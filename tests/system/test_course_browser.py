"""The course in JupyterLab, in a real browser (Debian's Chromium driven by Playwright), as a learner
uses it: a module's quiz worked with the keyboard alone (arrow keys move between the options and
never make JupyterLab jump to another cell), and at 1024 px no option overlaps the next or loses its
radio button. A screenshot is kept in screenshots/course/."""

from __future__ import annotations

import os
import shutil

import pytest

from ..support import KIT
from ..support.servers import start, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
TOKEN = "course-browser-token"
MODULE = "course/02_what_an_irt_is.ipynb"

if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (python3 academy.py test installs it when run as root)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def lab():
    proc, base = start(["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
                        "--LabApp.expose_app_in_browser=True"], ready_path="/api")
    yield base
    stop(proc)


@pytest.fixture(scope="module")
def module_page(lab):
    """Module 2 open in JupyterLab at 1024 px, every cell run, as a learner's Run All does."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1024, "height": 900})
        page.goto(f"{lab}/lab/tree/{MODULE}?token={TOKEN}", wait_until="domcontentloaded", timeout=90_000)
        page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90_000)
        page.wait_for_function("document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-KernelStatus') !== null",
                               timeout=90_000)
        page.wait_for_timeout(1500)  # the kernel comes up
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.locator("fieldset.irt-quiz-question").first.wait_for(state="visible", timeout=90_000)
        yield page
        shots = KIT / "screenshots" / "course"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "02_quiz_1024.png"), full_page=False)
        browser.close()


def test_the_quiz_is_a_group_named_by_its_question_with_named_buttons(module_page):
    groups = module_page.locator("fieldset.irt-quiz-question")
    assert groups.count() == 3
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
    active_cell = page.evaluate("document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')?.innerText.slice(0, 40)")
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
    page.keyboard.press("ArrowDown")
    assert radios.nth(2).is_checked()
    assert page.evaluate("document.activeElement.closest('fieldset.irt-quiz-question') !== null")
    assert page.evaluate(
        "document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')?.innerText.slice(0, 40)") == active_cell
    page.keyboard.press("Tab")  # to the check button
    page.keyboard.press("Enter")
    feedback = group.locator(".irt-quiz-feedback")
    feedback.filter(has_text="Correct.").or_(feedback.filter(has_text="Not quite.")).wait_for(timeout=15_000)
    tags = group.locator(".irt-quiz-tag:not([hidden])")
    assert tags.count() == 1 and "your answer" in tags.inner_text()


def test_at_1024_px_no_option_overlaps_the_next_and_each_keeps_its_radio(module_page):
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
