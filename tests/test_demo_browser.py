"""The demo pages in a real browser (Debian's Chromium driven by Playwright): each page renders its
widgets, a control changes what the page shows, and a screenshot of each is kept as a test artifact
in screenshots/demo/."""

from __future__ import annotations

import os
import shutil

import pytest

from irt_sim.demo import PAGES

from .conftest import KIT
from .test_demo import start_demo, stop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (python3 academy.py test installs it when run as root)",
                allow_module_level=True)

# What to change on each page, and where the change must show: (control's label, option index, region)
CONTROLS = {
    "arc_versus_referral": ("Who is in the cohort", 1, ".widget-html"),
    "team_explorer": ("Customer", 2, ".widget-html"),
    "ips_fidelity_self_check": ("Agency", 1, ".widget-html"),
    "outcomes_funnel": ("Show", 1, ".widget-html"),
}


@pytest.fixture(scope="module")
def demo():
    proc, base = start_demo("--max-visitors=8")
    yield base
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_renders_and_answers_its_control(demo, browser, name):
    label, option, region = CONTROLS[name]
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(f"{demo}/voila/render/{name}.ipynb", wait_until="domcontentloaded", timeout=60_000)
        select = page.get_by_label(label, exact=True)
        select.wait_for(state="visible", timeout=60_000)
        shown = page.locator(region).all_inner_texts()
        assert any(text.strip() for text in shown), "the page shows nothing under its control"
        values = select.locator("option").all_inner_texts()
        select.select_option(index=option)
        page.wait_for_function("([sel, before]) => Array.from(document.querySelectorAll(sel)).map(e => e.innerText)"
                               ".join('|') !== before", arg=[region, "|".join(shown)], timeout=30_000)
        assert len(values) > option
        out = KIT / "screenshots" / "demo"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    finally:
        page.close()
