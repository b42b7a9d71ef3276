"""The Community Academy commands: academy-kit (every handout for the day, from a casebook) and
academy-survey (what changed between the start-of-day and end-of-day surveys)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..academy import read_responses, report_csv, report_html, survey_report, write_kit
from ..academy.resource_map import counts, resource_map
from ..inputs.casebook import default_casebook_dir, load_casebook
from ..inputs.inputfile import NotAFile, read_input
from ..inputs.problems import display_path
from ..safefiles import OutputRefused, write_output
from .common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE


def _book(arg: str | None):
    root = Path(arg) if arg else default_casebook_dir()
    book = load_casebook(root)
    if book.problems:
        print(f"{len(book.problems)} problem(s) in the casebook at {display_path(root)}; each file with a problem is "
              "left out and the rest is used:", file=sys.stderr)
        for p in book.problems:
            print(f"  {p}", file=sys.stderr)
    return root, book


def cmd_academy_kit(args: argparse.Namespace) -> int:
    root, book = _book(args.casebook)
    if not book.programs:
        print(f"No program could be read from {display_path(root)}, so there is no kit to make.", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.out)
    try:
        kit = write_kit(book, out, force=args.force)
    except OutputRefused as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    n = counts(resource_map(book))
    print(f"The Community Academy kit for {book.community.name if book.community else display_path(root)} is in "
          f"{display_path(out)} ({len(kit.files)} files; open index.html first):")
    print(f"  partner program cards: {len(book.programs)} (partner-cards.pdf and .docx, a page each)")
    print(f"  resource map: {n['barriers']} barriers, {n['none']} with no program, {n['some']} covered only for some, "
          f"{n['overlaps']} overlaps (resource-map.html and .csv)")
    print(f"  role-play packs: {len(kit.packs)} customers eligible in three or more systems (role-plays/)"
          + ("" if kit.packs else "; no customer is, so no pack was made"))
    print("  agenda, sign-in sheet, survey and its responses template")
    return EXIT_FINDINGS if book.problems else EXIT_OK


def cmd_academy_survey(args: argparse.Namespace) -> int:
    _, book = _book(args.casebook)
    path = Path(args.responses)
    try:
        text = read_input(path)
    except FileNotFoundError:
        print(f"The responses file {display_path(path)} does not exist.", file=sys.stderr)
        return EXIT_UNREADABLE
    except (NotAFile, UnicodeDecodeError) as exc:
        why = "it is not plain text (UTF-8); save it again as CSV UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
        print(f"The responses file {display_path(path)} cannot be read: {why}", file=sys.stderr)
        return EXIT_UNREADABLE
    responses = read_responses(text.lstrip("\ufeff"), book)  # a spreadsheet's CSV may start with a byte-order mark
    for problem in responses.problems:
        print(f"{display_path(path)}, {problem}", file=sys.stderr)
    if not responses.rows:
        print("No row could be read, so there is no report.", file=sys.stderr)
        return EXIT_UNREADABLE
    report = survey_report(responses, book)
    out = Path(args.out)
    place = book.community.name if book.community else "Community Academy"
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = [write_output(out / "survey-report.html", report_html(report, place), force=args.force),
                   write_output(out / "survey-report.csv", report_csv(report), force=args.force)]
    except OutputRefused as exc:
        print(f"Nothing more was written: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    from ..academy.survey_report import summary_rows

    print(f"{len(responses.rows)} responses read ({report.respondents['pre']} before the day, "
          f"{report.respondents['post']} after); {len(responses.problems)} line(s) left out.")
    for measure, before, after, change in summary_rows(report)[1:]:
        print(f"  {measure}: {before} before, {after} after ({change})")
    print("Report: " + ", ".join(display_path(w) for w in written))
    return EXIT_FINDINGS if responses.problems else EXIT_OK
