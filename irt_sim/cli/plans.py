"""The commands on plans and the casebook: check-plan, casebook check, generate, export-plan, plan-update."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks.plan_rules import Severity, check_plan, count_findings
from ..inputs.casebook import default_casebook_dir, kit_root, load_casebook
from ..inputs.inputfile import read_input
from ..inputs.problems import display_path
from ..safefiles import OutputRefused
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, plan_or_exit, print_findings


def cmd_check_plan(args: argparse.Namespace) -> int:
    loaded, book = plan_or_exit(args.plan, args.casebook, verb="checked")
    if loaded is None:
        return EXIT_UNREADABLE
    plan = loaded.obj
    customer = book.customer(plan.customer)
    findings = check_plan(plan, book, lines=loaded.lines)
    who = customer.name if customer else plan.customer
    print(f"Plan {loaded.file}: {who}, team meeting on {plan.meeting.date.isoformat()}")
    if findings:
        print_findings(findings)
    else:
        print("\nNo findings: the plan meets every check.")
    print(f"\n{count_findings(findings)}.")
    return EXIT_FINDINGS if any(f.severity == Severity.error for f in findings) else EXIT_OK


def cmd_casebook_check(args: argparse.Namespace) -> int:
    chosen = args.casebook or args.dir
    root = Path(chosen) if chosen else default_casebook_dir()
    book = load_casebook(root)
    def count(n: int, what: str) -> str:
        return f"{n} {what}" if n == 1 else f"{n} {what}s"

    print(f"Casebook {display_path(root)}: {count(len(book.programs), 'program')}, "
          f"{count(len(book.customers), 'customer')}, {count(len(book.plans), 'plan')}, "
          f"{count(len(book.agencies), 'IPS agency profile')} loaded.")
    if book.problems:
        print(f"\n{len(book.problems)} problem(s) in the files (each file with a problem was left out):")
        for p in book.problems:
            print(f"  {p}")
    plan_errors = 0
    for plan_id, plan in book.plans.items():
        loaded = book.loaded("plan", plan_id)
        findings = check_plan(plan, book, lines=loaded.lines if loaded else None)
        if not findings:
            continue
        plan_errors += sum(f.severity == Severity.error for f in findings)
        print(f"\nPlan {loaded.file if loaded else plan_id}: {count_findings(findings)}")
        print_findings(findings)
    if not book.problems and not plan_errors:
        print("\nEverything loaded" + (" and every plan passes the checker with no errors." if book.plans else
                                       "; there are no plans yet (add them under plans/ when you are ready)."))
        return EXIT_OK
    print(f"\nSummary: {len(book.problems)} file problem(s), {plan_errors} plan error(s).")
    return EXIT_FINDINGS


def cmd_generate(args: argparse.Namespace) -> int:
    from ..generate import generated_files

    root = kit_root()
    if root is None:
        print("Cannot find the kit folder (the one holding casebook/programs).", file=sys.stderr)
        return EXIT_UNREADABLE
    stale = []
    for rel, text in generated_files().items():
        path = root / rel
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(rel)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if args.check else "written"
    for rel in stale:
        print(f"{verb}: {rel}")
    if not stale:
        print("All generated files are up to date.")
    return EXIT_FINDINGS if (args.check and stale) else EXIT_OK


def cmd_export_plan(args: argparse.Namespace) -> int:
    from ..documents import FORMATS, export_plan

    loaded, book = plan_or_exit(args.plan, args.casebook)
    if loaded is None:
        return EXIT_UNREADABLE
    formats = list(FORMATS) if "all" in args.format else list(dict.fromkeys(args.format))
    findings = check_plan(loaded.obj, book)
    try:
        written = export_plan(loaded.obj, book, Path(args.out), formats, force=args.force)
    except OutputRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Wrote {len(written)} file(s) to {display_path(Path(args.out))}:")
    for path in written:
        print(f"  {path.name}")
    if findings:
        print(f"\nThe plan has open findings ({count_findings(findings)}); they are listed at the top of the plan sheet.")
    return EXIT_OK


def cmd_plan_update(args: argparse.Namespace) -> int:
    import datetime as dt

    from ..documents import status_update

    loaded, book = plan_or_exit(args.plan, args.casebook)
    if loaded is None:
        return EXIT_UNREADABLE
    status_path = Path(args.status)
    try:
        text = read_input(status_path).removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"{display_path(status_path)}: the file cannot be read ({why}).", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        on = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"--date: '{args.date}' is not a date; write YYYY-MM-DD.", file=sys.stderr)
        return EXIT_UNREADABLE
    message, problems = status_update(loaded.obj, book, text, on, file=display_path(status_path))
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    print(message, end="")
    return EXIT_FINDINGS if problems else EXIT_OK
