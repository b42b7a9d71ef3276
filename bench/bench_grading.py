"""Autograding 40 submissions of the plan exercise (negotiate_the_plan).

Prints, measured in this run:
- the floor: executing the same 40 notebooks in-process with nbclient alone;
- `irt-academy grade` with one worker (serial) and with one worker per core (parallel),
  each including feedback and the CSV export;
- the ratios: serial against the floor (target within 1.3x), parallel speed-up (target 1.7x on
  2 cores) and the parallel total (target under 40 s).

    .venv/bin/python bench/bench_grading.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KIT = Path(__file__).resolve().parent.parent
N = 40


def prepare(base: Path) -> tuple[Path, Path]:
    course = base / "exercises"
    shutil.copytree(KIT / "exercises", course, ignore=shutil.ignore_patterns("release", "gradebook.db", "exchange"))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "negotiate_the_plan",
                    "--force"], cwd=course, env=env, capture_output=True, check=True)
    source = json.loads((course / "source/negotiate_the_plan/negotiate_the_plan.ipynb").read_text())
    for c in source["cells"]:  # a solved notebook without the trainer's hidden parts
        c["source"] = "".join(c["source"]).replace("### BEGIN SOLUTION\n", "").replace("### END SOLUTION", "")
    subs = base / "submissions"
    for i in range(N):
        (subs / f"learner{i:02d}").mkdir(parents=True)
        (subs / f"learner{i:02d}" / "negotiate_the_plan.ipynb").write_text(json.dumps(source))
    return course, subs


def floor(subs: Path) -> float:
    start = time.perf_counter()
    for path in sorted(subs.glob("*/negotiate_the_plan.ipynb")):
        NotebookClient(nbformat.read(path, as_version=4), timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(KIT)}}).execute()
    return time.perf_counter() - start


def run_grade(course: Path, subs: Path, workers: int) -> float:
    for folder in ("submitted", "autograded", "feedback"):
        shutil.rmtree(course / folder, ignore_errors=True)
    (course / "gradebook.db").unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "irt-academy"), "grade", "negotiate_the_plan", "--submissions",
                    str(subs), "--course", str(course), "--workers", str(workers)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        course, subs = prepare(Path(tmp))
        f = floor(subs)
        serial = run_grade(course, subs, 1)
        cores = os.cpu_count() or 1
        parallel = run_grade(course, subs, cores)
    print(f"{N} submissions of negotiate_the_plan")
    print(f"floor (nbclient, in-process):   {f:6.1f} s  ({f / N:.2f} s a notebook)")
    print(f"grade, 1 worker (serial):       {serial:6.1f} s  = {serial / f:.2f}x the floor (target 1.3x)")
    print(f"grade, {cores} workers (parallel):   {parallel:6.1f} s  = {serial / parallel:.2f}x faster than serial "
          f"(target 1.7x); {'under' if parallel < 40 else 'OVER'} the 40 s target")


if __name__ == "__main__":
    main()
