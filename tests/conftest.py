"""Shared fixtures: the shipped casebook, and a scratch copy of it for tests that break files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from irt_sim import load_casebook

KIT = Path(__file__).resolve().parent.parent
CASEBOOK = KIT / "casebook"
SHARED = KIT.parent / "shared"

# The suite keeps its own casebook load cache (irt_sim.inputs.cache), apart from the user's; the
# notebooks and nbgrader runs the tests start inherit it.
os.environ["IRT_ACADEMY_CACHE"] = tempfile.mkdtemp(prefix="irt-academy-test-cache-")


@pytest.fixture(scope="session")
def book():
    """The shipped casebook, loaded once."""
    return load_casebook(CASEBOOK)


@pytest.fixture()
def scratch_casebook(tmp_path: Path) -> Path:
    """A copy of the shipped casebook that a test may break."""
    target = tmp_path / "casebook"
    shutil.copytree(CASEBOOK, target, ignore=shutil.ignore_patterns("schema", "*.md"))
    return target


def exercise_cell(assignment: str, grade_id: str, *, worked: bool = True) -> dict:
    """Run one answer cell of an exercise's source notebook and return its variables: the worked answer,
    or (``worked=False``) the blank template the learner first sees."""
    import json

    nb = json.loads((KIT / "exercises" / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"]["nbgrader"]["grade_id"] == grade_id)
    source = "".join(cell["source"])
    scope: dict = {}
    exec(source if worked else source.split("### BEGIN SOLUTION")[0], scope)  # the template, then the worked answer
    return scope
