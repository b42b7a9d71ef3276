"""Check-your-understanding quizzes: questions in irt_sim/data/quizzes.yaml, a widget that gives
immediate feedback explaining why each answer is right or wrong."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
from pydantic import Field, RootModel, model_validator

from ..inputs.packaged import data_file, load_packaged
from ..model import StrictModel

QUIZ_FILE = data_file("quizzes.yaml")


class Option(StrictModel):
    text: str
    correct: bool
    why: str


class Question(StrictModel):
    question: str
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_right_answer(self) -> Question:
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("each question needs exactly one correct option")
        return self


class Quizzes(RootModel[dict[str, list[Question]]]):
    pass


@lru_cache(maxsize=1)
def load_quizzes() -> dict[str, list[Question]]:
    return load_packaged(QUIZ_FILE.name, Quizzes).root


class QuestionWidget:
    """One question: labelled radio buttons, a Check button, and feedback announced politely."""

    def __init__(self, question: Question, number: int):
        self.question = question
        self.choice = w.RadioButtons(options=[(o.text, i) for i, o in enumerate(question.options)], value=None,
                                     description=f"Question {number}", style={"description_width": "initial"},
                                     layout=w.Layout(width="auto"))
        self.check = w.Button(description="Check my answer", tooltip="Check my answer", button_style="")
        self.feedback = w.HTML()
        self.check.on_click(lambda _b: self.show())
        self.prompt = w.HTML(f"<p><strong>{number}. {html.escape(question.question)}</strong></p>")

    def show(self) -> None:
        if self.choice.value is None:
            self.feedback.value = '<p role="status">Choose an answer first.</p>'
            return
        option = self.question.options[self.choice.value]
        verdict = "Correct." if option.correct else "Not quite."
        self.feedback.value = (f'<p role="status"><strong>{verdict}</strong> {html.escape(option.why)}</p>')

    @property
    def widget(self) -> w.Widget:
        return w.VBox([self.prompt, self.choice, self.check, self.feedback])


class Quiz:
    def __init__(self, topic: str):
        quizzes = load_quizzes()
        if topic not in quizzes:
            raise KeyError(f"No quiz '{topic}'; quizzes: {', '.join(quizzes)}")
        self.questions = [QuestionWidget(q, i) for i, q in enumerate(quizzes[topic], 1)]

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([q.widget for q in self.questions])._repr_mimebundle_(**kwargs)


def quiz(topic: str) -> Quiz:
    """Show the check-your-understanding questions of one module: ``quiz("what-an-irt-is")``."""
    return Quiz(topic)
