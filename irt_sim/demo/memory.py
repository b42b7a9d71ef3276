"""Counting what the demo's kernels hold, from /proc, and the limits each kernel runs under."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_client.ioloop import AsyncIOLoopKernelManager

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_mb(pid: int) -> float:
    """A process's resident memory in MB, from /proc (0 where there is no /proc, or it has gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * _PAGE_BYTES / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def child_pids(pid: int) -> list[int]:
    """The direct children of a process (a demo server's kernels, those still starting too), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:  # the parent's pid
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def children_mb(pid: int) -> list[float]:
    """Resident MB of each direct child of a process, from /proc; for measuring a running demo from
    outside (tests, bench/)."""
    return [resident_mb(child) for child in child_pids(pid)]


#: A kernel's resident memory before it has run its page, for places reserved but not yet started.
KERNEL_MB = 150.0


class LimitedKernelManager(AsyncIOLoopKernelManager):
    """A demo kernel under limits of its own (prlimit, from util-linux): address space and CPU time, as
    DemoVoila's kernel_memory and kernel_cpu say. A kernel past them fails alone."""

    limits: tuple[int, int] | None = None  # (MB, seconds), set by the demo app

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        prlimit = "/usr/bin/prlimit"
        if not os.path.exists(prlimit) or self.limits is None:
            return cmd
        memory_mb, cpu_seconds = self.limits
        return [prlimit, f"--as={memory_mb * 2**20}", f"--cpu={cpu_seconds}", "--core=0", "--", *cmd]
