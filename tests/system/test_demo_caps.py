"""The demo's caps hold against a crowd and against visitors who do not behave like a browser: a
burst of slow requests never starts more kernels than there are places (counted from /proc, starting
kernels too), memory stays under the limit plus one kernel, a page that never connects or goes away
frees its place within seconds, one address cannot take every place, each kernel has limits of its
own, and /logout is a plain 'not found'."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from irt_sim.demo import child_pids, resident_mb

from ..support.servers import fetch, start_demo, stop

PAGE = "/voila/render/team_explorer.ipynb"


class Sampler:
    """Counts the server's kernel processes and its memory (server plus kernels) every 50 ms."""

    def __init__(self, pid: int):
        self.pid, self.kernels, self.memory, self._stop = pid, 0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            pids = child_pids(self.pid)
            self.kernels = max(self.kernels, len(pids))
            self.memory = max(self.memory, resident_mb(self.pid) + sum(resident_mb(p) for p in pids))
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def burst(base: str, n: int) -> list[int]:
    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(lambda _: fetch(base + PAGE)[0], range(n)))


def test_a_burst_of_slow_requests_never_starts_more_kernels_than_places():
    # plain rendering: every request runs its page in a kernel of its own before it answers (seconds)
    proc, base = start_demo("--max-visitors=3", "--rendering=plain", "--max-memory=0", "--pages-per-minute=1000")
    try:
        with Sampler(proc.pid) as seen:
            statuses = burst(base, 30)
        assert statuses.count(200) == 3 and statuses.count(503) == 27, statuses
        assert seen.kernels <= 3, f"{seen.kernels} kernels ran at once under a cap of 3"
    finally:
        stop(proc)


def test_a_burst_never_takes_memory_past_the_limit_plus_one_kernel():
    limit = 700
    proc, base = start_demo("--max-visitors=50", "--rendering=plain", f"--max-memory={limit}", "--pages-per-minute=1000")
    try:
        with Sampler(proc.pid) as seen:
            statuses = burst(base, 20)
        assert 200 in statuses and 503 in statuses, statuses
        assert seen.memory <= limit + 160, f"{seen.memory:.0f} MB held under a limit of {limit} MB"
    finally:
        stop(proc)


def test_a_page_that_never_connects_frees_its_place_within_seconds():
    proc, base = start_demo("--max-visitors=1", "--rendering=plain", "--connect-within=3", "--pages-per-minute=1000")
    try:
        assert fetch(base + PAGE)[0] == 200  # a bare request: no browser, no websocket
        assert fetch(base + PAGE)[0] == 503
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and child_pids(proc.pid):
            time.sleep(0.5)
        assert child_pids(proc.pid) == []
        assert fetch(base + PAGE)[0] == 200  # the place is free again
    finally:
        stop(proc)


def test_one_address_cannot_take_every_place():
    proc, base = start_demo("--max-visitors=20", "--rendering=plain", "--pages-per-minute=3", "--max-memory=0")
    try:
        statuses = [fetch(base + PAGE)[0] for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        status, body, headers = fetch(base + PAGE)
        assert status == 429 and "Please slow down" in body and headers.get("Retry-After") == "60"
        assert fetch(base + "/")[0] == 200
    finally:
        stop(proc)


def test_each_kernel_runs_under_limits_of_its_own():
    proc, base = start_demo("--max-visitors=2", "--kernel-memory=1500", "--kernel-cpu=90")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not child_pids(proc.pid):
            time.sleep(0.3)
        (pid, *_) = child_pids(proc.pid)
        limits = Path(f"/proc/{pid}/limits").read_text()
        assert any(line.startswith("Max address space") and str(1500 * 2**20) in line for line in limits.splitlines())
        assert any(line.startswith("Max cpu time") and " 90 " in f" {line} " for line in limits.splitlines())
    finally:
        stop(proc)


def test_logout_is_not_found_not_a_server_error():
    proc, base = start_demo("--max-visitors=1")
    try:
        status, body, _ = fetch(base + "/logout")
        assert status == 404 and "There is no such page" in body
    finally:
        stop(proc)


def test_a_page_that_goes_away_mid_work_has_its_kernel_stopped():
    """A page connects, floods its kernel with widget messages, and vanishes without the closing
    beacon (a crashed tab): the kernel is shut down within seconds, busy or not."""
    import asyncio
    import json
    import uuid

    from tornado.websocket import websocket_connect

    from ..support.servers import kernel_id

    proc, base = start_demo("--max-visitors=1", "--rendering=plain", "--connect-within=3", "--pages-per-minute=1000")
    try:
        status, page, _ = fetch(base + PAGE)
        assert status == 200
        kernel = kernel_id(page)

        def comm_msg(i: int) -> str:
            header = {"msg_id": uuid.uuid4().hex, "msg_type": "comm_msg", "session": "s", "username": "",
                      "version": "5.3", "date": "2026-01-01T00:00:00Z"}
            return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": "shell",
                               "content": {"comm_id": uuid.uuid4().hex, "data": {"method": "update", "state": {"value": i}}},
                               "buffers": []})

        async def flood_and_vanish():
            ws = await websocket_connect(base.replace("http", "ws") + f"/api/kernels/{kernel}/channels")
            for i in range(150):
                await ws.write_message(comm_msg(i))
            ws.close()

        asyncio.run(flood_and_vanish())
        assert child_pids(proc.pid), "the kernel should still be there right after the page went"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and child_pids(proc.pid):
            time.sleep(0.5)
        assert child_pids(proc.pid) == []
    finally:
        stop(proc)
