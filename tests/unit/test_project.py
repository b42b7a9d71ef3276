"""The project's promises about itself: two README commands, CI runs the second, clean notebooks,
security floors, and the Jupyter extensions the course needs enabled."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from ..support import KIT


def readme_commands() -> list[str]:
    text = (KIT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [ln.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)
            for ln in block.splitlines() if ln.strip()]


def test_readme_gives_exactly_two_commands():
    assert readme_commands() == ["python3 academy.py start", "python3 academy.py test"]


def test_ci_runs_the_readme_test_command():
    run = (KIT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in run


def test_pyproject_declares_the_command_and_security_floors():
    meta = tomllib.loads((KIT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["scripts"]["irt-academy"] == "irt_sim.cli:main"
    deps = " ".join(meta["dependencies"])
    assert "nbgrader>=0.9.6" in deps and "voila>=0.5.6" in deps
    assert meta["requires-python"] == ">=3.11"


def test_notebooks_are_committed_without_outputs():
    for path in list(KIT.glob("course/**/*.ipynb")) + list(KIT.glob("exercises/source/**/*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"], 1):
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name} cell {i} has outputs"
        assert "widgets" not in nb.get("metadata", {}), f"{path.name} carries saved widget state"


def test_course_extensions_are_installed_and_enabled():
    jupyter = Path(sys.executable).parent / "jupyter"
    out = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True)
    listing = out.stdout + out.stderr
    for name in ("@jupyter-widgets/jupyterlab-manager", "@jupyter/nbgrader"):
        line = next((ln for ln in listing.splitlines() if name in ln), "")
        assert "enabled" in line and "OK" in line, f"{name} is not enabled: {line!r}"
    out = subprocess.run([str(jupyter), "server", "extension", "list"], capture_output=True, text=True)
    listing = out.stdout + out.stderr
    for name in ("nbgrader.server_extensions.formgrader", "voila.server_extension"):
        line = next((ln for ln in listing.splitlines() if name in ln), "")
        assert "enabled" in line, f"{name} is not enabled: {line!r}"


def test_the_one_private_part_of_voila_the_demo_reads_is_read_again_on_an_upgrade():
    """DemoVoila counts Voila's preheated kernels through VoilaKernelManager._pools (no public list
    exists); on another Voila this fails until that is read again."""
    import inspect

    import voila
    from voila import voila_kernel_manager

    from irt_sim.demo.app import VOILA_READ

    assert voila.__version__.startswith(VOILA_READ + "."), (
        f"Voila is {voila.__version__}: read its kernel pools again and update irt_sim/demo/app.py")
    source = inspect.getsource(voila_kernel_manager.voila_kernel_manager_factory)
    assert "self._pools: TypeDict[str, List[TypeDict]] = {}" in source  # name -> list of kernel tasks
