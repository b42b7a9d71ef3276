"""Time each course module, two ways, with a baseline measured in the same run.

1. Run top to bottom by nbclient (no browser): the module's compute. Baseline: an empty notebook
   (kernel start-up and shutdown only). Target: under 20 s each.
2. In JupyterLab, in a real browser (Debian's chromium, Playwright), as a learner meets it:
   - first visit: from opening the module to its first activity usable, with Run All pressed as
     soon as the kernel is ready;
   - return visit (the next day: JupyterLab started again on the saved module): from opening it to
     its first activity usable, with nothing run by the learner.
   Baseline: an empty notebook opened in JupyterLab, to its kernel ready.
   "Usable" means a control of the module's first activity is on the page.

    .venv/bin/python bench/bench_notebooks.py [--no-lab]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KIT = Path(__file__).resolve().parent.parent
COURSE = KIT / "course"
MODULES = sorted(p.stem for p in COURSE.glob("[0-9][0-9]_*.ipynb"))
CONTROL = "input, select, button, textarea"  # a control the learner can use
READY = "window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"


def run(nb) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(COURSE)}}).execute()
    return time.perf_counter() - start


def nbclient_times() -> None:
    baseline = min(run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])) for _ in range(3))
    print(f"nbclient baseline (empty notebook: kernel start and stop): {baseline:.2f} s\n")
    worst = 0.0
    for path in sorted(COURSE.glob("*.ipynb")):
        seconds = run(nbformat.read(path, as_version=4))
        worst = max(worst, seconds)
        print(f"{path.name:<40} {seconds:6.2f} s  ({seconds / baseline:4.1f}x baseline)  "
              f"{'within' if seconds < 20 else 'OVER'} the 20 s target")
    print(f"\nslowest notebook: {worst:.2f} s\n")


class Lab:
    """`irt-academy lab` on a learner's copy of the course, with a home of its own."""

    def __init__(self, base: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {"HOME": str(base / "home"), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
        self.proc = subprocess.Popen([str(Path(sys.executable).parent / "irt-academy"), "lab", "--no-browser",
                                      f"--port={self.port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=b",
                                      f"--ServerApp.root_dir={base}", "--LabApp.expose_app_in_browser=True"],
                                     cwd=KIT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api", timeout=2)
                return
            except OSError:
                time.sleep(0.25)
        raise SystemExit("JupyterLab did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/lab/tree/{path}?token=b&reset"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def visit(browser, lab: Lab, path: str, run_all: bool, save: bool = False) -> float:
    """Seconds from opening ``path`` to a control of its first activity on the page."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(lab.url(path), wait_until="domcontentloaded", timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    if run_all:
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(f"window.jupyterapp.shell.currentWidget.node.querySelector('.jp-OutputArea-output "
                           f":is({CONTROL})') !== null", timeout=120_000)
    seconds = time.perf_counter() - start
    if save:
        page.wait_for_function(READY, timeout=120_000)
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function("!window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=60_000)
    page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    page.close()
    return seconds


def lab_times() -> None:
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix="bench-course-"))
    shutil.copytree(COURSE, base / "course", ignore=shutil.ignore_patterns("pages", ".ipynb_checkpoints"))
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})  # else Lab asks which kernel
    nbformat.write(empty, base / "empty.ipynb")
    (base / "home").mkdir()
    first, again = {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        lab = Lab(base)
        try:
            baseline = []
            for _ in range(3):
                page = browser.new_page()
                start = time.perf_counter()
                page.goto(lab.url("empty.ipynb"), wait_until="domcontentloaded", timeout=120_000)
                page.wait_for_function(READY, timeout=120_000)
                baseline.append(time.perf_counter() - start)
                page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
                page.close()
            floor = min(baseline)
            for module in MODULES:
                first[module] = visit(browser, lab, f"course/{module}.ipynb", run_all=True, save=True)
        finally:
            lab.stop()
        lab = Lab(base)  # the next day
        try:
            for module in MODULES:
                again[module] = visit(browser, lab, f"course/{module}.ipynb", run_all=False)
        finally:
            lab.stop()
            browser.close()
    shutil.rmtree(base, ignore_errors=True)
    print(f"JupyterLab baseline (empty notebook opened, to its kernel ready): {floor:.2f} s\n")
    print(f"{'module':<40} {'first visit (Run All)':>24} {'return visit (nothing run)':>28}")
    for module in MODULES:
        print(f"{module:<40} {first[module]:8.2f} s ({first[module] / floor:4.1f}x) {again[module]:14.2f} s ({again[module] / floor:4.1f}x)")
    print(f"\nslowest first visit {max(first.values()):.2f} s; slowest return visit {max(again.values()):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lab", action="store_true", help="only the nbclient timings (no browser)")
    args = parser.parse_args()
    nbclient_times()
    if not args.no_lab:
        lab_times()


if __name__ == "__main__":
    main()
