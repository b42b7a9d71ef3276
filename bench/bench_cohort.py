"""Memory figures for sizing a cohort's hub (deploy/README.md), measured here, with the arithmetic.

Measured (resident memory, from /proc):
- a learner's server: JupyterLab's server with the kit's extensions (what jupyterhub-singleuser runs),
  after the Lab page has been served;
- a course notebook's kernel after every cell has run, for each notebook of the course: a learner
  with the course open has the server and one or two of these;
- one autograde worker: `irt-academy grade` with one worker, sampled every 20 ms while it grades;
  the worker process and its kernel at their peak (the coordinating process apart);
- the public demo pages: the demo server, and a visitor's kernel on each page after it has run.

Then, for 30, 100 and 300 learners working at once: memory = learners x (server + kernels) x 1.3
(the Littlest JupyterHub's advice: measured peak plus 20-40%) + the hub and proxy (128 MB, TLJH's
figure) + grading (4, 8 or 16 workers) + the demo (20 visitors), and the machines that hold it.
Memory only: CPU is not measured here (TLJH's rule: learners at once x each one's CPU + 20%).

    .venv/bin/python bench/bench_cohort.py [--notebooks 2]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT))
sys.path.insert(0, str(KIT / "bench"))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from bench_demo import free_port, start, stop  # noqa: E402
from bench_grading import prepare  # noqa: E402
from irt_sim.demo import PAGES, children_mb, resident_mb  # noqa: E402

BIN = Path(sys.executable).parent
HUB_MB = 128  # the hub with its proxy (TLJH's resource-estimation figure)
HEADROOM = 1.3
DEMO_VISITORS = 20


def lab_server_mb() -> float:
    """JupyterLab's server, as a learner's hub server runs it, once the Lab page has been served."""
    port, token = free_port(), secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as home:
        proc = subprocess.Popen([str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                                 f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={KIT / 'course'}", "--allow-root"],
                                env=dict(os.environ, HOME=home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.3)
            for path in ("/lab/api/settings", "/api/contents", "/lab/api/translations", "/api/kernelspecs"):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=30).read()
            time.sleep(2)
            return resident_mb(proc.pid)
        finally:
            stop(proc)


def notebook_kernel_mb(path: Path) -> float:
    """A course notebook's kernel once all its cells have run (widgets built, charts drawn)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return resident_mb(client.km.provisioner.pid)


def autograde_worker_mb(submissions: int = 4) -> tuple[float, float]:
    """Peak MB of one grading worker with its kernel, and of the coordinating process, while
    `irt-academy grade` marks a few submissions of the heaviest exercise with one worker."""
    with tempfile.TemporaryDirectory() as tmp:
        course, subs = prepare(Path(tmp), submissions)
        proc = subprocess.Popen([str(BIN / "irt-academy"), "grade", "negotiate_the_plan", "--submissions", str(subs),
                                 "--course", str(course), "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        peak_worker = peak_top = 0.0
        while proc.poll() is None:
            tree = descendants(proc.pid)
            peak_worker = max(peak_worker, sum(resident_mb(pid) for pid in tree))
            peak_top = max(peak_top, resident_mb(proc.pid))
            time.sleep(0.02)
        if proc.returncode:
            raise SystemExit("irt-academy grade failed in the bench")
        return peak_worker, peak_top


def descendants(pid: int) -> list[int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        kids = [child for child, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found


def demo_mb() -> tuple[float, float, float]:
    """The demo server, and the kernels of one visitor on each page once it has run (plain
    rendering, so the only kernels are the visitors'): the largest, and their mean."""
    proc, base = start([str(BIN / "irt-academy"), "demo", "--rendering=plain"])
    try:
        for name in PAGES:
            urllib.request.urlopen(f"{base}/voila/render/{name}.ipynb", timeout=120).read()
        time.sleep(2)
        kernels = children_mb(proc.pid)
        return resident_mb(proc.pid), max(kernels), statistics.mean(kernels)
    finally:
        stop(proc)


VM_SIZES_GB = (8, 16, 32, 64, 128)
OS_GB = 1.0  # the operating system and its services
NODE_GB = 64


def machines(learners: int, learners_mb: float, total_mb: float) -> str:
    """The smallest usual VM that holds it all, while one VM is sensible (TLJH: up to about 100
    learners); beyond that, Kubernetes user nodes for the learners and one node for the rest."""
    if learners <= 100:
        size = next((gb for gb in VM_SIZES_GB if total_mb / 1024 + OS_GB <= gb), None)
        if size:
            return f"one VM of {size} GB (TLJH)"
    nodes = math.ceil(learners_mb / 1024 / (NODE_GB * 0.9))  # Kubernetes keeps about a tenth of a node
    rest = next(gb for gb in VM_SIZES_GB if (total_mb - learners_mb) / 1024 + OS_GB <= gb * 0.9)
    return f"Kubernetes: {nodes} user nodes of {NODE_GB} GB + one node of {rest} GB for hub, grading and demo (Z2JH)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notebooks", type=int, default=2, help="course notebooks a learner has open at once (default 2)")
    args = ap.parse_args()

    server = lab_server_mb()
    print(f"learner's server (JupyterLab with the kit's extensions): {server:.0f} MB", flush=True)
    kernels = {}
    for path in sorted((KIT / "course").glob("*.ipynb")):
        kernels[path.stem] = notebook_kernel_mb(path)
        print(f"  kernel of {path.stem}: {kernels[path.stem]:.0f} MB", flush=True)
    worker, coordinator = autograde_worker_mb()
    print(f"autograde worker with its kernel, peak: {worker:.0f} MB (the coordinating process: {coordinator:.0f} MB)", flush=True)
    demo_server, demo_kernel, demo_mean = demo_mb()
    print(f"demo: server {demo_server:.0f} MB; a visitor's kernel {demo_mean:.0f} MB on average over the "
          f"{len(PAGES)} pages, {demo_kernel:.0f} MB on the heaviest (used below)", flush=True)

    heaviest = sorted(kernels.values(), reverse=True)[:args.notebooks]
    learner = server + sum(heaviest)
    print(f"\nOne learner with the course open ({args.notebooks} of the heaviest notebooks running): "
          f"{server:.0f} + {' + '.join(f'{k:.0f}' for k in heaviest)} = {learner:.0f} MB; "
          f"median notebook kernel {statistics.median(kernels.values()):.0f} MB")
    limit = math.ceil(learner * HEADROOM / 100) * 100
    print(f"Per-learner memory limit (peak x {HEADROOM}): {limit} MB")
    demo = demo_server + DEMO_VISITORS * demo_kernel
    print("\n| learners at once | learners' servers | grading (workers x MB) | demo (20 visitors) | hub + proxy | total | "
          "machines |\n|---|---|---|---|---|---|---|")
    for n, workers in [(30, 4), (100, 8), (300, 16)]:
        learners_mb = n * learner * HEADROOM
        grading = workers * worker + coordinator
        total = learners_mb + grading + demo + HUB_MB
        print(f"| {n} | {n} x {learner * HEADROOM:.0f} MB = {learners_mb / 1024:.1f} GB | {workers} x {worker:.0f} + "
              f"{coordinator:.0f} MB = {grading / 1024:.1f} GB | {demo / 1024:.1f} GB | {HUB_MB} MB | "
              f"{total / 1024:.1f} GB | {machines(n, learners_mb, total)} |")
    print(json.dumps({"server": server, "kernels": kernels, "worker": worker, "coordinator": coordinator,
                      "demo_server": demo_server, "demo_kernel": demo_kernel}, indent=None))


if __name__ == "__main__":
    main()
