"""What a learner has done in the course, kept between visits.

A module reopened tomorrow shows what the learner left in it: the quiz answers they checked, the
plan they were editing, the customer they chose, the sliders where they left them; the start page
shows how far they have come. It is all in one small JSON file of the learner's own
(``~/.irt-academy/progress.json``), written whenever a remembered control changes.

Only the course's own kernels keep it: ``course_kernel`` turns it on. The public demo pages, the
graded exercises and the tests never read or write a learner's file, so a visitor's choices are
never shown to the next visitor.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

_FILE: Path | None = None  # None: nothing is kept (a demo page, a test, a grading kernel)
_MAX_BYTES = 1_000_000  # a learner's progress is a few kilobytes; a larger file is not ours


def keep_in(path: Path | None) -> None:
    """Keep progress in ``path`` from now on (None: keep nothing)."""
    global _FILE
    _FILE = path


def keeping() -> bool:
    return _FILE is not None


def load() -> dict:
    """Everything kept, or an empty record when nothing is kept yet or the file cannot be read (a
    damaged file costs the learner their marks, never the module)."""
    if _FILE is None:
        return {}
    try:
        if _FILE.stat().st_size > _MAX_BYTES:
            return {}
        data = json.loads(_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {part: value for part, value in data.items() if isinstance(value, dict)}  # "controls", "visits"


def saved(key: str, default=None):
    return load().get("controls", {}).get(key, default)


def _write(data: dict) -> None:
    """Write the whole record at once (a new file moved into place), so a kernel stopped halfway
    never leaves half a file."""
    assert _FILE is not None
    try:
        _FILE.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=_FILE.parent, prefix=".progress-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
        os.replace(tmp, _FILE)
    except OSError:
        pass  # a read-only home: the course works, it only forgets


def save(key: str, value) -> None:
    if _FILE is None:
        return
    data = load()
    data.setdefault("controls", {})[key] = value
    _write(data)


def record_visit(module: str | None) -> None:
    """Note that a module was opened today (shown on the start page)."""
    if _FILE is None or not module:
        return
    data = load()
    visits = data.setdefault("visits", {})
    today = date.today().isoformat()
    if visits.get(module) != today:
        visits[module] = today
        _write(data)


def remember(key: str, control, name: str = "value") -> None:
    """Give ``control`` the value kept under ``key`` (if it still fits: an option that is gone is
    skipped), then keep each new value. Does nothing where progress is not kept."""
    if _FILE is None:
        return
    value = saved(key)
    if value is not None:
        try:
            setattr(control, name, tuple(value) if isinstance(getattr(control, name), tuple) else value)
        except Exception:  # noqa: BLE001 - a kept value that no longer fits (a renamed customer) is dropped
            pass
    control.observe(lambda change: save(key, change["new"]), names=name)
