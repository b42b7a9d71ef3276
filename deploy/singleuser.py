"""A cohort member's Jupyter server: their own copy of the course notebooks, made once in their home
(so their work is theirs and a kit update never overwrites it), then jupyterhub-singleuser.

Run by the hub (deploy/jupyterhub_config.py sets it as the spawner's command) as the user
themselves, whatever the spawner: TLJH's systemd units, Kubernetes pods or local processes."""

import os
import shutil
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
COPY = Path.home() / "irt-course"

if not COPY.exists() and (KIT / "course").is_dir():
    shutil.copytree(KIT / "course", COPY, ignore=shutil.ignore_patterns("pages", ".ipynb_checkpoints"))
singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
os.execv(singleuser, [str(singleuser), *sys.argv[1:]])
