"""One grading worker: ``python -m irt_sim.classroom.worker ASSIGNMENT``, run inside a worker's private
copy of the course. It runs nbgrader's own autograde and then generate_feedback, exactly as the
``nbgrader`` commands would (same apps, same configuration files), but in one process, because
nbgrader takes over a second to start. Writes the autograde time to .autograde-seconds for bench/."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def run_app(app_class, argv: list[str]) -> int:
    app = app_class()
    try:
        app.initialize(argv)
        app.start()
    except SystemExit as exc:  # nbgrader apps exit on failure; the other step still runs
        return int(exc.code or 0)
    except Exception as exc:  # noqa: BLE001 - reported; the submissions it did not reach score 0
        print(f"{app_class.__name__} failed: {exc!r}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    assignment = (argv if argv is not None else sys.argv[1:])[0]
    from nbgrader.apps import AutogradeApp, GenerateFeedbackApp

    start = time.perf_counter()
    try:
        graded = run_app(AutogradeApp, [assignment, "--force"])
    finally:
        Path(".autograde-seconds").write_text(str(time.perf_counter() - start))
    fed_back = run_app(GenerateFeedbackApp, [assignment, "--force"])
    return graded or fed_back


if __name__ == "__main__":
    sys.exit(main())
