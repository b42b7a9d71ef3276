"""nbgrader configuration for the kit's exercises. Several nbgrader defaults do not suit a course
kit (see the project's notes on nbgrader); each change below says why."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader
HERE = Path(__file__).resolve().parent

# On a shared hub the cohort's settings name the course (deploy/cohort.yaml, passed on by the hub)
c.CourseDirectory.course_id = os.environ.get("IRT_COURSE_ID", "irt-academy")
c.CourseDirectory.root = str(HERE)

# Answer cells keep the learner's fill-in line above the worked answer; the release removes the
# worked answer and leaves nothing in its place (no "raise NotImplementedError" for non-programmers).
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# A stuck cell must not stop a grading run: each cell gets 20 s, then it is interrupted and scored 0.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True
# A graded kernel has nothing to save: stop it at once instead of waiting for a clean shutdown (0.1 s a notebook).
c.Execute.shutdown_kernel = "immediate"

# A deleted test cell is put back (and scored), not silently turned into "needs manual grading".
c.OverwriteCells.add_missing_cells = True

# Feedback never shows hidden tests: drop them from the cells' source, and keep only the message of
# each error, whose traceback would quote them.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "irt_sim.nbgrader_steps.ErrorsWithoutTracebacks",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# The default exchange folder does not exist on most machines; keep it beside the course, unless
# the course runs on a shared hub, whose exchange every learner reaches (deploy/cohort.yaml).
c.Exchange.root = os.environ.get("IRT_EXCHANGE", str(HERE / "exchange"))
