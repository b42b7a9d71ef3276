"""JupyterHub configuration for a cohort of the IRT Community Academy.

Used three ways: as the hub's configuration file (jupyterhub -f deploy/jupyterhub_config.py), as a
drop-in of The Littlest JupyterHub (a one-line file in /opt/tljh/config/jupyterhub_config.d/ that
calls load_subconfig on this one), and by the kit's cohort test. It sets what the cohort needs and
leaves login and spawning to the hub it joins (TLJH's, Kubernetes', or the test's):

- learners and trainers as hub groups, named as nbgrader's hub recipes expect;
- every user's server runs the kit's environment with JupyterLab on the course, a copy of which is
  put in their home the first time (deploy/singleuser.py), with the cohort's nbgrader course and
  exchange;
- the trainers' formgrader runs as the grader account, which alone can read the course source,
  hidden tests and gradebook, and only trainers may reach it: as a hub service on one machine
  (grading: service), or as the grader account's own server, shared with trainers, where servers
  run elsewhere (grading: shared-server, for Kubernetes);
- idle servers are culled, and so are kernels left behind by closed notebooks
  (deploy/jupyter/jupyter_server_config.py); memory is capped per server (where the spawner
  enforces it);
- optionally the public demo pages, kept running by the hub as an account that can read nothing.

Settings come from deploy/cohort.yaml, or the file named by IRT_COHORT.
"""

import importlib.util
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cohort_settings import DEPLOY, LEARNERS_COPY, CohortSettingsError, load  # noqa: E402

c = get_config()  # noqa: F821 - provided by the config loader
cohort = load(os.environ.get("IRT_COHORT", DEPLOY / "cohort.yaml"))
if cohort.grading == "service" and not (cohort.kit_bin / "jupyterhub-singleuser").exists():
    # one machine: the kit the servers run is the one here (on Kubernetes it is in the servers' image)
    raise CohortSettingsError(f"{cohort.kit_bin} has no jupyterhub-singleuser: set the kit up first "
                              f"(python3 {cohort.kit / 'academy.py'} setup)")
python = str(cohort.kit_bin / "python")
singleuser = str(cohort.kit_bin / "jupyterhub-singleuser")

# What every server of the cohort (learners', and the grader's) is told: the nbgrader course, its
# exchange, and where the hub-wide nbgrader settings are.
course_env = {
    "IRT_COURSE_ID": cohort.course_id,
    "IRT_GRADER": cohort.grader_account,
    "IRT_EXCHANGE": str(cohort.exchange),
    "IRT_KERNEL_IDLE_MINUTES": str(cohort.kernel_idle_minutes),
    "JUPYTER_CONFIG_PATH": str(cohort.kit / "deploy" / "jupyter"),  # paths as the servers see them
    # nbgrader runs helpers (alembic) by name: the kit's own first, never ones from the hub's account
    "PATH": os.pathsep.join([str(cohort.kit_bin), "/usr/local/bin", "/usr/bin", "/bin"]),
}

# --- who is who -------------------------------------------------------------------------------
trainers_group, learners_group = f"formgrade-{cohort.course_id}", f"nbgrader-{cohort.course_id}"
c.JupyterHub.load_groups.update({
    trainers_group: {"users": cohort.trainers},
    learners_group: {"users": cohort.learners},
})
c.Authenticator.allowed_users.update(cohort.trainers + cohort.learners)
if cohort.grading == "service":
    # the formgrader is a hub service (below); trainers may reach it
    grading_scopes = [f"access:services!service={cohort.course_id}"]
else:
    # the formgrader is the grader account's own server; trainers may start it and reach it, and
    # nobody may log in as the grader (it is made a hub user by its group, never allowed to log in)
    graders_group = f"grader-{cohort.course_id}"
    c.JupyterHub.load_groups.update({graders_group: {"users": [cohort.grader_account]}})
    c.Authenticator.blocked_users.update([cohort.grader_account])
    grading_scopes = [f"{scope}!user={cohort.grader_account}" for scope in ("access:servers", "servers", "read:users")]
c.JupyterHub.load_roles.append({"name": "irt-trainer", "description": "Reach the course's grading tools",
                                "groups": [trainers_group], "scopes": ["self", *grading_scopes]})

# --- every user's server ----------------------------------------------------------------------
c.Spawner.cmd = [python, str(cohort.kit / "deploy" / "singleuser.py")]  # the course copied to the user's home, then the server
c.Spawner.default_url = f"/lab/tree/{LEARNERS_COPY}"
c.Spawner.environment.update(course_env)
c.Spawner.mem_limit = cohort.memory_limit  # enforced by systemd (TLJH) and Kubernetes spawners
if cohort.max_servers:
    c.JupyterHub.active_server_limit = cohort.max_servers



# --- services ---------------------------------------------------------------------------------
services = []
if cohort.grading == "service":
    services.append({
        # nbgrader's recipe: the service's name is the course id, and it runs as the grader account
        "name": cohort.course_id,
        "url": f"http://127.0.0.1:{cohort.grader_port}",
        "command": [singleuser],  # the hub tells it its address and prefix
        "user": cohort.grader_account,
        "cwd": str(cohort.course_dir),
        "environment": {**course_env, "JUPYTERHUB_DEFAULT_URL": "/lab"},
        "oauth_no_confirm": True,
    })
# TLJH and Zero to JupyterHub run a culler of their own (tljh-config services.cull, the chart's
# cull: settings); a second one would only race it
if not any(importlib.util.find_spec(own) for own in ("tljh", "z2jh")):
    services.append({"name": "idle-culler",
                     "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                                 f"--timeout={cohort.idle_timeout_minutes * 60}"]})
    c.JupyterHub.load_roles.append({"name": "irt-idle-culler", "description": "Stop servers left idle",
                                    "services": ["idle-culler"],
                                    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
if cohort.demo_port:
    services.append({"name": "irt-demo", "user": cohort.demo_account,
                     "command": [str(cohort.kit_bin / "irt-academy"), "demo", f"--port={cohort.demo_port}",
                                 "--host=127.0.0.1"],
                     # the account may have no home of its own: every working folder is named
                     "environment": {"HOME": str(cohort.demo_home), "IPYTHONDIR": str(cohort.demo_home / "ipython"),
                                     "JUPYTER_CONFIG_DIR": str(cohort.demo_home / "config"),
                                     "JUPYTER_DATA_DIR": str(cohort.demo_home / "data"),
                                     "JUPYTER_RUNTIME_DIR": str(cohort.demo_home / "runtime"),
                                     "MPLCONFIGDIR": str(cohort.demo_home / "matplotlib"),
                                     "PATH": course_env["PATH"]}})
c.JupyterHub.services.extend(services)
