"""A class's submissions, as a learning platform or nbgrader's exchange hands them over, made safe to
grade: a zip unpacked with limits, each learner's id made safe, each notebook read and validated on
its own, links and extra files left out, nbgrader's markers in a learner's cell neutralised, and
locked cells a learner changed named. Each problem is one plain line in the report; the rest go on."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from ..inputs.problems import printable as shown
from .report import GradingReport


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
