"""A cohort member's Jupyter server, run by the hub as the user themselves, whatever the spawner
(TLJH's systemd units, Kubernetes pods, local processes); deploy/jupyterhub_config.py makes it the
spawner's command. Before starting jupyterhub-singleuser:

- a learner or trainer gets their own copy of the course notebooks, made once in their home, so
  their work is theirs and a kit update never overwrites it;
- the grader account (grading: shared-server) gets the trainers' course folder instead, made once
  from the kit's exercises/ and closed to everyone else, and its server starts in it, where
  nbgrader's formgrader finds the course.
"""

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cohort_settings import KIT, LEARNERS_COPY, copy_course  # noqa: E402

home = Path.home()
if os.environ.get("JUPYTERHUB_USER") and os.environ.get("JUPYTERHUB_USER") == os.environ.get("IRT_GRADER"):
    course = home / os.environ["IRT_COURSE_ID"]
    if not course.exists():
        copy_course(KIT, course)
    for private in (home, course):
        os.chmod(private, 0o700)
    os.chdir(course)
    os.environ["JUPYTERHUB_DEFAULT_URL"] = "/formgrader"  # what trainers come to this server for
elif not (home / LEARNERS_COPY).exists() and (KIT / "course").is_dir():
    shutil.copytree(KIT / "course", home / LEARNERS_COPY, ignore=shutil.ignore_patterns("pages", ".ipynb_checkpoints"))
from irt_sim.widgets.course_kernel import course_ipython_dir  # noqa: E402

# the course's kernels answer a learner's mistake in a plain sentence (irt_sim/widgets/course_kernel.py)
os.environ["IPYTHONDIR"] = str(course_ipython_dir(home))
singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
os.execv(singleuser, [str(singleuser), *sys.argv[1:]])
