"""The trainer's grading run: collect submissions, autograde them in parallel, record every grade in
the one gradebook, write feedback and export grades as CSV.

nbgrader grades one submission at a time and its SQLite gradebook takes one writer. So the slow
part, running each learner's notebook, happens in parallel in separate worker copies of the course;
then the main course records the already-run notebooks with ``autograde --no-execute``, one writer,
so no grade is lost. A submission that cannot be read is reported and left out; the rest go on.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class GradingReport:
    graded: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)  # student -> plain-language problems
    grades_csv: Path | None = None

    def note(self, student: str, text: str) -> None:
        self.problems.setdefault(student, []).append(text)


def run_nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)


def _students(submissions: Path, work: Path) -> Path:
    """A folder of student folders: DIR itself, or a zip (as an LMS download) unpacked into ``work``."""
    if submissions.is_file() and zipfile.is_zipfile(submissions):
        target = work / "unzipped"
        with zipfile.ZipFile(submissions) as z:
            for member in z.namelist():  # never write outside the target folder
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ValueError(f"the zip file holds an unsafe path: {member}")
            z.extractall(target)
        inner = [p for p in target.iterdir() if p.is_dir()]
        return inner[0] if len(inner) == 1 and not any(inner[0].glob("*.ipynb")) else target
    return submissions


def collect(course: Path, assignment: str, submissions: Path, report: GradingReport, work: Path) -> list[str]:
    """Copy each student's notebooks into course/submitted/<student>/<assignment>/."""
    expected = sorted(p.name for p in (course / "source" / assignment).glob("*.ipynb"))
    students = []
    for folder in sorted(p for p in _students(submissions, work).iterdir() if p.is_dir()):
        student = folder.name
        found = {p.name: p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts}
        target = course / "submitted" / student / assignment
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        usable = 0
        for name in expected:
            if name not in found:
                report.note(student, f"{name} is missing from the submission; it scores 0.")
                continue
            try:
                json.loads(found[name].read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                report.note(student, f"{name} is not a readable notebook (the file is damaged); it scores 0.")
                continue
            shutil.copy2(found[name], target / name)
            usable += 1
        extra = sorted({p.name for p in folder.rglob("*") if p.is_file()} - set(expected) - {"timestamp.txt"})
        if extra:
            report.note(student, f"extra files were ignored: {', '.join(extra)}.")
        stamp = folder / "timestamp.txt"
        if stamp.exists():
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


def _run_worker(course: Path, assignment: str, students: list[str], work: Path, index: int) -> Path:
    """Run (execute) a group of submissions in a private copy of the course; returns the copy."""
    copy = work / f"worker-{index}"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "exchange",
                                                                 "downloaded"))
    for student in students:
        shutil.copytree(course / "submitted" / student, copy / "submitted" / student)
    run_nbgrader(copy, "autograde", assignment, "--force")
    return copy


def grade(assignment: str, submissions: Path, course: Path, workers: int | None = None,
          progress: Callable[[str], None] = print) -> GradingReport:
    course, submissions = course.resolve(), submissions.resolve()
    report = GradingReport()
    if not (course / "source" / assignment).is_dir():
        raise ValueError(f"there is no assignment '{assignment}' in {course / 'source'}")
    if not submissions.exists():
        raise ValueError(f"{submissions} does not exist")
    done = run_nbgrader(course, "generate_assignment", assignment, "--force")
    if done.returncode != 0:
        raise RuntimeError("nbgrader could not prepare the assignment:\n" + done.stdout[-2000:] + done.stderr[-2000:])
    with tempfile.TemporaryDirectory(prefix="irt-grade-") as tmp:
        work = Path(tmp)
        students = collect(course, assignment, submissions, report, work)
        for student in students:
            for note in tamper_report(course, assignment, student):
                report.note(student, note)
        workers = max(1, min(workers or os.cpu_count() or 1, len(students) or 1))
        groups = [students[i::workers] for i in range(workers)]
        progress(f"Grading {len(students)} submission(s) of {assignment} with {workers} worker(s) ...")
        with ThreadPoolExecutor(max_workers=workers) as pool:  # each worker is its own nbgrader process
            copies = list(pool.map(lambda ig: _run_worker(course, assignment, ig[1], work, ig[0]),
                                   [(i, g) for i, g in enumerate(groups) if g]))
        for n, student in enumerate(students, 1):
            ran = next((c / "autograded" / student / assignment for c in copies
                        if (c / "autograded" / student / assignment).is_dir()), None)
            if ran is None:
                report.note(student, "the notebook could not be run; it scores 0.")
                continue
            target = course / "submitted" / student / assignment
            for nb in ran.glob("*.ipynb"):
                shutil.copy2(nb, target / nb.name)  # the run notebook, with outputs, replaces the upload
            progress(f"[{n}/{len(students)}] ran {student}")
    recorded = run_nbgrader(course, "autograde", assignment, "--no-execute", "--force")  # one writer
    if recorded.returncode != 0:
        report.note("(all)", "nbgrader reported problems while recording grades; see its log.")
    run_nbgrader(course, "generate_feedback", assignment, "--force")
    strip_feedback_tracebacks(course, assignment)
    run_nbgrader(course, "export", "--to", str(course / f"grades-{assignment}.csv"))
    report.graded = students
    report.grades_csv = course / f"grades-{assignment}.csv"
    return report


def strip_feedback_tracebacks(course: Path, assignment: str) -> None:
    """Feedback keeps each error's one-line message and drops the traceback, whose context lines
    would show the hidden tests (nbgrader issues #917 and #1363)."""
    import re

    pattern = re.compile(r'<div class="output_subarea output_text output_error">.*?</div>', re.S)
    for page in (course / "feedback").glob(f"*/{assignment}/*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(pattern.sub(_last_line_only, text), encoding="utf-8")


def _last_line_only(match) -> str:
    import html as _html
    import re

    plain = _html.unescape(re.sub(r"<[^>]+>", "", match.group(0)))
    plain = re.sub(r"\x1b\[[0-9;]*m", "", plain)
    lines = [ln for ln in plain.splitlines() if ln.strip()]
    context = [i for i, ln in enumerate(lines) if re.match(r"^\s*(\d+|-+>|Cell In|File |Traceback|-{5,})", ln)]
    message = lines[context[-1] + 1:] if context else lines
    return ('<div class="output_subarea output_text output_error"><pre>'
            + _html.escape("\n".join(ln.strip() for ln in message)) + "</pre></div>")
