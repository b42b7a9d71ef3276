"""A cache of loaded casebooks, so each notebook kernel (a grading run starts one per submission)
reads the YAML once per change, not once per kernel: parsing the casebook costs about half a
second, reading the cache a few milliseconds.

The key is a hash of every casebook file's path and bytes and of the kit's own code and data
files, so any edit, by a trainer or to the kit, makes a fresh load. One file per casebook folder
in the user's cache folder ($IRT_ACADEMY_CACHE, else $XDG_CACHE_HOME/irt-academy, else
~/.cache/irt-academy); it is a pickle, so it lives only where the user alone can write. If the cache
cannot be read or written, the casebook is simply loaded from its files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
_KIT_CODE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    if os.environ.get("IRT_ACADEMY_CACHE"):
        return Path(os.environ["IRT_ACADEMY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "irt-academy"


def fingerprint(root: Path) -> str:
    h = hashlib.sha256(sys.version.encode())
    for folder, patterns in ((_KIT_CODE, ("*.py", "*.yaml")), (root, ("*.yaml", "*.yml"))):
        files = sorted({p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()})
        for p in files:
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def cached(root: Path, build: Callable[[], T]) -> T:
    """``build()``'s result for the casebook folder ``root``, from the cache when nothing has changed."""
    try:
        key = fingerprint(root)
        where = cache_dir() / f"casebook-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}.pickle"
    except OSError:
        return build()
    try:
        with open(where, "rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:
            return value
    except Exception:  # missing, stale or damaged: build it again  # noqa: BLE001
        pass
    value = build()
    try:
        where.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile("wb", dir=where.parent, delete=False) as f:
            pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, where)  # atomic: parallel grading workers never read half a file
    except Exception:  # a read-only home or a full disk only costs speed  # noqa: BLE001
        pass
    return value
