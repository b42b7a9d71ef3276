"""The commands that start a server: lab and demo."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from ..inputs.casebook import kit_root
from .common import EXIT_OK, EXIT_UNREADABLE


def cmd_lab(args: argparse.Namespace) -> int:
    root = kit_root()
    if root is None or not (root / "course").is_dir():
        print("Cannot find the course folder; run this from the kit's folder.", file=sys.stderr)
        return EXIT_UNREADABLE
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or shutil.which("jupyter")
    if jupyter is None:
        print("JupyterLab is not installed in this environment; run the set-up command from the README.", file=sys.stderr)
        return EXIT_UNREADABLE
    start = "course/00_start_here.ipynb"
    cmd = [jupyter, "lab", f"--LabApp.default_url=/lab/tree/{start}"]
    if not any(a.startswith("--ServerApp.root_dir") for a in args.jupyter_args):  # a learner's own copy
        cmd.append(f"--ServerApp.root_dir={root}")
    if args.port:
        cmd.append(f"--port={args.port}")
    if args.no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI often run as root
    cmd += args.jupyter_args
    print("Starting JupyterLab on the course. Press Ctrl+C twice to stop it.")
    from ..classroom.run import (
        kit_env,  # the formgrader creates its gradebook with the environment's alembic
    )

    # JupyterLab takes this process's place: a service manager's or a hub's SIGTERM (or Ctrl+C) then
    # reaches it directly, and it stops its kernels and leaves nothing behind.
    from ..widgets.course_kernel import course_ipython_dir

    # the course's kernels answer a learner's mistake in a plain sentence (widgets/course_kernel.py)
    env = dict(kit_env(), IPYTHONDIR=str(course_ipython_dir()))
    sys.stdout.flush()
    os.chdir(root)
    os.execve(cmd[0], cmd, env)
    return EXIT_OK  # not reached


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo.app import serve

    if args.max_visitors < 1:
        print("--max-visitors must be 1 or more.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.max_memory and args.max_memory < 500:
        print("--max-memory is in MB and must leave room for the server and a few kernels (500 or more), "
              "or be 0 for no limit.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.preheat < 1:
        print("--preheat is the number of kernels kept ready per page: 1 or more.", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Serving the demo pages at http://{args.host}:{args.port}/ (Ctrl+C stops it).", flush=True)
    for name in ("pages_per_minute", "connect_within", "kernel_memory", "kernel_cpu"):
        if getattr(args, name) < 1:
            print(f"--{name.replace('_', '-')} must be 1 or more.", file=sys.stderr)
            return EXIT_UNREADABLE
    serve(port=args.port, host=args.host, max_visitors=args.max_visitors, rendering=args.rendering,
          max_memory=args.max_memory, preheat=args.preheat, pages_per_minute=args.pages_per_minute,
          connect_within=args.connect_within, kernel_memory=args.kernel_memory, kernel_cpu=args.kernel_cpu,
          trust_proxy=args.trust_proxy)
    return EXIT_OK
