"""Attacks from a learner's notebook on the grading run, each graded for real with `irt-academy grade`.

One attacker's answer cells try, each in its own cell, what a learner could try from the kernel:
read the trainer's source notebooks and gradebook (through the folders above and /proc/<pid>/cwd),
write into the trainer's course, reach the network, read the trainer's environment, leave a
process running, start hundreds of processes and take a lot of memory. An honest learner is
graded in the same run. With the sandbox each attempt fails; without it (IRT_GRADE_UNSANDBOXED=1)
these tests fail."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import socket
import threading
from pathlib import Path

import nbformat
import pytest

from irt_sim.classroom import sandbox
from irt_sim.cli import main

from ..support.course import released_course

pytestmark = pytest.mark.skipif(sandbox.problem() is not None, reason=f"no sandbox here: {sandbox.problem()}")

SECRET = "s3cret-token-of-the-trainer"
MARKER = "irt-orphan-marker-7731"

# Each attack prints what it got; the answer itself is left blank, so the attacker scores 0 either way.
ATTACKS = {
    "answer_1": '''
import os, glob
answer_1 = ""
places = {os.getcwd()}
for pid in os.listdir("/proc"):
    try:
        places.add(os.readlink(f"/proc/{pid}/cwd"))
    except (OSError, ValueError):
        pass
for place in sorted(places):
    parts = place.split("/")
    for i in range(len(parts), 1, -1):
        base = "/".join(parts[:i])
        for nb in glob.glob(base + "/source/*/*.ipynb") + glob.glob(base + "/gradebook.db"):
            try:
                print("READ", nb, open(nb, "rb").read()[:20000])
            except OSError:
                pass
            try:
                open(os.path.join(os.path.dirname(nb), "PWNED"), "w").write("x")
                print("WROTE", nb)
            except OSError:
                pass
''',
    "answer_2": '''
import os, socket
answer_2 = ""
print("ENV", os.environ.get("IRT_TEST_SECRET"))
try:
    s = socket.create_connection(("127.0.0.1", PORT), timeout=2)
    print("CONNECTED")
except Exception as exc:
    print("NO NETWORK", type(exc).__name__)
''',
    "answer_3": '''
import subprocess, sys
answer_3 = ""
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", MARKER], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
started = []
try:
    for _ in range(300):
        started.append(subprocess.Popen(["sleep", "30"]))
except OSError as exc:
    pass
print("STARTED", len(started))
for p in started:
    p.kill()
''',
    "answer_4": '''
answer_4 = ""
try:
    big = bytearray(3 * 1024 ** 3)
    big[::4096] = b"x" * len(big[::4096])
    print("ALLOCATED")
except MemoryError:
    print("REFUSED")
big = None
import os
home = os.getcwd()
for place in (home, "/tmp", os.path.dirname(home)):  # fill the disk: 6 files of 64 MB each place
    wrote = 0
    for i in range(6):
        try:
            with open(os.path.join(place, f"fill{i}"), "wb") as f:
                for _ in range(64):
                    f.write(b"x" * (1 << 20))
                    wrote += 1
        except OSError:
            break
    print("DISK", "scratch" if place != home and place != "/tmp" else place.replace(home, "home"), wrote)
''',
}


# Wrong answers, and grading helpers rebound so that every check passes and every hidden test gives 1.
REBINDER = {
    "answer_1": '''
import irt_sim.grading, sys
irt_sim.grading.grade_scenario = lambda *a, **k: 1.0
sys.modules["irt_sim.grading"].grade_scenario = irt_sim.grading.grade_scenario
check_choice = lambda *a, **k: None
answer_1 = "irt"
''',
    "answer_2": '''
get_ipython().events.register("post_run_cell", lambda result: print("4 of" + " 4 FORGED"))
answer_2 = "irt"
''',
    "answer_3": '''
from IPython.display import HTML, Javascript, SVG, display
display(HTML('<script>window.PWNED = 1</script><img src=x onerror="window.PWNED = 2"><b>bold is fine</b>'))
display(Javascript("window.PWNED = 3"))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg"><script>window.PWNED = 4</script></svg>'))
answer_3 = "irt"
''',
    "answer_4": 'answer_4 = "arc"',
}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("attack")
    course = released_course(base, "irt_or_not")
    release = nbformat.read(course / "release" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    connections = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):
                connections.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    subs = base / "submissions"
    for student, cells in (("attacker", ATTACKS), ("honest", None), ("rebinder", REBINDER)):
        nb = nbformat.from_dict(json.loads(json.dumps(release)))
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
            if gid.startswith("answer_"):
                right = {"1": "committee", "2": "referral", "3": "arc", "4": "irt"}[gid[-1]]
                c.source = (cells[gid].replace("PORT", str(port)).replace("MARKER", repr(MARKER)) if cells
                            else f'{gid} = "{right}"')
        if student == "rebinder":  # and a Markdown cell of the learner's own, with a script in it
            nb.cells.append(nbformat.v4.new_markdown_cell('My notes <script>window.PWNED = 5</script>'))
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "irt_or_not.ipynb")
    os.environ["IRT_TEST_SECRET"] = SECRET
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            code = main(["grade", "irt_or_not", "--submissions", str(subs), "--course", str(course), "--workers", "2"])
    finally:
        os.environ.pop("IRT_TEST_SECRET", None)
        stop.set()
    autograded = nbformat.read(course / "autograded" / "attacker" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    said = {c.metadata["nbgrader"]["grade_id"]: "".join(o.get("text", "") for o in c.get("outputs", []))
            for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("answer_")}
    return course, base, code, out.getvalue(), said, connections


def test_the_honest_learner_is_graded_as_before(attacked):
    course, _, code, out, _, _ = attacked
    assert code == 0, out
    rows = (course / "grades-irt_or_not.csv").read_text().splitlines()
    assert any(r.startswith("irt_or_not,honest,") and ",4.0," in r for r in rows), rows


def test_a_learner_cannot_read_the_source_or_the_gradebook(attacked):
    course, _, _, _, said, _ = attacked
    assert "READ" not in said["answer_1"], said["answer_1"][:300]
    feedback = (course / "feedback" / "attacker" / "irt_or_not" / "irt_or_not.html").read_text()
    assert "grade_scenario" not in feedback and "BEGIN HIDDEN TESTS" not in feedback


def test_a_learner_cannot_write_into_the_course(attacked):
    course, base, _, _, said, _ = attacked
    assert "WROTE" not in said["answer_1"]
    assert not list(base.rglob("PWNED"))


def test_a_learner_has_no_network_and_no_secrets(attacked):
    _, _, _, _, said, connections = attacked
    assert connections == []
    assert "CONNECTED" not in said["answer_2"] and "NO NETWORK" in said["answer_2"]
    assert SECRET not in said["answer_2"]


def test_no_process_outlives_the_grading_run(attacked):
    alive = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if MARKER.encode() in cmdline.read_bytes():
                alive.append(cmdline.parent.name)
    assert alive == []


def test_a_learner_cannot_start_hundreds_of_processes_or_take_the_memory(attacked):
    _, _, _, _, said, _ = attacked
    started = int(said["answer_3"].split("STARTED")[1].split()[0])
    assert started < sandbox.LIMITS.processes
    assert "REFUSED" in said["answer_4"]


def test_a_learner_cannot_fill_the_disk(attacked):
    """The home and /tmp are in memory with 64 MB each; the scratch folder, which holds the kernel's
    sockets, is closed to a kernel with an account of its own once they exist."""
    _, _, _, _, said, _ = attacked
    wrote = dict(re.findall(r"^DISK (\S+) (\d+)$", said["answer_4"], flags=re.M))
    assert set(wrote) == {"home", "/tmp", "scratch"}, said["answer_4"][:500]
    assert 0 < int(wrote["home"]) <= 64 and 0 < int(wrote["/tmp"]) <= 64, wrote  # its own, with a size
    if os.geteuid() == 0:
        assert int(wrote["scratch"]) == 0, wrote


def test_without_bubblewrap_grading_refuses_with_a_plain_message(attacked, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    sandbox.problem.cache_clear()
    try:
        code = main(["grade", "irt_or_not", "--submissions", str(tmp_path), "--course", str(attacked[0])])
    finally:
        sandbox.problem.cache_clear()
    said = capsys.readouterr()
    assert code != 0
    assert "bubblewrap" in said.out + said.err and "Traceback" not in said.out + said.err


def test_a_rebound_grading_helper_changes_no_score_and_is_reported(attacked):
    course, _, _, out, _, _ = attacked
    rows = (course / "grades-irt_or_not.csv").read_text().splitlines()
    assert any(r.startswith("irt_or_not,rebinder,") and ",0.0," in r for r in rows), rows
    assert "rebinder: Scenario 1 scored 1 in the learner's own kernel but 0" in out, out
    graded = nbformat.read(course / "autograded" / "rebinder" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    tests = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")]
    assert len(tests) == 4 and "4 of 4 FORGED" not in json.dumps([c.outputs for c in tests])


def test_a_learners_html_and_scripts_never_reach_a_page_someone_opens(attacked):
    course = attacked[0]
    nb = nbformat.read(course / "autograded" / "rebinder" / "irt_or_not" / "irt_or_not.ipynb", as_version=4)
    graded = json.dumps([c.get("outputs", []) for c in nb.cells] + [c.source for c in nb.cells if c.cell_type == "markdown"])
    feedback = (course / "feedback" / "rebinder" / "irt_or_not" / "irt_or_not.html").read_text()
    for page in (graded, feedback):
        assert "<script>window.PWNED" not in page
        assert not re.search(r"<img[^>]*onerror", page)
        assert "application/javascript" not in page and "image/svg+xml" not in page
    assert "<b>bold is fine</b>" in feedback


def test_a_kit_below_tmp_is_still_readable_inside(tmp_path, monkeypatch):
    """A CI checkout lives below /tmp; the sandbox's own /tmp must not hide it."""
    import subprocess
    import tempfile

    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "code.py").write_text("print('kit code')\n")
    kit.chmod(0o755)
    for parent in kit.parents:
        if str(parent).startswith("/tmp/"):
            parent.chmod(parent.stat().st_mode | 0o755)
    (kit / "code.py").chmod(0o644)
    monkeypatch.setattr(sandbox, "_readable_roots", lambda: [kit])
    with tempfile.TemporaryDirectory(prefix="irt-sbx-") as scratch:
        uid = sandbox._fresh_uid() if sandbox._as_root() else None
        if uid is not None:
            os.chown(scratch, uid, uid)
        cmd = sandbox.sandbox_command(["/bin/cat", str(kit / "code.py")], Path(scratch), uid=uid)
        if uid is not None:
            os.chown(Path(scratch) / "home", uid, uid)
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and "kit code" in done.stdout, done.stderr
