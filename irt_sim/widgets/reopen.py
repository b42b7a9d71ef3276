"""Course modules that reopen working: a module saved today and opened tomorrow (a new kernel) shows
its activities live, with nothing for the learner to run.

A saved notebook keeps each activity's output as a reference to a widget by its id; a new kernel has
no widget of that id, so JupyterLab would show "Error displaying widget: model not found". Two
things together prevent it, both inside the course's kernels only (``course_kernel`` loads them):

- **Ids that come back.** An activity shown by a cell of a course module gets an id made from the
  notebook, the cell's own id and its place in the cell's output, not a random one. The same cell
  shown again gets the same id (the old widget is closed first).
- **The module's activities run when its kernel starts.** JupyterLab starts a kernel when a module
  is opened and tells it which notebook it serves (``JPY_SESSION_NAME``). The kernel then runs the
  module's own activity cells, quietly, before it answers JupyterLab; the widgets exist under the
  saved ids when JupyterLab asks the kernel for them, and the saved outputs come back live (the
  same way a page reloaded in the browser gets its widgets back).
- **Nothing announced halfway.** The widgets made while the kernel starts are not announced one by
  one: a page that connected midway would hear of a quiz's box but not of the questions made before
  it connected, fail to build the box, and show "model not found" for good. The page gets them all
  at once when it asks, as a reloaded page does.

Only cells that are plainly the course's own run by themselves (``runs_by_itself``): imports of
what the kit publishes for notebooks, calls of those with plain values, and names those set. So a
notebook someone else put in the course folder runs nothing but the kit's own activities, and
anything a learner wrote waits for them to run it, as in any notebook.
"""

from __future__ import annotations

import ast
import os
import sys
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipywidgets import Widget

_NAMESPACE = uuid.UUID("6b1f4c52-8f57-4b43-9c43-4b1d2c1a7e10")
_cell: dict = {"notebook": None, "id": None, "shown": 0}
_alive: dict[str, Widget] = {}  # the activities shown under ids that come back, by id


def notebook_path() -> Path | None:
    """The notebook this kernel serves, as JupyterLab named it when it started the kernel."""
    name = os.environ.get("JPY_SESSION_NAME")
    return Path(name) if name and name.endswith(".ipynb") else None


def is_course_module(path: Path) -> bool:
    """A module of the course this code came with, wherever the learner's copy is (``course/`` in the
    kit, ``~/irt-course/`` on a cohort hub): a numbered notebook the kit's own course holds."""
    shipped = Path(__file__).resolve().parents[2] / "course"
    return path.name[:2].isdigit() and (shipped / path.name).is_file()


def _pre_run_cell(info) -> None:
    _cell.update(id=getattr(info, "cell_id", None), shown=0)


def shown(make: Callable[..., Widget]) -> Widget:
    """An activity's top widget, ``make(**kwargs)``: with an id that comes back while a cell of a
    course module runs in a course kernel, else with a random id as usual. The same cell shown
    again closes its earlier widget, and the new one takes the id."""
    if _cell["notebook"] is None or not _cell["id"]:
        return make()
    _cell["shown"] += 1
    mid = uuid.uuid5(_NAMESPACE, f"{_cell['notebook']}|{_cell['id']}|{_cell['shown']}").hex
    earlier = _alive.pop(mid, None)
    if earlier is not None:
        earlier.close()
    widget = _alive[mid] = make(model_id=mid)
    return widget


# --- which cells run by themselves ----------------------------------------------------------------

#: The packages whose published names (``__all__``) a cell may import and call: what the course's
#: notebooks are written with. None of them writes a file or runs a command.
PUBLISHED = ("irt_sim", "irt_sim.widgets", "irt_sim.display")
_PLAIN_CALLS = {"print", "len"}


def _published(module: str) -> set[str]:
    import importlib

    return set(getattr(importlib.import_module(module), "__all__", ())) if module in PUBLISHED else set()


def runs_by_itself(source: str, imported: set[str] | None = None, bound: set[str] | None = None) -> bool:
    """Whether a cell is plainly the course's own: every statement imports names the kit publishes
    for notebooks (``PUBLISHED``), sets names to a call of one of them, or shows such a call or
    name; arguments are plain values, names set so, their public attributes, f-strings and ``len``.
    Anything else (another import, indexing, a private or dunder attribute, a call of anything
    else) is a learner's code and waits for the learner, as in any notebook. ``imported`` and
    ``bound`` carry the names earlier cells set; a cell that runs by itself adds its own."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    names_in = set(imported or ()), set(bound or ())  # this cell's view; kept only if it runs
    known, values = names_in

    def plain(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return node.id in values or node.id in known
        if isinstance(node, ast.Attribute):
            return not node.attr.startswith("_") and plain(node.value)
        if isinstance(node, ast.JoinedStr):
            return all(plain(v) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return plain(node.value) and (node.format_spec is None or plain(node.format_spec))
        return call(node)

    def call(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and (node.func.id in known or node.func.id in _PLAIN_CALLS)
                and all(plain(a) for a in node.args) and all(k.arg and plain(k.value) for k in node.keywords))

    def targets(statement: ast.Assign) -> list[str] | None:
        names = [n for t in statement.targets for n in (t.elts if isinstance(t, ast.Tuple) else [t])]
        return [n.id for n in names] if all(isinstance(n, ast.Name) for n in names) else None

    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.level == 0:
            published = _published(statement.module or "")
            if not all(a.name in published for a in statement.names):
                return False
            known.update(a.asname or a.name for a in statement.names)
        elif isinstance(statement, ast.Assign) and call(statement.value) and targets(statement) is not None:
            values.update(targets(statement))
        elif not (isinstance(statement, ast.Expr) and (call(statement.value) or (
                isinstance(statement.value, ast.Name) and statement.value.id in values))):
            return False
    if imported is not None:
        imported.update(known)
    if bound is not None:
        bound.update(values)
    return True


def activity_cells(cells) -> list:
    """The code cells of a notebook that run by themselves, in order (names carry from cell to cell)."""
    imported: set[str] = set()
    bound: set[str] = set()
    return [c for c in cells if c.cell_type == "code" and runs_by_itself(c.source, imported, bound)]


# --- the kernel's part ----------------------------------------------------------------------------

def start(shell) -> None:
    """In a course kernel: give activities ids that come back, and if this kernel serves a course
    module, run its activity cells now (their output goes nowhere; the saved outputs show them)."""
    from . import progress

    shell.events.register("pre_run_cell", _pre_run_cell)
    path = notebook_path()
    if path is None or not is_course_module(path):
        return
    _cell["notebook"] = path.name
    progress.record_visit(path.stem)
    try:
        import nbformat

        cells = nbformat.read(path, as_version=4).cells
    except Exception:  # noqa: BLE001 - a notebook that cannot be read is JupyterLab's to report
        return
    with _unannounced(shell):
        for cell in activity_cells(cells):
            result = shell.run_cell(cell.source, store_history=False, silent=False, cell_id=cell.get("id"))
            failed = result.error_before_exec or result.error_in_exec
            if failed is not None:  # the page will say "model not found": the server's log says why
                print(f"irt-academy: the activity in cell {cell.get('id')} of {path.name} did not come back: "
                      f"{type(failed).__name__}: {failed}", file=sys.__stderr__, flush=True)
    _cell["id"] = None  # a cell the learner types afterwards gets its id from JupyterLab


@contextmanager
def _unannounced(shell):
    """While the body runs, new widgets' comms publish nothing (through the ``comm`` package's
    ``create_comm`` hook, which kernels replace to give their own comms). They speak normally
    afterwards: a change of value reaches the page as usual."""
    import comm

    try:
        from ipykernel.comm.comm import BaseComm
    except ImportError:  # not an ipykernel: nothing to quieten
        yield
        return
    quiet = {"on": True}

    class Unannounced(BaseComm):
        def __init__(self, *args, **kwargs):
            # a comm learns its kernel when it first publishes, and ipywidgets sends nothing through a
            # comm without one: this one is told at once
            self.kernel = getattr(shell, "kernel", None)
            super().__init__(*args, **kwargs)

        def publish_msg(self, msg_type, *args, **kwargs):
            if not quiet["on"]:
                super().publish_msg(msg_type, *args, **kwargs)

    made = comm.create_comm
    comm.create_comm = Unannounced
    try:
        yield
    finally:
        comm.create_comm = made
        quiet["on"] = False
