"""The ``irt-academy`` command.

    irt-academy check-plan PLAN.yaml [--casebook DIR]   findings grouped by section; exit 0 / 1 errors / 2 unreadable
    irt-academy casebook check [--casebook DIR]          every problem in a casebook, in one run
    irt-academy ips score PROFILE.yaml                   IPS fidelity scale: item scores, total and band
    irt-academy ips plan PROFILE.yaml [--csv OUT]        IPS implementation plan: areas met or not, action steps
    irt-academy ips outcomes CASELOAD.csv [...]          quarterly IPS outcomes (and a roll-up for several files)
    irt-academy export-plan PLAN.yaml --format F --out DIR  agenda, plan sheet, agency notes (md/html/docx/pdf), csv, ics
    irt-academy plan-update PLAN.yaml STATUS.csv         the point of contact's update message, overdue items first
    irt-academy generate [--check]                       rebuild the JSON Schemas and the checker reference
    irt-academy lab [--port N] [--no-browser] [...]      start JupyterLab on the course (other options go to JupyterLab)

Output is plain text with the words ERROR and WARNING spelled out (no colour needed to read it),
so it reads the same in a terminal, a screen reader or a log.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Sequence

from .inputs.casebook import CasebookError, casebook_for_plan, default_casebook_dir, kit_root, load_casebook, load_plan
from .checks.plan_rules import SECTIONS, Finding, Severity, check_plan
from .inputs.inputfile import read_input
from .inputs.problems import display_path
from .safefiles import OutputRefused, frame_csv, write_output

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _print_findings(findings: list[Finding], out=None) -> None:
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


def _summary(findings: list[Finding]) -> str:
    n_err = sum(f.severity == Severity.error for f in findings)
    n_warn = len(findings) - n_err
    return f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}"


def _plan_or_exit(plan_arg: str, casebook_arg: str | None, verb: str = "read"):
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


def cmd_check_plan(args: argparse.Namespace) -> int:
    loaded, book = _plan_or_exit(args.plan, args.casebook, verb="checked")
    if loaded is None:
        return EXIT_UNREADABLE
    plan = loaded.obj
    customer = book.customer(plan.customer)
    findings = check_plan(plan, book, lines=loaded.lines)
    who = customer.name if customer else plan.customer
    print(f"Plan {loaded.file}: {who}, team meeting on {plan.meeting.date.isoformat()}")
    if findings:
        _print_findings(findings)
    else:
        print("\nNo findings: the plan meets every check.")
    print(f"\n{_summary(findings)}.")
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
        print(f"\nPlan {loaded.file if loaded else plan_id}: {_summary(findings)}")
        _print_findings(findings)
    if not book.problems and not plan_errors:
        print("\nEverything loaded" + (" and every plan passes the checker with no errors." if book.plans else
                                       "; there are no plans yet (add them under plans/ when you are ready)."))
        return EXIT_OK
    print(f"\nSummary: {len(book.problems)} file problem(s), {plan_errors} plan error(s).")
    return EXIT_FINDINGS


def cmd_generate(args: argparse.Namespace) -> int:
    from .generate import generated_files

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


def _load_agency(path: str):
    from .inputs.casebook import load_file
    from .model import AgencyProfile

    try:
        return load_file(Path(path), AgencyProfile).obj
    except CasebookError as exc:
        print(f"The agency profile {display_path(Path(path))} cannot be used:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return None


def cmd_ips_score(args: argparse.Namespace) -> int:
    from .ips.fidelity import score_profile

    profile = _load_agency(args.profile)
    if profile is None:
        return EXIT_UNREADABLE
    try:
        result = score_profile(profile, threshold=args.threshold)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    table = result.table()
    print(f"IPS fidelity self-check: {profile.name} (figures as of {profile.profile_date.isoformat()})\n")
    for section, rows in table.groupby("Section", sort=False):
        subtotal = rows["Score"].sum(min_count=len(rows))
        print(f"{section}" + (f" ({subtotal:g})" if subtotal == subtotal else ""))
        for item, r in rows.iterrows():
            score = "?" if r["Score"] != r["Score"] or r["Score"] is None else int(r["Score"])
            print(f"  {item:<4} {score}  {r['Name']}: {r['How it was scored']}")
    print(f"\n{result.summary()}")
    print(f"\n{result.anchor_confidence()}")
    return EXIT_OK


def cmd_ips_plan(args: argparse.Namespace) -> int:
    from .ips.implementation import check_implementation

    profile = _load_agency(args.profile)
    if profile is None:
        return EXIT_UNREADABLE
    report = check_implementation(profile, threshold=args.threshold)
    print(f"IPS implementation plan check: {profile.name} (as of {profile.profile_date.isoformat()})\n")
    for row in report.areas().itertuples(index=False):
        print(f"  {'MET    ' if row.Met == 'yes' else 'NOT MET'} {row[0]}: {row.Why}")
    plan = report.plan_table()
    if len(plan):
        print("\nAction steps:")
        for r in plan.itertuples(index=False):
            print(f"  - [{r[0]}] {r[1]} Responsible: {r[2]}. Target date: {r[3]}.")
    if args.csv:
        try:
            write_output(Path(args.csv), frame_csv(plan), force=args.force)
        except OutputRefused as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREADABLE
        print(f"\nThe plan table was written to {args.csv}.")
    return EXIT_OK if report.all_met else EXIT_FINDINGS


def cmd_ips_outcomes(args: argparse.Namespace) -> int:
    from .ips.outcomes import quarterly_outcomes, read_caseload, roll_up

    tables, skipped, readable = [], 0, 0
    for path in args.caseload:
        caseload = read_caseload(path)
        for p in caseload.problems:
            print(f"  {p}", file=sys.stderr)
        skipped += len(caseload.problems)
        if not caseload.people:
            print(f"{display_path(Path(path))}: no rows could be counted.", file=sys.stderr)
            continue
        readable += 1
        table = quarterly_outcomes(caseload)
        tables.append(table)
        print(f"\nQuarterly IPS outcomes: {caseload.agency} ({len(caseload.people)} people)")
        print(_outcomes_text(table))
    if len(tables) > 1:
        print("\nAll agencies together (learning community roll-up)")
        print(_outcomes_text(roll_up(tables)))
    try:
        if args.csv and tables:
            import pandas as pd

            write_output(Path(args.csv), frame_csv(pd.concat(tables, ignore_index=True)), force=args.force)
            print(f"\nThe quarterly table was written to {args.csv}.")
        if args.chart and tables:
            import pandas as pd

            from .display.ips_charts import outcomes_trend_chart

            chart = outcomes_trend_chart(pd.concat(tables, ignore_index=True))
            alt = Path(args.chart).with_suffix(".txt")
            write_output(Path(args.chart), chart.png(), force=args.force)
            write_output(alt, chart.alt_text + "\n", force=args.force)
            print(f"\nThe trend chart was written to {args.chart}, its text alternative to {alt}.")
    except OutputRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    if not readable:
        return EXIT_UNREADABLE
    if skipped:
        print(f"\n{skipped} row(s) were left out; the messages above say which and why.", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _outcomes_text(table) -> str:
    shown = table.copy()
    shown["employment_rate"] = shown["employment_rate"].map(lambda v: "n/a" if v != v else f"{v:.0%}")
    order = ["quarter", "served", "employed", "employment_rate", "job_starts", "closed_while_working", "in_education",
             "agencies"]
    shown = shown[[c for c in order if c in shown]]
    shown.columns = [c.replace("_", " ") for c in shown.columns]
    return shown.to_string(index=False)


def cmd_export_plan(args: argparse.Namespace) -> int:
    from .documents import FORMATS, export_plan

    loaded, book = _plan_or_exit(args.plan, args.casebook)
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
        print(f"\nThe plan has open findings ({_summary(findings)}); they are listed at the top of the plan sheet.")
    return EXIT_OK


def cmd_plan_update(args: argparse.Namespace) -> int:
    import datetime as dt

    from .documents import status_update

    loaded, book = _plan_or_exit(args.plan, args.casebook)
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
    from .classroom.run import grade

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
    from .classroom.run import export_grades

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


def cmd_lab(args: argparse.Namespace) -> int:
    root = kit_root()
    if root is None or not (root / "course").is_dir():
        print("Cannot find the course folder; run this from the kit's folder.", file=sys.stderr)
        return EXIT_UNREADABLE
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or shutil.which("jupyter")
    if jupyter is None:
        print("JupyterLab is not installed in this environment; run the set-up command from the README.", file=sys.stderr)
        return EXIT_UNREADABLE
    start = "course/00_start_here.ipynb"
    cmd = [jupyter, "lab", f"--ServerApp.root_dir={root}", f"--LabApp.default_url=/lab/tree/{start}"]
    if args.port:
        cmd.append(f"--port={args.port}")
    if args.no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI often run as root
    cmd += args.jupyter_args
    print("Starting JupyterLab on the course. Press Ctrl+C twice to stop it.")
    from .classroom.run import kit_env  # the formgrader creates its gradebook with the environment's alembic

    # JupyterLab takes this process's place: a service manager's or a hub's SIGTERM (or Ctrl+C) then
    # reaches it directly, and it stops its kernels and leaves nothing behind.
    sys.stdout.flush()
    os.chdir(root)
    os.execve(cmd[0], cmd, kit_env())
    return EXIT_OK  # not reached


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo.app import serve

    if args.max_visitors < 1:
        print("--max-visitors must be 1 or more.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.max_memory and args.max_memory < 500:
        print("--max-memory is in MB and must leave room for the server and a few kernels (500 or more), "
              "or be 0 for no limit.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.preheat < 1:
        print("--preheat is the number of kernels kept ready per page: 1 or more.", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Serving the demo pages at http://{args.host}:{args.port}/ (Ctrl+C stops it).", flush=True)
    for name in ("pages_per_minute", "connect_within", "kernel_memory", "kernel_cpu"):
        if getattr(args, name) < 1:
            print(f"--{name.replace('_', '-')} must be 1 or more.", file=sys.stderr)
            return EXIT_UNREADABLE
    serve(port=args.port, host=args.host, max_visitors=args.max_visitors, rendering=args.rendering,
          max_memory=args.max_memory, preheat=args.preheat, pages_per_minute=args.pages_per_minute,
          connect_within=args.connect_within, kernel_memory=args.kernel_memory, kernel_cpu=args.kernel_cpu,
          trust_proxy=args.trust_proxy)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="irt-academy", description="IRT Community Academy kit.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check-plan", help="check an IRT plan against the casebook's programs and rules")
    p.add_argument("plan", metavar="PLAN.yaml")
    p.add_argument("--casebook", metavar="DIR", help="casebook folder (default: the plan's own casebook, or ./casebook)")
    p.set_defaults(func=cmd_check_plan)

    p = sub.add_parser("casebook", help="work with a casebook folder")
    csub = p.add_subparsers(dest="casebook_command", required=True, metavar="ACTION")
    c = csub.add_parser("check", help="validate every file of a casebook and check every plan")
    c.add_argument("--casebook", metavar="DIR", help="the casebook folder (default: ./casebook, or the kit's own)")
    c.add_argument("dir", nargs="?", metavar="DIR", help=argparse.SUPPRESS)  # the older way of naming the folder
    c.set_defaults(func=cmd_casebook_check)

    p = sub.add_parser("generate", help="rebuild the JSON Schemas and the checker reference from the code")
    p.add_argument("--check", action="store_true", help="only report files that are out of date")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("export-plan", help="write a plan's agenda, plan sheet, agency notes and action tracking files")
    p.add_argument("plan", metavar="PLAN.yaml")
    p.add_argument("--format", action="append", required=True, choices=["md", "html", "docx", "pdf", "csv", "ics", "all"],
                   help="md, html, docx, pdf, csv (action items), ics (due dates), or all; repeat for several")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace files already in DIR")
    p.add_argument("--casebook", metavar="DIR")
    p.set_defaults(func=cmd_export_plan)

    p = sub.add_parser("plan-update", help="the point of contact's update message from a status file")
    p.add_argument("plan", metavar="PLAN.yaml")
    p.add_argument("status", metavar="STATUS.csv", help="columns action, status (open, done or late), note")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the update (default: today)")
    p.add_argument("--casebook", metavar="DIR")
    p.set_defaults(func=cmd_plan_update)

    p = sub.add_parser("grade", help="autograde an exercise's submissions, write feedback and export grades")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--submissions", required=True, metavar="DIR_OR_ZIP",
                   help="a folder with one folder per learner, or the zip file downloaded from an LMS")
    p.add_argument("--course", metavar="DIR", help="the nbgrader course folder (default: the kit's exercises/)")
    p.add_argument("--workers", type=int, help="submissions run at once (default: one per core)")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("export-grades", help="write an assignment's grades as CSV after grading by hand")
    p.add_argument("assignment", help="the assignment's name, e.g. negotiate_the_plan")
    p.add_argument("--course", metavar="DIR", help="the nbgrader course folder (default: the kit's exercises/)")
    p.set_defaults(func=cmd_export_grades)

    p = sub.add_parser("ips", help="IPS supported employment tools")
    isub = p.add_subparsers(dest="ips_command", required=True, metavar="ACTION")
    c = isub.add_parser("score", help="score an agency profile on the IPS fidelity scale")
    c.add_argument("profile", metavar="PROFILE.yaml")
    c.add_argument("--threshold", type=int, help="total counted as good fidelity (default 100)")
    c.set_defaults(func=cmd_ips_score)
    c = isub.add_parser("plan", help="check an agency profile against the IPS implementation plan")
    c.add_argument("profile", metavar="PROFILE.yaml")
    c.add_argument("--threshold", type=int, help="total counted as good fidelity (default 100)")
    c.add_argument("--csv", metavar="OUT.csv", help="write the plan table (area, action steps, responsible, target date)")
    c.add_argument("--force", action="store_true", help="replace OUT.csv if it exists")
    c.set_defaults(func=cmd_ips_plan)
    c = isub.add_parser("outcomes", help="quarterly outcomes from one or more caseload files")
    c.add_argument("caseload", nargs="+", metavar="CASELOAD.csv")
    c.add_argument("--csv", metavar="OUT.csv", help="write the quarterly table")
    c.add_argument("--chart", metavar="OUT.png", help="draw the employment-rate trend (and write its text alternative beside it)")
    c.add_argument("--force", action="store_true", help="replace the output files if they exist")
    c.set_defaults(func=cmd_ips_outcomes)

    p = sub.add_parser("lab", help="start JupyterLab on the course")
    p.add_argument("--port", type=int)
    p.add_argument("--no-browser", action="store_true")
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser("demo", help="serve the read-only public demo pages (course/pages) with Voila")
    p.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; put a reverse proxy in front for the public)")
    p.add_argument("--max-visitors", type=int, default=20, metavar="N",
                   help="pages open at once (default 20; each needs up to about 155 MB); one more gets a 'busy' page")
    p.add_argument("--max-memory", type=int, default=4096, metavar="MB",
                   help="memory the demo and its kernels may hold together (default 4096 MB; 0 for no limit)")
    p.add_argument("--rendering", choices=["preheated", "progressive", "plain"], default="preheated",
                   help="preheated (default): each page has run before a visitor arrives; progressive: cells "
                        "show as they run; plain: the page shows when all has run")
    p.add_argument("--preheat", type=int, default=1, metavar="N",
                   help="with preheated rendering, kernels kept ready per page (default 1); raise it before a "
                        "session where many people open the pages at the same minute (each waits with about 115 MB)")
    p.add_argument("--pages-per-minute", type=int, default=30, metavar="N",
                   help="pages one address may open in a minute (default 30); behind a proxy that sets "
                        "X-Forwarded-For, add --trust-proxy")
    p.add_argument("--trust-proxy", action="store_true",
                   help="take the visitor's address from the reverse proxy's X-Real-Ip or X-Forwarded-For header")
    p.add_argument("--connect-within", type=int, default=15, metavar="S",
                   help="seconds a page's kernel waits for its page to connect (or come back) before it is freed "
                        "(default 15)")
    p.add_argument("--kernel-memory", type=int, default=2048, metavar="MB",
                   help="address space one kernel may map (default 2048 MB; it holds about 150 MB of it)")
    p.add_argument("--kernel-cpu", type=int, default=120, metavar="S",
                   help="CPU seconds one kernel may use in its life (default 120; a page needs a few)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "lab":
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    args.jupyter_args = extra  # 'lab' passes the rest to JupyterLab (e.g. --ServerApp.token=...)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `irt-academy ... | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so Python's own flush at exit does not fail again
        return 0
    except Exception as exc:  # a bug in the kit, not in the user's file: say so plainly
        if os.environ.get("IRT_ACADEMY_DEBUG"):
            raise
        print(f"Something went wrong inside the kit itself (not in your files): {type(exc).__name__}: {exc}\n"
              "Please report it with the command you ran; set IRT_ACADEMY_DEBUG=1 to see the details.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
