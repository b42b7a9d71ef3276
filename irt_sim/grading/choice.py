"""Exercise 1, IRT or not: one word per scenario, and feedback that explains the scenario itself."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .answers import Answer, as_answer
from .feedback import Feedback, Sign, guarded
from .reading import Choice, read_choice

#: The four kinds of working together the exercise tells apart, with the words learners use for them.
KINDS = {
    "irt": Choice("irt", ("integrated resource team", "an integrated resource team", "resource team", "team", "irt meeting",
                          "integrated resource team irt")),
    "referral": Choice("referral", ("simple referral", "a referral", "referal", "referred", "refer", "simple referal")),
    "arc": Choice("arc", ("active resource coordination", "resource coordination", "coordination",
                          "active resource coordination arc", "arc active resource coordination")),
    "committee": Choice("committee", ("interagency committee", "an interagency committee", "inter agency committee",
                                      "council", "task force", "committe")),
}
NAMES = {"irt": "an Integrated Resource Team (IRT)", "referral": "a simple referral",
         "arc": "Active Resource Coordination (ARC)", "committee": "an interagency committee"}


def _choices(names: Sequence[str] | None) -> list[Choice]:
    return [KINDS.get(n, Choice(n)) for n in (names or KINDS)]


def _read(answer: Answer | Any, choices: Sequence[str] | None):
    given = as_answer(answer)
    reading = read_choice(given.value, _choices(choices))
    return given, reading, list(given.notes) + reading.notes


@guarded(1, "Your answer")
def check_choice(answer: Answer | Any, choices: Sequence[str] | None = None) -> Feedback:
    """Self-check: can the answer be read, and how was it read? (Whether it is right is for the trainer's copy.)"""
    given, reading, notes = _read(answer, choices)
    words = ", ".join(f"'{c}'" for c in (choices or KINDS))
    if not reading.ok:
        fix = f"Write one of {words} between the quotes."
        lines = [fix] if reading.problem == "no answer yet" else [f"{reading.problem[:1].upper()}{reading.problem[1:]} {fix}"]
        return Feedback(0, 1, lines, notes=notes, check_only=True)
    return Feedback(1, 1, [f"Your answer can be read as '{reading.value}'. Your trainer's copy grades it."],
                    notes=notes, check_only=True)


@guarded(1, "This scenario")
def grade_scenario(answer: Answer | Any, right: str, *, case: str, decides: str, instead: Mapping[str, str],
                   points: float = 1) -> Feedback:
    """A point for the right kind; the lines say what the scenario is and the feature that decides it,
    and for a wrong pick why the scenario is not that."""
    _given, reading, notes = _read(answer, list(KINDS))
    title = "This scenario"
    what = f"This is {NAMES[right]}, because {decides}."
    if not reading.ok:
        problem = "No answer was written" if reading.problem == "no answer yet" else reading.problem[:1].upper() + reading.problem[1:]
        return Feedback(0, points, [problem.rstrip(".") + ".", what], title, notes)
    if reading.value == right:
        return Feedback(points, points, [f"Right. {what}"], title, notes)
    fb = Feedback(0, points, [f"You chose {NAMES[reading.value]}, but {case}. {what}",
                              instead.get(reading.value, "")], title, notes)
    fb.signs.append(Sign("wrong_choice", case, f"{NAMES[reading.value]} chosen where {case} ({NAMES[right]})",
                         value=reading.value, expected=right))
    return fb
