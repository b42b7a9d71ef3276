"""The plan checker: ``check_plan(plan, casebook) -> list[Finding]``.

Each rule is one small function registered with its stable code, severity, the plan section it
looks at, and the reason the IRT model gives for it. ``RULES`` is the only list of rules: the
checker runs it, and the reference in docs/checker-reference.md is generated from it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import Callable, Iterable, Iterator

from ..inputs.casebook import Casebook
from ..model import Attendee, Commitment, Customer, Goal, Phase, Plan, Program, Service
from ..inputs.problems import FieldPath, line_for
from ..vocab import BarrierType, ServiceCategory, ServiceRole


class Severity(StrEnum):
    error = "error"
    warning = "warning"


#: Plan sections in the order a team works through them, with headings for people.
SECTIONS: dict[str, str] = {
    "team": "The team",
    "goal": "Employment goal",
    "communication": "Lines of communication",
    "sequence": "Sequence of services",
    "action_items": "Action items",
    "follow_up": "Follow-up and sustainability",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a plan: stable code, severity, a plain-language message and where it is."""

    code: str
    severity: Severity
    message: str
    section: str
    item: str | None = None
    path: FieldPath = ()
    line: int | None = None
    cite: str | None = None  # the regulation or statute a program rule comes from

    @property
    def section_title(self) -> str:
        return SECTIONS[self.section]

    def __str__(self) -> str:
        where = f" [{self.item}]" if self.item else ""
        at = f" (line {self.line})" if self.line else ""
        return f"{self.severity.value.upper()} {self.code}{at}{where}: {self.message}"


@dataclass(frozen=True)
class Hit:
    """What a rule function yields; the registry turns it into a Finding."""

    message: str
    item: str | None = None
    path: FieldPath = ()


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    section: str
    title: str
    why: str
    check: Callable[["Context"], Iterable[Hit]]
    cites: tuple[str, ...] = ()  # figures of irt_sim/data/program_rules.yaml the rule rests on

    @property
    def cite(self) -> str | None:
        from ..inputs.program_figures import cites

        return cites(*self.cites) if self.cites else None


RULES: dict[str, Rule] = {}


def count_findings(findings: list[Finding]) -> str:
    """The findings counted in words, as every report of them says it: '1 error and 2 warnings'."""
    errors = sum(f.severity == Severity.error for f in findings)
    warnings = len(findings) - errors
    return f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''}"


def rule(code: str, severity: Severity, section: str, title: str, why: str, cites: tuple[str, ...] = ()):
    """Register a rule function under its code (``cites``: the program-rule figures it rests on)."""

    def register(fn: Callable[[Context], Iterable[Hit]]) -> Callable[[Context], Iterable[Hit]]:
        assert code not in RULES, f"duplicate rule code {code}"
        assert section in SECTIONS, f"unknown section {section}"
        RULES[code] = Rule(code, severity, section, title, " ".join(why.split()), fn, tuple(cites))
        return fn

    return register


class Context:
    """A plan read against its casebook, with the lookups the rules share."""

    def __init__(self, plan: Plan, book: Casebook):
        self.plan = plan
        self.book = book
        self.customer: Customer | None = book.customer(plan.customer)

    @property
    def customer_name(self) -> str:
        return self.customer.name if self.customer else "the customer"

    @property
    def first_name(self) -> str:
        return self.customer.first_name if self.customer else "the customer"

    def service_of(self, commitment: Commitment) -> Service | None:
        return self.book.service_for(self.plan, commitment.partner, commitment.service)

    def program_of(self, attendee: Attendee | None) -> Program | None:
        return self.book.program(attendee.program) if attendee and attendee.program else None

    @cached_property
    def partners(self) -> list[tuple[int, Attendee, Program]]:
        """Attendees who represent a known program, with their index in the attendee list."""
        out = []
        for i, a in enumerate(self.plan.attendees):
            program = self.program_of(a)
            if program is not None:
                out.append((i, a, program))
        return out

    def commitments(self) -> Iterator[tuple[int, Phase, int, Commitment]]:
        for pi, phase in enumerate(self.plan.sequence):
            for ci, c in enumerate(phase.commitments):
                yield pi, phase, ci, c

    @cached_property
    def committing_programs(self) -> dict[str, Program]:
        out: dict[str, Program] = {}
        for _, _, _, c in self.commitments():
            program = self.program_of(self.plan.attendee(c.partner))
            if program is not None:
                out[program.id] = program
        return out

    def who(self, attendee: Attendee) -> str:
        program = self.program_of(attendee)
        return f"{attendee.name} ({program.name})" if program else attendee.name

    def commitment_label(self, phase: Phase, c: Commitment) -> str:
        attendee = self.plan.attendee(c.partner)
        return f"{phase.phase} › {attendee.name if attendee else c.partner}: {c.service}"


# --- the team ---------------------------------------------------------------------------------


@rule("IRT001", Severity.error, "team", "Eligible in at least two systems on the team",
      """An IRT begins with a customer who is eligible for services in two or more systems and has a
      goal that needs resources from all of them. With fewer, ordinary case management (or Active
      Resource Coordination) fits better than a team.""")
def _eligible_in_two_systems(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    deciding = {p.id: p for _, _, p in ctx.partners if p.eligibility.determined}
    counted = [p.name for pid, p in deciding.items() if (s := ctx.customer.status_with(pid)) and s.counts]
    if len(counted) < 2:
        where = f"only one system on the team ({counted[0]})" if counted else "no system on the team"
        yield Hit(f"{ctx.first_name} is eligible or presumed eligible in {where}. "
                  "An IRT needs the customer to be eligible in at least two systems whose resources the goal needs; "
                  "help with applications first, or invite the systems the customer already qualifies for.",
                  path=("attendees",))


@rule("IRT002", Severity.error, "team", "The customer is at the table",
      """The customer leads the team and is its driving member; partners only facilitate. A plan made
      about a customer without the customer is not an IRT plan.""")
def _customer_attends(ctx: Context) -> Iterable[Hit]:
    if not any(a.customer for a in ctx.plan.attendees):
        yield Hit(f"{ctx.customer_name} is not listed among the attendees. The customer leads the team, so the plan "
                  "must show them at the table (an attendee with 'customer: true').", path=("attendees",))


@rule("IRT003", Severity.error, "team", "A release of information for every partner",
      """Before the meeting the customer signs a release with each provider so that all partners may talk
      freely. Without it, partners may not share what they know about the customer.""")
def _releases(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    for i, a, program in ctx.partners:
        if program.release_required and not ctx.customer.has_release(program.id):
            yield Hit(f"{ctx.who(a)} has no release of information from {ctx.first_name}. Partners may not share "
                      f"information with {program.name} until {ctx.first_name} signs one; arrange it before the meeting.",
                      item=a.name, path=("attendees", i))


@rule("IRT004", Severity.error, "sequence", "Services only where the customer is eligible",
      """Each system keeps its own eligibility rules, and no partner should be asked to serve outside
      them. If the customer still has to apply, the plan must say who helps with the application.""")
def _commit_only_when_eligible(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    applying = {a.apply_for for a in ctx.plan.action_items if a.apply_for}
    reported: set[str] = set()
    for pi, phase, ci, c in ctx.commitments():
        program = ctx.program_of(ctx.plan.attendee(c.partner))
        if program is None or not program.eligibility.determined or program.id in reported:
            continue
        status = ctx.customer.status_with(program.id)
        if (status and status.counts) or program.id in applying:
            continue
        reported.add(program.id)
        now = f"status: {status.label}" if status else "no application on record"
        yield Hit(f"{program.name} commits services, but {ctx.first_name} is not eligible or presumed eligible there ({now}). "
                  f"Add an action item for the application (apply_for: {program.id}) or leave this service out until "
                  "eligibility is decided.", item=ctx.commitment_label(phase, c), path=("sequence", pi, "commitments", ci))


@rule("IRT005", Severity.error, "team", "Everyone named is in the casebook",
      """The checker can only hold a plan to the rules of programs and customers it knows. A name that is
      not in the casebook is usually a typing slip.""")
def _known_names(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        yield Hit(f"the customer '{ctx.plan.customer}' is not in the casebook.", path=("customer",))
    for i, a in enumerate(ctx.plan.attendees):
        if a.program and ctx.book.program(a.program) is None:
            yield Hit(f"{a.name} represents '{a.program}', which is not a program in the casebook.",
                      item=a.name, path=("attendees", i, "program"))


@rule("IRT006", Severity.warning, "team", "Every partner has a role",
      """'What role will each member of the team play?' A partner at the table with no service and no
      action item adds a meeting to their week and nothing to the plan.""")
def _every_partner_has_a_role(ctx: Context) -> Iterable[Hit]:
    busy = {c.partner for _, _, _, c in ctx.commitments()} | {r for a in ctx.plan.action_items for r in a.responsible}
    for i, a, _ in ctx.partners:
        if a.id not in busy:
            yield Hit(f"{ctx.who(a)} commits no service and is responsible for no action item. Agree what they "
                      "bring to the plan, or leave them off this team.", item=a.name, path=("attendees", i))


# --- the goal ---------------------------------------------------------------------------------


@rule("IRT010", Severity.error, "goal", "The goal names a job, a wage and weekly hours",
      """The common employment goal is concrete enough to build a plan around: a job title, a wage and
      weekly hours. Each system measures its outcome on these.""")
def _goal_complete(ctx: Context) -> Iterable[Hit]:
    g = ctx.plan.goal
    missing = [name for name, value in (("a job title", g.job_title), ("an hourly wage", g.hourly_wage),
                                        ("weekly hours", g.weekly_hours)) if value in (None, "")]
    if missing:
        yield Hit(f"the employment goal lacks {_and(missing)}. A goal the team can plan around names the job, the pay "
                  "and the hours a week.", path=("goal",))


@rule("IRT011", Severity.error, "goal", "The goal meets each committing program's outcome rules",
      """A customer must meet the outcome requirements of every system they use, and no system should be
      asked to agree to an outcome its funding does not count. The goal is negotiated so that it counts
      for all of them.""")
def _goal_meets_outcomes(ctx: Context) -> Iterable[Hit]:
    for program in ctx.committing_programs.values():
        for path, message in outcome_gaps(ctx.plan.goal, program, ctx.customer, ctx.book.minimum_wage):
            yield Hit(message, item=program.name, path=("goal", path))


def outcome_gaps(goal: Goal, program: Program, customer: Customer | None, minimum_wage: float | None) -> list[tuple[str, str]]:
    """Where ``goal`` falls short of what ``program`` counts as an employment outcome: (goal field, why).
    Shared by the checker (IRT011) and the career-exploration activity."""
    rule_ = program.outcome
    if rule_ is None:
        return []
    gaps = []
    if rule_.competitive_integrated and not goal.competitive_integrated:
        gaps.append(("competitive_integrated", f"{program.name} counts only competitive integrated employment, but the "
                     "goal is not. Choose a job in a typical community workplace at the usual pay, or do not rely on "
                     "this program's services."))
    floor = minimum_wage if rule_.wage_floor == "minimum_wage" else rule_.wage_floor
    if floor is not None and goal.hourly_wage is not None and goal.hourly_wage < floor:
        gaps.append(("hourly_wage", f"the goal's wage (${goal.hourly_wage:.2f} an hour) is below what {program.name} "
                     f"counts as an outcome (at least ${floor:.2f} an hour)."))
    hours = rule_.min_weekly_hours
    if customer and customer.household.single_parent_child_under_6 and rule_.min_weekly_hours_single_parent:
        hours = rule_.min_weekly_hours_single_parent
    if hours is not None and goal.weekly_hours is not None and goal.weekly_hours < hours:
        gaps.append(("weekly_hours", f"the goal's {goal.weekly_hours:g} hours a week are fewer than {program.name} "
                     f"needs ({hours:g} hours a week). Agree on more hours, or on a step that reaches them."))
    return gaps


@rule("IRT012", Severity.warning, "goal", "The goal is the customer's own",
      """The employment goal is self-determined: it comes from the customer's career exploration, and the
      team negotiates how to reach it, not whether to swap it for another. A goal that differs from the
      customer's proposed goal may be fine, if the customer chose the change.""")
def _goal_is_customers_own(ctx: Context) -> Iterable[Hit]:
    proposed = ctx.customer.proposed_goal if ctx.customer else None
    agreed = ctx.plan.goal.job_title
    if proposed and proposed.job_title and agreed and not _same_job(proposed.job_title, agreed):
        yield Hit(f"the plan's goal ({agreed}) differs from the goal {ctx.first_name} proposed after career "
                  f"exploration ({proposed.job_title}). Check that the change is {ctx.first_name}'s own choice and "
                  "record why, or update the customer's proposed goal.", path=("goal", "job_title"))


# --- lines of communication -------------------------------------------------------------------


@rule("IRT020", Severity.error, "communication", "A point of contact",
      """The team agrees who the point of contact is: one person who keeps the shared record and keeps
      everyone informed, so the customer is not left to carry every message.""")
def _point_of_contact(ctx: Context) -> Iterable[Hit]:
    if not ctx.plan.communication.point_of_contact:
        yield Hit("no point of contact is named. Agree who keeps the team informed and write their attendee id "
                  "under communication › point_of_contact.", path=("communication",))


@rule("IRT021", Severity.warning, "communication", "How and how often updates go out",
      """Lines of communication say how partners will hear of progress or needs, and how often.
      Without it, updates depend on chance.""")
def _updates(ctx: Context) -> Iterable[Hit]:
    u = ctx.plan.communication.updates
    missing = [w for w, v in (("how", u.method), ("how often", u.frequency)) if not v]
    if missing:
        yield Hit(f"the plan does not say {_and(missing)} partners are updated (communication › updates).",
                  path=("communication", "updates"))


@rule("IRT022", Severity.warning, "communication", "What information is shared",
      """The team identifies what information will be communicated, so the customer knows what partners
      will learn about them and partners know what to pass on.""")
def _shared_information(ctx: Context) -> Iterable[Hit]:
    if not ctx.plan.communication.shared_information:
        yield Hit("the plan does not say what information partners will share (communication › shared_information).",
                  path=("communication",))


@rule("IRT023", Severity.error, "communication", "Contacts are on the team",
      """The point of contact, and the person the customer turns to first, must be at the table; otherwise
      the agreed lines of communication lead nowhere.""")
def _contacts_on_team(ctx: Context) -> Iterable[Hit]:
    comm = ctx.plan.communication
    for field_, label in (("point_of_contact", "point of contact"), ("customer_raises_issues_with",
                                                                      "person the customer turns to first")):
        value = getattr(comm, field_)
        if value and ctx.plan.attendee(value) is None:
            yield Hit(f"the {label} '{value}' is not an attendee of this meeting.", path=("communication", field_))


@rule("IRT024", Severity.warning, "communication", "The customer's consent to communication",
      """Communication between partners rests on the customer's agreement. The plan records what the
      customer agreed to share, and with whom.""")
def _consent(ctx: Context) -> Iterable[Hit]:
    if not ctx.plan.communication.consent:
        yield Hit(f"the plan does not record what {ctx.first_name} agreed to about sharing information "
                  "(communication › consent).", path=("communication",))


# --- sequence of services -----------------------------------------------------------------------


@rule("IRT030", Severity.error, "sequence", "Services the program really offers",
      """Partners agree to provide what is available through their own programs. A commitment to a service
      the program does not offer will not be delivered.""")
def _service_offered(ctx: Context) -> Iterable[Hit]:
    for pi, phase, ci, c in ctx.commitments():
        program = ctx.program_of(ctx.plan.attendee(c.partner))
        if program is not None and program.service(c.service) is None:
            offered = ", ".join(s.id for s in program.services)
            yield Hit(f"{program.name} does not offer a service '{c.service}'. It offers: {offered}.",
                      item=ctx.commitment_label(phase, c), path=("sequence", pi, "commitments", ci, "service"))


@rule("IRT031", Severity.error, "sequence", "Every barrier has a partner",
      """The team is built around the customer's needs and service gaps. A barrier no partner addresses is
      a gap that can stop the plan.""")
def _barriers_covered(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    covered: set[BarrierType] = set()
    for _, _, _, c in ctx.commitments():
        service = ctx.service_of(c)
        if service is not None:
            covered.update(service.addresses)
    for barrier in ctx.customer.barriers:
        if barrier.type not in covered:
            yield Hit(f"the {barrier.type.label} barrier ({barrier.detail.rstrip('.')}) has no partner: no commitment "
                      "addresses it. Add a service that does, or invite a partner who can.",
                      item=barrier.type.label, path=("sequence",))
            covered.add(barrier.type)  # one finding per barrier type


@rule("IRT032", Severity.warning, "sequence", "No duplicated services",
      """The team leverages each system's resources and avoids paying twice for the same thing. If two
      partners deliberately share a service (braided funding), mark it with 'coordinated_with'.""")
def _duplication(ctx: Context) -> Iterable[Hit]:
    for pi, phase in enumerate(ctx.plan.sequence):
        by_category: dict[ServiceCategory, list[Commitment]] = defaultdict(list)
        for c in phase.commitments:
            service = ctx.service_of(c)
            if service is not None:
                for category in service.categories:  # by what the service does, not by one label
                    by_category[category].append(c)
        told: set[frozenset[str]] = set()
        for category, commits in by_category.items():
            partners = {c.partner for c in commits}
            if frozenset(partners) in told:
                continue  # the same partners overlap in another of the services' kinds: one finding
            agreed = {c.partner for c in commits if c.coordinated_with in partners} | {
                c.coordinated_with for c in commits if c.coordinated_with in partners}
            if len(partners) > 1 and not partners <= agreed:
                names = _and(sorted(a.name for p in partners if (a := ctx.plan.attendee(p))))
                told.add(frozenset(partners))
                yield Hit(f"{names} both commit {category.label} in '{phase.phase}'. Agree who provides it, or mark "
                          "the shared service with 'coordinated_with' if the funding is braided on purpose.",
                          item=phase.phase, path=("sequence", pi))


@rule("IRT033", Severity.error, "sequence", "Services fall before the program's services stop",
      """The team finds out when services stop for each provider. A commitment placed after that point will
      not be there when the customer needs it; plan who takes over instead.""")
def _within_program_span(ctx: Context) -> Iterable[Hit]:
    for pi, phase, ci, c in ctx.commitments():
        program, service = ctx.program_of(ctx.plan.attendee(c.partner)), ctx.service_of(c)
        after_exit = service is not None and service.role in (ServiceRole.post_employment, ServiceRole.extended_services)
        if program is not None and phase.stage.order > program.services_stop.after.order and not after_exit:
            note = program.services_stop.note.strip().rstrip(".")
            note = note[0].lower() + note[1:] if note[1:2].islower() else note  # mid-sentence, keep acronyms
            yield Hit(f"{program.name}'s services stop after {program.services_stop.after.label} "
                      f"({' '.join(note.split())}), but it commits '{c.service}' in '{phase.phase}' "
                      f"({phase.stage.label}). Plan who takes this over.",
                      item=ctx.commitment_label(phase, c), path=("sequence", pi, "commitments", ci))


@rule("IRT034", Severity.warning, "sequence", "Each service is linked to a milestone",
      """The team links services to milestones in the plan, so everyone knows when a service starts, when
      it is done and what comes next.""")
def _milestones(ctx: Context) -> Iterable[Hit]:
    for pi, phase, ci, c in ctx.commitments():
        if not c.milestone:
            yield Hit("this commitment is linked to no milestone; say what it leads to (e.g. 'enrolled in the course').",
                      item=ctx.commitment_label(phase, c), path=("sequence", pi, "commitments", ci))


@rule("IRT035", Severity.error, "sequence", "Commitments come from partners on the team",
      """Commitments are made at the table, by partners who speak for their programs. A commitment from
      someone absent, or from someone who represents no program, cannot be held to a program's rules.""")
def _committer_on_team(ctx: Context) -> Iterable[Hit]:
    for pi, phase, ci, c in ctx.commitments():
        attendee = ctx.plan.attendee(c.partner)
        if attendee is None:
            yield Hit(f"'{c.partner}' is not an attendee of this meeting, so cannot commit services here.",
                      item=ctx.commitment_label(phase, c), path=("sequence", pi, "commitments", ci, "partner"))
        elif not attendee.program:
            yield Hit(f"{attendee.name} represents no program, so the commitment cannot be checked against a program's "
                      "services. Name their program (for family and friends, the natural-supports entry) or make it "
                      "an action item.", item=ctx.commitment_label(phase, c),
                      path=("sequence", pi, "commitments", ci, "partner"))


@rule("IRT036", Severity.warning, "sequence", "Benefits counselling for SSI or SSDI recipients",
      """Work changes SSI and SSDI payments and health coverage. Personalised benefits counselling before a job
      starts (and when hours or pay change) is an IPS principle and protects the customer's income.""")
def _benefits_counselling(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    receives = [b.label for b in ctx.customer.benefits if b.disability_benefit]
    if not receives:
        return
    for _, _, _, c in ctx.commitments():
        service = ctx.service_of(c)
        if service is not None and service.category == ServiceCategory.benefits_counselling:
            return
    yield Hit(f"{ctx.first_name} receives {_and(receives)}, but no partner commits benefits counselling. Invite a work "
              "incentives coordinator so the job does not cost the customer income or health coverage unawares.",
              path=("sequence",))


# --- action items -------------------------------------------------------------------------------


@rule("IRT040", Severity.error, "action_items", "Every action item has someone responsible",
      """'Who is responsible for what and when?' An action nobody owns does not happen.""")
def _responsible(ctx: Context) -> Iterable[Hit]:
    for i, a in enumerate(ctx.plan.action_items):
        if not a.responsible:
            yield Hit("nobody is responsible for this action; name at least one attendee.", item=a.action,
                      path=("action_items", i))


@rule("IRT041", Severity.error, "action_items", "Responsible people are on the team",
      """Responsibility is agreed at the table. Someone who was not there has not agreed to it.""")
def _responsible_on_team(ctx: Context) -> Iterable[Hit]:
    for i, a in enumerate(ctx.plan.action_items):
        for j, who in enumerate(a.responsible):
            if ctx.plan.attendee(who) is None:
                yield Hit(f"'{who}' is responsible for this action but is not on the team (not an attendee).",
                          item=a.action, path=("action_items", i, "responsible", j))


@rule("IRT042", Severity.error, "action_items", "Every action item has a due date",
      """Each action has a due date, or is marked 'ongoing'. A date before the meeting cannot have been agreed
      at it.""")
def _due(ctx: Context) -> Iterable[Hit]:
    met = ctx.plan.meeting.date
    for i, a in enumerate(ctx.plan.action_items):
        if a.due is None:
            yield Hit("this action has no due date; give a date (YYYY-MM-DD) or write 'ongoing'.", item=a.action,
                      path=("action_items", i))
        elif a.due != "ongoing" and a.due < met:
            yield Hit(f"this action is due on {a.due.isoformat()}, before the meeting on {met.isoformat()}.",
                      item=a.action, path=("action_items", i, "due"))


# --- follow-up and sustainability ---------------------------------------------------------------


@rule("IRT050", Severity.warning, "follow_up", "A follow-up meeting or timeline",
      """The team agrees on a timeline or on further IRT meetings, so the plan is revisited as it evolves.""")
def _follow_up(ctx: Context) -> Iterable[Hit]:
    f = ctx.plan.follow_up
    if f.next_meeting is None and not f.timeline:
        yield Hit("no follow-up meeting or timeline is agreed (follow_up › next_meeting or timeline).",
                  path=("follow_up",))
    elif f.next_meeting is not None and f.next_meeting <= ctx.plan.meeting.date:
        yield Hit(f"the next meeting ({f.next_meeting.isoformat()}) is not after this one "
                  f"({ctx.plan.meeting.date.isoformat()}).", path=("follow_up", "next_meeting"))


@rule("IRT051", Severity.warning, "follow_up", "A plan for crises and roadblocks",
      """'Do you have a plan for supporting crises or roadblocks?' When one comes, the team meets it
      together instead of the customer dropping out.""")
def _crisis_plan(ctx: Context) -> Iterable[Hit]:
    if not ctx.plan.crisis_plan:
        yield Hit("the plan says nothing about what happens in a crisis or when the plan stalls (crisis_plan).",
                  path=("crisis_plan",))


@rule("IRT052", Severity.warning, "follow_up", "What continues after a program exits",
      """'Do you have a plan for continuation beyond program exit?' Programs close cases; the customer's
      job has to outlast them.""")
def _continuation(ctx: Context) -> Iterable[Hit]:
    if not ctx.plan.continuation:
        yield Hit("the plan does not say what continues when a program's services end (continuation).",
                  path=("continuation",))


# --- running the rules --------------------------------------------------------------------------


def _same_job(a: str, b: str) -> bool:
    """'Carpentry apprentice' and 'Carpentry apprentice (registered apprenticeship)' name the same job."""
    def core(title: str) -> str:
        return " ".join(re.sub(r"\([^)]*\)", " ", title).casefold().split())
    a, b = core(a), core(b)
    return a == b or a in b or b in a


def _and(words: list[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def check_plan(plan: Plan, casebook: Casebook, *, lines: dict[FieldPath, int] | None = None,
               codes: Iterable[str] | None = None) -> list[Finding]:
    """Run every rule (or only ``codes``) on ``plan``; findings come in section order, errors first.

    ``lines`` (from a loaded file) lets each finding name its line in the plan's YAML file.
    """
    ctx = Context(plan, casebook)
    wanted = set(codes) if codes is not None else None
    findings: list[Finding] = []
    for r in RULES.values():
        if wanted is not None and r.code not in wanted:
            continue
        for hit in r.check(ctx):
            message = hit.message[:1].upper() + hit.message[1:]  # rules write mid-sentence; findings stand alone
            f = Finding(r.code, r.severity, message, r.section, hit.item, hit.path, cite=r.cite)
            if lines is not None:
                f = replace(f, line=line_for(lines, hit.path))
            findings.append(f)
    order = list(SECTIONS)
    return sorted(findings, key=lambda f: (order.index(f.section), f.severity != Severity.error, f.code))


from . import program_rules as program_checks  # noqa: E402,F401 - the programs' own rules register here too
