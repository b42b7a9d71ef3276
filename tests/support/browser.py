"""What the browser tests share: Debian's Chromium driven by Playwright, JupyterLab opened on a
module, and checks run in a page."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

from . import KIT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

#: The labels, options and buttons inside the element ``root`` (a CSS selector) whose text is wider
#: than their box, so the browser cuts it with an ellipsis: their texts.
CUT_SHORT = """(root) => [...document.querySelector(root).querySelectorAll(
        '.widget-label-basic span, .widget-label, .widget-html-content, label, option:checked, button')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1 && e.textContent.trim())
    .map(e => e.textContent.trim())"""

KERNEL_IDLE = "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"


def need_chromium() -> None:
    """Skip the calling test module where Chromium is missing (never in CI, where it must be there)."""
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (python3 academy.py test installs it when run as root)",
                    allow_module_level=True)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_in_lab(browser, base_url: str, path: str, token: str, width: int = 1024, said: list | None = None):
    """A new page with ``path`` open in JupyterLab and in front (no tab of an earlier visit restored);
    ``said`` collects what the page logs, from the first moment (for a failure's message)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    if said is not None:
        page.on("console", lambda message: said.append(f"{message.type}: {message.text[:300]}"))
        page.on("pageerror", lambda error: said.append(f"page error: {str(error)[:300]}"))
    page.goto(f"{base_url}/lab/tree/{path}?token={token}&reset", wait_until="domcontentloaded", timeout=90_000)
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90_000)
    page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})", path)
    page.wait_for_function("(path) => window.jupyterapp.shell.currentWidget?.context?.path === path", arg=path,
                           timeout=30_000)
    return page


def kernel_idle(page) -> None:
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)


def shot(page, name: str) -> None:
    """A screenshot for a person to look at, in screenshots/course/ (not committed)."""
    folder = KIT / "screenshots" / "course"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=False)
