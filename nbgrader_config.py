"""nbgrader reads its configuration from the folder Jupyter starts in; `irt-academy lab` starts in the
kit's folder, and the course lives in exercises/. This points the formgrader (and any nbgrader
command run from here) at that course."""

load_subconfig("exercises/nbgrader_config.py")  # noqa: F821 - provided by the config loader
