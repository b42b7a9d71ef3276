"""`irt-academy lab` (what `python3 academy.py start` ends in) really serves the course in JupyterLab,
with the widget and nbgrader extensions enabled."""

from __future__ import annotations

import json
import urllib.request

import pytest

from ..support.servers import start, stop

TOKEN = "academy-test-token"


@pytest.fixture(scope="module")
def lab():
    proc, base = start(["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}"],
                       ready_path="/api")
    yield base
    stop(proc)


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read().decode("utf-8"), r.geturl()


def test_the_start_notebook_is_served(lab):
    status, body, _ = get(f"{lab}/api/contents/course/00_start_here.ipynb?token={TOKEN}&content=0")
    assert status == 200 and json.loads(body)["type"] == "notebook"


def test_lab_opens_on_the_start_notebook(lab):
    status, _, final_url = get(f"{lab}/?token={TOKEN}")  # where the browser lands
    assert status == 200
    assert final_url.split("?")[0].endswith("/lab/tree/course/00_start_here.ipynb")


def test_widgets_and_nbgrader_extensions_are_enabled_in_the_running_lab(lab):
    status, body, _ = get(f"{lab}/lab/api/extensions?token={TOKEN}")
    extensions = {e["name"]: e for e in json.loads(body)}
    for name in ("jupyter-widgets-jupyterlab-manager", "jupyter-nbgrader"):
        assert name in extensions and extensions[name]["enabled"], name


def test_lab_does_not_pester_learners_about_news(lab):
    status, body, _ = get(f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={TOKEN}")
    assert json.loads(body)["schema"]["properties"]["fetchNews"]["default"] == "false"  # set-up overrides the default


def test_the_formgrader_knows_the_kits_exercises(lab):
    status, body, _ = get(f"{lab}/formgrader/api/assignments?token={TOKEN}")
    names = {a["name"] for a in json.loads(body)}
    assert status == 200 and {"irt_or_not", "negotiate_the_plan", "ips_fidelity"} <= names, names
