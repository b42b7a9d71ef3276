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
# A learner's code runs in the grading sandbox (irt_sim/classroom/sandbox.py): it reads only the kit and its own
# notebook, writes only a scratch folder, has no network and has limits on memory, CPU and processes.
c.Execute.kernel_manager_class = "irt_sim.classroom.sandbox.SandboxedKernelManager"
# Test cells run again outside the learner's kernel (irt_sim/classroom/regrade.py), so code in an answer cell
# cannot change a score or put a page of its own into a test cell's feedback; the rest is nbgrader's list.
# First of all, a case of one's own: the case the submission's own learner id gives (irt_sim/classroom/variants.py).
c.Autograde.autograde_preprocessors = [
    "irt_sim.classroom.variants.GradedCase",
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "irt_sim.classroom.regrade.TrustedTests",
    "irt_sim.classroom.nbgrader_steps.SafeOutputs",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# A graded kernel has nothing to save: stop it at once instead of waiting for a clean shutdown (0.1 s a notebook).
c.Execute.shutdown_kernel = "immediate"

# A deleted test cell is put back (and scored), not silently turned into "needs manual grading".
c.OverwriteCells.add_missing_cells = True

# Feedback is written for a non-programmer and never shows hidden tests: they are dropped from the
# cells' source, each error becomes one plain sentence (a traceback would quote the hidden tests), each
# graded cell gets a label in words, and written answers not yet scored say so instead of showing 0.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "irt_sim.classroom.nbgrader_steps.SafeOutputs",
    "irt_sim.classroom.nbgrader_steps.PlainErrors",
    "irt_sim.classroom.nbgrader_steps.CellLabels",
    "irt_sim.classroom.nbgrader_steps.PendingGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# The page's own template (irt_sim/data/feedback_template/feedback), written for a non-programmer. It
# has nbgrader's template name, because the formgrader's Generate Feedback button asks for that name
# whatever the configuration says; with this folder as the only extra template folder, that name is ours.
import irt_sim  # noqa: E402 - the kit is installed wherever nbgrader runs its exercises

c.HTMLExporter.template_name = "feedback"
c.HTMLExporter.extra_template_basedirs = [str(Path(irt_sim.__file__).parent / "data" / "feedback_template")]
c.HTMLExporter.filters = {"learner_html": "irt_sim.classroom.nbgrader_steps.safe_html"}

# The default exchange folder does not exist on most machines; keep it beside the course, unless
# the course runs on a shared hub, whose exchange every learner reaches (deploy/cohort.yaml).
c.Exchange.root = os.environ.get("IRT_EXCHANGE", str(HERE / "exchange"))
