"""The course's check-your-understanding questions (irt_sim/data/quizzes.yaml), read and validated:
the course's quizzes show them, the Community Academy's survey prints some of them."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, RootModel, model_validator

from ..model import StrictModel
from .packaged import data_file, load_packaged

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

    @property
    def right(self) -> int:
        """The place of the right option in the file's order."""
        return next(i for i, o in enumerate(self.options) if o.correct)


class Quizzes(RootModel[dict[str, list[Question]]]):
    pass


@lru_cache(maxsize=1)
def load_quizzes() -> dict[str, list[Question]]:
    """Topic (a module's quiz name) -> its questions."""
    return load_packaged(QUIZ_FILE.name, Quizzes).root
