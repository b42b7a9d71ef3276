"""The ``irt-academy`` command.

    irt-academy check-plan PLAN.yaml [--casebook DIR]   findings grouped by section; exit 0 / 1 errors / 2 unreadable
    irt-academy casebook check [--casebook DIR]          every problem in a casebook, in one run
    irt-academy report ASSIGNMENT [--course DIR]         the class as a whole: scores, misconceptions, follow-ups
    irt-academy ips score PROFILE.yaml                   IPS fidelity scale: item scores, total and band
    irt-academy ips plan PROFILE.yaml [--csv OUT]        IPS implementation plan: areas met or not, action steps
    irt-academy ips outcomes CASELOAD.csv [...]          quarterly IPS outcomes (and a roll-up for several files)
    irt-academy export-plan PLAN.yaml --format F --out DIR  agenda, plan sheet, agency notes (md/html/docx/pdf), csv, ics
    irt-academy plan-update PLAN.yaml STATUS.csv         the point of contact's update message, overdue items first
    irt-academy generate [--check]                       rebuild the JSON Schemas and the checker reference
    irt-academy academy-kit --out DIR [--casebook DIR]   the Community Academy day's handouts, from a casebook
    irt-academy academy-survey RESPONSES.csv [--out DIR] what changed between the day's two surveys
    irt-academy cases generate --count N --seed S --out DIR  practice customers made to a casebook's rules
    irt-academy lab [--port N] [--no-browser] [...]      start JupyterLab on the course (other options go to JupyterLab)

Output is plain text with the words ERROR and WARNING spelled out (no colour needed to read it),
so it reads the same in a terminal, a screen reader or a log.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from .academy import cmd_academy_kit, cmd_academy_survey
from .cases import cmd_cases_generate
from .classroom import cmd_export_grades, cmd_grade, cmd_report
from .ips import cmd_ips_outcomes, cmd_ips_plan, cmd_ips_score
from .plans import cmd_casebook_check, cmd_check_plan, cmd_export_plan, cmd_generate, cmd_plan_update
from .servers import cmd_demo, cmd_lab


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

    p = sub.add_parser("report", help="a class's results as a whole: scores, misconceptions, who to follow up")
    p.add_argument("assignment", help="the assignment's name, e.g. build_the_team")
    p.add_argument("--course", metavar="DIR", help="the nbgrader course folder (default: the kit's exercises/)")
    p.set_defaults(func=cmd_report)

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

    p = sub.add_parser("academy-kit", help="write a Community Academy day's handouts from a casebook")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    p.add_argument("--casebook", metavar="DIR", help="the casebook folder (default: ./casebook, or the kit's own)")
    p.add_argument("--force", action="store_true", help="replace the kit's files if DIR has them already")
    p.set_defaults(func=cmd_academy_kit)

    p = sub.add_parser("academy-survey", help="report what changed between a Community Academy's two surveys")
    p.add_argument("responses", metavar="RESPONSES.csv", help="the responses, in the columns of the kit's template")
    p.add_argument("--out", default=".", metavar="DIR", help="where to write survey-report.html and .csv (default: here)")
    p.add_argument("--casebook", metavar="DIR", help="the casebook the survey was made from (default: ./casebook, "
                   "or the kit's own)")
    p.add_argument("--force", action="store_true", help="replace the report files if they exist")
    p.set_defaults(func=cmd_academy_survey)

    p = sub.add_parser("cases", help="make practice cases (customers) for a casebook")
    csub = p.add_subparsers(dest="cases_command", required=True, metavar="ACTION")
    c = csub.add_parser("generate", help="write new practice customers, made to a casebook's programs and rules")
    c.add_argument("--count", type=int, required=True, metavar="N", help="how many customers to make")
    c.add_argument("--seed", type=int, required=True, metavar="S", help="the same seed makes the same files")
    c.add_argument("--out", required=True, metavar="DIR", help="the folder to write <id>.yaml files into")
    c.add_argument("--casebook", metavar="DIR", help="the casebook the cases follow (default: ./casebook, or the kit's own)")
    c.add_argument("--population", action="extend", nargs="+", metavar="NAME",
                   help="only these target populations, e.g. veteran tanf_recipient (default: every one, in turn)")
    c.add_argument("--goal", choices=["meet", "miss", "mixed"], default="meet",
                   help="meet (default): each goal meets every outcome rule of the customer's programs; miss: each "
                        "knowingly misses one program's rule; mixed: some of each")
    c.add_argument("--force", action="store_true", help="replace files already in DIR")
    c.set_defaults(func=cmd_cases_generate)

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

