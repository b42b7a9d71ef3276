#!/usr/bin/env python3
"""Set up and run the IRT Community Academy kit with one command.

    python3 academy.py start   set everything up, then open the course in JupyterLab
    python3 academy.py test    set everything up, then run the whole test suite
    python3 academy.py setup   set everything up and stop there (a shared hub's machine: deploy/README.md)

Set-up means: a virtual environment in .venv, the kit and its pinned dependencies installed into
it (only again when pyproject.toml or constraints.txt change), and the Jupyter extensions the
course needs checked. Anything after the action word is passed on (to pytest, or to JupyterLab's
launcher: e.g. `python3 academy.py start --no-browser --port 8899`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ACADEMY_VENV", ROOT / ".venv"))
STAMP = VENV / ".academy-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(text: str) -> None:
    print(f"[academy] {text}", flush=True)


def fail(text: str) -> None:
    print(f"[academy] {text}", file=sys.stderr, flush=True)
    sys.exit(2)


def wanted_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def set_up() -> None:
    if sys.version_info < (3, 11):
        fail(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}. Install Python 3.11 and run this again with it.")
    if not PYTHON.exists():
        say(f"Creating a virtual environment in {VENV} ...")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except Exception as exc:  # e.g. Debian without python3-venv
            fail(f"Could not create the virtual environment ({exc}). On Debian or Ubuntu, install the "
                 "'python3-venv' package first.")
    stamp = wanted_stamp()
    if STAMP.exists() and STAMP.read_text().strip() == stamp:
        return
    say("Installing the kit and its dependencies (the first time takes a minute or two) ...")
    cmd = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
           "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[test,cohort]"]
    if subprocess.call(cmd) != 0:
        fail("Installing failed; the messages above say why. Check the network connection and run this again.")
    check_extensions()
    quiet_lab_news()
    STAMP.write_text(stamp)
    say("Set-up complete.")


LAB_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "anywidget", "@jupyter/nbgrader")


def check_extensions() -> None:
    """The course needs the widgets (ipywidgets and anywidget) and nbgrader extensions enabled in JupyterLab."""
    out = subprocess.run([str(BIN / "jupyter"), "labextension", "list"], capture_output=True, text=True)
    listing = out.stdout + out.stderr
    missing = [name for name in LAB_EXTENSIONS if name not in listing]
    if missing:
        fail(f"These JupyterLab extensions did not install: {', '.join(missing)}.")
    for name in LAB_EXTENSIONS:
        line = next((ln for ln in listing.splitlines() if name in ln), "")
        if "enabled" not in line:
            subprocess.call([str(BIN / "jupyter"), "labextension", "enable", name])


def quiet_lab_news() -> None:
    """No 'get notified about Jupyter news?' pop-up for learners (and no call out to fetch it)."""
    import json

    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    path = settings / "overrides.json"
    current = json.loads(path.read_text()) if path.exists() else {}
    current.setdefault("@jupyterlab/apputils-extension:notification", {})["fetchNews"] = "false"
    path.write_text(json.dumps(current, indent=2))


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("start", "test", "setup"):
        print(__doc__)
        return 2
    action, rest = argv[0], argv[1:]
    set_up()
    ensure_sandbox()
    os.chdir(ROOT)
    if action == "setup":
        return 0
    if action == "start":
        sys.stdout.flush()  # the lab takes this process's place, so signals reach it and nothing is left behind
        os.execv(str(BIN / "irt-academy"), [str(BIN / "irt-academy"), "lab", *rest])
    ensure_chromium()
    ensure_proxy()
    say("Running the test suite ...")
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest])


def ensure_debian(program: str, package: str, why: str, without: str) -> None:
    """A Debian package the kit needs beside Python, installed when missing and we may (root, as in CI)."""
    if shutil.which(program) or os.path.exists(f"/usr/bin/{program}"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"Installing Debian's {package} {why} ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", package], env=env, check=False)
    else:
        say(f"{package} is not installed; {without} (sudo apt-get install {package}).")


def ensure_chromium() -> None:
    """The demo pages' browser tests drive Debian's chromium (Playwright's own browser download does
    not work everywhere)."""
    ensure_debian("chromium", "chromium", "for the browser tests", "the browser tests will be skipped")


def ensure_sandbox() -> None:
    """Grading runs each learner's notebook inside bubblewrap (irt_sim/classroom/sandbox.py)."""
    ensure_debian("bwrap", "bubblewrap", "for the grading sandbox", "grading will refuse to run learners' code")


CHP_VERSION = "5.3.0"
CHP = ROOT / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"


def ensure_proxy() -> None:
    """The cohort test runs a real JupyterHub, whose proxy (configurable-http-proxy) comes from npm.
    Installed here into .cache/chp; node and npm from Debian when missing and we may (root, as in CI)."""
    if CHP.exists():
        return
    if not shutil.which("npm") and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing Debian's nodejs and npm for the cohort test's JupyterHub proxy ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nodejs", "npm"], env=env, check=False)
    if not shutil.which("npm"):
        say("npm is not installed; the cohort test will be skipped (sudo apt-get install nodejs npm).")
        return
    say("Installing configurable-http-proxy for the cohort test ...")
    subprocess.run(["npm", "install", "--prefix", str(CHP.parents[2]), "--no-audit", "--no-fund", "--loglevel=error",
                    f"configurable-http-proxy@{CHP_VERSION}"], check=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
