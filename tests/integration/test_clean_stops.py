"""Every command that starts a server stops cleanly on SIGTERM (a service manager, a hub) and on
SIGINT (Ctrl+C): it exits, and no process it started (JupyterLab, a kernel) is left running."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from pathlib import Path

import pytest

from ..support.servers import start, start_demo

TOKEN = "stop-test-token"


def descendants(pid: int) -> set[int]:
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, todo = set(), [pid]
    while todo:
        here = todo.pop()
        for child, parent in parents.items():
            if parent == here and child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_with(proc, sig) -> set[int]:
    """Send ``sig`` (twice for SIGINT, as a person presses Ctrl+C twice to stop JupyterLab), wait for
    the exit, and return the processes it had started that are still running."""
    children = descendants(proc.pid)
    assert children, "the server started no process: the test would prove nothing"
    proc.send_signal(sig)
    if sig == signal.SIGINT:
        time.sleep(0.5)
        proc.send_signal(sig)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in children):
        time.sleep(0.2)
    return {p for p in children if alive(p)}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_lab_leaves_nothing_behind(sig):
    proc, base = start(["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}"],
                       ready_path="/api")
    request = urllib.request.Request(f"{base}/api/kernels?token={TOKEN}", data=json.dumps({"name": "python3"}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=60).read()  # a learner's kernel
    time.sleep(1)
    assert stop_with(proc, sig) == set()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_demo_leaves_nothing_behind(sig):
    proc, _ = start_demo("--max-visitors", "2")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not descendants(proc.pid):  # the preheated kernels
        time.sleep(0.3)
    assert stop_with(proc, sig) == set()
