"""Shared fixtures: the shipped casebook, and a scratch copy of it for tests that break files."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from irt_sim import load_casebook

from .support import CASEBOOK, KIT, SHARED  # noqa: F401 - the paths, for the fixtures below

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


#: Each test folder is a kind of test, with a marker of the same name: ``pytest -m "not system"``
#: leaves out the minutes of real servers, browsers and grading runs.
KINDS = {
    "unit": "one part of the kit on its own, in memory or on a scratch folder (seconds)",
    "integration": "the kit's commands run for real: nbgrader, the sandbox, the command line (a few minutes)",
    "system": "whole servers and users: JupyterHub, JupyterLab, Voila, Chromium, a class graded end to end",
}


def pytest_configure(config):
    for kind, what in KINDS.items():
        config.addinivalue_line("markers", f"{kind}: {what}")


def pytest_collection_modifyitems(config, items):
    """Mark each test by its folder; the course's notebooks, run by nbval, are system tests."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        kind = next((k for k in KINDS if k in parts[-3:-1]), "system" if str(item.fspath).endswith(".ipynb") else None)
        if kind:
            item.add_marker(getattr(pytest.mark, kind))
