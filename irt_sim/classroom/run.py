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
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..inputs.problems import printable as shown
from ..safefiles import safe_cell


@dataclass(frozen=True)
class Reading:
    """One thing the trainer should look at in a graded submission: an answer the grader read by
    guessing, or an answer cell that did not run as Python (``kind``: 'guess', 'form' or 'did not run')."""

    student: str
    where: str
    what: str
    kind: str


@dataclass
class GradingReport:
    graded: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)  # student -> plain-language problems
    readings: list[Reading] = field(default_factory=list)
    grades_csv: Path | None = None
    look_at_csv: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> wall-clock time (for bench/)

    def note(self, student: str, text: str) -> None:
        self.problems.setdefault(student, []).append(text)


def kit_env() -> dict[str, str]:
    """The environment with the kit's own bin folder first on PATH, activated or not: nbgrader runs
    the environment's `alembic` command when it creates a gradebook."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=course, env=kit_env(),
                          capture_output=True, text=True)


#: What an LMS download may unpack to: a class's notebooks are a few MB each. A file past
#: ``member_mb`` (a submitted notebook is refused past NOTEBOOK_MB anyway) is left out, with a note,
#: as soon as it grows past it; the whole may unpack to ``total_mb``.
NOTEBOOK_MB = 20  # one submitted notebook
ZIP_LIMITS = {"entries": 5000, "total_mb": 500, "member_mb": NOTEBOOK_MB + 1}


def _unzip(archive: Path, target: Path) -> list[str]:
    """Unpack ``archive`` into ``target``, refusing unsafe paths and too many files, and leaving out
    each file that grows past ZIP_LIMITS (counted as the bytes come out, so a header that lies about
    its size changes nothing). Returns a plain line for each file left out."""
    total_limit, member_limit = ZIP_LIMITS["total_mb"] << 20, ZIP_LIMITS["member_mb"] << 20
    written, left_out = 0, []
    with zipfile.ZipFile(archive) as z:
        members = z.infolist()
        if len(members) > ZIP_LIMITS["entries"]:
            raise ValueError(f"the zip file holds {len(members)} files, more than {ZIP_LIMITS['entries']}; "
                             "download the submissions of one assignment at a time")
        for member in members:  # never write outside the target folder
            if member.filename.startswith("/") or ".." in Path(member.filename).parts:
                raise ValueError(f"the zip file holds an unsafe path: {shown(member.filename)}")
        for member in members:
            if member.is_dir():
                continue
            out = target / member.filename
            out.parent.mkdir(parents=True, exist_ok=True)
            size, why = 0, None
            with z.open(member) as src, open(out, "wb") as dst:
                while chunk := src.read(1 << 20):
                    size += len(chunk)
                    if size > member_limit:
                        why = f"unpacks to more than {ZIP_LIMITS['member_mb']} MB"
                    elif written + size > total_limit:
                        why = f"would take the whole download past {ZIP_LIMITS['total_mb']} MB"
                    if why:
                        break
                    dst.write(chunk)
            if why:
                out.unlink()
                left_out.append(f"{shown(member.filename)} {why}; it was left out.")
            else:
                written += size
    return left_out


def _students(submissions: Path, work: Path, report: GradingReport) -> Path:
    """A folder of student folders: DIR itself, or a zip (as an LMS download) unpacked into ``work``."""
    if submissions.is_file() and zipfile.is_zipfile(submissions):
        target = work / "unzipped"
        target.mkdir()
        for line in _unzip(submissions, target):
            report.note("the zip file", line)
        inner = [p for p in target.iterdir() if p.is_dir()]
        return inner[0] if len(inner) == 1 and not any(inner[0].glob("*.ipynb")) else target
    return submissions


def safe_student_id(name: str, taken: set[str]) -> str:
    """A learner id nbgrader, a file system and a spreadsheet all take: letters, digits, '.', '_' and
    '-', starting with a letter or digit, at most 64 characters, unique among ``taken``."""
    import re

    base = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._")[:64] or "learner"
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid


#: nbgrader's markers, which a learner's own cell must not hold: the feedback step would cut at them.
_MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION")


def _read_notebook(path: Path):
    """The notebook at ``path``, or a plain reason it cannot be graded."""
    import nbformat

    if path.stat().st_size > NOTEBOOK_MB * 1024 * 1024:
        return None, f"is larger than {NOTEBOOK_MB} MB (clear its outputs and submit it again)"
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(nb)
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError, KeyError, nbformat.ValidationError):
        return None, "is not a readable notebook (the file is damaged or is not a notebook)"
    return nb, None


def release_is_current(course: Path, assignment: str) -> bool:
    """True when the gradebook knows the assignment and every released notebook is newer than its
    source and the course's configuration: then grading need not generate the release again."""
    sources = list((course / "source" / assignment).glob("*.ipynb"))
    config = course / "nbgrader_config.py"
    newest = max([p.stat().st_mtime for p in sources] + ([config.stat().st_mtime] if config.exists() else []), default=0)
    released = [course / "release" / assignment / p.name for p in sources]
    if not sources or not all(r.exists() and r.stat().st_mtime >= newest for r in released):
        return False
    try:
        with sqlite3.connect(f"file:{course / 'gradebook.db'}?mode=ro", uri=True) as db:
            return db.execute("select 1 from assignment where name = ?", (assignment,)).fetchone() is not None
    except sqlite3.Error:
        return False


def collect(course: Path, assignment: str, submissions: Path, report: GradingReport, work: Path) -> list[str]:
    """Copy each student's notebooks into course/submitted/<student>/<assignment>/."""
    expected = sorted(p.name for p in (course / "source" / assignment).glob("*.ipynb"))
    students = []
    taken: set[str] = set()
    for folder in sorted(p for p in _students(submissions, work, report).iterdir() if p.is_dir()):
        student = safe_student_id(folder.name, taken)
        if student != folder.name:
            report.note(student, f"the folder '{shown(folder.name)}' is graded as '{student}' (a learner id holds only "
                                 "letters, digits, '.', '_' and '-').")
        # a link could point at the trainer's own files (the worked answers): only real files count
        links = sorted(shown(p.name) for p in folder.rglob("*") if p.is_symlink())
        if links:
            report.note(student, f"links were ignored (only files are graded): {', '.join(links[:10])}.")
        found = {p.name: p for p in folder.rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts and not p.is_symlink() and p.is_file()}
        target = course / "submitted" / student / assignment
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        usable = 0
        for name in expected:
            if name not in found:
                report.note(student, f"{name} is missing from the submission; it scores 0.")
                continue
            nb, why = _read_notebook(found[name])
            if nb is None:
                report.note(student, f"{name} {why}; it scores 0.")
                continue
            marked = False
            for cell in nb.cells:
                if cell.get("metadata", {}).get("nbgrader", {}).get("locked"):
                    continue
                for marker in _MARKERS:
                    if marker in cell.source:
                        cell.source, marked = cell.source.replace(marker, marker.lower()), True
            if marked:
                report.note(student, f"{name}: a cell of the learner's held nbgrader's own markers (such as 'BEGIN HIDDEN "
                                     "TESTS'); they were written in small letters so that the feedback can be made.")
            import nbformat

            nbformat.write(nb, target / name)
            usable += 1
        extra = sorted({shown(p.name) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}
                       - set(expected) - {"timestamp.txt"})
        if extra:
            report.note(student, f"extra files were ignored: {', '.join(extra[:10])}{' ...' if len(extra) > 10 else ''}.")
        stamp = folder / "timestamp.txt"
        if stamp.is_file() and not stamp.is_symlink() and stamp.stat().st_size < 200:
            shutil.copy2(stamp, target / "timestamp.txt")
        if usable:
            students.append(student)
        else:
            shutil.rmtree(course / "submitted" / student)
    return students


def tamper_report(course: Path, assignment: str, student: str) -> list[str]:
    """Read-only and test cells a learner changed or deleted, compared with the released copy
    (the released copy, not the source, so hidden tests never raise a false alarm)."""
    notes = []
    for released in (course / "release" / assignment).glob("*.ipynb"):
        submitted = course / "submitted" / student / assignment / released.name
        if not submitted.exists():
            continue
        locked = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
                  for c in json.loads(released.read_text(encoding="utf-8"))["cells"]
                  if c.get("metadata", {}).get("nbgrader", {}).get("locked")}
        mine = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id"): "".join(c["source"])
                for c in json.loads(submitted.read_text(encoding="utf-8")).get("cells", [])}
        for grade_id, text in locked.items():
            if grade_id not in mine:
                notes.append(f"the locked cell '{grade_id}' was deleted (restored for grading)")
            elif mine[grade_id].strip() != text.strip():
                notes.append(f"the locked cell '{grade_id}' was edited (the original was used for grading)")
    return notes


def _worker_copy(course: Path, assignment: str, students: list[str], copy: Path) -> Path:
    """The least of the course nbgrader needs to autograde ``students``: its configuration, the
    assignment's definition in a gradebook of its own (nbgrader puts the locked cells back from it),
    the assignment's files other than its notebooks (autograde copies them beside each submission)
    and these students' submissions. No source notebook, no release, no other assignment and no
    learner's record, name or grade. The learners' kernels see none of it anyway (the sandbox shows
    them only their scratch folder); this is the second wall."""
    from nbgrader.api import Gradebook

    copy.mkdir(mode=0o700)
    if (course / "nbgrader_config.py").is_file():
        shutil.copy2(course / "nbgrader_config.py", copy / "nbgrader_config.py")
    shutil.copy2(course / "gradebook.db", copy / "gradebook.db")
    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as gb:
        for someone in [s.id for s in gb.students]:
            gb.remove_student(someone)
        for other in [a.name for a in gb.assignments if a.name != assignment]:
            gb.remove_assignment(other)
    with contextlib.closing(sqlite3.connect(copy / "gradebook.db")) as db:
        db.execute("VACUUM")  # where SQLite's secure_delete is off, deleted rows stay in its free pages
    shutil.copytree(course / "source" / assignment, copy / "source" / assignment,
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    for student in students:
        shutil.copytree(course / "submitted" / student, copy / "submitted" / student)
    return copy


def _run_worker(course: Path, assignment: str, students: list[str], work: Path, index: int) -> Path:
    """Autograde a share of the submissions, and write their feedback, in a private copy of the course."""
    copy = _worker_copy(course, assignment, students, work / f"worker-{index}")
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
    return copy


def record_grades(course: Path, copies: list[Path], assignment: str, students: list[str]) -> set[str]:
    """Copy each student's autograde results from the worker that ran them into the course's
    gradebook, its autograded/ and feedback/ folders. Returns the students recorded."""
    import warnings

    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    recorded = set()
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{course / 'gradebook.db'}") as main:
        warnings.filterwarnings("ignore", category=SAWarning)  # raised inside nbgrader's own add_submission
        for copy in (c for c in copies if (c / "gradebook.db").exists()):  # a worker that died left none
            with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as ran:
                for student in students:
                    if not (copy / "autograded" / student / assignment).is_dir():
                        continue
                    try:
                        done = ran.find_submission(assignment, student)
                    except MissingEntry:
                        continue
                    main.update_or_create_student(student)  # a new learner is added; a known one keeps its name
                    main.update_or_create_submission(assignment, student, timestamp=done.timestamp)
                    for nb in done.notebooks:
                        target = main.find_submission_notebook(nb.name, assignment, student)
                        target.late_submission_penalty = nb.late_submission_penalty
                        for g in nb.grades:
                            grade = main.find_grade(g.name, nb.name, assignment, student)
                            grade.auto_score = g.auto_score
                            # SaveAutoGrades' rule: a manual score or no automatic score needs a person
                            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
                        for c in nb.comments:
                            main.find_comment(c.name, nb.name, assignment, student).auto_comment = c.auto_comment
                    main.db.commit()
                    for folder in ("autograded", "feedback"):
                        source = copy / folder / student / assignment
                        if source.is_dir():
                            shutil.copytree(source, course / folder / student / assignment, dirs_exist_ok=True)
                    recorded.add(student)
    return recorded


GRADE_COLUMNS = ["assignment", "student_id", "last_name", "first_name", "email", "timestamp", "automatic_score",
                 "hand_graded_score", "raw_score", "late_submission_penalty", "score", "max_score", "to_grade_by_hand"]


def export_grades(course: Path, assignment: str, to: Path) -> int:
    """One CSV for one assignment, with only the learners who submitted it (a learning platform
    would post a false zero for the others), the points graded automatically and by hand, and the
    points still to be graded by hand. Returns the number of rows."""
    import csv

    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook has no assignment '{assignment}' yet; grade it first") from None
        for sub in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            grades = [g for nb in sub.notebooks for g in nb.grades]
            automatic = sum(g.auto_score or 0 for g in grades if g.manual_score is None and g.auto_score is not None)
            by_hand = sum(g.manual_score for g in grades if g.manual_score is not None)
            pending = sum(g.max_score for g in grades if g.manual_score is None and g.auto_score is None)
            penalty = sub.late_submission_penalty or 0
            rows.append({"assignment": assignment, "student_id": sub.student.id, "last_name": sub.student.last_name or "",
                         "first_name": sub.student.first_name or "", "email": sub.student.email or "",
                         "timestamp": sub.timestamp or "", "automatic_score": round(automatic, 2),
                         "hand_graded_score": round(by_hand, 2), "raw_score": round(sub.score, 2),
                         "late_submission_penalty": penalty, "score": round(sub.score - penalty, 2),
                         "max_score": sub.max_score, "to_grade_by_hand": round(pending, 2)})
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=GRADE_COLUMNS)
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return len(rows)


def _autograded_cells(course: Path, assignment: str, student: str):
    """The cells of each of a student's autograded notebooks that can be read."""
    for path in sorted((course / "autograded" / student / assignment).glob("*.ipynb")):
        try:
            yield json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue


def readings_to_look_at(course: Path, assignment: str, student: str) -> list[Reading]:
    """From a student's autograded notebooks: every reading the grader noted (guesses first) and every
    answer cell that did not run as Python. Only test cells' notes count: a learner's own cells
    cannot put words in this list."""
    from ..grading.feedback import NOTES_MIMETYPE
    from .nbgrader_steps import cell_label, plain_error

    out: list[Reading] = []
    seen: set[tuple[str, str]] = set()
    for cells in _autograded_cells(course, assignment, student):
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            gid = meta.get("grade_id", "")
            for output in cell.get("outputs", []):
                if meta.get("solution") and output.get("output_type") == "error":
                    what = plain_error(output.get("ename", ""), output.get("evalue", "")).split(". Your answer")[0]
                    out.append(Reading(student, f"answer cell '{gid}'", f"{what} ({output.get('ename', 'error')}).",
                                       "did not run"))
                data = output.get("data", {}).get(NOTES_MIMETYPE) if meta.get("grade") and not meta.get("solution") else None
                if not isinstance(data, dict):
                    continue
                for note in data.get("notes", []):
                    text = str(note.get("text", ""))
                    if (gid, text) in seen or any(text == s for _, s in seen):
                        continue
                    seen.add((gid, text))
                    out.append(Reading(student, cell_label(cell), text, "guess" if note.get("guess") else "form"))
    order = {"did not run": 0, "guess": 1, "form": 2}
    return sorted(out, key=lambda r: order[r.kind])


def regraded_cells(course: Path, assignment: str, student: str) -> list[str]:
    """The test cells whose score in the learner's own kernel differed from the one recorded (irt_sim.classroom.regrade)."""
    from .nbgrader_steps import cell_label
    from .regrade import REGRADED

    notes = []
    for cells in _autograded_cells(course, assignment, student):
        for cell in cells:
            changed = cell.get("metadata", {}).get(REGRADED)
            if isinstance(changed, dict):
                notes.append(f"{cell_label(cell)} scored {changed.get('kernel') or 0:g} in the learner's own kernel but "
                             f"{changed.get('recorded') or 0:g} when run apart from the learner's code; "
                             f"{changed.get('recorded') or 0:g} is recorded (look for answer cells that change the grading)")
    return notes


def write_look_at(readings: list[Reading], to: Path) -> None:
    import csv

    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student_id", "where", "what", "kind"])
        for r in readings:
            writer.writerow([safe_cell(r.student), safe_cell(r.where), safe_cell(r.what), r.kind])


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
        timed = [c / ".autograde-seconds" for c in copies]
        report.seconds["autograde"] = max((float(f.read_text()) for f in timed if f.exists()), default=0.0)
        report.seconds["autograde and feedback"] = time.perf_counter() - started
        for student in students:  # already graded here before: the new results replace the old files
            for folder in ("autograded", "feedback"):
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
