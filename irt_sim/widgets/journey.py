"""The start page's "your progress" panel: each module, whether the learner has opened it, and how
many of its quiz questions they have answered correctly, from what ``progress`` keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w

from ..display.tables import html_table
from ..words import day
from . import progress
from .base import Panel
from .quizzes import load_quizzes

_QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([\w-]+)["']\s*\)""")


@dataclass
class ModuleProgress:
    module: str  # "06_building_the_team"
    title: str
    opened: str | None  # the day last opened, ISO
    quiz_right: int
    quiz_questions: int

    @property
    def quiz_words(self) -> str:
        if not self.quiz_questions:
            return "no quiz"
        return f"{self.quiz_right} of {self.quiz_questions} answered correctly"


def course_modules(course: Path) -> list[tuple[str, str, list[str]]]:
    """(module, title, quiz topics) for each numbered module in ``course``, in order."""
    import nbformat

    modules = []
    for path in sorted(course.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        title = next((line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
                      for line in c.source.splitlines() if line.startswith("#")), path.stem)
        topics = [m for c in nb.cells if c.cell_type == "code" for m in _QUIZ_CALL.findall(c.source)]
        modules.append((path.stem, title, topics))
    return modules


def module_progress(course: Path, kept: dict | None = None) -> list[ModuleProgress]:
    kept = progress.load() if kept is None else kept
    controls, visits = kept.get("controls", {}), kept.get("visits", {})
    quizzes = load_quizzes()
    rows = []
    for module, title, topics in course_modules(course):
        right = asked = 0
        for topic in topics:
            for i, question in enumerate(quizzes.get(topic, [])):
                asked += 1
                right += _answered_right(question, controls.get(f"quiz.{topic}.{i}"))
        rows.append(ModuleProgress(module, title, visits.get(module), right, asked))
    return rows


def _answered_right(question, answer) -> bool:
    """A kept answer counts when it was checked and is the right option."""
    if not isinstance(answer, dict) or not answer.get("checked"):
        return False
    option = answer.get("option")
    return isinstance(option, int) and 0 <= option < len(question.options) and question.options[option].correct


class ProgressView(Panel):
    """Where the learner is in the course: opened modules and quiz answers, with a button to look again."""

    def __init__(self, book=None, course: Path | None = None):
        from ..inputs.casebook import kit_root

        self.course = course or ((kit_root() or Path(".")) / "course")
        self.table = w.HTML()
        self.again = w.Button(description="Show my progress again", layout=w.Layout(width="auto"))
        self.again.on_click(lambda _b: self.update())
        self.update()

    def update(self) -> list[ModuleProgress]:
        rows = module_progress(self.course)
        if not progress.keeping():
            note = ("<p>Progress is kept when the course runs in its own JupyterLab (<code>python3 academy.py "
                    "start</code>, or a cohort hub); here nothing is kept.</p>")
        else:
            done = sum(r.opened is not None for r in rows)
            note = f"<p>You have opened {done} of {len(rows)} modules.</p>"
        table = html_table("Your progress through the course", ["Module", "Last opened", "Quiz"],
                           [[r.title, day(r.opened) if r.opened else "not yet", r.quiz_words] for r in rows])
        self.table.value = f'<div role="status" aria-live="polite">{note}{table}</div>'
        return rows

    def controls(self) -> list[w.Widget]:
        return [self.table, self.again]


def progress_view(**kwargs) -> ProgressView:
    """The start page's progress panel: ``progress_view()``."""
    return ProgressView(**kwargs)
