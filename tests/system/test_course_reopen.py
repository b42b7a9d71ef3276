"""A learner comes back the next day: the module they saved opens with its activities live and as
they left them, with nothing to run. In JupyterLab, in a real browser (Debian's Chromium driven by
Playwright), on a copy of the course with a learner's own home folder:

open module 6, Run All, choose a customer, tick a partner, answer and check a quiz question, save;
stop JupyterLab (the kernel goes with it); start it again and open the module in a new browser:
no "model not found", the same customer, tick and answer, and a new tick changes the team's report.
Screenshots in screenshots/course/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..support import KIT
from ..support.browser import CUT_SHORT, chromium, kernel_idle, need_chromium, open_in_lab, shot
from ..support.servers import start, stop

TOKEN = "course-reopen-token"
MODULE = "course/06_building_the_team.ipynb"
PARTNER = "Harlow Valley Peer Advocacy Network"

need_chromium()


@pytest.fixture(scope="module")
def learner(tmp_path_factory):
    """A learner's copy of the course and a home folder of their own (where progress is kept)."""
    base = tmp_path_factory.mktemp("learner")
    shutil.copytree(KIT / "course", base / "course", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # every cell drawn, not only those scrolled into view, so a test can read each module whole
    settings = base / "home" / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    return base


#: The team's report is written anew at each change, so it is looked up afresh each time.
REPORT_CHANGED = """(before) => [...document.querySelectorAll('[role=status]')]
    .map(e => e.innerText).filter(t => t.includes('barriers have a partner'))[0] !== before"""


def lab(base):
    return start(["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
                  f"--ServerApp.root_dir={base}", "--LabApp.expose_app_in_browser=True"],
                 ready_path="/api", env={"HOME": str(base / "home")})


def open_module(browser, base_url, module=MODULE, said: list | None = None):
    return open_in_lab(browser, base_url, module, TOKEN, said=said)


def test_a_module_saved_today_reopens_tomorrow_live_and_as_the_learner_left_it(learner):
    from playwright.sync_api import expect

    with chromium() as browser:
        proc, base_url = lab(learner)
        try:
            page = open_module(browser, base_url)
            kernel_idle(page)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            customer = page.get_by_label("Customer", exact=True)
            customer.wait_for(state="visible", timeout=90_000)
            customer.select_option(index=2)
            chosen = customer.input_value()
            page.get_by_label(PARTNER, exact=True).check()
            question = page.locator("fieldset.irt-quiz-question").first
            question.get_by_role("radio").nth(1).check()
            question.get_by_role("button").click()
            question.locator(".irt-quiz-feedback p").wait_for(timeout=30_000)
            verdict = question.locator(".irt-quiz-feedback").inner_text()
            page.wait_for_timeout(500)  # the last changes reach the kernel
            page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
            page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
            page.close()
        finally:
            stop(proc)  # the next day: JupyterLab and its kernels are gone

        proc, base_url = lab(learner)
        try:
            page = open_module(browser, base_url)
            kernel_idle(page)
            customer = page.get_by_label("Customer", exact=True)
            customer.wait_for(state="visible", timeout=60_000)
            question = page.locator("fieldset.irt-quiz-question").first
            expect(question.locator(".irt-quiz-feedback")).to_have_text(verdict, timeout=30_000)
            assert "model not found" not in page.locator(".jp-Notebook").inner_text()
            expect(customer).to_have_value(chosen)
            expect(page.get_by_label(PARTNER, exact=True)).to_be_checked()
            expect(question.get_by_role("radio").nth(1)).to_be_checked()
            # live, not a picture: a new tick changes the team's report
            report = page.locator("[role=status]").filter(has_text="barriers have a partner").first
            before = report.inner_text()
            page.locator("fieldset.irt-quiz-question").first.scroll_into_view_if_needed()
            boxes = page.locator(".widget-checkbox input[type=checkbox]")
            boxes.nth(0 if not boxes.nth(0).is_checked() else 1).check()
            page.wait_for_function(REPORT_CHANGED, arg=before, timeout=30_000)
            shot(page, "06_reopened_1024.png")
        finally:
            stop(proc)



def test_a_restarted_kernel_gives_the_reopened_module_its_activities_back(learner):
    """Kernel > Restart Kernel (or a kernel that died), then the module closed and opened again while
    JupyterLab runs on: the restarted kernel has run the module's activities, so they come back live."""
    from playwright.sync_api import expect

    with chromium() as browser:
        proc, base_url = lab(learner)
        try:
            page = open_module(browser, base_url)
            kernel_idle(page)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.get_by_label("Customer", exact=True).wait_for(state="visible", timeout=90_000)
            kernel_idle(page)
            page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
            page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
            page.wait_for_timeout(1000)
            kernel_idle(page)
            page.close()

            page = open_module(browser, base_url)
            kernel_idle(page)
            report = page.locator("[role=status]").filter(has_text="barriers have a partner").first
            expect(report).to_be_visible(timeout=30_000)
            assert "model not found" not in page.locator(".jp-Notebook").inner_text()
            before = report.inner_text()
            box = page.get_by_label("Family and friends (natural supports)", exact=True)
            box.set_checked(not box.is_checked())
            page.wait_for_function(REPORT_CHANGED, arg=before, timeout=30_000)
        finally:
            stop(proc)


#: An activity's output: JupyterLab's output area holding a live box of widgets.
ACTIVITIES = ("() => [...window.jupyterapp.shell.currentWidget.node.querySelectorAll('.jp-OutputArea-output')]"
              ".filter(o => o.querySelector('.widget-box')).length")
SHOWN_TEXT = "() => window.jupyterapp.shell.currentWidget.node.innerText"
OUTPUTS = ("() => [...window.jupyterapp.shell.currentWidget.node.querySelectorAll('.jp-OutputArea-output')]"
           ".map(o => o.innerText.slice(0, 60))")


def server_said(proc) -> str:
    """The last lines JupyterLab and its kernels logged (a failure's message carries them)."""
    return "\n".join(Path(proc.log_path).read_text(errors="replace").splitlines()[-30:])


def leave(page) -> None:
    """Shut the module's kernel down and close every tab, then the page, so the next visit's
    JupyterLab restores no other module and no idle kernel slows the next one."""
    page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    page.evaluate("window.jupyterapp.commands.execute('application:close-all')")
    page.wait_for_timeout(300)
    page.close()
MODULES = sorted(p.name for p in (KIT / "course").glob("[0-9][0-9]_*.ipynb"))


def test_every_module_reopens_with_its_activities_live_and_accessible(learner, tmp_path):
    """Each of the twelve modules: Run All, save; the next day each opens with as many live
    activities as it had, none showing "model not found"; axe finds no serious or critical
    violation in the kit's own outputs of four modules."""
    from axe_playwright_python.sync_playwright import Axe

    shown: dict[str, int] = {}
    with chromium() as browser:
        proc, base_url = lab(learner)
        try:
            for name in MODULES:
                page = open_module(browser, base_url, f"course/{name}")
                kernel_idle(page)
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                page.wait_for_function("(() => { const p = [...window.jupyterapp.shell.currentWidget.node"
                                       ".querySelectorAll('.jp-InputArea-prompt')].map(e => e.innerText);"
                                       " return p.some(t => /\\d/.test(t)) && !p.some(t => t.includes('*')); })()",
                                       timeout=120_000)
                kernel_idle(page)
                shown[name] = page.evaluate(ACTIVITIES)
                page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
                page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
                leave(page)
        finally:
            stop(proc)
        assert all(shown.values()), shown  # every module shows at least one activity

        proc, base_url = lab(learner)
        try:
            for name in MODULES:
                said: list[str] = []
                page = open_module(browser, base_url, f"course/{name}", said=said)
                kernel_idle(page)
                try:
                    page.wait_for_function(f"({ACTIVITIES})() >= {shown[name]}", timeout=60_000)
                except PlaywrightTimeout:
                    shot(page, f"{name[:2]}_not_back.png")
                    raise AssertionError(f"{name}: {page.evaluate(ACTIVITIES)} of {shown[name]} activities came back "
                                         f"in 60 s; the outputs show {page.evaluate(OUTPUTS)}; the browser said "
                                         f"{[line for line in said if 'rror' in line or 'arn' in line][-15:]}; the server said {server_said(proc)}") from None
                page.wait_for_timeout(500)
                text = page.evaluate(SHOWN_TEXT)
                assert "model not found" not in text and "Error displaying widget" not in text, name
                assert page.evaluate(ACTIVITIES) == shown[name], name
                notebook = "#" + page.evaluate("window.jupyterapp.shell.currentWidget.node.id")
                assert page.evaluate(CUT_SHORT, f"{notebook} .jp-OutputArea") == [], name  # labels whole, never cut
                if name.startswith(("06_", "07_", "08_", "11_")):  # the team, the plan, the new readings, the map
                    results = Axe().run(page, context={"include": [[".jp-OutputArea-output"]]})
                    bad = [f"{v['impact']} {v['id']}" for v in results.response["violations"]
                           if v["impact"] in ("serious", "critical")]
                    assert bad == [], (name, bad)
                    page.evaluate("window.jupyterapp.shell.currentWidget.node.querySelector('.widget-box')"
                                  ".scrollIntoView()")
                    shot(page, f"{name[:2]}_reopened_1024.png")
                leave(page)
        finally:
            stop(proc)
