"""Screenshots of course modules rendered in JupyterLab by a headless browser, for a person to look at.

Starts `irt-academy lab` on a free port, opens each module, runs all cells, scrolls to its first
activity and saves a PNG at 1024 px in screenshots/ (not committed). Needs Debian's chromium
(`apt-get install chromium`) and Playwright (`pip install playwright`; its own browser download is not used).

    .venv/bin/python tools/course_screenshots.py [MODULE ...]      (every module when none is named)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
WIDTH = 1024  # a small laptop
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(modules: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lab = subprocess.Popen([str(Path(sys.executable).parent / "irt-academy"), "lab", "--no-browser", f"--port={port}",
                            "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=shots",
                            "--LabApp.expose_app_in_browser=True"], cwd=KIT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = KIT / "screenshots"
    out.mkdir(exist_ok=True)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for module in modules:
                page = browser.new_page(viewport={"width": WIDTH, "height": 900})
                page.goto(f"http://127.0.0.1:{port}/lab/tree/course/{module}.ipynb?token=shots&reset")
                page.wait_for_function("window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?"
                                       ".status === 'idle'", timeout=90_000)
                page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                page.wait_for_timeout(8_000)
                first = page.query_selector(".jp-OutputArea-output .widget-vbox, .jp-OutputArea-output img, "
                                            ".jp-OutputArea-output svg")
                if first:
                    first.scroll_into_view_if_needed()
                    page.wait_for_timeout(1000)
                path = out / f"{module}_{WIDTH}.png"
                page.screenshot(path=str(path))
                print(f"wrote {path}")
                page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
                page.close()
            browser.close()
    finally:
        lab.terminate()


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(p.stem for p in (KIT / "course").glob("[0-9][0-9]_*.ipynb")))
