"""deploy/: the cohort settings file and the hub configuration built from it (no hub needed here;
tests/system/test_cohort.py runs a real one)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import pytest
from traitlets.config.loader import LazyConfigValue, PyFileConfigLoader

from ..support import KIT

sys.path.insert(0, str(KIT / "deploy"))
from cohort_settings import CohortSettingsError, load  # noqa: E402


def test_the_shipped_cohort_settings_load():
    cohort = load(KIT / "deploy" / "cohort.yaml")
    assert cohort.course_id == "irt-academy" and cohort.trainers and cohort.learners
    assert cohort.exchange.is_absolute() and cohort.kit == KIT


@pytest.mark.parametrize("text, says", [
    ("learners: [ana, ben\n", "line 2"),
    ("learner: [ana]\n", "unknown setting learner"),
    ("learners: ana\n", "learners: expected a list"),
    ("learners: [ana, 'ben+1']\n", "learners[2]: 'ben+1' is not a usable account name"),
    ("trainers: [ana]\nlearners: [ana]\n", "ana listed both as trainer and as learner"),
    ("memory_limit: lots\n", "memory_limit: expected a size such as 1G"),
    ("exchange: srv/exchange\n", "exchange: expected a full path"),
    ("idle_timeout_minutes: -5\n", "idle_timeout_minutes: expected a whole number"),
    ("- just\n- a list\n", "expected settings as 'name: value' lines"),
])
def test_a_mistake_in_the_cohort_settings_is_named_with_its_place(tmp_path, text, says):
    path = tmp_path / "cohort.yaml"
    path.write_text(text)
    with pytest.raises(CohortSettingsError) as e:
        load(path)
    assert str(path) in str(e.value) and says in str(e.value), str(e.value)


def hub_config(tmp_path: Path, settings: str, before: str = "") -> dict:
    """The hub's settings as JupyterHub would load them from cohort settings, as a drop-in after
    BEFORE (what the hub already had: TLJH's own configuration, say)."""
    (tmp_path / "cohort.yaml").write_text(settings)
    (tmp_path / "outer.py").write_text(f"c = get_config()\n{before}\nload_subconfig({str(KIT / 'deploy' / 'jupyterhub_config.py')!r})\n")
    os.environ["IRT_COHORT"] = str(tmp_path / "cohort.yaml")
    try:
        config = PyFileConfigLoader("outer.py", path=str(tmp_path)).load_config()
    finally:
        del os.environ["IRT_COHORT"]
    # "extend"/"update" values, applied to the traits' defaults as the hub would
    empty = {"load_groups": {}, "load_roles": [], "services": [], "environment": {}, "allowed_users": set(),
             "blocked_users": set()}
    return {f"{section}.{key}": value.get_value(empty[key]) if isinstance(value, LazyConfigValue) else value
            for section, values in config.items() for key, value in values.items()}


def test_the_hub_configuration_sets_groups_roles_services_and_limits(tmp_path):
    me = getpass.getuser()  # the grader account must exist: this test's own
    c = hub_config(tmp_path, f"grader_account: {me}\ntrainers: [tia]\nlearners: [ana, ben]\nexchange: /srv/x\n"
                             "memory_limit: 800M\nidle_timeout_minutes: 30\nmax_servers: 40\ngrader_port: 9123\n")
    assert c["JupyterHub.load_groups"] == {"formgrade-irt-academy": {"users": ["tia"]}, "nbgrader-irt-academy": {"users": ["ana", "ben"]}}
    roles = {r["name"]: r for r in c["JupyterHub.load_roles"]}
    assert roles["irt-trainer"]["groups"] == ["formgrade-irt-academy"]
    assert "access:services!service=irt-academy" in roles["irt-trainer"]["scopes"]
    services = {s["name"]: s for s in c["JupyterHub.services"]}
    grader = services["irt-academy"]
    assert grader["user"] == me and grader["url"] == "http://127.0.0.1:9123"
    assert grader["cwd"] == str(Path(os.path.expanduser("~" + me)) / "irt-academy")
    assert "--timeout=1800" in services["idle-culler"]["command"]
    assert "irt-demo" not in services
    env = c["Spawner.environment"]
    assert env["IRT_EXCHANGE"] == "/srv/x" and env["IRT_COURSE_ID"] == "irt-academy"
    assert env["PATH"].split(os.pathsep)[0] == str(KIT / ".venv" / "bin")
    assert c["Spawner.mem_limit"] == "800M" and c["JupyterHub.active_server_limit"] == 40
    assert c["Authenticator.allowed_users"] == {"tia", "ana", "ben"}
    assert c["Spawner.default_url"] == "/lab/tree/irt-course"
    assert c["Spawner.cmd"] == [str(KIT / ".venv" / "bin" / "python"), str(KIT / "deploy" / "singleuser.py")]


def test_on_tljh_its_own_culler_is_kept_and_the_demo_runs_as_its_own_account(tmp_path, monkeypatch):
    (tmp_path / "tljh").mkdir()
    (tmp_path / "tljh" / "__init__.py").write_text("")  # what TLJH's hub environment has
    monkeypatch.syspath_prepend(str(tmp_path))
    c = hub_config(tmp_path, f"grader_account: {getpass.getuser()}\ndemo_port: 8866\n",
                   before='c.JupyterHub.services = [{"name": "cull-idle", "command": ["cull"]}]')
    names = [s["name"] for s in c["JupyterHub.services"]]
    assert names.count("cull-idle") == 1 and "idle-culler" not in names and "irt-academy" in names
    demo = next(s for s in c["JupyterHub.services"] if s["name"] == "irt-demo")
    assert demo["user"] == "nobody" and "--port=8866" in demo["command"] and "--host=127.0.0.1" in demo["command"]


def test_a_missing_grader_account_is_explained(tmp_path):
    with pytest.raises(CohortSettingsError, match="does not exist yet: run deploy/setup_cohort.py"):
        hub_config(tmp_path, "grader_account: no-such-account-here\n")


def test_on_kubernetes_trainers_share_the_grader_accounts_server_and_nobody_logs_in_as_it(tmp_path):
    # the kit lives in the servers' image, not beside the hub: its path is not checked here
    c = hub_config(tmp_path, "grading: shared-server\ngrader_account: grader-x\ntrainers: [tia]\nlearners: [ana]\n"
                             "kit: /srv/irt-academy\n")
    assert "irt-academy" not in [s["name"] for s in c["JupyterHub.services"]]
    assert c["JupyterHub.load_groups"]["grader-irt-academy"] == {"users": ["grader-x"]}
    assert "grader-x" in c["Authenticator.blocked_users"] and "grader-x" not in c["Authenticator.allowed_users"]
    trainer = next(r for r in c["JupyterHub.load_roles"] if r["name"] == "irt-trainer")
    assert {"access:servers!user=grader-x", "servers!user=grader-x"} <= set(trainer["scopes"])
    assert c["Spawner.cmd"] == ["/srv/irt-academy/.venv/bin/python", "/srv/irt-academy/deploy/singleuser.py"]
    assert c["Spawner.environment"]["JUPYTER_CONFIG_PATH"] == "/srv/irt-academy/deploy/jupyter"


def test_every_server_shuts_down_kernels_left_behind_by_closed_notebooks(tmp_path, monkeypatch):
    c = hub_config(tmp_path, f"grader_account: {getpass.getuser()}\nkernel_idle_minutes: 15\n")
    for name, value in c["Spawner.environment"].items():
        monkeypatch.setenv(name, value)
    server = PyFileConfigLoader("jupyter_server_config.py", path=c["Spawner.environment"]["JUPYTER_CONFIG_PATH"]).load_config()
    culling = server.MappingKernelManager
    assert (culling.cull_idle_timeout, culling.cull_connected) == (15 * 60, False)
