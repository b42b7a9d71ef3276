"""One worked example per checker rule: a small change to a worked plan that makes the rule fire.

The checker reference shows the real message each example produces, and the test suite uses the
same examples to prove that each rule fires on the changed plan and stays quiet on the original.
Each change is written against the plan's structure, not its exact wording, so it keeps working
when a trainer edits the worked plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .casebook import Casebook
from .model import Plan
from .vocab import ServiceCategory, Stage

Data = dict[str, Any]


@dataclass(frozen=True)
class Example:
    code: str
    plan: str  # the worked plan it starts from
    change: str  # what is changed, in words (completes "in plans/X.yaml, ...")
    mutate: Callable[[Data, Casebook], None]


def apply_example(example: Example, book: Casebook) -> Plan:
    data = book.plans[example.plan].model_dump(mode="json")
    example.mutate(data, book)
    return Plan.model_validate(data)


# --- small helpers over plan data ---------------------------------------------------------------


def _partners(data: Data) -> list[Data]:
    return [a for a in data["attendees"] if a.get("program")]


def _commitments(data: Data) -> list[Data]:
    return [c for phase in data["sequence"] for c in phase["commitments"]]


def _program_of(data: Data, book: Casebook, attendee_id: str):
    attendee = next((a for a in data["attendees"] if a["id"] == attendee_id), None)
    return book.program(attendee.get("program")) if attendee else None


def _category(data: Data, book: Casebook, c: Data) -> ServiceCategory | None:
    program = _program_of(data, book, c["partner"])
    service = program.service(c["service"]) if program else None
    return service.category if service else None


def _add_guest(data: Data, program_id: str, handle: str = "guest") -> Data:
    guest = {"id": handle, "name": "Sam Ortolan", "role": "Visiting partner", "program": program_id}
    data["attendees"].append(guest)
    return guest


def _customer(data: Data, book: Casebook):
    return book.customer(data["customer"])


# --- the changes ----------------------------------------------------------------------------------


def _only_one_system(data: Data, book: Casebook) -> None:
    customer = _customer(data, book)
    keep = next(a for a in _partners(data)
                if (p := book.program(a["program"])) and p.eligibility.determined
                and (s := customer.status_with(p.id)) and s.counts)
    data["attendees"] = [a for a in data["attendees"] if a.get("customer") or a is keep]


def _unreleased_partner(data: Data, book: Casebook) -> None:
    customer = _customer(data, book)
    on_team = {a.get("program") for a in data["attendees"]}
    program = next(p for p in book.programs.values()
                   if p.release_required and not customer.has_release(p.id) and p.id not in on_team)
    _add_guest(data, program.id)


def _ineligible_commitment(data: Data, book: Casebook) -> None:
    customer = _customer(data, book)
    on_team = {a.get("program") for a in data["attendees"]}
    program = next(p for p in book.programs.values()
                   if p.eligibility.determined and customer.status_with(p.id) is None and p.id not in on_team)
    _add_guest(data, program.id)
    data["sequence"][0]["commitments"].append({"partner": "guest", "service": program.services[0].id,
                                               "milestone": "Started"})


def _duplicate_service(data: Data, book: Casebook) -> None:
    """Two partners on the team commit the same kind of service in the first phase."""
    phase = data["sequence"][0]
    stage = Stage(phase["stage"])
    partners = [(a["id"], book.program(a["program"])) for a in _partners(data)]
    for i, (a_id, a_prog) in enumerate(partners):
        for b_id, b_prog in partners[i + 1:]:
            for sa in a_prog.services:
                sb = next((s for s in b_prog.services if s.category == sa.category), None)
                if sb and a_prog.services_stop.after.order >= stage.order <= b_prog.services_stop.after.order:
                    phase["commitments"] += [{"partner": a_id, "service": sa.id, "milestone": "Done"},
                                             {"partner": b_id, "service": sb.id, "milestone": "Done"}]
                    return
    raise LookupError("no two partners on this team offer the same kind of service")


def _past_the_end(data: Data, book: Casebook) -> None:
    a = next(a for a in _partners(data) if book.program(a["program"]).services_stop.after != Stage.long_term)
    program = book.program(a["program"])
    data["sequence"].append({"phase": "A year into the job", "stage": "long_term",
                             "commitments": [{"partner": a["id"], "service": program.services[0].id,
                                              "milestone": "Still employed after a year"}]})


def _drop_barrier_cover(data: Data, book: Casebook) -> None:
    barrier = _customer(data, book).barriers[0].type
    for phase in data["sequence"]:
        phase["commitments"] = [c for c in phase["commitments"]
                                if not ((p := _program_of(data, book, c["partner"])) and (s := p.service(c["service"]))
                                        and barrier in s.addresses)]


def _drop_benefits_counselling(data: Data, book: Casebook) -> None:
    for phase in data["sequence"]:
        phase["commitments"] = [c for c in phase["commitments"]
                                if _category(data, book, c) != ServiceCategory.benefits_counselling]


def _set(path: tuple, value: Any) -> Callable[[Data, Casebook], None]:
    def mutate(data: Data, book: Casebook) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return mutate


def _do(fn: Callable[[Data], None]) -> Callable[[Data, Casebook], None]:
    return lambda data, book: fn(data)


LENA = "lena-marsh-vet-tech"
DARIO = "dario-quill-carpentry"

_EXAMPLES = [
    Example("IRT001", LENA, "only Lena and one partner from a system she is eligible for stay at the table.",
            _only_one_system),
    Example("IRT002", LENA, "Lena's own line is taken off the attendee list.",
            _do(lambda d: d.update(attendees=[a for a in d["attendees"] if not a.get("customer")]))),
    Example("IRT003", LENA, "a partner from a program Lena has signed no release for joins the team.",
            _unreleased_partner),
    Example("IRT004", LENA, "a partner from a program Lena has not applied to joins and commits a service.",
            _ineligible_commitment),
    Example("IRT005", LENA, "the first partner's program is misspelt.",
            _do(lambda d: _partners(d)[0].update(program="state-rv"))),
    Example("IRT006", LENA, "a peer advocate joins the team with nothing to do.",
            _do(lambda d: _add_guest(d, "peer-advocates"))),
    Example("IRT010", LENA, "the goal's weekly hours are left out.", _set(("goal", "weekly_hours"), None)),
    Example("IRT011", LENA, "the goal's wage is lowered to $9.00 an hour.", _set(("goal", "hourly_wage"), 9.0)),
    Example("IRT012", LENA, "the goal's job title is changed to one Lena never proposed.",
            _set(("goal", "job_title"), "Dog groomer")),
    Example("IRT020", LENA, "the point of contact is left out.", _set(("communication", "point_of_contact"), None)),
    Example("IRT021", LENA, "how often updates go out is left out.",
            _set(("communication", "updates", "frequency"), None)),
    Example("IRT022", LENA, "the list of shared information is emptied.",
            _set(("communication", "shared_information"), [])),
    Example("IRT023", LENA, "the point of contact names someone who is not at the meeting.",
            _set(("communication", "point_of_contact"), "casey")),
    Example("IRT024", LENA, "the customer's consent is left out.", _set(("communication", "consent"), None)),
    Example("IRT030", LENA, "the first commitment names a service its program does not offer.",
            _do(lambda d: _commitments(d)[0].update(service="free-laptop"))),
    Example("IRT031", LENA, "every commitment that addresses Lena's first barrier is removed.", _drop_barrier_cover),
    Example("IRT032", LENA, "two partners who offer the same kind of service both commit it in the first phase.",
            _duplicate_service),
    Example("IRT033", LENA, "a partner whose services end early commits a service a year into the job.",
            _past_the_end),
    Example("IRT034", LENA, "the first commitment's milestone is left out.",
            _do(lambda d: _commitments(d)[0].update(milestone=None))),
    Example("IRT035", LENA, "the first commitment is credited to someone who is not at the meeting.",
            _do(lambda d: _commitments(d)[0].update(partner="casey"))),
    Example("IRT036", LENA, "the work incentives coordinator's benefits counselling is removed (Lena receives SSI).",
            _drop_benefits_counselling),
    Example("IRT040", DARIO, "the first action item's responsible list is emptied.",
            _do(lambda d: d["action_items"][0].update(responsible=[]))),
    Example("IRT041", DARIO, "the first action item is given to someone who was not at the meeting.",
            _do(lambda d: d["action_items"][0].update(responsible=["casey"]))),
    Example("IRT042", DARIO, "the first action item's due date is left out.",
            _do(lambda d: d["action_items"][0].update(due=None))),
    Example("IRT050", DARIO, "the follow-up section is left out.", _set(("follow_up",), {})),
    Example("IRT051", DARIO, "the crisis plan is left out.", _set(("crisis_plan",), None)),
    Example("IRT052", DARIO, "the continuation after program exit is left out.", _set(("continuation",), None)),
]

EXAMPLES: dict[str, Example] = {e.code: e for e in _EXAMPLES}
