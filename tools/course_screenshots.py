"""Screenshots of course modules rendered in JupyterLab by a headless browser, for a person to look at.

Starts `irt-academy lab` on a free port, opens each module, runs all cells, scrolls to its first
activity and saves a PNG in screenshots/ (not committed). Needs Debian's chromium
(`apt-get install chromium`) and Playwright (`pip install playwright`; its own browser download is not used).

    .venv/bin/python tools/course_screenshots.py 03_silos_versus_the_team 06_building_the_team 07_reaching_consensus
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(modules: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    lab = subprocess.Popen([str(Path(sys.executable).parent / "irt-academy"), "lab", "--no-browser", f"--port={port}",
                            "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=shots"], cwd=KIT,
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
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.goto(f"http://127.0.0.1:{port}/lab/tree/course/{module}.ipynb?token=shots&reset")
                page.wait_for_selector(".jp-Notebook", timeout=60_000)
                page.wait_for_timeout(2000)
                page.click("text=Run")
                page.click("text=Run All Cells")
                page.wait_for_timeout(12_000)
                first = page.query_selector(".jp-OutputArea-output .widget-vbox, .jp-OutputArea-output img")
                if first:
                    first.scroll_into_view_if_needed()
                    page.wait_for_timeout(1000)
                path = out / f"{module}.png"
                page.screenshot(path=str(path))
                print(f"wrote {path}")
                page.close()
            browser.close()
    finally:
        lab.terminate()


if __name__ == "__main__":
    main(sys.argv[1:] or ["03_silos_versus_the_team", "06_building_the_team", "07_reaching_consensus"])
