"""The trainer's grading run: collect submissions, autograde them in parallel, record every grade in
the one gradebook, write feedback and export grades as CSV.

nbgrader grades one submission at a time and its SQLite gradebook takes one writer (nbgrader issue
#174). So each worker runs nbgrader's own ``autograde`` and ``generate_feedback`` on a share of the
submissions in a private copy of the course, with a private gradebook; then the main process, the
only writer of the course's gradebook, copies each submission's autograde results into it (the same
fields nbgrader's SaveAutoGrades and AssignLatePenalties write, and by the same rule, so a trainer's
manual scores survive a regrade). A submission that cannot be read is reported and left out; the
rest go on.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Callable

from ..inputs.problems import printable
from .gradebook import OUTPUT_FOLDERS, export_grades, record_grades, release_is_current
from .report import GradingReport, readings_to_look_at, regraded_cells, write_look_at
from .submissions import collect, tamper_report


def kit_env() -> dict[str, str]:
    """The environment with the kit's own bin folder first on PATH, activated or not: nbgrader runs
    the environment's `alembic` command when it creates a gradebook."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=course, env=kit_env(),
                          capture_output=True, text=True)


def _assignment_gradebook(course: Path, assignment: str, to: Path) -> Path:
    """A copy of the course's gradebook with only ``assignment``'s definition: no other assignment and
    no learner's record, name or grade. Made once a run; each worker gets a copy of it."""
    from nbgrader.api import Gradebook

    shutil.copy2(course / "gradebook.db", to)
    with Gradebook(f"sqlite:///{to}") as gb:
        for someone in [s.id for s in gb.students]:
            gb.remove_student(someone)
        for other in [a.name for a in gb.assignments if a.name != assignment]:
            gb.remove_assignment(other)
    with contextlib.closing(sqlite3.connect(to)) as db:
        db.execute("VACUUM")  # where SQLite's secure_delete is off, deleted rows stay in its free pages
    return to


def _worker_copy(course: Path, assignment: str, students: list[str], copy: Path, gradebook: Path) -> Path:
    """The least of the course nbgrader needs to autograde ``students``: its configuration, the
    assignment's definition in a gradebook of its own (``gradebook``, see _assignment_gradebook;
    nbgrader puts the locked cells back from it), the assignment's files other than its notebooks
    (autograde copies them beside each submission) and these students' submissions. No source
    notebook, no release, no other assignment and no learner's record. The learners' kernels see
    none of it anyway (the sandbox shows them only their own folders); this is the second wall."""
    copy.mkdir(mode=0o700)
    if (course / "nbgrader_config.py").is_file():
        shutil.copy2(course / "nbgrader_config.py", copy / "nbgrader_config.py")
    shutil.copy2(gradebook, copy / "gradebook.db")
    shutil.copytree(course / "source" / assignment, copy / "source" / assignment,
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    for student in students:
        shutil.copytree(course / "submitted" / student, copy / "submitted" / student)
    return copy


def _run_worker(course: Path, assignment: str, students: list[str], work: Path, index: int) -> Path:
    """Autograde a share of the submissions, and write their feedback, in a private copy of the course.
    The worker's exit code is left in the copy's .worker-exit, its output in .worker-log."""
    copy = _worker_copy(course, assignment, students, work / f"worker-{index}", work / "assignment-gradebook.db")
    # Output goes to a file, not a pipe: nothing a kernel leaves behind can hold the run open; and the
    # worker's whole process group goes when it ends.
    with open(copy / ".worker-log", "w") as log:
        worker = subprocess.Popen([sys.executable, "-m", "irt_sim.classroom.worker", assignment], cwd=copy, env=kit_env(),
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            worker.wait()
        finally:
            try:
                os.killpg(worker.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    (copy / ".worker-exit").write_text(str(worker.returncode))
    return copy


def worker_trouble(copy: Path) -> str | None:
    """A plain line for the report when a worker's nbgrader ended with an error: its exit code and
    the end of what it wrote (for the trainer or whoever maintains the kit)."""
    exit_file, log = copy / ".worker-exit", copy / ".worker-log"
    code = exit_file.read_text().strip() if exit_file.exists() else "unknown"
    if code == "0":
        return None
    tail = log.read_text(encoding="utf-8", errors="replace")[-600:].strip() if log.exists() else ""
    return f"nbgrader ended with exit code {code}; the end of its log: {printable(tail, 600) or '(empty)'}"


def grade(assignment: str, submissions: Path, course: Path, workers: int | None = None,
          say: Callable[[str], None] = print, progress: Callable[[int, int], None] | None = None) -> GradingReport:
    """Grade every submission in ``submissions``; ``say`` gets plain messages, ``progress`` (done, total)
    is called about twice a second while the workers run."""
    course, submissions = course.resolve(), submissions.resolve()
    report = GradingReport()
    if not (course / "source" / assignment).is_dir():
        raise ValueError(f"there is no assignment '{assignment}' in {course / 'source'}")
    if not submissions.exists():
        raise ValueError(f"{submissions} does not exist")
    from . import sandbox

    if sandbox.problem():
        raise ValueError(sandbox.problem())
    done = None if release_is_current(course, assignment) else run_nbgrader(course, "generate_assignment", assignment, "--force")
    if done is not None and done.returncode != 0:
        raise RuntimeError("nbgrader could not prepare the assignment:\n" + done.stdout[-2000:] + done.stderr[-2000:])
    with tempfile.TemporaryDirectory(prefix="irt-grade-") as tmp:
        work = Path(tmp)
        students = collect(course, assignment, submissions, report, work)
        for student in students:
            for note in tamper_report(course, assignment, student):
                report.note(student, note)
        from ..inputs.casebook import load_casebook

        load_casebook()  # fills the parse cache here: grading kernels may read it, never write it
        from ..inputs.cache import open_to_readers

        open_to_readers()
        if students:
            _assignment_gradebook(course, assignment, work / "assignment-gradebook.db")
        workers = max(1, min(workers or os.cpu_count() or 1, len(students) or 1))
        groups = [students[i::workers] for i in range(workers)]
        say(f"Grading {len(students)} submission(s) of {assignment} with {workers} worker(s) ...")
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:  # each worker is its own nbgrader process
            running = [pool.submit(_run_worker, course, assignment, g, work, i) for i, g in enumerate(groups) if g]
            # nbgrader's API takes over a second to import; do it while the workers run, not after
            threading.Thread(target=importlib.import_module, args=("nbgrader.api",), daemon=True).start()
            while wait(running, timeout=0.5).not_done:
                if progress:
                    progress(len(list(work.glob(f"worker-*/autograded/*/{assignment}"))), len(students))
            copies = [f.result() for f in running]
        for i, copy in enumerate(copies):
            trouble = worker_trouble(copy)
            if trouble:
                report.note(f"grading worker {i + 1}", trouble)
        timed = [c / ".autograde-seconds" for c in copies]
        report.seconds["autograde"] = max((float(f.read_text()) for f in timed if f.exists()), default=0.0)
        report.seconds["autograde and feedback"] = time.perf_counter() - started
        for student in students:  # already graded here before: the new results replace the old files
            for folder in OUTPUT_FOLDERS:
                shutil.rmtree(course / folder / student / assignment, ignore_errors=True)
        started = time.perf_counter()
        recorded = record_grades(course, copies, assignment, students)  # one writer
        report.seconds["recording"] = time.perf_counter() - started
    if progress:
        progress(len(recorded), len(students))
    for student in sorted(set(students) - recorded):
        report.note(student, "the notebook could not be run; it scores 0.")
    for student in sorted(recorded):
        report.readings += readings_to_look_at(course, assignment, student)
        for note in regraded_cells(course, assignment, student):
            report.note(student, note)
        if not list((course / "feedback" / student / assignment).glob("*.html")):
            report.note(student, "graded, but its feedback page could not be written; run `nbgrader generate_feedback "
                                 f"{assignment} --force` in the course folder to see why.")
    report.grades_csv = course / f"grades-{assignment}.csv"
    export_grades(course, assignment, report.grades_csv)
    report.look_at_csv = course / f"to-look-at-{assignment}.csv"
    write_look_at(report.readings, report.look_at_csv)
    report.graded = students
    return report
