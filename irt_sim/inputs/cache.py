"""A cache of parsed YAML, so each notebook kernel (a grading run starts one per submission) parses
the casebook once per change, not once per kernel: parsing the casebook's YAML costs about a
second, validating what was parsed a fiftieth of that.

Each entry is the plain data and line numbers that irt_sim.inputs.yamlfile.read_yaml made of one file's
text, as JSON, named by a hash of the text and of the reader itself, so any edit, by a trainer or to
the kit, makes a fresh parse. JSON holds data only: a planted entry can never run code (a pickle
could), and the models still validate whatever comes out. Entries are readable by all, writable by
the user alone. The folder is the user's cache folder
($IRT_ACADEMY_CACHE, else $XDG_CACHE_HOME/irt-academy, else ~/.cache/irt-academy); grading kernels
may read it, never write it (irt_sim.classroom.sandbox). If the cache cannot be read or written, the file is
simply parsed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .problems import FieldPath

Parsed = tuple[Any, dict[FieldPath, int]]


def cache_dir() -> Path:
    if os.environ.get("IRT_ACADEMY_CACHE"):
        return Path(os.environ["IRT_ACADEMY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "irt-academy"


@lru_cache(maxsize=1)
def _reader_key() -> bytes:
    """Changes whenever the reader could parse the same text differently."""
    import ruamel.yaml

    reader = Path(__file__).with_name("yamlfile.py").read_bytes()
    return hashlib.sha256(ruamel.yaml.__version__.encode() + b"\0" + reader).digest()


def parsed(text: str, parse: Callable[[], Parsed]) -> Parsed:
    """``parse()``'s result for ``text``, from the cache when this text was parsed before."""
    key = hashlib.sha256(_reader_key() + text.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    try:
        where = cache_dir() / f"yaml-{key}.json"
        with open(where, encoding="utf-8") as f:
            stored = json.load(f)
        return stored["data"], {tuple(path): int(line) for path, line in stored["lines"]}
    except Exception:  # missing or damaged: parse it again  # noqa: BLE001
        pass
    data, lines = parse()
    try:
        # others may read (a grading kernel runs under an account of its own; the entries hold what the
        # YAML files themselves hold), only the user may write
        where.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        with tempfile.NamedTemporaryFile("w", dir=where.parent, delete=False, encoding="utf-8", suffix=".tmp") as f:
            json.dump({"data": data, "lines": [[list(p), n] for p, n in lines.items()]}, f)
        os.chmod(f.name, 0o644)
        os.replace(f.name, where)  # atomic: parallel grading workers never read half a file
    except Exception:  # a read-only home, a full disk or a sandbox only costs speed  # noqa: BLE001
        pass
    return data, lines


def open_to_readers() -> None:
    """Let grading kernels (accounts of their own) read the cache: a folder made before, or by
    tempfile, may be private. Writing stays the user's alone."""
    try:
        folder = cache_dir()
        folder.chmod(0o755)
        for entry in folder.glob("yaml-*.json"):
            entry.chmod(0o644)
    except OSError:  # not ours, or gone: the kernels parse for themselves
        pass
