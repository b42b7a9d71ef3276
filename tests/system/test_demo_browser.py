"""The demo pages in a real browser (Debian's Chromium driven by Playwright): each page renders its
widgets, a control changes what the page shows, and a screenshot of each is kept as a test artifact
in screenshots/demo/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from irt_sim.demo import PAGES, children_mb, resident_mb

from ..support import KIT
from ..support.browser import CHROMIUM, CUT_SHORT, FLAGS, need_chromium
from ..support.servers import fetch, start_demo, stop

need_chromium()

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


@pytest.fixture(scope="module", params=list(PAGES))
def opened(request, demo, browser):
    """One visit to a page, with every request it made."""
    name = request.param
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(f"{demo}/voila/render/{name}.ipynb", wait_until="domcontentloaded", timeout=60_000)
    page.get_by_label(CONTROLS[name][0], exact=True).wait_for(state="visible", timeout=60_000)
    yield name, page, asked, demo
    leave(page)


def leave(page) -> None:
    """Leave the page as a visitor does, so that its unload sends Voila's closing beacon and the
    kernel and the visitor's place are freed at once. Playwright's close (even with
    run_before_unload) destroys the page before the beacon goes, which held each place until the
    server's 15-second check: a quick run of tests then found the demo busy. Navigating away sends it."""
    page.goto("about:blank")
    page.close()


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found]


def test_each_page_has_its_title_and_asks_nothing_of_other_sites(opened):
    name, page, asked, base = opened
    assert page.title() == PAGES[name]
    # a public page must not tell a third party (a CDN, a font host) who is visiting
    elsewhere = [u for u in asked if not u.startswith((base + "/", "blob:", "data:"))]
    assert not elsewhere, elsewhere


def test_axe_finds_no_accessibility_violation_on_the_page(opened):
    _name, page, _asked, _base = opened
    assert axe_violations(page) == []


def test_no_label_is_cut_short(opened):
    """Every label and option is read whole: wrapped, never cut with an ellipsis."""
    _name, page, _asked, _base = opened
    cut = page.evaluate(CUT_SHORT, "body")
    assert cut == []


def test_each_page_answers_its_control_and_stays_accessible(opened):
    name, page, _asked, _base = opened
    label, option, region = CONTROLS[name]
    select = page.get_by_label(label, exact=True)
    shown = page.locator(region).all_inner_texts()
    assert any(text.strip() for text in shown), "the page shows nothing under its control"
    assert select.locator("option").count() > option
    select.select_option(index=option)
    page.wait_for_function("([sel, before]) => Array.from(document.querySelectorAll(sel)).map(e => e.innerText)"
                           ".join('|') !== before", arg=[region, "|".join(shown)], timeout=30_000)
    assert axe_violations(page) == []  # the new content too
    out = KIT / "screenshots" / "demo"
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)


def test_a_slider_is_named_by_its_label_and_moves_with_the_keyboard(demo, browser):
    page = browser.new_page()
    try:
        page.goto(f"{demo}/voila/render/arc_versus_referral.ipynb", wait_until="domcontentloaded", timeout=60_000)
        slider = page.get_by_role("slider", name="Referral: reach a resource alone")
        slider.wait_for(state="visible", timeout=60_000)
        assert slider.get_attribute("aria-valuetext") == "35 percent"
        sentence = page.locator("[role=status]").first
        before = sentence.inner_text()
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert slider.get_attribute("aria-valuetext") == "40 percent"
        # the widget replaces the sentence's element, so look it up afresh each time
        page.wait_for_function("(before) => document.querySelector('[role=status]').innerText !== before",
                               arg=before, timeout=30_000)
    finally:
        leave(page)


def _contrast(rgb: str, against=(255, 255, 255)) -> float:
    """WCAG contrast ratio of a CSS rgb() colour against white."""
    import re

    def luminance(channels):
        lin = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    channels = [int(x) for x in re.findall(r"\d+", rgb)[:3]]
    high, low = sorted([luminance(channels), luminance(against)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_stands_out_at_3_to_1(demo, browser):
    """WCAG 2.2's focus appearance: the ring a keyboard user follows contrasts at least 3:1 with the
    white page (the index's links and the simulator's sliders, the kit's own styles)."""
    page = browser.new_page()
    try:
        page.goto(demo + "/", timeout=30_000)
        page.keyboard.press("Tab")
        link = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
        page.goto(f"{demo}/voila/render/arc_versus_referral.ipynb", wait_until="domcontentloaded", timeout=60_000)
        slider = page.get_by_role("slider", name="Referral: reach a resource alone")
        slider.wait_for(state="visible", timeout=60_000)
        slider.focus()
        page.keyboard.press("ArrowRight")  # keyboard focus, so :focus-visible applies
        ring = slider.evaluate("e => getComputedStyle(e).outlineColor")
        assert _contrast(link) >= 3 and _contrast(ring) >= 3, (link, ring)
    finally:
        leave(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_on_a_phone_nothing_runs_off_the_right_edge(demo, browser, name):
    """At 390 px (a phone held upright) every control and chart fits the screen's width, so no one
    has to scroll sideways to reach a dropdown or a number box. A screenshot is kept."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{demo}/voila/render/{name}.ipynb", wait_until="domcontentloaded", timeout=60_000)
        page.get_by_label(CONTROLS[name][0], exact=True).wait_for(state="visible", timeout=60_000)
        too_wide = page.evaluate("""() => [...document.querySelectorAll(
            '#rendered_cells select, #rendered_cells input, #rendered_cells .widget-label, #rendered_cells img')]
            .filter(e => e.getBoundingClientRect().right > 391)
            .map(e => e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || '').slice(0, 40))""")
        assert too_wide == [], too_wide
        overlapping = page.evaluate("""() => [...document.querySelectorAll('#rendered_cells .widget-inline-hbox')]
            .map(e => [e, e.nextElementSibling]).filter(([a, b]) => b && b.getBoundingClientRect().height > 0
                && Math.max(...[a, ...a.querySelectorAll('*')].filter(x => x.checkVisibility())
                                    .map(x => x.getBoundingClientRect().bottom))
                   > b.getBoundingClientRect().top + 1)
            .map(([a]) => (a.textContent || '').slice(0, 40))""")
        assert overlapping == [], overlapping  # a control's box never runs into the next one's
        out = KIT / "screenshots" / "demo"
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"{name}_390px.png"), full_page=True)
    finally:
        leave(page)


def test_the_index_and_the_busy_page_are_accessible(demo, browser):
    from irt_sim.demo import BUSY_HTML

    page = browser.new_page()
    try:
        page.goto(demo + "/", timeout=30_000)
        assert axe_violations(page) == []
        page.set_content(BUSY_HTML)
        assert axe_violations(page) == []
    finally:
        leave(page)


def test_twenty_visitors_hold_pages_open_the_21st_is_turned_away_and_no_page_breaks(browser):
    """The default caps (20 visitors, 4096 MB): each visitor, in a browser context of their own,
    arrives once the one before is reading; all twenty hold their pages open together; memory stays
    within the bound; the 21st gets the busy page; then every one of the twenty still works."""
    proc, base = start_demo()  # the defaults a trainer gets
    names = [name for _ in range(5) for name in PAGES]
    contexts, pages = [], []
    try:
        for name in names:
            context = browser.new_context(viewport={"width": 1000, "height": 700})
            contexts.append(context)
            page = context.new_page()
            page.goto(f"{base}/voila/render/{name}.ipynb", wait_until="domcontentloaded", timeout=120_000)
            try:
                page.get_by_label(CONTROLS[name][0], exact=True).wait_for(state="visible", timeout=120_000)
            except PlaywrightTimeout:  # say what the visitor saw and what the server said
                seen = page.evaluate("document.body.innerText")[:400]
                log = "\n".join(Path(proc.log_path).read_text(errors="replace").splitlines()[-25:])
                raise AssertionError(f"visitor {len(pages) + 1} ({name}) saw no {CONTROLS[name][0]!r} in 120 s; the page "
                                     f"showed: {seen!r}; kernels (MB): {children_mb(proc.pid)}; the server said:\n{log}") from None
            pages.append(page)
        kernels = children_mb(proc.pid)
        assert sum(mb > 50 for mb in kernels) >= 20, kernels  # every visitor's running kernel was measured
        used = resident_mb(proc.pid) + sum(kernels)
        assert used <= 4096, f"the demo holds {used:.0f} MB with 20 visitors"
        status, body, _ = fetch(base + "/voila/render/team_explorer.ipynb")
        assert status == 503 and "Busy" in body, "the 21st visitor was let in"
        for name, page in zip(names, pages):
            label, option, region = CONTROLS[name]
            before = "|".join(page.locator(region).all_inner_texts())
            page.get_by_label(label, exact=True).select_option(index=option)
            page.wait_for_function("([sel, before]) => Array.from(document.querySelectorAll(sel))"
                                   ".map(e => e.innerText).join('|') !== before", arg=[region, before], timeout=60_000)
    finally:
        for context in contexts:
            context.close()
        stop(proc)


def test_closing_a_page_frees_its_kernel_at_once(browser):
    """Voila's page-close beacon carries no _xsrf token; the demo accepts it, so a visitor's place is
    free again at once, well before the 15-second check for pages gone quiet (the deadline is shorter
    than that, so without the demo's handler for the beacon this fails)."""
    import time

    proc, base = start_demo("--max-visitors=1", "--rendering=plain")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/voila/render/team_explorer.ipynb", timeout=60_000)
        page.get_by_label("Customer", exact=True).wait_for(state="visible", timeout=60_000)
        assert fetch(base + "/voila/render/outcomes_funnel.ipynb")[0] == 503  # the one place is taken
        leave(page)
        deadline = time.monotonic() + 5
        while children_mb(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert children_mb(proc.pid) == [], "the closed page's kernel is still running"
        context.close()
        assert fetch(base + "/voila/render/outcomes_funnel.ipynb")[0] == 200  # and the place is free
    finally:
        stop(proc)
