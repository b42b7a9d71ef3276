"""What the commands share: exit codes, findings printed in words, a plan read or a plain message."""

from __future__ import annotations

import sys
from pathlib import Path

from ..checks.plan_rules import SECTIONS, Finding
from ..inputs.casebook import CasebookError, casebook_for_plan, load_casebook, load_plan
from ..inputs.problems import display_path

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def print_findings(findings: list[Finding], out=None) -> None:
    out = out or sys.stdout
    for key, title in SECTIONS.items():
        group = [f for f in findings if f.section == key]
        if not group:
            continue
        print(f"\n{title}", file=out)
        for f in group:
            at = f", line {f.line}" if f.line else ""
            where = f" ({f.item})" if f.item else ""
            print(f"  {f.severity.value.upper()} {f.code}{at}{where}: {f.message}", file=out)
            if f.cite:
                print(f"      Source: {f.cite}", file=out)


def plan_or_exit(plan_arg: str, casebook_arg: str | None, verb: str = "read"):
    """Load a plan against its casebook; on failure print every problem (and a hint when the casebook
    has problems of its own) and return (None, book)."""
    plan_path = Path(plan_arg)
    book_dir = Path(casebook_arg) if casebook_arg else casebook_for_plan(plan_path)
    book = load_casebook(book_dir)
    how = "given with --casebook" if casebook_arg else (
        "the plan's own" if book_dir.resolve() == plan_path.resolve().parent.parent else
        "the default one; the plan is not in a casebook's plans/ folder (use --casebook DIR for another)")
    print(f"Casebook: {display_path(book_dir)} ({how}).")
    try:
        return load_plan(plan_path, book), book
    except CasebookError as exc:
        print(f"The plan {display_path(plan_path)} cannot be {verb}:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        related = [p for p in book.problems if p.file not in {q.file for q in exc.problems}]
        if related:
            print(f"\nThe casebook at {display_path(book_dir)} also has {len(related)} problem(s); "
                  "run 'irt-academy casebook check' to see them.", file=sys.stderr)
        return None, book
