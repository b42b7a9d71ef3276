"""The demo pages in a real browser: time from navigation to the first interactive widget, page
weight, and the time from a control's change to the new chart, for each way of serving the pages,
against plain `voila` defaults measured in the same run.

Ways compared (each server runs alone while it is measured):
- reference: the issue's reference set-up, a page with one slider served by `voila` with a preheated
  kernel and only the widget managers' extensions (1.27 s when the issue was written): Voila's own
  floor on this machine, today
- plain voila: `voila course/pages` with Voila's defaults (no preheat, every Lab extension loaded)
- demo, preheated: `irt-academy demo` as shipped (a page has run before its visitor arrives)
- demo, progressive: cells shown as they run (cannot be combined with preheating)
- demo, plain: no preheating, the page shows when all has run

Each visit uses a fresh browser context (nothing cached: a first-time visitor). Pages are visited
round-robin so a preheated page's pool has refilled before the page is visited again.
Targets (issue 8): preheated under 1 s, cold under 3 s, page weight under 5 MB, control to chart
under 200 ms.

    .venv/bin/python bench/bench_demo.py [--visits 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT))

from irt_sim.demo import PAGES, children_mb, resident_mb  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# ipywidgets' own slider is drawn with <div>s, the kit's controls are native
FIRST_CONTROL = ".widget-slider, select, input"

ONE_SLIDER = {"cells": [{"cell_type": "code", "execution_count": None, "id": "slider", "metadata": {}, "outputs": [],
                         "source": "import ipywidgets as w\nw.IntSlider(description='x')"}],
              "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
              "nbformat": 4, "nbformat_minor": 5}
REFERENCE_DIR = Path(tempfile.mkdtemp(prefix="irt-bench-"))
(REFERENCE_DIR / "one_slider.ipynb").write_text(json.dumps(ONE_SLIDER))
REFERENCE = "reference: one slider"

SERVERS = {
    REFERENCE: [str(BIN / "voila"), str(REFERENCE_DIR / "one_slider.ipynb"), "--no-browser", "--Voila.ip=127.0.0.1",
                "--preheat_kernel=True", "--pool_size=1",
                "--VoilaConfiguration.extension_allowlist=@jupyter-widgets/jupyterlab-manager",
                "--VoilaConfiguration.extension_allowlist=@voila-dashboards/widgets-manager8"],
    "plain voila (defaults)": [str(BIN / "voila"), str(KIT / "course" / "pages"), "--no-browser", "--Voila.ip=127.0.0.1"],
    "demo, preheated": [str(BIN / "irt-academy"), "demo", "--rendering=preheated"],
    "demo, progressive": [str(BIN / "irt-academy"), "demo", "--rendering=progressive"],
    "demo, plain": [str(BIN / "irt-academy"), "demo", "--rendering=plain"],
}

# In the page: change a control, then time until a chart (a <figure>) shows something new.
TIME_CHANGE = """async ([selector, value]) => {
  const el = document.querySelector(selector);
  const charts = () => Array.from(document.querySelectorAll('figure')).map(f => f.innerHTML).join('|');
  const before = charts();
  const changed = new Promise((resolve, reject) => {
    const obs = new MutationObserver(() => { if (charts() !== before) { obs.disconnect(); resolve(); } });
    obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    setTimeout(() => reject(new Error('no chart changed within 30 s')), 30000);
  });
  const t0 = performance.now();
  el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  await changed;
  return performance.now() - t0;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([*cmd, f"--port={port}"], cwd=KIT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{cmd} did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def cpu_seconds(pid: int) -> float:
    """CPU time the process itself has used (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def visit(browser, url: str) -> tuple[float, int, int]:
    """Seconds from navigation to the first visible control; bytes and requests the page loaded."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_selector(FIRST_CONTROL, state="visible", timeout=120_000)
        seconds = time.perf_counter() - start
        page.wait_for_load_state("load")
        sizes = page.evaluate("performance.getEntriesByType('resource').map(r => r.transferSize)"
                              ".concat([performance.getEntriesByType('navigation')[0].transferSize])")
        return seconds, sum(sizes), len(sizes)
    finally:
        context.close()


def control_to_chart(browser, base: str, repeats: int) -> dict[str, float]:
    """Median ms from a control's change to a new chart, on the two pages whose control redraws one."""
    cases = {"arc_versus_referral": ("input[type=range]", ["0.5", "0.2"]),
             "outcomes_funnel": ("select", None)}
    out = {}
    for name, (selector, values) in cases.items():
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/voila/render/{name}.ipynb", timeout=120_000)
        page.wait_for_selector(selector, state="visible", timeout=120_000)
        page.wait_for_timeout(500)
        if values is None:  # the select's option values, alternating
            options = page.eval_on_selector(selector, "s => Array.from(s.options).map(o => o.value)")
            values = [options[1], options[0]]
        times = [page.evaluate(TIME_CHANGE, [selector, values[i % 2]]) for i in range(repeats)]
        out[name] = statistics.median(times)
        context.close()
    return out


def memory_with_visitors(browser, visitors: int) -> None:
    """Memory of the shipped demo with VISITORS pages held open (visitors arrive one after another)."""
    proc, base = start(SERVERS["demo, preheated"])
    contexts = []
    try:
        time.sleep(15)
        idle = resident_mb(proc.pid) + sum(children_mb(proc.pid))
        names = [name for i in range(visitors) for name in [list(PAGES)[i % len(PAGES)]]]
        for name in names:
            context = browser.new_context()
            contexts.append(context)
            page = context.new_page()
            page.goto(f"{base}/voila/render/{name}.ipynb", timeout=120_000)
            page.wait_for_selector(FIRST_CONTROL, state="visible", timeout=120_000)
        time.sleep(5)
        kernels = children_mb(proc.pid)
        server = resident_mb(proc.pid)
        busy = urllib.request.Request(f"{base}/voila/render/{names[0]}.ipynb")
        try:
            status = urllib.request.urlopen(busy, timeout=60).status
        except urllib.error.HTTPError as e:
            status = e.code
        print(f"\nMemory, shipped demo: idle with its preheated pool {idle:.0f} MB; with {visitors} visitors "
              f"{server + sum(kernels):.0f} MB (server {server:.0f} MB, {len(kernels)} kernels of "
              f"{min(kernels):.0f} to {max(kernels):.0f} MB, mean {statistics.mean(kernels):.0f} MB); "
              f"the next visitor got HTTP {status}")
    finally:
        for context in contexts:
            context.close()
        stop(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--visits", type=int, default=3, help="visits to each page per way of serving (default 3)")
    ap.add_argument("--visitors", type=int, default=20, help="pages held open for the memory figure (default 20)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        if args.visitors:
            memory_with_visitors(browser, args.visitors)
        for label, cmd in (SERVERS.items() if args.visits else ()):
            proc, base = start(cmd)
            try:
                time.sleep(15 if "preheat" in " ".join(cmd) + label else 2)  # let the pools fill, as before visitors
                # the reference has one page: it is visited as often as the kit's four together, and
                # given the time the kit's round of four leaves a pool to refill
                pages = {"one_slider": "/"} if label == REFERENCE else {name: f"/voila/render/{name}.ipynb" for name in PAGES}
                rounds = args.visits * (len(PAGES) if label == REFERENCE else 1)
                times = {name: [] for name in pages}
                weight = {}
                cpu = cpu_seconds(proc.pid)
                for _ in range(rounds):
                    for name, path in pages.items():
                        seconds, size, count = visit(browser, base + path)
                        times[name].append(seconds)
                        weight.setdefault(name, (size, count))
                    time.sleep(5 if label == REFERENCE else 2)
                cpu = (cpu_seconds(proc.pid) - cpu) / (rounds * len(pages))
                changes = control_to_chart(browser, base, repeats=5) if label != REFERENCE else {}
            finally:
                stop(proc)
            results[label] = (times, weight, changes, cpu)
            print(f"measured: {label}", flush=True)
        browser.close()
    shutil.rmtree(REFERENCE_DIR, ignore_errors=True)

    if not results:
        return
    floor = statistics.median(results[REFERENCE][0]["one_slider"])
    baseline = results["plain voila (defaults)"]
    base_median = statistics.median(t for ts in baseline[0].values() for t in ts)
    print(f"\nNavigation to the first interactive widget (median of {args.visits} first-time visits a page; ratios to "
          f"plain voila's median {base_median:.2f} s and to the reference one-slider page's {floor:.2f} s)")
    print(f"{'':26}" + "".join(f"{name[:22]:>24}" for name in PAGES) + f"{'all':>10}{'/voila':>8}{'/ref':>8}")
    for label, (times, _w, _c, _cpu) in results.items():
        medians = [statistics.median(times[name]) if name in times else None for name in PAGES]
        overall = statistics.median(t for ts in times.values() for t in ts)
        print(f"{label:26}" + "".join(f"{m:22.2f} s" if m is not None else f"{'':24}" for m in medians)
              + f"{overall:8.2f} s{overall / base_median:7.2f}x{overall / floor:7.2f}x")
    print("\nPage weight (bytes over the wire, first visit) and requests; the server's own CPU time per page view")
    for label, (_t, weight, _c, cpu) in results.items():
        print(f"{label:26}" + "".join(f"{w / 1e6:17.2f} MB {n:3d}" for w, n in weight.values()) + f"{cpu * 1000:10.0f} ms")
    print("\nA control's change to the new chart (median of 5, ms)")
    for label, (_t, _w, changes, _cpu) in results.items():
        if changes:
            print(f"{label:26}" + "".join(f"{name}: {ms:6.0f} ms   " for name, ms in changes.items()))
    pre = results["demo, preheated"]
    pre_all = statistics.median(t for ts in pre[0].values() for t in ts)
    cold_all = statistics.median(t for ts in results["demo, plain"][0].values() for t in ts)
    heaviest = max(w for w, _n in pre[1].values())
    slowest_change = max(pre[2].values())
    print(f"\nThe issue's targets were set where its reference page took 1.27 s; here, today, it takes {floor:.2f} s "
          f"({floor / 1.27:.1f} times as long). Scaled alike, preheated under 1 s is under {floor / 1.27:.2f} s and cold "
          f"under 3 s is under {3 * floor / 1.27:.2f} s.")
    print("Targets: preheated under 1 s: {:.2f} s {}; cold under 3 s: {:.2f} s {}; page weight under 5 MB: "
          "{:.2f} MB {}; control to chart under 200 ms: {:.0f} ms {}".format(
              pre_all, "met" if pre_all < 1 else "NOT met", cold_all, "met" if cold_all < 3 else "NOT met",
              heaviest / 1e6, "met" if heaviest < 5e6 else "NOT met", slowest_change,
              "met" if slowest_change < 200 else "NOT met"))


if __name__ == "__main__":
    main()
