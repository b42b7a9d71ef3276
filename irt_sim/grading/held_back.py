"""The plan held to a fuller record of the case than the learner saw (the trainer's hidden test):
each need met by the right kind of service at the right stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..inputs.casebook import Casebook
from ..checks.plan_rules import Severity
from ..vocab import ServiceCategory, Stage
from ..inputs.yamlfile import read_yaml
from .answers import Answer
from .feedback import Feedback, Sign, guarded
from .plan import checked, plan_inputs

# --- the held-back record ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """One thing the fuller record of a case asks of a plan: a kind of service at a stage."""

    about: str
    services: tuple[ServiceCategory, ...]
    stages: tuple[Stage, ...]
    instead: str
    partly: tuple[ServiceCategory, ...] = ()


def _when(stages: tuple[Stage, ...]) -> str:
    """'from job search and placement on', 'no later than job search and placement', or the stages named."""
    order = sorted(stages, key=lambda s: s.order)
    everything = list(Stage)
    if order and order == everything[order[0].order:]:
        return f"from {order[0].label} on"
    if order and order == everything[: order[-1].order + 1]:
        return f"no later than {order[-1].label}"
    return " or ".join(s.label for s in order)


def held_back_needs(full_record: str) -> tuple[list[dict], list[Need]]:
    """The held-back record's added barriers and its needs (YAML written by the trainer in a hidden test)."""
    data, _ = read_yaml(full_record, "the held-back case")
    data = data or {}
    needs = [Need(" ".join(str(n["about"]).split()), tuple(ServiceCategory(s) for s in n.get("services", [])),
                  tuple(Stage(s) for s in n.get("stages", [])), " ".join(str(n.get("instead", "")).split()),
                  tuple(ServiceCategory(s) for s in n.get("partly", []))) for n in data.get("needs", [])]
    return list(data.get("add_barriers") or []), needs


def held_back_case(book: Casebook, customer_id: str, changes: str) -> Casebook:
    """A copy of ``book`` in which one customer's record carries ``changes``: YAML of customer-file
    fields, each replacing the casebook's value, except ``add_barriers``, whose barriers are added to
    the record's, and ``needs`` (what the plan must answer), which the record does not hold."""
    import dataclasses

    from ..model import Customer

    data, _ = read_yaml(changes, "the held-back case")
    record = book.customers[customer_id].model_dump(mode="json", exclude_none=True)
    data = {k: v for k, v in dict(data or {}).items() if k != "needs"}
    record["barriers"] = record.get("barriers", []) + list(data.pop("add_barriers", None) or [])
    record.update(data)
    return dataclasses.replace(book, customers={**book.customers, customer_id: Customer.model_validate(record)})


@guarded(lambda answer, customer_id, full_record=None, book=None, points=2: points, "The full record of the case")
def grade_held_back(answer: Answer | Any, customer_id: str, full_record: str | None = None, book: Casebook | None = None,
                    points: float = 2) -> Feedback:
    """A share of ``points`` for each need of the fuller record that a sound commitment meets: the
    right kind of service at the right stage; half where the service is near but not right. The
    trainer writes ``full_record``; a practice customer's is derived from their story when none is."""
    from .practice_records import full_record as derived

    book, text, notes = plan_inputs(answer, customer_id, book)
    title = "The full record of the case"
    first = book.customers[customer_id].first_name
    full_record = full_record or derived(customer_id)
    if not full_record:
        return Feedback(0, points, [f"There is no fuller record of {first}'s case to check the plan against: your trainer "
                                    "grades this part by reading the plan."], title, notes)
    plan_answer, findings = checked(text, customer_id, book)
    if plan_answer.plan is None:
        return Feedback(0, points, ["The plan could not be read, so it could not be checked against the full record of "
                                    f"{first}'s case."], title, notes)
    _barriers, needs = held_back_needs(full_record)
    plan = plan_answer.plan
    unsound = {f.path[:4] for f in findings if f.severity == Severity.error and len(f.path) >= 4 and f.path[0] == "sequence"}
    offered = []  # (category, stage, label) of each sound commitment
    for pi, phase in enumerate(plan.sequence):
        for ci, c in enumerate(phase.commitments):
            who, service = plan.attendee(c.partner), book.service_for(plan, c.partner, c.service)
            if service is not None and ("sequence", pi, "commitments", ci) not in unsound:
                offered.append((service.category, phase.stage, f"{service.id.replace('-', ' ')} from {who.name} ({who.role})"))
    fb = Feedback(0, points, [f"The full record of {first}'s case follows everything in the story; against it:"], title,
                  for_trainer=notes + plan_answer.notes)  # the sections' own cells show how the plan was read
    share = points / max(len(needs), 1)
    for need in needs:
        right = [o for o in offered if o[0] in need.services and o[1] in need.stages]
        near = [o for o in offered if o[0] in need.partly and o[1] in need.stages]
        early = [o for o in offered if o[0] in need.services and o[1] not in need.stages]
        if not right:
            fb.signs.append(Sign("need_unmet", need.about, f"the full record's need not met: {need.about}"))
        if right:
            fb.points += share
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: met by {right[0][2]} ({right[0][1].label}).")
        elif near:
            fb.points += share / 2
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: {near[0][2]} ({near[0][1].label}) comes close, but "
                            f"the need is for {need.instead}. Half of its share.")
        elif early:
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: {early[0][2]} is planned {early[0][1].label}, but "
                            f"this need comes {_when(need.stages)}: {need.instead}.")
        else:
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: nothing in the plan answers it yet; it needs "
                            f"{need.instead}.")
    if fb.full_marks:
        fb.lines = [f"The plan also holds against the full record of {first}'s case."] + fb.lines[1:]
    return fb
