"""Exercise 3, build the team: a partner for each of the customer's barriers."""

from __future__ import annotations

from typing import Mapping

from ..casebook import Casebook
from ..yamlfile import CasebookError, read_yaml
from .feedback import Feedback

def grade_team(team: Mapping[str, str], customer_id: str, book: Casebook, points_per_barrier: float = 1) -> Feedback:
    """``team`` maps each barrier type of the customer to the program id invited for it.
    A point for each barrier given to a program that offers a service addressing it; lines say why not."""
    customer = book.customers[customer_id]
    barriers = list(dict.fromkeys(b.type for b in customer.barriers))
    fb = Feedback(0, points_per_barrier * len(barriers))
    known = {k.strip().lower(): (v or "").strip() for k, v in team.items()}
    for barrier in barriers:
        program_id = known.get(barrier.value, "")
        if not program_id:
            fb.lines.append(f"The {barrier.label} barrier has no partner yet: name a program for it.")
            continue
        program = book.program(program_id)
        if program is None:
            fb.lines.append(f"For the {barrier.label} barrier, '{program_id}' is not a program in the casebook "
                            "(use the program ids from the directory).")
            continue
        if not any(barrier in s.addresses for s in program.services):
            fb.lines.append(f"{program.name} offers nothing for the {barrier.label} barrier; choose a partner whose "
                            "services address it.")
            continue
        status = customer.status_with(program.id)
        if program.eligibility.determined and not (status and status.counts):
            fb.points += points_per_barrier / 2
            fb.lines.append(f"{program.name} can address the {barrier.label} barrier, but {customer.name.split()[0]} "
                            f"is not eligible there yet ({status.label if status else 'no application'}): plan the "
                            f"application, or choose a partner where {customer.name.split()[0]} is already eligible. "
                            "Half a point.")
            continue
        fb.points += points_per_barrier
    extra = [k for k in known if k not in {b.value for b in barriers}]
    if extra:
        fb.lines.append(f"{customer.name.split()[0]} has no barrier called {', '.join(repr(e) for e in extra)}; "
                        "those lines were not counted.")
    return fb


def read_team_answer(text: str) -> dict[str, str]:
    """The learner's team answer: one 'barrier: program-id' line per barrier. Unreadable lines are
    skipped here and show up as barriers with no partner in the feedback."""
    try:
        data, _ = read_yaml(text or "", "your answer")
    except CasebookError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in data.items()}
