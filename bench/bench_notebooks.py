"""Time each course notebook run top to bottom (target: under 20 s each on this machine).

The baseline, measured in the same run, is an empty notebook: kernel start-up and shutdown only.
Each line shows the notebook's time and its ratio to that baseline.

    .venv/bin/python bench/bench_notebooks.py
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

COURSE = Path(__file__).resolve().parent.parent / "course"


def run(nb) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(COURSE)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    baseline = min(run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])) for _ in range(3))
    print(f"baseline (empty notebook: kernel start and stop): {baseline:.2f} s\n")
    worst = 0.0
    for path in sorted(COURSE.glob("*.ipynb")):
        seconds = run(nbformat.read(path, as_version=4))
        worst = max(worst, seconds)
        print(f"{path.name:<40} {seconds:6.2f} s  ({seconds / baseline:4.1f}x baseline)  "
              f"{'within' if seconds < 20 else 'OVER'} the 20 s target")
    print(f"\nslowest notebook: {worst:.2f} s")


if __name__ == "__main__":
    main()
