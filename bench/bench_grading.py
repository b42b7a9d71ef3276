"""Autograding 40 submissions of the plan exercise (negotiate_the_plan).

Prints, measured in this run:
- the floor: executing the same 40 notebooks in-process with nbclient alone (with the hidden
  tests in place, as autograde runs them);
- `irt-academy grade` (in-process) with one worker (serial) and with one worker per core
  (parallel), each including feedback and the CSV export, and its autograde stage alone;
- the ratios: serial against the floor (target within 1.3x), parallel speed-up (target 1.7x on
  2 cores) and the parallel total (target under 40 s);
- the parallel run again with the learners' kernels outside the grading sandbox
  (IRT_GRADE_UNSANDBOXED=1): what the sandbox costs (target under 1.3x).

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

from irt_sim.classroom.run import grade

KIT = Path(__file__).resolve().parent.parent
N = 40


def prepare(base: Path, n: int = N) -> tuple[Path, Path]:
    course = base / "exercises"
    shutil.copytree(KIT / "exercises", course, ignore=shutil.ignore_patterns("release", "gradebook.db", "exchange"))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "negotiate_the_plan",
                    "--force"], cwd=course, env=env, capture_output=True, check=True)
    solved = json.loads((course / "source/negotiate_the_plan/negotiate_the_plan.ipynb").read_text())
    for c in solved["cells"]:  # the worked answers, hidden tests included: what autograde runs
        c["source"] = "".join(c["source"]).replace("### BEGIN SOLUTION\n", "").replace("### END SOLUTION", "")
    answers = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in solved["cells"]
               if c["metadata"]["nbgrader"].get("solution")}
    released = json.loads((course / "release/negotiate_the_plan/negotiate_the_plan.ipynb").read_text())
    for c in released["cells"]:  # a learner's submission: the released copy with the answers filled in
        c["source"] = answers.get(c["metadata"]["nbgrader"]["grade_id"], c["source"])
    subs = base / "submissions"
    for i in range(n):
        (subs / f"learner{i:02d}").mkdir(parents=True)
        (subs / f"learner{i:02d}" / "negotiate_the_plan.ipynb").write_text(json.dumps(released))
    (base / "floor").mkdir()
    for i in range(n):
        (base / "floor" / f"learner{i:02d}.ipynb").write_text(json.dumps(solved))
    return course, subs


def floor(folder: Path) -> float:
    start = time.perf_counter()
    for path in sorted(folder.glob("*.ipynb")):
        NotebookClient(nbformat.read(path, as_version=4), timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(KIT)}}).execute()
    return time.perf_counter() - start


def run_grade(course: Path, subs: Path, workers: int) -> tuple[float, dict[str, float]]:
    """The trainer's whole command: autograde, feedback, gradebook, CSV. The release was generated
    when the assignment went out (prepare), as in a real course."""
    for folder in ("submitted", "autograded", "feedback"):
        shutil.rmtree(course / folder, ignore_errors=True)
    start = time.perf_counter()
    report = grade("negotiate_the_plan", subs, course, workers=workers, say=lambda _s: None)
    total = time.perf_counter() - start
    assert len(report.graded) == N and not report.problems, report.problems
    return total, report.seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        course, subs = prepare(Path(tmp))
        f = floor(Path(tmp) / "floor")
        serial, s_stages = run_grade(course, subs, 1)
        cores = os.cpu_count() or 1
        parallel, p_stages = run_grade(course, subs, cores)
        os.environ["IRT_GRADE_UNSANDBOXED"] = "1"  # the same run with kernels outside the sandbox
        try:
            bare, _ = run_grade(course, subs, cores)
        finally:
            del os.environ["IRT_GRADE_UNSANDBOXED"]
    print(f"{N} submissions of negotiate_the_plan ({cores} cores)")
    print(f"floor (nbclient, in-process):        {f:6.1f} s  ({f / N:.2f} s a notebook)")
    print(f"autograde alone, 1 worker:           {s_stages['autograde']:6.1f} s  = {s_stages['autograde'] / f:.2f}x the floor "
          "(target 1.3x)")
    print(f"whole command, 1 worker (serial):    {serial:6.1f} s  = {serial / f:.2f}x the floor "
          f"(autograde and feedback {s_stages['autograde and feedback']:.1f} s, gradebook {s_stages['recording']:.1f} s)")
    print(f"whole command, {cores} workers (parallel): {parallel:6.1f} s  = {serial / parallel:.2f}x faster than serial "
          f"(target 1.7x); {'under' if parallel < 40 else 'OVER'} the 40 s target\n"
          f"                                     (autograde {p_stages['autograde']:.1f} s, with feedback "
          f"{p_stages['autograde and feedback']:.1f} s, gradebook {p_stages['recording']:.1f} s)")
    print(f"the same without the sandbox:        {bare:6.1f} s; the sandbox costs {parallel / bare:.2f}x (target under 1.3x)")


if __name__ == "__main__":
    main()
