"""Steps the kit adds to nbgrader's pipelines (configured in exercises/nbgrader_config.py), so they
apply however feedback is made: `irt-academy grade`, `nbgrader generate_feedback` or the
formgrader's button."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


class ErrorsWithoutTracebacks(Preprocessor):
    """Feedback keeps each error's message (the plain-language reason from irt_sim.grading) and drops
    its traceback, whose context lines would show the hidden tests (nbgrader issues #917, #1363)."""

    enabled = Bool(True)  # nbgrader registers pipeline steps without switching them on

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
