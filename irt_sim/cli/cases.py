"""The practice-case command: cases generate (new customers made to a casebook's programs and rules)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..cases import CasesError, generate_cases, parse_populations, write_cases
from ..inputs.casebook import default_casebook_dir, load_casebook
from ..inputs.problems import display_path
from ..safefiles import OutputRefused
from .common import EXIT_OK, EXIT_UNREADABLE

#: More than a class could read in a term; a larger number is a slip (an extra zero).
MAX_CASES = 10_000


def cmd_cases_generate(args: argparse.Namespace) -> int:
    if not 1 <= args.count <= MAX_CASES:
        print(f"--count: {args.count} is not a number of cases the kit makes; give 1 to {MAX_CASES:,}.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        populations = parse_populations(args.population)
    except CasesError as exc:
        print(f"--population: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    root = Path(args.casebook) if args.casebook else default_casebook_dir()
    book = load_casebook(root)
    print(f"Casebook: {display_path(root)} ({len(book.programs)} programs, minimum wage "
          + (f"${book.minimum_wage:.2f}" if book.minimum_wage else "not given") + ").")
    if book.problems:
        print(f"{len(book.problems)} problem(s) in the casebook; each file with a problem is left out and the cases are "
              "made to the rest (run 'irt-academy casebook check' to see them).", file=sys.stderr)
    try:
        cases = generate_cases(book, args.count, args.seed, populations, args.goal)
    except CasesError as exc:
        print(f"No cases were made: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.out)
    try:
        written = write_cases([c.customer for c in cases], out, force=args.force)
    except OutputRefused as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    goals = Counter(c.goal for c in cases)
    print(f"Wrote {len(written)} practice customer file(s) to {display_path(out)} (seed {args.seed}; goals that meet "
          f"every outcome rule: {goals['meet']}, that miss one: {goals['miss']}).")
    groups = Counter(p.label for c in cases for p in c.customer.populations)
    print("Populations: " + ", ".join(f"{label} {n}" for label, n in sorted(groups.items())) + ".")
    print("Copy them into a casebook's customers/ folder and run 'irt-academy casebook check' there; "
          "the same seed makes the same files again.")
    return EXIT_OK

