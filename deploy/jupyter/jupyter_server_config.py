"""Settings for every Jupyter server of the cohort (found through JUPYTER_CONFIG_PATH, which
deploy/jupyterhub_config.py sets). A learner who closes a notebook's tab without shutting its kernel
down leaves 110 to 150 MB behind; such a kernel is shut down after IRT_KERNEL_IDLE_MINUTES idle.
Kernels with a notebook still open are left alone: the hub's culler stops whole servers that sit
idle."""

import os

c = get_config()  # noqa: F821 - provided by the config loader
c.MappingKernelManager.cull_idle_timeout = int(os.environ.get("IRT_KERNEL_IDLE_MINUTES", "20")) * 60
c.MappingKernelManager.cull_interval = 120
c.MappingKernelManager.cull_connected = False
