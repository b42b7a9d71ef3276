"""The grading sandbox: every kernel that runs a learner's notebook for grading runs inside
bubblewrap (Debian's ``bubblewrap``), where it can read only the kit's installed code and casebook
and Python itself, and write only a home folder and a /tmp of its own, both in memory with a
size (the scratch folder that holds its connection file and sockets is closed to it once they exist).

The kernel gets no network, its own process, IPC and host-name namespaces (so /proc shows no
grader, no trainer and no other learner), a clean environment (no tokens of the trainer's), an
unprivileged account of its own when the kit runs as root, and limits on memory, CPU time, the
number of processes and the size of a file. When the kernel ends, bubblewrap's namespace ends with
it, so a child the learner left running dies too. The kernel talks to the grader over Unix sockets
in its scratch folder (ZeroMQ's ``ipc`` transport), because it has no network to reach the
grader's ports.

nbgrader uses it through nbclient's public ``kernel_manager_class`` setting
(exercises/nbgrader_config.py), so `irt-academy grade`, `nbgrader autograde` and the formgrader's
button all grade the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jupyter_client import AsyncKernelManager

#: Set to 1 to grade without the sandbox on a machine that cannot run bubblewrap (a learner's
#: code then runs with the grader's rights: only for exercises you trust).
UNSANDBOXED = "IRT_GRADE_UNSANDBOXED"


@dataclass(frozen=True)
class Limits:
    """What one grading kernel may use. A notebook of the kit's exercises needs about 300 MB and a
    few seconds of CPU; the limits leave room for a learner's slow but honest answer."""

    memory_mb: int = 2048  # address space; Python with pandas maps about 1 GB of it
    cpu_seconds: int = 300
    processes: int = 64  # threads count too: a kernel runs about 10
    file_mb: int = 64
    tmp_mb: int = 64  # /tmp is in memory
    home_mb: int = 64  # so is the home folder, the kernel's working folder


LIMITS = Limits()


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run here; the message says what to install or set."""


def _bwrap() -> str | None:
    return shutil.which("bwrap") or ("/usr/bin/bwrap" if os.path.exists("/usr/bin/bwrap") else None)


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@lru_cache(maxsize=1)
def problem() -> str | None:
    """None when the sandbox can run here, else a plain sentence saying why not and what to do."""
    if os.environ.get(UNSANDBOXED) == "1":
        return None
    if not sys.platform.startswith("linux"):
        return "the grading sandbox needs Linux (bubblewrap)."
    bwrap = _bwrap()
    if bwrap is None:
        return ("the grading sandbox needs bubblewrap: install it (sudo apt-get install bubblewrap), or set "
                f"{UNSANDBOXED}=1 to grade without it (learners' code then runs with your rights).")
    with tempfile.TemporaryDirectory(prefix="irt-sbx-") as scratch:
        probe = sandbox_command(["/bin/true"], Path(scratch), uid=None)
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        return (f"bubblewrap cannot start a sandbox here ({done.stderr.strip()[:200]}); on a container or a "
                f"locked-down host allow user namespaces, or set {UNSANDBOXED}=1 to grade without it.")
    return None


def require() -> None:
    """Raise SandboxUnavailable with a plain message when grading cannot be sandboxed."""
    reason = problem()
    if reason:
        raise SandboxUnavailable(reason)


def _readable_roots() -> list[Path]:
    """What a grading kernel may read: Python, the kit's environment, the kit's code and casebook,
    and the casebook load cache (JSON, read only)."""
    import irt_sim

    from ..inputs.casebook import default_casebook_dir
    from ..inputs.cache import cache_dir

    roots = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).resolve().parent.parent,
             Path(irt_sim.__file__).resolve().parent, default_casebook_dir().resolve()}
    cache = cache_dir()
    if cache.is_dir():
        roots.add(cache.resolve())
    return sorted(r for r in roots if r.exists())


#: System folders every program needs, read only; /etc only the files Python and fonts read.
_SYSTEM = ("/usr", "/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/mime.types")


def sandbox_command(cmd: list[str], scratch: Path, *, uid: int | None, limits: Limits = LIMITS) -> list[str]:
    """``cmd`` wrapped in bubblewrap: reads as _readable_roots says, writes only ``scratch`` (its home)
    and a small /tmp in memory, no network. ``uid``: the unprivileged account to run as (when the kit is root)."""
    args = [_bwrap() or "bwrap", "--die-with-parent", "--new-session", "--unshare-ipc", "--unshare-pid",
            "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--clearenv"]
    if not _as_root():
        args.append("--unshare-user")  # an unprivileged bubblewrap needs a user namespace
    for name in ("lib", "lib64", "lib32", "bin", "sbin"):  # Debian's merged /usr
        target = os.path.join("/", name)
        if os.path.islink(target):
            args += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            args += ["--ro-bind", target, target]
    for path in _SYSTEM:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    from ..inputs.cache import cache_dir

    # /tmp first: the kit itself may live below /tmp (a CI checkout), and a tmpfs mounted after its
    # binds would hide it
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", str(limits.tmp_mb * 1024 * 1024),
             "--tmpfs", "/tmp"]
    roots = _readable_roots()
    parents = sorted({str(a) for r in [*roots, scratch] for a in r.parents if str(a) not in ("/", "/tmp")}, key=len)
    for parent in parents:  # bubblewrap would make them private (0700); the kernel's account walks through
        args += ["--perms", "0755", "--dir", parent]
    for root in roots:
        args += ["--ro-bind", str(root), str(root)]
    home = scratch / "home"
    # the scratch folder only for the connection file and the sockets; the home in memory, with a size
    args += ["--bind", str(scratch), str(scratch), "--perms", "1777", "--size", str(limits.home_mb * 1024 * 1024),
             "--tmpfs", str(home), "--chdir", str(home)]
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "TMPDIR": "/tmp", "IPYTHONDIR": str(home / ".ipython"), "MPLCONFIGDIR": str(home / ".matplotlib"),
           "JUPYTER_RUNTIME_DIR": str(home / ".runtime"), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    for name in ("IRT_ACADEMY_CASEBOOK", "IRT_GRADED_CASE"):  # the casebook, and the case this submission is graded on
        if os.environ.get(name):
            env[name] = os.environ[name]
    # the grader's parse cache, read only: the kernel's own home would hold none (a second a notebook)
    env["IRT_ACADEMY_CACHE"] = str(cache_dir().resolve())
    for key, value in env.items():
        args += ["--setenv", key, value]
    args += ["--", "/usr/bin/prlimit", f"--as={limits.memory_mb * 1024 * 1024}", f"--cpu={limits.cpu_seconds}",
             f"--fsize={limits.file_mb * 1024 * 1024}", f"--nproc={_nproc(limits, uid)}", "--core=0", "--"]
    if uid is not None:  # drop root for good: RLIMIT_NPROC is not enforced on root
        args += ["/usr/bin/setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs",
                 "--inh-caps=-all", "--bounding-set=-all", "--"]
    home.mkdir(exist_ok=True)
    return args + cmd


def _nproc(limits: Limits, uid: int | None) -> int:
    """RLIMIT_NPROC counts every process of the account: a kernel with an account of its own gets the
    limit as it is; one sharing the trainer's account gets it on top of what the account runs now."""
    if uid is not None or not os.path.isdir("/proc"):
        return limits.processes
    mine = os.getuid()
    running = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Uid:"):
                running += int(line.split()[1]) == mine
                break
    return running + limits.processes


def _fresh_uid() -> int:
    """An account number no one uses, one per kernel, so no kernel can touch another's files."""
    return 200_000 + secrets.randbelow(800_000)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the grading sandbox (see the module's docstring)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if problem() and os.environ.get(UNSANDBOXED) != "1":
            raise SandboxUnavailable(problem())
        self._sandboxed = os.environ.get(UNSANDBOXED) != "1"
        self._scratch = Path(tempfile.mkdtemp(prefix="irt-k-"))
        self._uid = _fresh_uid() if _as_root() else None
        if self._sandboxed:
            self.transport = "ipc"  # no network inside: ZeroMQ over Unix sockets in the scratch folder
            self.ip = str(self._scratch / "k")
            self.connection_file = str(self._scratch / "kernel.json")
            (self._scratch / "home").mkdir()
            # With an account of its own the kernel may create its sockets here (others' write bit)
            # until they exist; then the folder is closed to it (see _close_scratch).
            os.chmod(self._scratch, 0o733 if self._uid is not None else 0o700)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if not self._sandboxed:
            return cmd
        # A signal would reach bubblewrap, not the kernel inside it: interrupt a cell that runs too
        # long by a message on the control channel instead (ipykernel handles it).
        self.kernel_spec.interrupt_mode = "message"
        if self._uid is not None:  # the kernel's own account reads its connection file
            os.chown(self.connection_file, self._uid, self._uid)
        return sandbox_command(cmd, self._scratch, uid=self._uid)

    async def _async_post_start_kernel(self, **kw) -> None:
        await super()._async_post_start_kernel(**kw)
        if self._sandboxed and self._uid is not None:
            asyncio.ensure_future(self._close_scratch())

    async def _close_scratch(self, wait_s: float = 60.0) -> None:
        """Once the kernel has made its five sockets, it may write nowhere on disk: its home and /tmp
        are in memory with a size. (Under the trainer's own account the kernel owns the folder and
        could open it again: there only the limit on a file's size holds.)"""
        for _ in range(int(wait_s / 0.05)):  # shell, iopub, stdin, control and heartbeat
            if len([p for p in self._scratch.glob("k-*") if p.is_socket()]) >= 5:
                break
            await asyncio.sleep(0.05)
        with contextlib.suppress(OSError):
            os.chmod(self._scratch, 0o711)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._scratch, ignore_errors=True)
