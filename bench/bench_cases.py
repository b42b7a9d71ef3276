"""Benchmark of the practice-case generator (irt-academy cases generate).

Prints, for this machine and this run:
- cases per second for 500 cases: made (stories, eligibility, goal checked with the checker's
  outcome rule), made and turned into YAML text, and made and written as files;
- peak memory of making 500 cases (tracemalloc), and per case;
- the baseline, measured here in the same run: loading and validating 500 of the kit's own customer
  files (the shipped ones, copied round to 500, read with the casebook loader, its parse cache off),
  and the ratio of each step to it (below 1: faster than reading the same number of cases).

No target is asserted; the figures are for comparing runs and machines.

    .venv/bin/python bench/bench_cases.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(KIT))

from irt_sim.cases import case_yaml, generate_cases, write_cases  # noqa: E402
from irt_sim.inputs.casebook import load_casebook, load_file  # noqa: E402
from irt_sim.model import Customer  # noqa: E402

N, SEED, REPEAT = 500, 2026, 3


def timed(fn, repeat: int = REPEAT) -> float:
    """The median of ``repeat`` runs, in seconds."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return statistics.median(out)


def peak_of(fn) -> int:
    """Peak bytes allocated while ``fn`` runs (tracemalloc), the result kept alive until measured."""
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return peak


def main() -> None:
    book = load_casebook(KIT / "casebook")
    generate_cases(book, 5, 1)  # warm up imports
    print(f"Practice-case benchmark: {N} cases, seed {SEED}, median of {REPEAT} runs\n")

    with tempfile.TemporaryDirectory() as tmp:
        shipped = sorted((KIT / "casebook" / "customers").glob("*.yaml"))
        copies = Path(tmp) / "shipped"
        copies.mkdir()
        for i in range(N):
            shutil.copy(shipped[i % len(shipped)], copies / f"{shipped[i % len(shipped)].stem}-{i}.yaml")
        files = sorted(copies.iterdir())
        base = timed(lambda: [load_file(p, Customer, cache=False) for p in files])

        made = timed(lambda: generate_cases(book, N, SEED))
        text = timed(lambda: [case_yaml(c.customer) for c in generate_cases(book, N, SEED)])
        out = Path(tmp) / "out"
        written = timed(lambda: write_cases([c.customer for c in generate_cases(book, N, SEED)], out, force=True))
        peak, peak_load = peak_of(lambda: generate_cases(book, N, SEED)), peak_of(
            lambda: [load_file(p, Customer, cache=False) for p in files])

    rows = [("baseline: load and validate 500 shipped customer files", base),
            ("make 500 cases", made), ("make 500 cases and write their YAML text", text),
            ("make 500 cases and write 500 files", written)]
    for label, secs in rows:
        ratio = "" if secs is base else f"  ->  {secs / base:4.2f}x the baseline's time"
        print(f"  {label:<56} {secs * 1000:8.1f} ms  {N / secs:8,.0f} cases/s{ratio}")

    print(f"\nPeak memory (tracemalloc): making {N} cases {peak / 2**20:5.1f} MiB ({peak / N / 1024:4.1f} KiB a case); "
          f"the baseline {peak_load / 2**20:5.1f} MiB  ->  {peak / peak_load:4.2f}x")


if __name__ == "__main__":
    main()
