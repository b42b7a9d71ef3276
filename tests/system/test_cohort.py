"""Cohort mode on a real JupyterHub (deploy/): a trainer and three learners, each on their own Unix
account, take an exercise through nbgrader's exchange: the trainer releases it, learners fetch it,
answer and submit, the trainer collects and autogrades, and each learner fetches their feedback. All
of it through the hub's REST API, the learners' servers and the trainer's grading service, as the
buttons in JupyterLab would. Then the isolation checks: no learner can find another's submission or
read the course source, hidden tests or gradebook, or reach the grading service or another's server."""

from __future__ import annotations

import json
import os
import pwd
import time
from pathlib import Path

import pytest

from irt_sim.demo import PAGES

from ..support import cohort_hub
from ..support import KIT
from ..support.servers import fetch

why_not = cohort_hub.missing()
pytestmark = pytest.mark.skipif(why_not is not None, reason=why_not or "")

ASSIGNMENT = "irt_or_not"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
HIDDEN = "_grade_scenario("  # the hidden tests of this exercise: learners must never see them
FULL = {"1": "committee", "2": "referral", "3": "arc", "4": "irt"}
# learner 1 answers every scenario, learner 2 only the first, learner 3 hands the template in untouched
ANSWERS = [FULL, {"1": "committee"}, None]


def _answer(cell: str, answers: dict) -> str | None:
    number = cell.removeprefix("answer_")
    return f'answer_{number} = "{answers[number]}"' if number in answers else None


@pytest.fixture(scope="module", params=["service", "shared-server"])
def hub(request):
    """One machine (the formgrader is a hub service), then as on Kubernetes (the grader account's
    server, shared with trainers)."""
    hub = cohort_hub.start(learners=3, grading=request.param)
    try:
        yield hub
    finally:
        cohort_hub.stop(hub)


@pytest.fixture(scope="module")
def round_trip(hub):
    """The whole exchange, step by step; a step that fails says which."""
    step = "start the learners' servers"
    try:
        for user in hub.learners:
            hub.start_server(user)
        step = "the trainer generates and releases the assignment"
        hub.formgrader(f"assignment/{ASSIGNMENT}/assign")
        hub.formgrader(f"assignment/{ASSIGNMENT}/release")
        fetched = {}
        for user, team in zip(hub.learners, ANSWERS):
            step = f"{user} fetches the assignment"
            listed = hub.learner_action(user, "fetch", ASSIGNMENT)
            fetched[user] = listed
            token = hub.token_for(user)
            if team is not None:
                step = f"{user} writes an answer"
                model = hub.api("GET", f"/user/{user}/api/contents/{NOTEBOOK}", token)
                for cell in model["content"]["cells"]:
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
                    if gid.startswith("answer_") and _answer(gid, team):
                        cell["source"] = _answer(gid, team)
                hub.api("PUT", f"/user/{user}/api/contents/{NOTEBOOK}", token,
                        body={"type": "notebook", "format": "json", "content": model["content"]})
            step = f"{user} submits"
            hub.learner_action(user, "submit", ASSIGNMENT)
        step = "the trainer collects and autogrades"
        hub.formgrader(f"assignment/{ASSIGNMENT}/collect")
        for user in hub.learners:
            hub.formgrader(f"submission/{ASSIGNMENT}/{user}/autograde")
        step = "the trainer generates and releases feedback"
        hub.formgrader(f"assignment/{ASSIGNMENT}/generate_feedback")
        hub.formgrader(f"assignment/{ASSIGNMENT}/release_feedback")
        scores = {s["student"]: s["score"] for s in hub.api(
            "GET", f"{hub.grading_base}/formgrader/api/submissions/{ASSIGNMENT}", hub.token_for(hub.trainer))}
        feedback = {}
        for user in hub.learners:
            step = f"{user} fetches their feedback"
            hub.learner_action(user, "fetch_feedback", ASSIGNMENT)
            token = hub.token_for(user)
            stamps = hub.api("GET", f"/user/{user}/api/contents/{ASSIGNMENT}/feedback", token)["content"]
            page = hub.api("GET", f"/user/{user}/api/contents/{stamps[0]['path']}/{ASSIGNMENT}.html", token,
                           query={"type": "file", "format": "text"})
            feedback[user] = page["content"]
    except cohort_hub.HubError as e:
        pytest.fail(f"step '{step}' failed: {e}\n--- hub log ---\n{hub.log_tail()}")
    return {"fetched": fetched, "scores": scores, "feedback": feedback}


def test_each_learner_gets_back_feedback_on_their_own_answers(hub, round_trip):
    scores, feedback = round_trip["scores"], round_trip["feedback"]
    first, second, third = hub.learners
    assert set(scores) == set(hub.learners), "every submission is graded, under its learner's hub name"
    # a point per scenario; the written answers wait for the trainer
    assert (scores[first], scores[second], scores[third]) == (4, 1, 0), scores
    assert feedback[first].count("Right. This is") == 4
    assert "Right. This is an interagency committee" in feedback[second], "the case itself is explained"
    assert feedback[second].count("Right. This is") == 1 and "No answer was written." in feedback[second]
    assert "Right. This is" not in feedback[third], "an untouched template earns nothing"
    for page in feedback.values():
        assert HIDDEN not in page, "feedback must not show the hidden test"


def breaches(hub) -> list[str]:
    """What one learner can see of others and of the course that they must not: [] when all is shut."""
    first, second = hub.learners[:2]
    inbound = hub.exchange / hub.course_id / "inbound"
    feedback = hub.exchange / hub.course_id / "feedback"
    course = cohort_hub.course_dir(hub)
    targets = {
        "list the submissions of all learners (exchange inbound)": f"os.listdir({str(inbound)!r})",
        "list the returned feedback of all learners (exchange feedback)": f"os.listdir({str(feedback)!r})",
        f"read {first}'s own copy of the assignment": f"open({str(cohort_hub.home(first) / NOTEBOOK)!r}).read()",
        "read the course source, with worked answers and hidden tests":
            f"open({str(course / 'source' / NOTEBOOK)!r}).read()",
        "read the gradebook": f"open({str(course / 'gradebook.db')!r}, 'rb').read()",
        "list the collected submissions": f"os.listdir({str(course / 'submitted')!r})",
    }
    code = ("import os, json\nout = {}\n" + "".join(
        f"try:\n    {expr}\n    out[{what!r}] = 'allowed'\nexcept PermissionError:\n    out[{what!r}] = 'denied'\n"
        for what, expr in targets.items()) + "print(json.dumps(out))")
    seen = json.loads(cohort_hub.as_user(second, code))
    found = [f"{second} can {what}" for what, result in seen.items() if result != "denied"]
    released = cohort_hub.as_user(second, f"print(open({str(hub.exchange / hub.course_id / 'outbound' / NOTEBOOK)!r}).read())")
    if HIDDEN in released or "BEGIN SOLUTION" in released:
        found.append("the released notebook, which every learner can read, carries hidden tests or worked answers")
    return found


def test_learners_cannot_see_each_others_work_or_the_course_behind_it(hub, round_trip):
    assert breaches(hub) == []


def test_the_isolation_checks_catch_loosened_permissions(hub, round_trip):
    """Each check above fails when the permission it relies on is loosened, as a careless chmod would."""
    course = cohort_hub.course_dir(hub)
    for paths, loose, expected in [
        ([hub.exchange / hub.course_id / "inbound"], 0o2777, "list the submissions"),
        ([course.parent, course, course / "source", course / "source" / ASSIGNMENT], 0o755, "read the course source"),
        ([cohort_hub.home(hub.learners[0])], 0o755, "own copy of the assignment"),
    ]:
        modes = [(path, path.stat().st_mode & 0o7777) for path in paths]
        for path in paths:
            path.chmod(loose)
        try:
            found = breaches(hub)
        finally:
            for path, mode in modes:
                path.chmod(mode)
        assert any(expected in f for f in found), (paths, found)
    assert breaches(hub) == []


def test_only_trainers_reach_the_grading_service_and_nobody_reaches_anothers_server(hub, round_trip):
    first, second = hub.learners[:2]
    token = hub.token_for(second)
    assert hub.status("GET", f"{hub.grading_base}/formgrader/api/assignments", token) == 403
    assert hub.status("GET", f"{hub.grading_base}/formgrader/api/assignments", hub.token_for(hub.trainer)) == 200
    # the formgrader's own page, which trainers open in a tab of its own (deploy/README.md)
    status, page = hub.page(f"{hub.grading_base}/formgrader/", hub.token_for(hub.trainer))
    assert status == 200 and "<title>nbgrader formgrade</title>" in page
    assert hub.page(f"{hub.grading_base}/formgrader/", token)[0] == 403
    if hub.grading == "shared-server":  # a learner can neither start nor stop the grader's server
        assert hub.status("DELETE", f"/hub/api/users/{hub.grader}/server", token) in (403, 404)
    assert hub.status("GET", f"/user/{first}/api/contents/{NOTEBOOK}", token) == 403
    assert hub.status("GET", f"/user/{second}/api/contents/{NOTEBOOK}", token) == 200
    # the trainer grades through the service; learners' own servers are theirs alone
    assert hub.status("GET", f"/user/{first}/api/contents", hub.token_for(hub.trainer)) == 403


def test_every_learner_has_the_course_in_their_home(hub, round_trip):
    for user in hub.learners:
        listed = hub.api("GET", f"/user/{user}/api/contents/irt-course", hub.token_for(user))["content"]
        names = {item["name"] for item in listed}
        expected = {p.name for p in (KIT / "course").glob("*.ipynb")}
        assert expected and expected <= names, (user, sorted(expected - names))


def test_the_hub_keeps_the_public_demo_running_as_an_account_that_can_read_nothing(hub):
    services = {s["name"] for s in hub.api("GET", "/hub/api/services").values()}
    if not hub.demo_port:  # (the Kubernetes-like hub is set up without it: the demo is the hub's only when asked)
        assert "irt-demo" not in services
        return
    assert "irt-demo" in services
    base = f"http://127.0.0.1:{hub.demo_port}"
    deadline = time.monotonic() + 120
    status = index = None
    while time.monotonic() < deadline:  # the demo warms a kernel per page before it answers
        try:
            status, index, _ = fetch(base + "/")
        except OSError:
            status = None
        if status == 200:
            break
        time.sleep(1)
    assert status == 200 and all(f"/voila/render/{name}.ipynb" in index for name in PAGES), (status, hub.log_tail(6000))
    status, page, _ = fetch(f"{base}/voila/render/team_explorer.ipynb")
    assert status == 200 and PAGES["team_explorer"] in page, hub.log_tail(8000)
    owners = {_owner(pid) for pid in _listening_on(hub.demo_port)}
    assert owners == {"nobody"}, owners


def _listening_on(port: int) -> list[int]:
    """Processes holding a listening socket on 127.0.0.1:PORT, from /proc."""
    wanted = f"0100007F:{port:04X}"
    inodes = {line.split()[9] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
              if line.split()[1] == wanted and line.split()[3] == "0A"}
    found = []
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes for fd in fd_dir.iterdir()):
                found.append(int(fd_dir.parent.name))
        except OSError:
            continue
    return found


def _owner(pid: int) -> str:
    uid = int(next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Uid:")).split()[1])
    return pwd.getpwuid(uid).pw_name
