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


def stop_with(proc, sig, presses: int = 2, every: float = 0.5) -> set[int]:
    """Send ``sig`` (for SIGINT ``presses`` times, ``every`` seconds apart while the server runs: a
    person presses Ctrl+C twice to stop JupyterLab, an impatient one keeps pressing), wait for the
    exit, and return the processes it had started that are still running."""
    children = descendants(proc.pid)
    assert children, "the server started no process: the test would prove nothing"
    proc.send_signal(sig)
    for _ in range(presses - 1 if sig == signal.SIGINT else 0):
        time.sleep(every)
        if proc.poll() is None:
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


@pytest.mark.parametrize("sig, presses", [(signal.SIGTERM, 1), (signal.SIGINT, 2), (signal.SIGINT, 30)],
                         ids=["SIGTERM", "SIGINT", "SIGINT-pressed-on"])
def test_demo_leaves_nothing_behind(sig, presses):
    """Run as a container runs it (under a subreaper: a kernel it left behind is not tidied away by
    init) and stopped the moment its first preheated kernels start. Ctrl+C pressed again while the
    kernels are being shut down (twice, or on and on: 30 presses 0.05 s apart) must not cut that
    short and leave a kernel running."""
    proc, _ = start_demo("--max-visitors", "2", held=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(descendants(proc.pid)) < 2:  # the demo and a kernel
        time.sleep(0.1)
    assert stop_with(proc, sig, presses, every=0.5 if presses == 2 else 0.05) == set()
    assert proc.returncode == 0, Path(proc.log_path).read_text()[-2000:]  # the reaper found nothing left


#: The demo's stop, with Voila's own kernel shutdown replaced by one during which Ctrl+C is pressed
#: again, and a kernel process still starting (a child that is no kernel the manager knows yet).
PRESSED_DURING_SHUTDOWN = """
import os, signal, subprocess, sys, time
from voila.app import Voila
from irt_sim.demo.app import DemoVoila

starting = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(20)"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

def shutting_down(self):
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.5)
    print("kernels shut down", flush=True)

Voila.stop = shutting_down
DemoVoila.stop(DemoVoila.__new__(DemoVoila))
try:
    starting.wait(timeout=5)
    print("none left", flush=True)
except subprocess.TimeoutExpired:
    print("still running", flush=True)
    starting.kill()
"""


def test_demo_shutdown_is_not_cut_short_and_sweeps_kernels_still_starting():
    """Deterministic form of the above: a Ctrl+C during the shutdown is ignored (the shutdown
    finishes), and a kernel process the manager did not shut down is ended."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PRESSED_DURING_SHUTDOWN], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.split("\n")[:2] == ["kernels shut down", "none left"], done.stdout
