"""Every test cell's result recomputed outside the learner's kernel (an nbgrader autograde step).

The kit reads answers from the text of the answer cells (irt_sim.grading.answers), so a test cell's
score depends only on that text and on the test code, which nbgrader has restored from the
gradebook. A learner's code can still change what happens inside its own kernel: rebind a grading
helper, register a hook that prints a score or a page, raise in a test cell. So after nbgrader runs
the notebook, ``TrustedTests`` runs each test cell again in a fresh IPython shell of the grading
process (which the learner's code never reaches: it runs in irt_sim.classroom.sandbox), with the learner's own
cells put into the shell's input history as text, never run. The test cells' outputs, and so their
scores and the feedback, are this run's; where the score differs from the kernel's, the cell's
metadata says so and the trainer's report shows it.
"""

from __future__ import annotations

import nbformat
from IPython.core.displayhook import DisplayHook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

#: The cell metadata key that records a score the learner's kernel gave differently.
REGRADED = "irt_regraded"


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("locked") or meta.get("grade")) and not meta.get("solution")


class _QuietHook(DisplayHook):
    """A kernel's display hook sends the result to the page; a terminal's prints 'Out[1]:'. This does neither:
    the result is formatted and kept by trusted_outputs."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        pass


def _shell():
    """The worker's one IPython shell, with its history in memory and the quiet display hook."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell.instance(config=config)
    if not isinstance(shell.displayhook, _QuietHook):
        shell.displayhook = _QuietHook(shell=shell, cache_size=shell.cache_size, parent=shell)
        shell.display_trap.hook = shell.displayhook
    shell.display_formatter.active_types = list(shell.display_formatter.format_types)  # HTML too, as a kernel
    return shell


def trusted_outputs(nb) -> dict[int, list]:
    """Cell index -> the outputs each locked code cell gives when run with the learner's cells as text."""
    from IPython.utils.capture import capture_output

    shell = _shell()
    shell.reset(new_session=True)
    found: dict[int, list] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if not _is_test(cell):  # the learner's cell: in the history, as typed, never run
            shell.history_manager.store_inputs(shell.execution_count, cell.source, cell.source)
            shell.execution_count += 1
            continue
        with capture_output(display=True) as seen:
            result = shell.run_cell(cell.source, store_history=True)
        outputs = []
        if seen.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=seen.stdout))
        for shown in seen.outputs:
            outputs.append(nbformat.v4.new_output("display_data", data=shown.data, metadata=shown.metadata or {}))
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            outputs.append(nbformat.v4.new_output("error", ename=type(error).__name__, evalue=str(error)[:500], traceback=[]))
        elif result.result is not None:
            data, metadata = shell.display_formatter.format(result.result)
            outputs.append(nbformat.v4.new_output("execute_result", data=data, metadata=metadata,
                                                  execution_count=result.execution_count))
        found[index] = outputs
    shell.reset(new_session=True)
    return found


class TrustedTests(NbGraderPreprocessor):
    """After Execute, before SaveAutoGrades: each test cell's outputs are those of a run the learner's
    code cannot reach; a score that changes is noted in the cell's metadata."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        from nbgrader.utils import determine_grade, is_grade

        for index, outputs in trusted_outputs(nb).items():
            cell = nb.cells[index]
            if is_grade(cell):
                kernel = determine_grade(cell, self.log)[0]
                cell.outputs = [nbformat.from_dict(o) for o in outputs]
                recorded = determine_grade(cell, self.log)[0]
                if (kernel or 0) != (recorded or 0):
                    cell.metadata[REGRADED] = {"kernel": kernel, "recorded": recorded}
            else:
                cell.outputs = [nbformat.from_dict(o) for o in outputs]
        return nb, resources
