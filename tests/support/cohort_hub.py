"""A real JupyterHub for the cohort tests: throwaway Unix accounts, configurable-http-proxy from npm,
the local process spawner, the kit's deploy/ configuration, and a REST client for it.

Needs root (accounts are created, and each user's server runs as its own account, which is what
makes the isolation checks real), node, and configurable-http-proxy (`python3 academy.py test`
installs it into .cache/chp)."""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import KIT
from .servers import free_port

CHP = KIT / ".cache" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"


def missing() -> str | None:
    """Why a hub cannot be run here, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the cohort test creates Unix accounts and runs each user's server as its own account: run it as root"
    if not (CHP.exists() or shutil.which("configurable-http-proxy")):
        return "configurable-http-proxy is not installed (python3 academy.py test installs it with npm)"
    if not shutil.which("useradd"):
        return "useradd is not available"
    if importlib.util.find_spec("jupyterhub") is None:
        return "jupyterhub is not installed in the kit's environment"
    return None


class HubError(AssertionError):
    pass


@dataclass
class Hub:
    base: str
    admin_token: str
    work: Path
    course_id: str
    exchange: Path
    grader: str
    trainer: str
    learners: list[str]
    proc: subprocess.Popen
    demo_port: int
    grading: str = "service"
    tokens: dict[str, str] = field(default_factory=dict)
    opened: list[tuple[Path, int]] = field(default_factory=list)

    def api(self, method: str, path: str, token: str | None = None, body=None, query: dict | None = None):
        """JSON from the hub or a server behind it; HubError with the answer on any error status."""
        url = self.base + urllib.parse.quote(path) + ("?" + urllib.parse.urlencode(query) if query else "")
        data = json.dumps(body).encode() if body is not None else (b"" if method in ("POST", "PUT") else None)
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Authorization": f"token {token or self.admin_token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=180) as r:
                text = r.read().decode()
                return json.loads(text) if text.strip() else None
        except urllib.error.HTTPError as e:
            raise HubError(f"{method} {path}: HTTP {e.code}: {e.read().decode(errors='replace')[:800]}") from None

    def page(self, path: str, token: str) -> tuple[int, str]:
        """Status and text of a page (HTML) behind the hub."""
        request = urllib.request.Request(self.base + urllib.parse.quote(path), headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def status(self, method: str, path: str, token: str) -> int:
        try:
            self.api(method, path, token)
            return 200
        except HubError as e:
            return int(str(e).split("HTTP ")[1].split(":")[0])

    def token_for(self, user: str) -> str:
        if user not in self.tokens:
            self.tokens[user] = self.api("POST", f"/hub/api/users/{user}/tokens", body={"scopes": ["inherit"],
                                         "note": "cohort test"})["token"]
        return self.tokens[user]

    def start_server(self, user: str, wait: float = 120, token: str | None = None) -> None:
        try:
            self.api("POST", f"/hub/api/users/{user}/server", token)
        except HubError as e:
            if "HTTP 400" not in str(e):  # 400: already running
                raise
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            server = self.api("GET", f"/hub/api/users/{user}").get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise HubError(f"the server of {user} did not start within {wait:.0f} s; hub log: {self.log_tail()}")

    @property
    def grading_base(self) -> str:
        """Where the formgrader is: the grading service, or the grader account's shared server."""
        return f"/services/{self.course_id}" if self.grading == "service" else f"/user/{self.grader}"

    def formgrader(self, action: str, token: str | None = None):
        """POST to the formgrader's API, as the trainer unless another token is given."""
        answer = self.api("POST", f"{self.grading_base}/formgrader/api/{action}", token or self.token_for(self.trainer))
        if isinstance(answer, dict) and answer.get("success") is False:
            raise HubError(f"formgrader {action}: {answer.get('error') or answer.get('log')}")
        return answer

    def learner_action(self, user: str, action: str, assignment: str):
        return self.api("POST", f"/user/{user}/assignments/{action}", self.token_for(user),
                        query={"course_id": self.course_id, "assignment_id": assignment})

    def log_tail(self, chars: int = 3000) -> str:
        return (self.work / "hub.log").read_text(errors="replace")[-chars:]


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def course_dir(hub: Hub) -> Path:
    return home(hub.grader) / hub.course_id


def as_user(user: str, code: str) -> str:
    """Run Python code as a Unix account (not root) and return what it prints."""
    account = pwd.getpwnam(user)
    done = subprocess.run([sys.executable, "-c", code], user=account.pw_uid, group=account.pw_gid, extra_groups=[],
                          cwd="/", env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise HubError(f"as {user}: {done.stderr[-1500:]}")
    return done.stdout


def _open_the_way(path: Path, hub_opened: list[tuple[Path, int]]) -> None:
    """Every folder above PATH must let other accounts pass (o+x), or learners' servers cannot
    start the kit's Python. Opened only where needed (traverse, not list), and closed again by stop()."""
    for folder in [*reversed(path.parents), path]:
        mode = folder.stat().st_mode & 0o7777
        if not mode & 0o001:
            hub_opened.append((folder, mode))
            os.chmod(folder, mode | 0o001)


def start(learners: int = 3, grading: str = "service") -> Hub:
    tag = secrets.token_hex(2)
    names = {"grader": f"irtg-{tag}", "trainer": f"irtt-{tag}", "learners": [f"irtl{i}-{tag}" for i in range(1, learners + 1)]}
    work = Path(tempfile.mkdtemp(prefix="irt-cohort-"))
    os.chmod(work, 0o755)
    opened: list[tuple[Path, int]] = []
    proc = None
    try:
        _open_the_way(KIT, opened)
        # the kit's environment may be built on a Python kept in root's home (pyenv): without a way in,
        # learners' processes would fall back to the system's own libpython and standard library
        _open_the_way(Path(sys.base_prefix), opened)
        for user in [names["trainer"], *names["learners"]]:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", user], check=True)
            os.chmod(pwd.getpwnam(user).pw_dir, 0o700)
        seen = as_user(names["learners"][0], "import sys; print(sys.version)").strip()
        if seen != sys.version:
            raise HubError(f"a learner's account runs the kit's Python as {seen!r}, not {sys.version!r}: it cannot "
                           f"reach all of {sys.base_prefix}")
        course_id = "irt-academy"
        exchange = work / "exchange"
        demo_port = free_port() if grading == "service" else 0
        (work / "cohort.yaml").write_text(
            f"course_id: {course_id}\ngrading: {grading}\ngrader_account: {names['grader']}\ntrainers: [{names['trainer']}]\n"
            f"learners: [{', '.join(names['learners'])}]\nexchange: {exchange}\nkit: {KIT}\n"
            f"grader_port: {free_port()}\nidle_timeout_minutes: 60\ndemo_port: {demo_port}\n"
            f"demo_home: {work / 'demo'}\n")
        env = dict(os.environ, IRT_COHORT=str(work / "cohort.yaml"))
        done = subprocess.run([sys.executable, str(KIT / "deploy" / "setup_cohort.py")], env=env, capture_output=True, text=True)
        if done.returncode:
            raise HubError(f"deploy/setup_cohort.py failed: {done.stdout}{done.stderr}")
        port, admin_token = free_port(), secrets.token_hex(24)
        chp = str(CHP) if CHP.exists() else shutil.which("configurable-http-proxy")
        (work / "jupyterhub_config.py").write_text(textwrap.dedent(f'''
    load_subconfig({str(KIT / "deploy" / "jupyterhub_config.py")!r})
    c.JupyterHub.ip = "127.0.0.1"
    c.JupyterHub.port = {port}
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = {free_port()}
    c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
    c.ConfigurableHTTPProxy.command = [{chp!r}]
    c.JupyterHub.db_url = "sqlite:///{work / "jupyterhub.sqlite"}"
    c.JupyterHub.cookie_secret_file = {str(work / "cookie_secret")!r}
    c.JupyterHub.pid_file = {str(work / "jupyterhub.pid")!r}
    c.JupyterHub.cleanup_servers = True
    # throwaway accounts: the dummy authenticator (any password for allowed users; never on a real hub)
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = {secrets.token_hex(16)!r}
    c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.http_timeout = 120
    c.Spawner.start_timeout = 120
    c.JupyterHub.services.append({{"name": "cohort-test", "api_token": {admin_token!r}}})
    c.JupyterHub.load_roles.append({{"name": "cohort-test", "services": ["cohort-test"],
        "scopes": ["admin:users", "admin:servers", "tokens", "admin:groups", "list:services", "read:services"]}})
    '''))
        log = open(work / "hub.log", "w")
        proc = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(work / "jupyterhub_config.py")],
                                cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        hub = Hub(base=f"http://127.0.0.1:{port}", admin_token=admin_token, work=work, course_id=course_id,
                  exchange=exchange, grader=names["grader"], trainer=names["trainer"], learners=names["learners"],
                  proc=proc, opened=opened, demo_port=demo_port, grading=grading)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                hub.api("GET", "/hub/api/services")
                if grading == "shared-server":
                    # the trainer starts the grader account's server, as they would from the hub's home page
                    hub.start_server(hub.grader, token=hub.token_for(hub.trainer))
                # the formgrader answers through the proxy once its server has started
                if hub.status("GET", f"{hub.grading_base}/api/status", hub.token_for(hub.trainer)) == 200:
                    return hub
            except (HubError, OSError):
                pass
            time.sleep(0.5)
        raise HubError(f"the hub did not come up:\n{hub.log_tail()}")
    except BaseException:
        if proc is not None:
            _end(proc)
        _clean([names["trainer"], *names["learners"], names["grader"]], work, opened)
        raise


def stop(hub: Hub) -> None:
    _end(hub.proc)
    _clean([hub.trainer, *hub.learners, hub.grader], hub.work, hub.opened)


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the hub stops its servers, services and proxy
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _clean(users: list[str], work: Path, opened: list[tuple[Path, int]]) -> None:
    """Remove the throwaway accounts with their homes, close what was opened, drop the work folder."""
    for user in users:
        subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True)
        subprocess.run(["userdel", "--remove", user], capture_output=True)
    for folder, mode in reversed(opened):
        os.chmod(folder, mode)
    shutil.rmtree(work, ignore_errors=True)
