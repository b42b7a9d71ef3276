"""nbgrader settings for everyone on the hub (learners' servers find this folder through
JUPYTER_CONFIG_PATH, set by deploy/jupyterhub_config.py): which course, and where its exchange is.
The trainers' course folder adds its own settings (exercises/nbgrader_config.py)."""

import os

c = get_config()  # noqa: F821 - provided by the config loader
c.CourseDirectory.course_id = os.environ["IRT_COURSE_ID"]
c.Exchange.root = os.environ["IRT_EXCHANGE"]
