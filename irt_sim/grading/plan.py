"""Exercise 4, negotiate the plan: the learner's plan, read like a casebook plan and scored by section
with the plan checker's own findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..casebook import Casebook
from ..checks import Severity, check_plan
from ..model import Plan
from ..problems import Problem
from ..yamlfile import CasebookError, parse_document
from .feedback import Feedback

@dataclass(frozen=True)
class PlanAnswer:
    plan: Plan | None
    problems: list[Problem]


def read_plan_answer(text: str, customer_id: str, plan_id: str = "answer") -> PlanAnswer:
    """Read a learner's plan written in the casebook's YAML form; problems name the line and field."""
    try:
        loaded = parse_document(text, Plan, "your answer", doc_id=plan_id, defaults={"customer": customer_id})
    except CasebookError as exc:
        return PlanAnswer(None, exc.problems)
    return PlanAnswer(loaded.obj, [])


def _checked(text: str, customer_id: str, book: Casebook) -> tuple[PlanAnswer, list]:
    """The answer read and checked once per casebook: an exercise's test cells grade the same plan
    section by section, and each check would otherwise read and check it again."""
    memo = book.__dict__.setdefault("_checked_plans", {})
    key = (text, customer_id)
    if key not in memo:
        answer = read_plan_answer(text, customer_id)
        memo[key] = (answer, check_plan(answer.plan, book) if answer.plan is not None else [])
    return memo[key]


def grade_plan(text: str, customer_id: str, book: Casebook, sections: Mapping[str, float] | None = None) -> Feedback:
    """Points per plan section (goal, communication, sequence, action items, team, follow-up); a section
    with a checker error earns nothing, a warning costs half. Lines are the checker's own messages."""
    sections = dict(sections or {"team": 1, "goal": 2, "communication": 2, "sequence": 3, "action_items": 2,
                                 "follow_up": 1})
    possible = sum(sections.values())
    answer, findings = _checked(text, customer_id, book)
    if answer.plan is None:
        return Feedback(0, possible, ["The plan could not be read yet; fix these first:"]
                        + [str(p).replace("your answer, ", "") for p in answer.problems])
    if answer.plan.customer != customer_id:
        return Feedback(0, possible, [f"This exercise is about {book.customers[customer_id].name}; "
                                      f"keep 'customer: {customer_id}'."])
    fb = Feedback(0, possible)
    for section, pts in sections.items():
        mine = [f for f in findings if f.section == section]
        if any(f.severity == Severity.error for f in mine):
            earned = 0.0
        elif mine:
            earned = pts / 2
        else:
            earned = pts
        fb.points += earned
        fb.lines += [f"{f.section_title}: {f.message}" for f in mine]
    return fb


# --- the held-back variant ---------------------------------------------------------------------------


def held_back_case(book: Casebook, customer_id: str, changes: str) -> Casebook:
    """A copy of ``book`` in which one customer's record carries ``changes``: YAML of customer-file
    fields, each replacing the casebook's value, except ``add_barriers``, whose barriers are added to
    the record's. Hidden tests use it to check a plan against a fuller record of the case than the
    learner's self-check sees."""
    import dataclasses

    from ..model import Customer
    from ..yamlfile import read_yaml

    data, _ = read_yaml(changes, "the held-back case")
    record = book.customers[customer_id].model_dump(mode="json", exclude_none=True)
    data = dict(data or {})
    record["barriers"] = record.get("barriers", []) + list(data.pop("add_barriers", None) or [])
    record.update(data)
    # a new Casebook (not a copy of this one's attributes, so no memo of checked plans comes along)
    return dataclasses.replace(book, customers={**book.customers, customer_id: Customer.model_validate(record)})


def grade_held_back(text: str, customer_id: str, book: Casebook, variant: Casebook, points: float = 2) -> Feedback:
    """Points for a plan that also holds on the held-back record: full marks when the variant adds no
    new error finding, half when it adds only warnings. Findings the self-check already shows are
    not counted twice."""
    answer = read_plan_answer(text, customer_id)
    if answer.plan is None:
        return Feedback(0, points, ["The plan could not be read, so it could not be checked against the full case."])
    seen = {(f.code, f.message) for f in _checked(text, customer_id, book)[1]}
    new = [f for f in check_plan(answer.plan, variant) if (f.code, f.message) not in seen]
    name = book.customers[customer_id].name.split()[0]
    if not new:
        return Feedback(points, points, [f"The plan also holds against the full record of {name}'s case."])
    earned = 0 if any(f.severity == Severity.error for f in new) else points / 2
    return Feedback(earned, points, [f"The full record of {name}'s case follows everything in her story; against it:"]
                    + [f"{f.section_title}: {f.message}" for f in new])
