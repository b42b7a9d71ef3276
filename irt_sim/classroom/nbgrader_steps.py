"""Steps the kit adds to nbgrader's feedback pipeline (configured in exercises/nbgrader_config.py), so
they apply however feedback is made: `irt-academy grade`, `nbgrader generate_feedback` or the
formgrader's button. Each does one job; the feedback template (irt_sim/data/feedback_template)
shows what they leave in each cell's metadata.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

#: What a learner is told when one of their cells stopped with an error (never the error's name).
PLAIN_ERRORS = {
    "SyntaxError": "This cell does not run as Python as it is written (a quote, a bracket or a symbol is out of place"
                   "{where}). Your answer was read from the text of the cell; the checks below say how.",
    "IndentationError": "This cell does not run as Python as it is written (a line is indented differently{where}). "
                        "Your answer was read from the text of the cell; the checks below say how.",
    "TabError": "This cell does not run as Python as it is written (tabs and spaces are mixed{where}). Your answer was "
                "read from the text of the cell; the checks below say how.",
    "NameError": "This cell uses a word Python does not know{what}: words and text answers go between quotes. Your "
                 "answer was read from the text of the cell; the checks below say how.",
    "KeyboardInterrupt": "This cell took too long and was stopped.",
    "CellTimeoutError": "This cell took too long and was stopped.",
}
OTHER_ERROR = "This cell stopped with a problem before it finished. Your trainer can see the details."


def plain_error(ename: str, evalue: str) -> str:
    """The learner's sentence for an error output (its name and message stay out of it)."""
    line = re.search(r"line (\d+)", evalue or "")
    name = re.search(r"name '([^']{1,40})' is not defined", evalue or "")
    text = PLAIN_ERRORS.get(ename, OTHER_ERROR)
    return text.format(where=f", on line {line.group(1)} of the cell" if line else "",
                       what=f" ('{name.group(1)}')" if name else "")


#: What a learner's own Markdown may keep in a page someone else opens: text formatting, no scripts,
#: no styles, no forms, no frames.
SAFE_TAGS = ["a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
             "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"]


def safe_html(html: str) -> str:
    """A learner's HTML with everything but text formatting escaped (a Jinja filter of the feedback page)."""
    import bleach

    return bleach.clean(str(html), tags=SAFE_TAGS, attributes={"a": ["href", "title"], "*": ["id"]},
                        protocols=["http", "https", "mailto"], strip=False)


#: The outputs a learner's own cell may keep in a page a trainer opens: pictures and text. HTML is
#: kept as safe_html leaves it; scripts, SVG (which can hold scripts), widgets and the rest are dropped.
SAFE_OUTPUTS = ("text/plain", "image/png", "image/jpeg", "image/gif")


class SafeOutputs(Preprocessor):
    """A learner's own cells' outputs made safe to open: no script, no style, no frame (an autograde and
    a feedback step). Test cells' outputs come from irt_sim.classroom.regrade, run apart from the learner's code."""

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("locked") and not meta.get("solution"):
            return cell, resources
        if cell.get("cell_type") == "markdown":  # the trainer's formgrader renders its HTML as it is
            cell.source = safe_html(cell.source)
            return cell, resources
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not isinstance(data, dict):
                continue
            kept = {k: v for k, v in data.items() if k in SAFE_OUTPUTS}
            if "text/html" in data:
                kept["text/html"] = safe_html("".join(data["text/html"]) if isinstance(data["text/html"], list)
                                              else data["text/html"])
            output["data"] = kept or {"text/plain": "(an output that cannot be shown here)"}
        return cell, resources


class PlainErrors(Preprocessor):
    """Each error output becomes one plain sentence: no exception name, no message, no traceback,
    whose context lines would also show the hidden tests (nbgrader issues #917, #1363)."""

    enabled = Bool(True)  # nbgrader registers pipeline steps without switching them on

    def preprocess_cell(self, cell, resources, index):
        outputs = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = plain_error(output.get("ename", ""), output.get("evalue", ""))
                output = {"output_type": "display_data", "metadata": {},
                          "data": {"text/plain": text, "text/html": f'<p role="note" class="irt-cell-problem">{text}</p>'}}
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                continue  # warnings from libraries: nothing a learner can act on
            outputs.append(output)
        if "outputs" in cell:
            cell["outputs"] = outputs
        return cell, resources


def cell_label(cell: dict) -> str:
    """A graded cell's name in words, from its first comment line ('# Scenario 1: 1 point' -> 'Scenario 1')."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution") and cell.get("cell_type") == "markdown":
        return "Your written answer"
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    first = next((ln for ln in source.splitlines() if ln.strip().startswith("#")), "")
    label = re.split(r"[:(]", first.lstrip("# ").strip(), maxsplit=1)[0].strip() or "A check"
    return label[:1].upper() + label[1:]


class CellLabels(Preprocessor):
    """A plain label for each graded cell, for the feedback page's headings and contents."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        heading = next((ln.lstrip("# ").strip() for c in nb.cells if c.get("cell_type") == "markdown"
                        for ln in c.get("source", "").splitlines() if ln.startswith("# ")), None)
        resources["irt_title"] = heading or resources.get("nbgrader", {}).get("notebook", "")
        written = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")
                   and cell_label(c) == "Your written answer"]
        section = None
        for cell in nb.cells:  # several written answers: each named by the part of the exercise it answers
            if cell.get("cell_type") == "markdown" and not cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                section = next((ln.lstrip("# ").strip() for ln in cell.get("source", "").splitlines()
                                if ln.startswith("## ")), section)
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
                label = cell_label(cell)
                if label == "Your written answer" and len(written) > 1 and section:
                    label = f"Your written answer, {section}"
                cell.setdefault("metadata", {})["irt_label"] = label
                if cell.get("cell_type") == "code":  # the template's class for a test cell (celltag_irt-graded)
                    cell["metadata"]["tags"] = [*cell["metadata"].get("tags", []), "irt-graded"]
        return nb, resources


class PendingGrades(Preprocessor):
    """Marks the cells whose points are still to be given by the trainer (a written answer nobody has
    scored yet), so the page says 'to be graded by your trainer' instead of showing a zero."""

    enabled = Bool(True)

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook, MissingEntry

        info = resources.get("nbgrader", {})
        pending_points = 0.0
        with Gradebook(info["db_url"]) as gb:
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if not meta.get("grade"):
                    continue
                try:
                    grade = gb.find_grade(meta["grade_id"], info["notebook"], info["assignment"], info["student"])
                except MissingEntry:
                    continue
                pending = grade.manual_score is None and grade.auto_score is None
                cell["metadata"]["irt_pending"] = pending
                if pending:
                    pending_points += float(grade.max_score or 0)
        resources["irt_pending_points"] = pending_points
        return nb, resources
