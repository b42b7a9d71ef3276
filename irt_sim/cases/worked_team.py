"""The team of a worked plan (irt_sim.cases.worked_plan): a service for each of the customer's
barriers from a partner the customer can use, at the stage where it does its work; then what the
programs' rules ask beyond the barriers (benefits counselling for SSI and SSDI, VR's IPE, two systems
at the table) and the steps any plan takes (someone plans the steps with the customer, someone works
the job search)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..inputs.casebook import Casebook
from ..inputs.program_figures import value
from ..model import Attendee, Customer, Program, Service
from ..vocab import Benefit, BarrierType as B, ServiceCategory as C, ServiceRole as R, Stage, SystemType as S
from ..words import tokens
from .worked_access import NoPlan, closed, comparable_elsewhere, counts, is_family, relative
from .worked_words import Words, lower_first, short


#: The kinds of service that meet each barrier, best first (a capable practitioner's first thought).
PREFER: dict[B, tuple[C, ...]] = {
    B.transportation: (C.transportation,),
    B.housing: (C.housing_assistance, C.case_management, C.legal_help),
    B.benefits_and_work_incentives: (C.benefits_counselling, C.case_management),
    B.skills_or_credentials: (C.tuition_and_fees, C.occupational_training, C.apprenticeship_training, C.tutoring,
                              C.career_counselling, C.work_experience),
    B.behavioural_health: (C.behavioural_health_treatment, C.job_coaching, C.case_management, C.peer_support),
    B.physical_health: (C.medical_care, C.case_management),
    B.substance_use: (C.substance_use_treatment, C.peer_support, C.case_management),
    B.justice_involvement: (C.supervision_flexibility, C.legal_help, C.case_management),
    B.childcare: (C.childcare,),
    B.assistive_technology: (C.assistive_technology, C.accommodations),
    B.accommodations: (C.accommodations, C.job_coaching, C.assistive_technology),
    B.literacy: (C.tutoring, C.accommodations),
    B.work_history: (C.job_development, C.career_counselling, C.resume_and_interview, C.work_experience,
                     C.job_coaching),
    B.financial_hardship: (C.tools_and_equipment, C.financial_coaching, C.transportation, C.cash_assistance),
    B.identity_documents: (C.documents_and_ids, C.case_management),
    B.digital_access: (C.digital_skills,),
    B.english_language: (C.language_classes,),
    B.social_isolation: (C.peer_support, C.personal_support, C.job_coaching),
}


#: Where each kind of service does its work: alternatives, the first that fits the plan and the
#: program's span wins; a service is committed in every stage of that alternative.
WHEN: dict[C, tuple[tuple[Stage, ...], ...]] = {
    C.career_counselling: ((Stage.preparation,),),
    C.job_development: ((Stage.job_search,),),
    C.resume_and_interview: ((Stage.job_search,),),
    C.job_coaching: ((Stage.early_employment, Stage.long_term),),
    C.occupational_training: ((Stage.training,),),
    C.tuition_and_fees: ((Stage.training,),),
    C.apprenticeship_training: ((Stage.training,),),
    C.tutoring: ((Stage.training,), (Stage.preparation,)),
    C.tools_and_equipment: ((Stage.training,), (Stage.early_employment,)),
    C.transportation: ((Stage.training, Stage.job_search, Stage.early_employment),),
    C.benefits_counselling: ((Stage.preparation,),),
    C.financial_coaching: ((Stage.early_employment,),),
    C.behavioural_health_treatment: ((Stage.preparation, Stage.early_employment, Stage.long_term),),
    C.substance_use_treatment: ((Stage.preparation, Stage.early_employment, Stage.long_term),),
    C.medical_care: ((Stage.preparation, Stage.early_employment),),
    C.housing_assistance: ((Stage.preparation,),),
    C.childcare: ((Stage.preparation, Stage.training, Stage.job_search, Stage.early_employment),),
    C.assistive_technology: ((Stage.preparation, Stage.early_employment), (Stage.preparation,)),
    C.accommodations: ((Stage.job_search, Stage.early_employment), (Stage.job_search,)),
    C.case_management: ((Stage.preparation,),),
    C.legal_help: ((Stage.preparation,),),
    C.supervision_flexibility: ((Stage.preparation, Stage.early_employment),),
    C.peer_support: ((Stage.preparation, Stage.long_term),),
    C.personal_support: ((Stage.preparation, Stage.long_term),),
    C.cash_assistance: ((Stage.preparation,),),
    C.work_experience: ((Stage.training,), (Stage.preparation,)),
    C.hiring: ((Stage.early_employment,),),
    C.documents_and_ids: ((Stage.preparation,),),
    C.digital_skills: ((Stage.preparation,),),
    C.language_classes: ((Stage.preparation, Stage.training), (Stage.preparation, Stage.job_search)),
}


#: Where a role's service does its work, ahead of its kind's.
WHEN_ROLE: dict[R, tuple[Stage, ...]] = {
    R.assessment: (Stage.preparation,), R.plan_development: (Stage.preparation,),
    R.health_coverage: (Stage.job_search,), R.earnings_reporting: (Stage.early_employment, Stage.long_term),
    R.able_account: (Stage.preparation,),
}


#: Roles a worked plan leaves out: each brings rules of its own (extended services, a closed case, a
#: student) that a plan for any customer cannot promise.
LEFT_OUT_ROLES = {R.supported_employment, R.extended_services, R.post_employment, R.transition}


#: Words of a barrier's detail that say nothing about which service fits it.
_PLAIN = tokens("work job help needs need has have get find customer program service services every each one two three "
                "his her their them they she he can cannot before after until about while how what when where who "
                "which any no not both will would could should more most many few first last next new old own other "
                "know knows known someone something every day days week weeks month months year years time use used "
                "may must only also from into out over under up down off than then there this these those very")


#: Which kind of program a benefits worry belongs with, by the benefit it names.
BENEFIT_SYSTEMS: tuple[tuple[tuple[str, ...], S], ...] = (
    (("ssi", "ssdi", "medicare", "social security", "trial work"), S.work_incentives),
    (("va ", "va disability", "rating"), S.veterans),
    (("voucher", "rent"), S.housing),
    (("tanf",), S.tanf),
    (("snap", "medicaid", "food"), S.social_services),
)


#: The kinds of help for money troubles, by what the detail says the money is for.
MONEY_FOR: tuple[tuple[tuple[str, ...], tuple[C, ...]], ...] = (
    (("fare", "bus"), (C.transportation, C.cash_assistance, C.tools_and_equipment)),
    (("loan", "bills", "collectors", "debt"), (C.financial_coaching, C.cash_assistance, C.legal_help)),
)


@dataclass(frozen=True)
class Choice:
    """One service of one program in the plan, and the barrier it meets (None: one the rules ask for)."""

    program: Program
    service: Service
    barrier: B | None
    stages: tuple[Stage, ...]


@dataclass
class Draft:
    """What the plan is being built from."""

    customer: Customer
    book: Casebook
    meeting: dt.date
    rng: random.Random
    words: Words
    training: bool
    choices: list[Choice] = field(default_factory=list)
    people: dict[str, Attendee] = field(default_factory=dict)  # by attendee id, once chosen

    @property
    def programs(self) -> list[Program]:
        return list({c.program.id: c.program for c in self.choices}.values())


def _stages(customer: Customer, program: Program, service: Service, plan_stages: set[Stage]) -> tuple[Stage, ...]:
    """The stages this service works in, in this plan and within the program's span; () when none fits."""
    last = program.services_stop.after.order
    alternatives = [WHEN_ROLE[service.role]] if service.role in WHEN_ROLE else list(WHEN.get(service.category, ()))
    if service.category == C.transportation and "training" in service.name.lower() and "job" not in service.name.lower():
        alternatives = [(Stage.training,)]  # a supportive service only for people in training
    if program.system == S.education and program.services_stop.after.order <= Stage.job_search.order \
            and program.id not in customer.systems_used:
        alternatives = [(Stage.training,)]  # a school serves its students: those there now, or in the plan's training
    for stages in alternatives:
        fit = tuple(s for s in stages if s in plan_stages and s.order <= last)
        if fit:
            return fit
    return ()


def _options(draft: Draft, barrier: B, detail: str, plan_stages: set[Stage]) -> list[tuple[float, Choice]]:
    """Every service the customer can use that meets ``barrier``, scored (lower is better)."""
    c, book = draft.customer, draft.book
    prefer = _prefer(barrier, detail)
    wanted = tokens(detail) - _PLAIN
    benefit_system = _benefit_system(barrier, detail)
    out = []
    for program in sorted(book.programs.values(), key=lambda p: p.id):
        if closed(c, program, draft.meeting, book.minimum_wage):
            continue
        if is_family(program) and not relative(c):
            continue  # no one in the record to sit at the table
        for service in program.services:
            if barrier not in service.addresses or service.role in LEFT_OUT_ROLES:
                continue
            if is_family(program) and set(service.addresses) != {B.social_isolation}:
                continue  # rides, a room or a trade's know-how rest on facts the record does not hold
            if "crisis" in service.name.lower():
                continue  # a crisis line belongs in the crisis plan, not in the week-to-week care
            if comparable_elsewhere(c, book, program, service):
                continue
            stages = _stages(c, program, service, plan_stages)
            if not stages:
                continue
            rank = next((i for i, cat in enumerate(prefer) if cat in service.categories), len(prefer) + 1)
            score = 3 * rank - min(len(wanted & tokens(service.name)), 3)  # the right kind first, then the fit
            score += 0 if counts(c, program) else 1.5  # an application to wait for
            score += 1.5 if service.role not in (None, R.assessment, R.plan_development) else 0  # a narrow step
            score += 4 if is_family(program) else 0  # family, when no program can
            score += 1 if program.id not in {ch.program.id for ch in draft.choices} else 0  # a smaller table
            score += 0.5 if program.services_stop.after.order < Stage.job_search.order else 0  # not there at work
            score -= 3 if benefit_system is not None and program.system == benefit_system else 0  # the benefit's own
            out.append((score, Choice(program, service, barrier, stages)))
    return sorted(out, key=lambda x: (x[0], x[1].program.id, x[1].service.id))


def _prefer(barrier: B, detail: str) -> tuple[C, ...]:
    text = f" {detail.lower()} "
    if barrier == B.financial_hardship:
        return next((kinds for words, kinds in MONEY_FOR if any(w in text for w in words)), PREFER[barrier])
    return PREFER.get(barrier, ())


def _benefit_system(barrier: B, detail: str) -> S | None:
    """The kind of program that knows the benefit a benefits worry names (SSI: the work incentives
    coordinator; a housing voucher: the housing authority)."""
    if barrier != B.benefits_and_work_incentives:
        return None
    text = f" {detail.lower()} "
    return next((system for words, system in BENEFIT_SYSTEMS if any(w in text for w in words)), None)


def _why_uncovered(draft: Draft, barrier: B) -> str:
    """Why no program the customer can use meets ``barrier``: the programs that could, nearest first,
    and what stops each."""
    c, book = draft.customer, draft.book
    offering = [p for p in sorted(book.programs.values(), key=lambda p: (bool(c.ruled_out_by(p)), p.id))
                if any(barrier in s.addresses for s in p.services)]
    reasons = []
    for p in offering:
        why = closed(c, p, draft.meeting, book.minimum_wage)
        if why is None and is_family(p):
            why = f"{c.first_name}'s record names no family member or friend who could help with it"
        elif why is None:
            comparable = [s.name for s in p.services if barrier in s.addresses and comparable_elsewhere(c, book, p, s)]
            why = (f"{p.name} pays for {lower_first(short(comparable[0]))} only where no other public program "
                   f"offers it, and one does") if comparable else f"{p.name}'s help for it fits none of the plan's steps"
        reasons.append(why)
    return f"the {barrier.label} barrier has no partner {c.first_name} can use ({'; '.join(reasons[:3])})"


def choose_team(draft: Draft) -> None:
    """A service for each barrier; the barrier with the fewest options chooses first, so a partner it
    needs is already at the table when the others choose."""
    plan_stages = _plan_stages(draft)
    barriers = list(dict.fromkeys(b.type for b in draft.customer.barriers))
    details = {b: " ".join(x.detail for x in draft.customer.barriers if x.type == b) for b in barriers}
    left = list(barriers)
    while left:
        counted = {b: _options(draft, b, details[b], plan_stages) for b in left}
        barrier = min(left, key=lambda b: (len(counted[b]), barriers.index(b)))
        if not counted[barrier]:
            raise NoPlan(_why_uncovered(draft, barrier))
        draft.choices.append(counted[barrier][0][1])
        left.remove(barrier)


def _plan_stages(draft: Draft) -> set[Stage]:
    stages = {Stage.preparation, Stage.job_search, Stage.early_employment, Stage.long_term}
    return stages | ({Stage.training} if draft.training else set())


def _extra(draft: Draft, kind: C, role: R | None, why: str, stages: tuple[Stage, ...] | None = None) -> None:
    """Add a service the rules ask for (no barrier names it): from a partner at the table if one
    offers it, else from another program the customer can use. NoPlan with ``why`` when none does."""
    c, book = draft.customer, draft.book
    at_table = [p.id for p in draft.programs]
    programs = sorted(book.programs.values(), key=lambda p: (p.id not in at_table, not counts(c, p),
                                                            p.system != S.work_incentives, p.id))
    for program in programs:
        if closed(c, program, draft.meeting, book.minimum_wage) or is_family(program):
            continue
        for service in program.services:
            if kind not in service.categories or service.role is not role:
                continue
            fit = stages or _stages(c, program, service, _plan_stages(draft))
            fit = tuple(s for s in fit if s.order <= program.services_stop.after.order)
            if fit:
                draft.choices.append(Choice(program, service, None, fit))
                return
    raise NoPlan(why)


def add_rule_needs(draft: Draft) -> None:
    """What the programs' rules ask of this customer's plan beyond the barriers."""
    c, first = draft.customer, draft.customer.first_name
    goal = c.proposed_goal
    earned = goal.hourly_wage * goal.weekly_hours * value("ssa.weeks_per_month")
    ssi, ssdi = Benefit.ssi in c.benefits, Benefit.ssdi in c.benefits
    before_work = (Stage.preparation, Stage.training, Stage.job_search)

    summary = any(C.benefits_counselling in ch.service.categories and ch.service.role is None
                  and any(s in before_work for s in ch.stages) for ch in draft.choices)
    if (ssi or ssdi) and not summary:  # the benefits summary comes first, before any job is in view
        _extra(draft, C.benefits_counselling, None, f"{first} receives SSI or SSDI, and no partner {first} can use "
               "offers benefits counselling before the job", (Stage.preparation,))
    counted = max(0.0, earned - value("ssa.ssi_general_exclusion") - value("ssa.ssi_earned_income_exclusion"))
    if ssi and counted * value("ssa.ssi_earned_income_counted") >= value("ssa.ssi_federal_benefit_rate") \
            and not any(ch.service.role is R.health_coverage for ch in draft.choices):
        _extra(draft, C.benefits_counselling, R.health_coverage, f"the goal ends {first}'s SSI cash, and no partner "
               f"{first} can use plans how {draft.words.facts['pos']} health coverage continues")
    if (ssi or (ssdi and earned > value("ssa.trial_work_month"))) \
            and not any(ch.service.role is R.earnings_reporting for ch in draft.choices):
        _extra(draft, C.benefits_counselling, R.earnings_reporting, f"{first}'s earnings must be reported to Social "
               f"Security each month, and no partner {first} can use helps with the reports")


def add_flow(draft: Draft) -> None:
    """The steps any plan of this kind takes: two systems share the plan, someone plans the steps with
    the customer and someone works the job search (partners already at the table), and VR writes the
    IPE before it provides anything else."""
    c = draft.customer
    systems = {p.id for p in draft.programs if p.eligibility.determined and counts(c, p)}
    if len(systems) < 2:
        _second_system(draft, systems)
    _add_at_table(draft, C.career_counselling, Stage.preparation)
    _add_at_table(draft, C.job_development, Stage.job_search)
    for program in draft.programs:
        ipe = next((s for s in program.services if s.role is R.plan_development), None)
        if program.rules.individual_plan and ipe and not any(ch.service is ipe for ch in draft.choices):
            draft.choices.insert(0, Choice(program, ipe, None, (Stage.preparation,)))


def _add_at_table(draft: Draft, kind: C, stage: Stage) -> None:
    """A step of that kind at that stage from a partner already at the table, if none is planned yet."""
    if any(kind in ch.service.categories and stage in ch.stages for ch in draft.choices):
        return
    for program in sorted(draft.programs, key=lambda p: (not counts(draft.customer, p), p.id)):
        if is_family(program) or stage.order > program.services_stop.after.order:
            continue
        service = next((s for s in program.services if kind in s.categories and s.role is None
                        and stage in _stages(draft.customer, program, s, _plan_stages(draft))
                        and not comparable_elsewhere(draft.customer, draft.book, program, s)), None)
        if service is not None:
            draft.choices.append(Choice(program, service, None, (stage,)))
            return


def _second_system(draft: Draft, systems: set[str]) -> None:
    """IRT001: the customer is eligible in two systems at the table. Another eligible program joins for
    the barrier it serves best, beside the partner already meeting it."""
    c = draft.customer
    while len(systems) < 2:
        candidates = sorted(  # ties go to the earlier barrier, then to the program and service ids
            (score, i, choice.program.id, choice.service.id, choice) for i, barrier in enumerate(dict.fromkeys(b.type for b in c.barriers))
            for score, choice in _options(draft, barrier, " ".join(x.detail for x in c.barriers if x.type == barrier),
                                          _plan_stages(draft))
            if choice.program.id not in systems and choice.program.eligibility.determined and counts(c, choice.program))
        if not candidates:
            break
        choice = candidates[0][-1]
        draft.choices.append(choice)
        systems.add(choice.program.id)
    if len(systems) >= 2:
        return
    raise NoPlan(f"{c.first_name} is eligible in fewer than two systems whose help {c.first_name} can use at this "
                 "meeting; an IRT needs two (help with applications and releases first)")
