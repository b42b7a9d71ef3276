"""The course's kernels answer a mistake with one plain sentence, never a traceback.

`irt-academy lab` (and a cohort hub's learner server) starts JupyterLab with an IPython folder of
the course's own (``IPYTHONDIR``), whose kernel configuration loads this module as an IPython
extension. It handles the mistakes a learner makes in a course module:

- a cell run before the cells above it (``team_builder`` is not defined yet): run those first;
- an id typed that is not there (a customer, a program, a plan): the ids there are, and the
  nearest one ("did you mean ...");
- anything else: what went wrong in one line and what to do.

The same extension keeps what the learner does (``progress``) and brings a reopened module's
activities back live (``reopen``).

The error is still an error (the cell stops, ``Run All`` stops there); only its text is for a
person. ``%tb`` in a new cell shows the technical details, and ``IRT_ACADEMY_DEBUG=1`` turns the
plain sentences off. Grading kernels never load it: they run in the sandbox, without this folder.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

#: What the IPython folder's kernel configuration holds.
KERNEL_CONFIG = '''# Written by irt-academy: the course's kernels answer mistakes in plain words (irt_sim/widgets/course_kernel.py).
c = get_config()  # noqa: F821
c.InteractiveShellApp.extensions = ["irt_sim.widgets.course_kernel"]
'''


def course_ipython_dir(home: Path | None = None) -> Path:
    """The course's IPython folder (``~/.irt-academy/ipython``), with its kernel configuration;
    made or brought up to date here. Point ``IPYTHONDIR`` at it for the course's kernels."""
    folder = (home or Path.home()) / ".irt-academy" / "ipython"
    config = folder / "profile_default" / "ipython_kernel_config.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    if not config.exists() or config.read_text(encoding="utf-8") != KERNEL_CONFIG:
        config.write_text(KERNEL_CONFIG, encoding="utf-8")
    return folder


def _known_ids() -> dict[str, list[str]]:
    """The ids a learner may type, by kind, from the course's casebook (empty if it cannot load)."""
    try:
        from ..inputs.casebook import load_casebook

        book = load_casebook()
    except Exception:  # noqa: BLE001 - a hint is a help, never a second error
        return {}
    return {"customer": list(book.customers), "program": list(book.programs), "plan": list(book.plans),
            "agency": list(book.agencies)}


def plain_sentence(error: BaseException) -> str:
    """What to tell a learner about ``error``, in one or two sentences."""
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (str(error).split("'")[1] if "'" in str(error) else "a name")
        return (f"This cell uses {name}, which a cell above it sets up, and that cell has not run yet. Run the "
                "cells above first (Run menu, Run All Above Selected Cell), then run this cell again.")
    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        typed = error.args[0]
        for kind, ids in _known_ids().items():
            near = difflib.get_close_matches(typed.strip().lower(), ids, n=1, cutoff=0.6)
            if typed.strip().lower() in ids or near:
                hint = f" Did you mean '{near[0]}'?" if near and near[0] != typed else ""
                return (f"There is no {kind} '{typed}' written exactly like that.{hint} A {kind} is named by its id, "
                        "in small letters with hyphens, as the table above shows it.")
        return (f"There is nothing called '{typed}' here. Check the spelling against the table above "
                "(ids are in small letters with hyphens).")
    if isinstance(error, (TypeError, ValueError)):
        return ("A value in this cell is not of the kind expected (for example text where a number goes, or the "
                f"other way round): {_short(error)} Check what you changed in the cell.")
    return f"This cell stopped: {_short(error)} Check what you changed in it, or ask your trainer."


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split())[:200] or "no details"
    return text if text.endswith(".") else text + "."


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception hook: the cell's error output is the plain sentence, through
    IPython's own ``_render_traceback_`` protocol, once; ``%tb`` afterwards shows the details."""
    sentence = f"{plain_sentence(value)} (Technical details: run %tb in a new cell.)"

    def once():
        del value._render_traceback_  # the next showing (%tb) is the real traceback
        return [sentence]

    try:
        value._render_traceback_ = once
    except (AttributeError, TypeError):  # an exception that takes no attributes: IPython's own display
        pass
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def load_ipython_extension(ipython) -> None:
    from . import progress, reopen

    # what the learner does is kept (beside this IPython folder: ~/.irt-academy/progress.json), and a
    # module reopened tomorrow shows its activities live
    progress.keep_in(Path(ipython.ipython_dir).parent / "progress.json")
    reopen.start(ipython)
    if os.environ.get("IRT_ACADEMY_DEBUG") != "1":
        ipython.set_custom_exc((Exception,), _handler)
