"""Run a command the way a container or a CI runner holds it: as a child subreaper, so a process the
command leaves behind is adopted here, not by init. (An ipykernel orphaned before it started watching
its parent exits only when init adopts it; under a subreaper it runs on. A test on a plain machine
would not see that leak.)

    python tests/support/reaper.py COMMAND ARGS...

SIGINT and SIGTERM are passed on to the command. Once it has exited, what it left behind gets
GRACE seconds to end; the exit status is how many did not (those are then killed, so a test run
leaves nothing behind either way)."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
GRACE = 10.0


def main(argv: list[str]) -> int:
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("reaper: this system cannot make a child subreaper", file=sys.stderr)
        return 100
    command = subprocess.Popen(argv)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: command.poll() is None and command.send_signal(number))
    command.wait()
    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                time.sleep(0.1)  # some still run
        except ChildProcessError:
            return 0  # nothing left
    left = [int(p.name) for p in os.scandir("/proc") if p.name.isdigit() and _parent(p.name) == os.getpid()]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    print(f"reaper: {len(left)} process(es) still running {GRACE:.0f} s after the command exited: {left}",
          file=sys.stderr)
    return len(left)


def _parent(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
