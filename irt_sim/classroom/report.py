"""What a grading run tells the trainer: a plain line for each learner's problem, the readings to
look at (answers read by guessing, cells that did not run) and the test cells whose score differed
in the learner's own kernel."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

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
