"""Benchmark of the ARC-versus-referral simulator.

Prints, for this machine and this run:
- time for 2,000 customers through all three pathways, one replicate (target: under 50 ms);
- time for 100,000 customers through all three pathways (target: under 1 s on one core);
- peak memory per customer at several cohort sizes (it should stay flat: memory grows linearly);
- the same model as a plain per-customer Python loop (irt_sim.simulator.loop_reference), as the
  baseline, and the speed ratio of the vectorised model against it.

    .venv/bin/python bench/bench_simulate.py
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core, as the target says

import statistics
import time
import tracemalloc

from irt_sim.simulator.cohort import generate_cohort
from irt_sim.simulator.params import PATHWAYS, load_params
from irt_sim.simulator.engine import simulate
from irt_sim.simulator.loop_reference import run_pathway_loop

MIX = {"mental_illness": 1, "tanf_recipient": 1, "justice_involved": 1, "veteran": 1}


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    params = load_params()
    print("Simulator benchmark (one replicate, all three pathways, one core)\n")

    small = generate_cohort(params, 2_000, MIX, seed=1)
    simulate(small, params, replicates=1)  # warm up imports and caches
    vec_small = timed(lambda: simulate(small, params, replicates=1, seed=2), 30)
    loop_small = timed(lambda: [run_pathway_loop(small, params, p, seed=2) for p in PATHWAYS], 5)
    vs, ls = statistics.median(vec_small), statistics.median(loop_small)
    print(f"2,000 customers:   vectorised {vs * 1000:7.1f} ms (median of 30; target < 50 ms: "
          f"{'met' if vs < 0.050 else 'NOT met'})")
    print(f"                   plain loop {ls * 1000:7.1f} ms (median of 5)  ->  vectorised is {ls / vs:,.0f}x faster")

    big = generate_cohort(params, 100_000, MIX, seed=1)
    vec_big = timed(lambda: simulate(big, params, replicates=1, seed=2), 5)
    loop_big = timed(lambda: [run_pathway_loop(big, params, p, seed=2) for p in PATHWAYS], 1)
    vb, lb = statistics.median(vec_big), loop_big[0]
    print(f"100,000 customers: vectorised {vb * 1000:7.1f} ms (median of 5; target < 1 s: "
          f"{'met' if vb < 1.0 else 'NOT met'})")
    print(f"                   plain loop {lb * 1000:7.1f} ms (one run)  ->  vectorised is {lb / vb:,.0f}x faster")

    print("\nPeak memory of one simulation (tracemalloc), per customer:")
    for n in (10_000, 50_000, 100_000, 200_000):
        cohort = generate_cohort(params, n, MIX, seed=1)
        tracemalloc.start()
        simulate(cohort, params, replicates=1, seed=2)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  {n:>7,} customers: {peak / 2**20:7.1f} MiB peak, {peak / n:6.0f} bytes per customer")


if __name__ == "__main__":
    main()
