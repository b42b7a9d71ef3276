"""The trainer's grading commands: grade, export-grades and report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..inputs.casebook import kit_root
from ..inputs.problems import display_path
from .common import EXIT_OK, EXIT_UNREADABLE


class ProgressBar:
    """'[#######.........] 12 of 40 graded': redrawn in place on a terminal, one line per change in a log."""

    def __init__(self, width: int = 30, out=None):
        self.width, self.out, self.last = width, out or sys.stdout, None

    def __call__(self, done: int, total: int) -> None:
        if (done, total) == self.last:
            return
        self.last = (done, total)
        filled = self.width * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {done} of {total} graded"
        if self.out.isatty():
            print("\r" + line, end="\n" if done >= total else "", file=self.out, flush=True)
        else:
            print(line, file=self.out, flush=True)


def cmd_grade(args: argparse.Namespace) -> int:
    from ..classroom.run import grade

    root = kit_root()
    course = Path(args.course) if args.course else (root / "exercises" if root else Path("exercises"))
    try:
        report = grade(args.assignment, Path(args.submissions), course, workers=args.workers, progress=ProgressBar())
    except ValueError as exc:
        print(f"Cannot grade: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"\nGraded {len(report.graded)} submission(s). Grades: {display_path(report.grades_csv)}; feedback in "
          f"{display_path(course / 'feedback')}.")
    guesses = [r for r in report.readings if r.kind != "form"]
    if report.problems or guesses:
        print("\nTo look at:")
        for student, notes in sorted(report.problems.items()):
            for note in notes:
                print(f"  {student}: {note}")
        for r in guesses:
            print(f"  {r.student}: {r.where}: {r.what}" + (" (a guess)" if r.kind == "guess" else ""))
    forms = len(report.readings) - len(guesses)
    if report.readings:
        print(f"\nEvery reading of an answer ({len(guesses)} guess(es) and answer cells that did not run, {forms} forgiven "
              f"form(s)): {display_path(report.look_at_csv)}")
    return EXIT_OK


def cmd_export_grades(args: argparse.Namespace) -> int:
    from ..classroom.run import export_grades

    root = kit_root()
    course = Path(args.course) if args.course else (root / "exercises" if root else Path("exercises"))
    to = course / f"grades-{args.assignment}.csv"
    try:
        rows = export_grades(course.resolve(), args.assignment, to)
    except ValueError as exc:
        print(f"Cannot export: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Wrote {rows} learner(s) who submitted {args.assignment} to {display_path(to)}.")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from ..classroom.cohort import cohort
    from ..classroom.cohort_page import report_csv, report_html, summary

    root = kit_root()
    course = Path(args.course) if args.course else (root / "exercises" if root else Path("exercises"))
    if not (course / "gradebook.db").exists():
        print(f"Cannot report: {display_path(course)} has no gradebook yet; grade the assignment first.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = cohort(course.resolve(), args.assignment)
    except ValueError as exc:
        print(f"Cannot report: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    page, table = course / f"report-{args.assignment}.html", course / f"report-{args.assignment}.csv"
    page.write_text(report_html(result), encoding="utf-8")  # made again from the gradebook each time, like the grades
    table.write_text(report_csv(result), encoding="utf-8", newline="")
    print(summary(result))
    for m in result.misconceptions(most=3):
        print(f"  {m.learners} learner(s): {m.words}")
    follow = [lr.student for lr in result.learners if lr.follow_up]
    if follow:
        print(f"To follow up: {', '.join(follow)}.")
    print(f"Report: {display_path(page)} and {display_path(table)}.")
    return EXIT_OK
