"""Starting the kit's servers (JupyterLab, the demo) for a test, and stopping them."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import KIT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str, dict]:
    """Status, body and headers of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


def start(args: list[str], ready_path: str = "/", wait: float = 60) -> tuple[subprocess.Popen, str]:
    """Run `irt-academy ARGS --port=N` and wait until ready_path answers. The log goes to a file: a
    pipe nobody reads fills up and stalls a server once it has much to say (twenty visitors do)."""
    port = free_port()
    exe = Path(sys.executable).parent / "irt-academy"
    log = tempfile.NamedTemporaryFile("w+", prefix="irt-server-", suffix=".log", delete=False)
    proc = subprocess.Popen([str(exe), *args, f"--port={port}"], cwd=KIT, stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log.name
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + ready_path, timeout=2)
            return proc, base
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"`irt-academy {args[0]}` exited at start:\n" + Path(log.name).read_text())
            time.sleep(0.3)
    stop(proc)
    pytest.fail(f"`irt-academy {args[0]}` did not answer within {wait:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    Path(proc.log_path).unlink(missing_ok=True)


def start_demo(*extra: str) -> tuple[subprocess.Popen, str]:
    return start(["demo", *extra])
