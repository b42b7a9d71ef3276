"""One worked example per checker rule: a small change to a worked plan that makes the rule fire.

The checker reference shows the real message each example produces, and the test suite uses the
same examples to prove that each rule fires on the changed plan and stays quiet on the original.
Each change is written against the plan's structure, not its exact wording, so it keeps working
when a trainer edits the worked plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from ..inputs.casebook import Casebook
from ..model import Plan
from ..vocab import ServiceCategory, Stage

Data = dict[str, Any]


@dataclass(frozen=True)
class Example:
    code: str
    plan: str  # the worked plan it starts from
    change: str  # what is changed, in words (completes "in plans/X.yaml, ...")
    mutate: Callable[[Data, Casebook], None]
    case: Callable[[Casebook], Casebook] | None = None  # a change to the casebook itself (a customer, a program)


def apply_example(example: Example, book: Casebook) -> Plan:
    data = book.plans[example.plan].model_dump(mode="json")
    example.mutate(data, book)
    return Plan.model_validate(data)


def example_case(example: Example, book: Casebook) -> tuple[Plan, Casebook]:
    """The changed plan and the casebook to check it against (changed too, where the example says)."""
    changed = example.case(book) if example.case else book
    return apply_example(example, changed), changed


def _with_customer(customer_id: str, **changes: Any) -> Callable[[Casebook], Casebook]:
    """A copy of the casebook whose customer has ``changes`` (a field: a value, or a function of the record)."""
    import dataclasses

    from ..model import Customer

    def change(book: Casebook) -> Casebook:
        record = book.customers[customer_id].model_dump(mode="json", exclude_none=True)
        for field, new in changes.items():
            record[field] = new(record) if callable(new) else new
        return dataclasses.replace(book, customers={**book.customers, customer_id: Customer.model_validate(record)})

    return change


def _with_program(program_id: str, **rules: Any) -> Callable[[Casebook], Casebook]:
    import dataclasses

    from ..model import Program

    def change(book: Casebook) -> Casebook:
        record = book.programs[program_id].model_dump(mode="json", exclude_none=True)
        record["rules"] = {**record.get("rules", {}), **rules}
        return dataclasses.replace(book, programs={**book.programs, program_id: Program.model_validate(record)})

    return change


def _release(program_id: str, **fields: Any) -> Callable[[Data], list]:
    """A customer's releases with the one for ``program_id`` changed."""
    def change(record: Data) -> list:
        out = []
        for r in record["releases"]:
            r = {"to": r} if isinstance(r, str) else dict(r)
            out.append({**r, **fields} if r["to"] == program_id else r)
        return out
    return change


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

TASHA = "tasha-bellweather-pharmacy-tech"


def _attendee_of(data: Data, program_id: str) -> str:
    return next(a["id"] for a in data["attendees"] if a.get("program") == program_id)


def _add(data: Data, stage: str, commitment: Data) -> None:
    """Add a commitment to the first phase at ``stage``."""
    next(p for p in data["sequence"] if p["stage"] == stage)["commitments"].append(commitment)


def _vr_record(**fields: Any) -> Callable[[Data, Casebook], None]:
    def mutate(data: Data, book: Casebook) -> None:
        record = data["program_records"]["state-vr"]
        for name, days in fields.items():
            base = dt.date.fromisoformat(record["applied" if name == "eligible" else "eligible"])
            record[name] = (base + dt.timedelta(days=days)).isoformat()
    return mutate


def _tanf_phase_hours(hours: float | None = None, activity: str | None = None) -> Callable[[Data, Casebook], None]:
    """Every activity of the first phase with hours: ``hours`` a week each, or counted as ``activity``."""
    def mutate(data: Data, book: Casebook) -> None:
        for c in data["sequence"][0]["commitments"]:
            if c.get("hours_per_week"):
                if hours is not None:
                    c["hours_per_week"] = hours
                if activity is not None:
                    c["tanf_activity"] = activity
    return mutate


_EXAMPLES += [
    Example("IRT007", DARIO, "Wheels for Work, where Dario has only applied, commits the car during the pre-apprenticeship.",
            lambda d, b: _add(d, "training", {"partner": _attendee_of(d, "wheels-for-work"), "service": "low-cost-car",
                                              "milestone": "A car for the course"})),
    Example("IRT060", LENA, "the record of Lena's signed IPE is taken out.",
            _do(lambda d: d["program_records"].pop("state-vr"))),
    Example("IRT061", LENA, "VR's eligibility decision is recorded 75 days after Lena applied.", _vr_record(eligible=75)),
    Example("IRT062", LENA, "the IPE is signed 120 days after the eligibility decision.", _vr_record(individual_plan=120)),
    Example("IRT063", DARIO, "VR pays for tutoring during the pre-apprenticeship, with the Adult Learning Center at the table.",
            lambda d, b: _add(d, "training", {"partner": _attendee_of(d, "state-vr"), "service": "tutoring",
                                              "milestone": "Proficiency exams passed"})),
    Example("IRT064", LENA, "VR commits supported employment in her first months at work, and nobody extended services.",
            lambda d, b: _add(d, "early_employment", {"partner": _attendee_of(d, "state-vr"),
                                                      "service": "supported-employment", "milestone": "Steady at work"})),
    Example("IRT065", LENA, "VR commits extended services for Lena, who is 28, in the long run.",
            lambda d, b: _add(d, "long_term", {"partner": _attendee_of(d, "state-vr"), "service": "youth-extended-services",
                                               "milestone": "Still working"})),
    Example("IRT066", LENA, "VR's order of selection is closed and Lena's IPE is not signed yet.",
            _do(lambda d: d["program_records"]["state-vr"].pop("individual_plan")),
            case=_with_program("state-vr", order_of_selection="closed")),
    Example("IRT067", LENA, "VR's post-employment services are planned while she gets ready.",
            lambda d, b: _add(d, "preparation", {"partner": _attendee_of(d, "state-vr"), "service": "post-employment",
                                                 "milestone": "Keeps the job"})),
    Example("IRT070", TASHA, "every activity of the first phase counts for one hour a week.", _tanf_phase_hours(hours=1)),
    Example("IRT071", TASHA, "the first phase's activities are counted as education related to employment.",
            _tanf_phase_hours(activity="education_related_to_employment")),
    Example("IRT072", TASHA, "the TANF case manager adds ten weeks of job readiness to the first phase.",
            lambda d, b: d["sequence"][0]["commitments"].append(
                {"partner": _attendee_of(d, "tanf-work-program"), "service": "job-readiness", "hours_per_week": 5,
                 "weeks": 10, "milestone": "Job-ready"})),
    Example("IRT073", TASHA, "eighty weeks of vocational educational training are counted toward her hours.",
            lambda d, b: _add(d, "training", {"partner": _attendee_of(d, "harlow-college-programs"),
                                              "service": "certificate-enrolment", "hours_per_week": 10, "weeks": 80,
                                              "tanf_activity": "vocational_educational_training",
                                              "milestone": "A second certificate"})),
    Example("IRT074", TASHA, "four hours a week of study on her own are counted toward her hours.",
            lambda d, b: _add(d, "training", {"partner": _attendee_of(d, "harlow-college-programs"),
                                              "service": "tutoring-centre", "hours_per_week": 4,
                                              "tanf_activity": "not_countable", "milestone": "Exam ready"})),
    Example("IRT080", DARIO, "the benefits counsellor's work before the apprenticeship is taken out (Dario receives SSDI).",
            _do(lambda d: [p.update(commitments=[c for c in p["commitments"] if c["partner"] != "yvette"])
                           for p in d["sequence"] if p["stage"] in ("preparation", "training", "job_search")])),
    Example("IRT081", LENA, "the benefits counsellor's help with keeping Medicaid is taken out (Lena receives SSI).",
            _do(lambda d: [p.update(commitments=[c for c in p["commitments"] if c["service"] != "health-coverage"])
                           for p in d["sequence"]])),
    Example("IRT082", LENA, "the help with monthly wage reports once she works is taken out.",
            _do(lambda d: [p.update(commitments=[c for c in p["commitments"] if c["service"] != "wage-reporting"])
                           for p in d["sequence"] if p["stage"] in ("early_employment", "long_term")])),
    Example("IRT083", DARIO, "Dario's record says his disability began at 50.", _do(lambda d: None),
            case=_with_customer("dario-quill", disability_onset_age=50)),
    Example("IRT090", LENA, "Lena's release for VR ended two weeks before the meeting.", _do(lambda d: None),
            case=_with_customer("lena-marsh", releases=_release("state-vr", until="2026-01-28"))),
    Example("IRT091", LENA, "a counsellor from the recovery program joins, with an ordinary release.",
            _do(lambda d: [_add_guest(d, "clearwater-recovery"),
                           d["action_items"].append({"action": "Share attendance", "responsible": ["guest"], "due": "ongoing"})]),
            case=_with_customer("lena-marsh", releases=lambda r: r["releases"] + [
                {"to": "clearwater-recovery", "what": ["attendance"], "purpose": "treatment", "until": "2027-01-01"}])),
    Example("IRT092", LENA, "Lena's record gives her age as 17.", _do(lambda d: None),
            case=_with_customer("lena-marsh", age=17)),
    Example("IRT093", LENA, "her release for the college's access office no longer meets FERPA.", _do(lambda d: None),
            case=_with_customer("lena-marsh", releases=_release("harlow-college-access", meets=[]))),
    Example("IRT094", LENA, "her release for VR no longer says its purpose.", _do(lambda d: None),
            case=_with_customer("lena-marsh", releases=_release("state-vr", purpose=None))),
    Example("IRT095", LENA, "the team plans to share her bank statements.",
            _do(lambda d: d["communication"]["shared_information"].append("Her bank statements"))),
]

EXAMPLES: dict[str, Example] = {e.code: e for e in _EXAMPLES}
