"""The IPS commands: ips score, ips plan, ips outcomes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..inputs.casebook import CasebookError
from ..inputs.problems import display_path
from ..safefiles import OutputRefused, frame_csv, write_output
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE


def _load_agency(path: str):
    from ..inputs.casebook import load_file
    from ..model import AgencyProfile

    try:
        return load_file(Path(path), AgencyProfile).obj
    except CasebookError as exc:
        print(f"The agency profile {display_path(Path(path))} cannot be used:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return None


def cmd_ips_score(args: argparse.Namespace) -> int:
    from ..ips.fidelity import score_profile

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
    from ..ips.implementation import check_implementation

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
    from ..ips.outcomes import quarterly_outcomes, read_caseload, roll_up

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

            from ..display.ips_charts import outcomes_trend_chart

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
