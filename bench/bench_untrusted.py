"""Hostile input against its baseline, measured in this run.

- A 306-byte YAML alias bomb (9^9 values once expanded) against the largest casebook file: the time
  and the memory the reader takes to refuse it (target: under 1 s and 100 MB).
- The issue's own files: a 50 MB value in a casebook file (it took 230 s before) and a 2.4 MB zip
  that expands to 2.46 GB (no limit before): the time and the disk each costs now.
- A burst of 30 slow requests at `irt-academy demo --rendering plain --max-visitors 3`, and 20 at
  `--max-memory 700`, and the issue's own 100 slow requests at `--max-visitors 20 --max-memory 4096`
  (104 kernels and 8.8 GB before): the most kernels and the most memory seen in /proc while it lasts, against the
  caps (targets: never more kernels than places, never more memory than the limit plus one kernel).

    .venv/bin/python bench/bench_untrusted.py
"""

from __future__ import annotations

import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from irt_sim.inputs.yamlfile import InputError
from irt_sim.demo import child_pids, resident_mb
from irt_sim.inputs.yamlfile import read_yaml

KIT = Path(__file__).resolve().parent.parent
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8))


def timed(text: str) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        read_yaml(text, "f.yaml")
        said = "parsed"
    except InputError as exc:
        said = str(exc)[:70]
    return time.perf_counter() - start, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, said


def big_value() -> tuple[float, str]:
    """A casebook file with one 50 MB value, checked as `irt-academy casebook check` checks it."""
    from irt_sim.inputs.casebook import load_casebook

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "casebook"
        shutil.copytree(KIT / "casebook", book)
        (book / "customers" / "huge.yaml").write_text("id: huge\nname: " + "x" * (50 << 20) + "\n", encoding="utf-8")
        start = time.perf_counter()
        found = load_casebook(book, cache=False)
        seconds = time.perf_counter() - start
        said = [str(p) for p in found.problems if "huge" in str(p)]
        return seconds, said[0] if said else "no problem found"


def zip_bomb() -> tuple[float, float, int, list[str]]:
    """A zip of 2.4 MB whose one notebook expands to 2.46 GB, unpacked as `irt-academy grade` unpacks it."""
    from irt_sim.classroom.submissions import _unzip

    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "class.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            with z.open("class/bomber/irt_or_not.ipynb", "w", force_zip64=True) as member:
                block = b" " * (1 << 20)
                for _ in range(2460):
                    member.write(block)
        target = Path(tmp) / "out"
        target.mkdir()
        start = time.perf_counter()
        lines = _unzip(archive, target)
        seconds = time.perf_counter() - start
        left = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
        return archive.stat().st_size / 1e6, seconds, left, lines


def burst(args: list[str], n: int) -> tuple[list[int], int, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "irt-academy"), "demo", f"--port={port}",
                             "--pages-per-minute=1000", *args], cwd=KIT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    most = {"kernels": 0, "memory": 0.0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            pids = child_pids(proc.pid)
            most["kernels"] = max(most["kernels"], len(pids))
            most["memory"] = max(most["memory"], resident_mb(proc.pid) + sum(resident_mb(p) for p in pids))
            time.sleep(0.05)

    def get(_):
        try:
            return urllib.request.urlopen(base + "/voila/render/team_explorer.ipynb", timeout=120).status
        except urllib.error.HTTPError as e:
            return e.code

    watcher = threading.Thread(target=sample)
    watcher.start()
    try:
        with ThreadPoolExecutor(n) as pool:
            statuses = list(pool.map(get, range(n)))
    finally:
        done.set()
        watcher.join()
        proc.terminate()
        proc.wait(timeout=30)
    return statuses, most["kernels"], most["memory"]


def main() -> None:
    largest = max((KIT / "casebook").rglob("*.yaml"), key=lambda p: p.stat().st_size)
    base_s, base_mb, _ = timed(largest.read_text(encoding="utf-8"))
    bomb_s, bomb_mb, said = timed(BOMB)
    print(f"baseline: the largest casebook file ({largest.name}, {largest.stat().st_size:,} bytes) parses in "
          f"{base_s:.3f} s, +{base_mb:.0f} MB")
    print(f"alias bomb ({len(BOMB)} bytes): refused in {bomb_s:.3f} s ({bomb_s / base_s:.2f}x the baseline), "
          f"+{bomb_mb:.0f} MB (targets: under 1 s and 100 MB): {said}")
    seconds, said = big_value()
    print(f"a 50 MB value in a casebook file: answered in {seconds:.2f} s (230 s before), message of {len(said)} "
          f"characters: {said[:160]!r}")
    size, seconds, left, lines = zip_bomb()
    print(f"a {size:.1f} MB zip expanding to 2.46 GB: unpacked in {seconds:.2f} s, {left / 1e6:.1f} MB left on disk "
          f"({left / 2.46e9:.4f}x the expanded size): {lines}")
    statuses, kernels, _ = burst(["--rendering=plain", "--max-visitors=3", "--max-memory=0"], 30)
    print(f"30 slow requests, 3 places: {statuses.count(200)} pages, {statuses.count(503)} busy; at most {kernels} "
          f"kernel(s) at once = {kernels / 3:.2f}x the cap (target at most 1.00x)")
    limit = 700
    statuses, kernels, memory = burst(["--rendering=plain", "--max-visitors=50", f"--max-memory={limit}"], 20)
    print(f"20 slow requests, {limit} MB: {statuses.count(200)} pages, {statuses.count(503)} busy; at most "
          f"{memory:.0f} MB = {memory / limit:.2f}x the limit (target at most the limit plus one kernel of about "
          f"150 MB, {(limit + 150) / limit:.2f}x)")
    limit = 4096
    statuses, kernels, memory = burst(["--rendering=plain", "--max-visitors=20", f"--max-memory={limit}"], 100)
    print(f"100 slow requests, 20 places and {limit} MB: {statuses.count(200)} pages, {statuses.count(503)} busy; at "
          f"most {kernels} kernel(s) ({kernels / 20:.2f}x the cap) and {memory:.0f} MB ({memory / limit:.2f}x the limit)")


if __name__ == "__main__":
    main()
