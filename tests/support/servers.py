"""Starting the kit's servers (JupyterLab, the demo) for a test, and stopping them."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from . import KIT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict | None = None, raw: bool = False, method: str = "GET") -> tuple[int, str | bytes, dict]:
    """Status, body (text, or bytes as sent when raw) and headers of a request, error statuses included."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            status, body, got = r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        status, body, got = e.code, e.read(), dict(e.headers)
    if not raw:
        if got.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        body = body.decode("utf-8", "replace")
    return status, body, got


def start(args: list[str], ready_path: str = "/", wait: float = 60, env: dict | None = None,
          held: bool = False) -> tuple[subprocess.Popen, str]:
    """Run `irt-academy ARGS --port=N` and wait until ready_path answers. The log goes to a file: a
    pipe nobody reads fills up and stalls a server once it has much to say (twenty visitors do).
    ``env`` adds to the environment (a learner's own HOME, say). ``held``: run it under
    ``reaper.py``, as a container holds it; the process returned is then the reaper's."""
    port = free_port()
    exe = Path(sys.executable).parent / "irt-academy"
    log = tempfile.NamedTemporaryFile("w+", prefix="irt-server-", suffix=".log", delete=False)
    holder = [sys.executable, str(Path(__file__).with_name("reaper.py"))] if held else []
    proc = subprocess.Popen([*holder, str(exe), *args, f"--port={port}"], cwd=KIT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
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


def start_demo(*extra: str, held: bool = False) -> tuple[subprocess.Popen, str]:
    return start(["demo", *extra], held=held)


def kernel_id(page: str) -> str:
    """The id of the kernel a demo page was given, from the page itself."""
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page) or re.search(r'kernel[_-]?[iI]d["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', page)
    assert match, "no kernel id in the page"
    return match.group(1)
