"""The programs' own rules: VR, TANF, Social Security's work incentives, consent, and eligibility
timing. Each rule registers with the plan checker (irt_sim.checks) like the IRT model's rules, and
names the figures of irt_sim/data/program_rules.yaml it rests on, so each finding cites its
regulation or statute."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from .plan_rules import Context, Hit, Severity, _and, rule
from ..model import Commitment, Phase, Program, Release, Service
from ..inputs.program_figures import value
from ..vocab import Benefit, RecordsRule, ReleaseSigner, ServiceCategory, ServiceRole, Stage, SystemType, TanfActivity
from ..words import FILLER, tokens


def _served(ctx: Context) -> Iterator[tuple[int, Phase, int, Commitment, Program, Service]]:
    """Each commitment with its program and service, where both are known."""
    for pi, phase, ci, c in ctx.commitments():
        program, service = ctx.program_of(ctx.plan.attendee(c.partner)), ctx.service_of(c)
        if program is not None and service is not None:
            yield pi, phase, ci, c, program, service


def _where(pi: int, ci: int) -> tuple:
    return ("sequence", pi, "commitments", ci)


def _date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


# --- VR ---------------------------------------------------------------------------------------------


def _vr(ctx: Context) -> list[Program]:
    return [p for _, _, p in ctx.partners if p.system == SystemType.vocational_rehabilitation]


@rule("IRT060", Severity.error, "sequence", "VR services other than assessment wait for the IPE",
      """VR provides its services under an approved Individualized Plan for Employment; before the IPE
      is signed, only the assessment of eligibility and needs (with trial work experiences), the
      counselling that develops the IPE and pre-employment transition services for students can go ahead. A plan that has VR pay for
      training or a bus pass before then promises what VR cannot give.""",
      cites=("vr.services_under_the_plan",))
def _services_before_the_plan(ctx: Context) -> Iterable[Hit]:
    told: set[str] = set()
    for pi, phase, ci, c, program, service in _served(ctx):
        name = program.rules.individual_plan
        if not name or program.id in told or service.role in (ServiceRole.assessment, ServiceRole.plan_development,
                                                                ServiceRole.transition):
            continue
        record = ctx.plan.program_records.get(program.id)
        signed = record.individual_plan if record else None
        if signed is None:
            told.add(program.id)
            yield Hit(f"{program.name} commits '{c.service}', but the plan records no signed {name}: services other "
                      f"than assessment and the counselling that develops the {name} wait for it. Record the day it is signed (program_records › {program.id} › "
                      f"individual_plan), or keep to the assessment until then.",
                      item=ctx.commitment_label(phase, c), path=_where(pi, ci))
        elif phase.starts is not None and phase.starts < signed:
            told.add(program.id)
            yield Hit(f"{program.name} commits '{c.service}' in '{phase.phase}', which starts on {_date(phase.starts)}, "
                      f"before the {name} is signed on {_date(signed)}. Move the service after it, or keep to the "
                      "assessment until then.", item=ctx.commitment_label(phase, c), path=_where(pi, ci))


@rule("IRT061", Severity.warning, "team", "VR decides eligibility within 60 days",
      """VR decides whether an applicant is eligible within 60 days of the application, unless the
      applicant agrees to more time. A plan that waits longer for the decision should say why.""",
      cites=("vr.eligibility_days",))
def _eligibility_in_time(ctx: Context) -> Iterable[Hit]:
    for program in _vr(ctx):
        record = ctx.plan.program_records.get(program.id)
        if record is None or record.applied is None:
            continue
        days = program.eligibility.decision_within_days or value("vr.eligibility_days")
        due = record.applied + dt.timedelta(days=days)
        decided = record.eligible
        if decided is not None and decided > due:
            yield Hit(f"{program.name} decided {ctx.first_name}'s eligibility on {_date(decided)}, more than {days} days "
                      f"after the application on {_date(record.applied)}. Record the agreed extension, if there was "
                      "one.", item=program.name, path=("program_records", program.id, "eligible"))
        elif decided is None and ctx.plan.meeting.date > due:
            yield Hit(f"{ctx.first_name} applied to {program.name} on {_date(record.applied)} and the decision was due "
                      f"by {_date(due)}; ask VR for the decision, or record the agreed extension.",
                      item=program.name, path=("program_records", program.id))


@rule("IRT062", Severity.warning, "team", "The IPE within 90 days of eligibility",
      """The IPE is written within 90 days of the eligibility decision, unless VR and the customer agree
      to a later date. A plan whose VR services wait longer should say when the IPE will be signed.""",
      cites=("vr.individual_plan_days",))
def _plan_in_time(ctx: Context) -> Iterable[Hit]:
    for program in _vr(ctx):
        record = ctx.plan.program_records.get(program.id)
        if record is None or record.eligible is None or not program.rules.individual_plan:
            continue
        days = value("vr.individual_plan_days")
        due = record.eligible + dt.timedelta(days=days)
        name = program.rules.individual_plan
        if record.individual_plan is not None and record.individual_plan > due:
            yield Hit(f"The {name} is signed on {_date(record.individual_plan)}, more than {days} days after the "
                      f"eligibility decision on {_date(record.eligible)}; record the date VR and {ctx.first_name} agreed.",
                      item=program.name, path=("program_records", program.id, "individual_plan"))
        elif record.individual_plan is None and ctx.plan.meeting.date > due:
            yield Hit(f"{ctx.first_name} was found eligible for {program.name} on {_date(record.eligible)} and the {name} "
                      f"was due by {_date(due)}; it is not signed yet.", item=program.name,
                      path=("program_records", program.id))


def _can_use(ctx: Context, program: Program) -> bool:
    """Whether the customer could use another program's service: not ruled out, not found ineligible."""
    customer = ctx.customer
    if customer is None or customer.ruled_out_by(program):
        return False
    status = customer.status_with(program.id)
    return not (status is not None and status.value == "not_eligible") and program.system != SystemType.employer


@rule("IRT063", Severity.warning, "sequence", "VR looks for comparable services and benefits first",
      """Before VR pays for a service, it looks for comparable services and benefits the customer can
      get from other programs; only assessment, counselling, job search and placement, job retention,
      rehabilitation technology and post-employment services of those kinds are exempt. Comparable
      means a public program, health insurance or an employee benefit, not what family, friends or a
      charity give. A plan that has VR pay for tutoring while a free tutoring service is at the table
      spends VR's money twice.""",
      cites=("vr.comparable_benefits_exempt", "vr.comparable_benefits_not_from"))
def _comparable_benefits(ctx: Context) -> Iterable[Hit]:
    exempt = {ServiceCategory(c) for c in value("vr.comparable_benefits_exempt")}
    not_from = {SystemType(s) for s in value("vr.comparable_benefits_not_from")}
    at_table = {p.id for _, _, p in ctx.partners}

    def comparable(p: Program) -> bool:  # a public program, or an employee benefit of an employer at the table
        if p.system in not_from:
            return False
        return p.id in at_table if p.system == SystemType.employer else _can_use(ctx, p)

    for pi, phase, ci, c, program, service in _served(ctx):
        if program.system != SystemType.vocational_rehabilitation or not service.paid or c.comparable_checked:
            continue
        if service.categories & exempt or service.role in (ServiceRole.assessment, ServiceRole.post_employment):
            continue
        others = sorted(((p.id not in at_table, p.name, s.name) for p in ctx.book.programs.values()
                         if p.id != program.id and comparable(p)
                         for s in p.services if s.categories & service.categories), key=lambda x: x[0])
        if others:
            away, name, what = others[0]
            where = "in the directory" if away else "at the table"
            yield Hit(f"{program.name} pays for '{c.service}', while {name} ({where}) offers {what[:1].lower()}{what[1:]}. "
                      "VR first looks for comparable services and benefits: use the other program's, or say why not "
                      "(comparable_checked).", item=ctx.commitment_label(phase, c), path=_where(pi, ci))


@rule("IRT064", Severity.error, "sequence", "Supported employment names who provides extended services",
      """In supported employment the IPE names the source of extended services: the ongoing support at
      work once VR's time-limited services end. The case closes 90 days after the move to extended
      services, so a plan that closes VR while the job coach is still needed leaves the customer alone.""",
      cites=("vr.extended_services_source", "vr.supported_employment_months", "vr.closure_days"))
def _extended_services(ctx: Context) -> Iterable[Hit]:
    supported = [(pi, phase, ci, c, p) for pi, phase, ci, c, p, s in _served(ctx) if s.role is ServiceRole.supported_employment]
    if not supported:
        return
    extended = [s for *_, s in _served(ctx) if s.role is ServiceRole.extended_services]
    pi, phase, ci, c, program = supported[0]
    record = ctx.plan.program_records.get(program.id)
    if not extended and not (record and record.extended_services):
        yield Hit(f"{program.name} commits supported employment, but no partner commits extended services: name who "
                  f"keeps supporting {ctx.first_name} at work once VR's part ends (an IPS team, a long-term supports "
                  "agency, natural supports, or VR itself for a youth), in a long-term phase, or say who is expected "
                  f"to and why (program_records › {program.id} › extended_services).",
                  item=ctx.commitment_label(phase, c), path=_where(pi, ci))


@rule("IRT065", Severity.error, "sequence", "VR pays for extended services only for a youth",
      """VR may pay for extended services only for a youth with the most significant disabilities, for up
      to four years or until age 25; for everyone else the extended services come from another source.""",
      cites=("vr.youth_extended_services_years", "vr.youth_extended_services_age"))
def _youth_extended_services(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    age = value("vr.youth_extended_services_age")
    for pi, phase, ci, c, program, service in _served(ctx):
        if program.system == SystemType.vocational_rehabilitation and service.role is ServiceRole.extended_services \
                and ctx.customer.age >= age:
            yield Hit(f"{program.name} commits extended services, but {ctx.first_name} is {ctx.customer.age}: VR pays for "
                      f"them only for a youth, until age {age}. Name another source (an IPS team, a long-term "
                      "supports agency, natural supports).", item=ctx.commitment_label(phase, c), path=_where(pi, ci))


@rule("IRT066", Severity.warning, "team", "VR's order of selection",
      """When VR cannot serve everyone, it serves its priority categories first and new customers wait.
      A plan that counts on VR while its order of selection is closed says so, and says who helps
      meanwhile.""",
      cites=("vr.order_of_selection",))
def _order_of_selection(ctx: Context) -> Iterable[Hit]:
    for program in _vr(ctx):
        if program.rules.order_of_selection != "closed":
            continue
        record = ctx.plan.program_records.get(program.id)
        if record is not None and record.individual_plan is not None:
            continue  # already served under a signed IPE
        if record is None or not record.waiting:
            yield Hit(f"{program.name}'s order of selection is closed: new customers wait until their category opens. "
                      f"Record that {ctx.first_name} waits (program_records › {program.id} › waiting: true) and plan what "
                      "the other partners do meanwhile.", item=program.name, path=("program_records",))


@rule("IRT067", Severity.warning, "sequence", "Post-employment services follow a closure",
      """Post-employment services help someone keep or advance in the job after VR has closed the case;
      planned before the job starts, they are not post-employment services.""",
      cites=("vr.post_employment",))
def _post_employment(ctx: Context) -> Iterable[Hit]:
    for pi, phase, ci, c, program, service in _served(ctx):
        if service.role is ServiceRole.post_employment and phase.stage.order < Stage.early_employment.order:
            yield Hit(f"{program.name}'s post-employment services are planned in '{phase.phase}' ({phase.stage.label}), "
                      "before the job: they come after the case closes.", item=ctx.commitment_label(phase, c),
                      path=_where(pi, ci))


# --- TANF -------------------------------------------------------------------------------------------

#: What TANF counts an activity of each kind of service as, when neither the plan nor the program says.
TANF_ACTIVITY_OF = {
    ServiceCategory.work_experience: TanfActivity.work_experience,
    ServiceCategory.hiring: TanfActivity.on_the_job_training,
    ServiceCategory.apprenticeship_training: TanfActivity.on_the_job_training,
    ServiceCategory.occupational_training: TanfActivity.vocational_educational_training,
    ServiceCategory.job_development: TanfActivity.job_search_and_readiness,
    ServiceCategory.resume_and_interview: TanfActivity.job_search_and_readiness,
    ServiceCategory.tutoring: TanfActivity.education_related_to_employment,
    ServiceCategory.language_classes: TanfActivity.education_related_to_employment,
    ServiceCategory.digital_skills: TanfActivity.job_skills_training,
}


def _tanf(ctx: Context) -> Program | None:
    if ctx.customer is None or Benefit.tanf not in ctx.customer.benefits:
        return None
    return next((p for _, _, p in ctx.partners if p.system == SystemType.tanf), None)


def _activity(c: Commitment, service: Service) -> TanfActivity | None:
    return c.tanf_activity or service.tanf_activity or next(
        (TANF_ACTIVITY_OF[k] for k in (service.category, *service.also) if k in TANF_ACTIVITY_OF), None)


def _n_hours(n: float) -> str:
    return f"{n:g} hour" + ("" if n == 1 else "s")


def _hours(ctx: Context, pi: int, phase: Phase) -> list[tuple[TanfActivity, float, str]]:
    """The phase's countable activities: (activity, hours a week, what) from the commitments' hours and,
    once the customer works, the job itself."""
    out = [(a, c.hours_per_week, ctx.commitment_label(phase, c))
           for qi, _, ci, c, program, service in _served(ctx) if qi == pi
           if c.hours_per_week and (a := _activity(c, service)) is not None]
    if phase.stage.order >= Stage.early_employment.order and ctx.plan.goal.weekly_hours:
        out.append((TanfActivity.unsubsidized_employment, ctx.plan.goal.weekly_hours, "the job"))
    return out


def _required(ctx: Context) -> tuple[float, float, str]:
    """(hours a week, of them core, which rule)."""
    household = ctx.customer.household
    if household.single_parent_child_under_6:
        h = value("tanf.hours_single_parent_child_under_6")
        return h, h, "a single parent of a child under 6"
    if household.two_parent and household.federally_funded_childcare:
        return value("tanf.hours_two_parent_childcare"), value("tanf.core_hours_two_parent_childcare"), \
            "a two-parent family with federally funded childcare"
    if household.two_parent:
        return value("tanf.hours_two_parent"), value("tanf.core_hours_two_parent"), "a two-parent family"
    return value("tanf.hours_all_families"), value("tanf.core_hours_all_families"), "a family"


def _tanf_phases(ctx: Context, program: Program) -> Iterator[tuple[int, Phase]]:
    for pi, phase in enumerate(ctx.plan.sequence):
        if phase.stage.order <= program.services_stop.after.order:
            yield pi, phase


def _tanf_phase_hours(ctx: Context):
    """Each phase TANF serves in, its activities' hours, and what TANF asks of this family."""
    program = _tanf(ctx)
    if program is None:
        return
    required = _required(ctx)
    for pi, phase in _tanf_phases(ctx, program):
        yield pi, phase, _hours(ctx, pi, phase), required


@rule("IRT070", Severity.error, "sequence", "TANF's weekly hours of work activities",
      """While a family receives TANF, the adult takes part in work activities for an average of 30
      hours a week (20 for a single parent of a child under 6; 35 or 55 for a two-parent family). Any
      mix of countable activities meets it, a job among them: the hours are a participation
      requirement, not a rule about which job counts.""",
      cites=("tanf.hours_all_families", "tanf.hours_single_parent_child_under_6", "tanf.hours_two_parent",
             "tanf.hours_two_parent_childcare"))
def _tanf_hours(ctx: Context) -> Iterable[Hit]:
    for pi, phase, hours, (needed, _core, who) in _tanf_phase_hours(ctx):
        total = sum(h for a, h, _ in hours if a.countable)
        if total < needed:
            said = " (the plan gives no activity's hours a week: add hours_per_week to each)" if not hours else ""
            yield Hit(f"In '{phase.phase}', {ctx.first_name}'s countable activities add up to {_n_hours(total)} a week; "
                      f"TANF asks {needed:g} of {who}{said}. Add countable activities, or more hours.",
                      item=phase.phase, path=("sequence", pi))


@rule("IRT071", Severity.error, "sequence", "TANF's core activities",
      """Of TANF's weekly hours, at least 20 (all 20 for a single parent of a child under 6) are in core
      activities: work, work experience, on-the-job training, job search for a few weeks, community
      service, vocational educational training. Job skills training and education related to work count
      only above them.""",
      cites=("tanf.core_hours_all_families", "tanf.hours_single_parent_child_under_6", "tanf.core_hours_two_parent"))
def _tanf_core(ctx: Context) -> Iterable[Hit]:
    for pi, phase, hours, (needed, core_needed, who) in _tanf_phase_hours(ctx):
        if sum(h for a, h, _ in hours if a.countable) < needed:
            continue  # IRT070 says so already
        core = sum(h for a, h, _ in hours if a.core)
        if core < core_needed:
            other = _and(sorted({w for a, _, w in hours if a.countable and not a.core})) or "none"
            yield Hit(f"In '{phase.phase}', only {core:g} of {ctx.first_name}'s hours are in core activities; TANF asks "
                      f"{core_needed:g} of {who}. These count only above the core hours: {other}.",
                      item=phase.phase, path=("sequence", pi))


def _weeks(phase: Phase, c: Commitment) -> float | None:
    return c.weeks or phase.weeks


@rule("IRT072", Severity.warning, "sequence", "Job search counts for TANF for a few weeks only",
      """Job search and job readiness count toward TANF's hours for at most six weeks in the preceding
      twelve months (twelve weeks in a needy state), no more than four of them in a row. A plan that
      counts months of job search toward the hours will fall short.""",
      cites=("tanf.job_search_weeks", "tanf.job_search_weeks_needy_state", "tanf.job_search_weeks_in_a_row"))
def _tanf_job_search(ctx: Context) -> Iterable[Hit]:
    program = _tanf(ctx)
    if program is None:
        return
    cap = value("tanf.job_search_weeks_needy_state") if program.rules.needy_state else value("tanf.job_search_weeks")
    in_a_row = value("tanf.job_search_weeks_in_a_row")
    total = 0.0
    for pi, phase, ci, c, _, service in _served(ctx):
        if not c.hours_per_week or _activity(c, service) is not TanfActivity.job_search_and_readiness:
            continue
        weeks = _weeks(phase, c)
        if weeks is None:
            yield Hit(f"'{c.service}' counts as job search toward TANF's hours, but for how many weeks is not said "
                      f"(weeks, or the phase's starts and ends): it counts for {in_a_row} weeks in a row at most.",
                      item=ctx.commitment_label(phase, c), path=_where(pi, ci))
            continue
        total += weeks
        if weeks > in_a_row:
            yield Hit(f"'{c.service}' counts as job search for about {weeks:.0f} weeks in a row; TANF counts it for "
                      f"{in_a_row} weeks in a row at most.", item=ctx.commitment_label(phase, c), path=_where(pi, ci))
    if total > cap:
        yield Hit(f"The plan counts about {total:.0f} weeks of job search toward TANF's hours; TANF counts it for "
                  f"{cap} weeks a year at most.", path=("sequence",))


@rule("IRT073", Severity.error, "sequence", "Vocational educational training counts for 12 months",
      """Vocational educational training counts as a TANF work activity for at most 12 months in a person's
      life, by federal law. A longer course needs other countable hours beside it after that.""",
      cites=("tanf.vocational_training_months",))
def _tanf_training_limit(ctx: Context) -> Iterable[Hit]:
    program = _tanf(ctx)
    if program is None:
        return
    months = value("tanf.vocational_training_months")
    counted = 0.0
    for pi, phase, ci, c, _, service in _served(ctx):
        if c.hours_per_week and _activity(c, service) is TanfActivity.vocational_educational_training:
            weeks = _weeks(phase, c)
            counted += (weeks or 0) / value("ssa.weeks_per_month")
    if counted > months:
        yield Hit(f"The plan counts about {counted:.0f} months of vocational educational training toward TANF's hours; "
                  f"it counts for {months} months at most in a lifetime.", path=("sequence",))


@rule("IRT074", Severity.warning, "sequence", "Hours TANF cannot count",
      """Some useful activities are not TANF work activities (study time on one's own, a class that is not
      part of a training program): their hours cannot be counted toward the weekly hours.""",
      cites=("tanf.hours_all_families",))
def _tanf_not_countable(ctx: Context) -> Iterable[Hit]:
    if _tanf(ctx) is None:
        return
    for pi, phase, ci, c, _, service in _served(ctx):
        if c.hours_per_week and _activity(c, service) is TanfActivity.not_countable:
            yield Hit(f"The {c.hours_per_week:g} hours a week of '{c.service}' are not a work activity TANF counts; do "
                      "not count them toward the weekly hours.", item=ctx.commitment_label(phase, c), path=_where(pi, ci))


# --- Social Security's work incentives ----------------------------------------------------------------


def _monthly_earnings(ctx: Context) -> float | None:
    g = ctx.plan.goal
    if g.hourly_wage is None or g.weekly_hours is None:
        return None
    return g.hourly_wage * g.weekly_hours * value("ssa.weeks_per_month")


def _counselling(ctx: Context, stages: Iterable[Stage] | None = None, role: ServiceRole | None = None) -> bool:
    stages = set(stages) if stages is not None else None
    return any(ServiceCategory.benefits_counselling in s.categories and (stages is None or phase.stage in stages)
               and (role is None or s.role is role) for _, phase, _, _, _, s in _served(ctx))


BEFORE_WORK = (Stage.preparation, Stage.training, Stage.job_search)


@rule("IRT080", Severity.error, "sequence", "Earnings above SGA need benefits counselling before the job",
      """SSDI stops once earnings stay above the substantial gainful activity level after the trial work
      period and its grace months ($1,690 a month in 2026; $2,830 for people who are blind). A goal that
      earns more needs benefits counselling before the job starts, so the customer chooses it knowingly.""",
      cites=("ssa.sga_month", "ssa.sga_blind_month", "ssa.trial_work_months"))
def _above_sga(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None or Benefit.ssdi not in ctx.customer.benefits:
        return
    earned = _monthly_earnings(ctx)
    sga = value("ssa.sga_blind_month") if ctx.customer.legally_blind else value("ssa.sga_month")
    if earned is not None and earned > sga and not _counselling(ctx, BEFORE_WORK):
        yield Hit(f"The goal earns about ${earned:,.0f} a month, above SSDI's substantial gainful activity level "
                  f"(${sga:,} a month{' for people who are blind' if ctx.customer.legally_blind else ''}): after the "
                  f"trial work period {ctx.first_name}'s SSDI can stop. Plan benefits counselling before the job starts.",
                  path=("goal",))


@rule("IRT081", Severity.warning, "sequence", "A goal that ends SSI cash plans for health coverage",
      """SSI leaves out $20, then $65, of a month's earnings and counts half the rest; when that reaches the
      benefit rate the SSI cash ends, but Medicaid can go on under section 1619(b). The benefits counsellor
      plans how health coverage continues.""",
      cites=("ssa.ssi_general_exclusion", "ssa.ssi_earned_income_exclusion", "ssa.ssi_earned_income_counted",
             "ssa.ssi_federal_benefit_rate"))
def _ssi_ends(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None or Benefit.ssi not in ctx.customer.benefits:
        return
    earned = _monthly_earnings(ctx)
    if earned is None:
        return
    counted = max(0.0, earned - value("ssa.ssi_general_exclusion") - value("ssa.ssi_earned_income_exclusion"))
    counted *= value("ssa.ssi_earned_income_counted")
    rate = value("ssa.ssi_federal_benefit_rate")
    if counted >= rate and not _counselling(ctx, role=ServiceRole.health_coverage):
        yield Hit(f"At about ${earned:,.0f} a month, SSI counts ${counted:,.0f} of {ctx.first_name}'s earnings, at or above "
                  f"the benefit rate (${rate:,} a month): the SSI cash ends. Plan with the benefits counsellor how "
                  "Medicaid continues (section 1619(b)).", path=("goal",))


@rule("IRT082", Severity.warning, "sequence", "Earnings are reported to Social Security each month",
      """Earnings above $1,210 a month (2026) use SSDI trial work months, and every dollar changes SSI: once
      the job starts, someone helps the customer report earnings each month, or overpayments build up.""",
      cites=("ssa.trial_work_month",))
def _reporting(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    earned = _monthly_earnings(ctx)
    ssdi, ssi = Benefit.ssdi in ctx.customer.benefits, Benefit.ssi in ctx.customer.benefits
    if earned is None or not (ssi or (ssdi and earned > value("ssa.trial_work_month"))):
        return
    if not _counselling(ctx, (Stage.early_employment, Stage.long_term), ServiceRole.earnings_reporting):
        yield Hit(f"Once {ctx.first_name} works, earnings are reported to Social Security each month; no partner commits "
                  "help with the reports in the first months on the job or after.", path=("sequence",))


@rule("IRT083", Severity.error, "sequence", "An ABLE account needs a disability that began before 46",
      """An ABLE account is open to people whose disability began before age 46 (26 until 2025). Opening
      one for someone whose disability began later cannot be done.""",
      cites=("ssa.able_onset_age",))
def _able(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None or ctx.customer.disability_onset_age is None:
        return
    limit = value("ssa.able_onset_age")
    for pi, phase, ci, c, program, service in _served(ctx):
        if service.role is ServiceRole.able_account and ctx.customer.disability_onset_age >= limit:
            yield Hit(f"{ctx.first_name}'s disability began at {ctx.customer.disability_onset_age}; an ABLE account is open "
                      f"only to people whose disability began before {limit}.", item=ctx.commitment_label(phase, c),
                      path=_where(pi, ci))


# --- consent -------------------------------------------------------------------------------------------


def _releases(ctx: Context) -> Iterator[tuple[int, object, Program, Release]]:
    if ctx.customer is None:
        return
    for i, a, program in ctx.partners:
        release = ctx.customer.release_for(program.id) if program.release_required else None
        if release is not None:
            yield i, a, program, release


@rule("IRT090", Severity.error, "team", "Releases in force on the day of the meeting",
      """A release of information lasts until its end date, or until the customer takes it back. A
      partner whose release has ended may not hear about the customer at the meeting.""",
      cites=("consent.release_elements",))
def _release_in_force(ctx: Context) -> Iterable[Hit]:
    met = ctx.plan.meeting.date
    for i, a, program, release in _releases(ctx):
        if release.revoked_on is not None and release.revoked_on <= met:
            yield Hit(f"{ctx.first_name} took back the release for {program.name} on {_date(release.revoked_on)}; ask "
                      "for a new one, or leave the partner out.", item=a.name, path=("attendees", i))
        elif release.until is not None and release.until < met:
            yield Hit(f"{ctx.first_name}'s release for {program.name} ended on {_date(release.until)}, before the meeting "
                      f"on {_date(met)}. Ask for a new one before partners share anything.", item=a.name,
                      path=("attendees", i))


@rule("IRT091", Severity.error, "team", "Substance use treatment records need Part 2 consent",
      """Records of substance use disorder treatment are shared only with written consent that meets 42 CFR
      Part 2: who may disclose, to whom, what, for what purpose, until when, and the right to revoke.
      An ordinary release is not enough.""",
      cites=("consent.part2_consent",))
def _part2(ctx: Context) -> Iterable[Hit]:
    return _consent_meets(ctx, RecordsRule.part2, "records fall under 42 CFR Part 2", "Part 2's")


def _consent_meets(ctx: Context, records: RecordsRule, whose: str, rule_s: str) -> Iterable[Hit]:
    """A release to a program whose records fall under ``records`` that does not say it meets that rule."""
    for i, a, program, release in _releases(ctx):
        if program.rules.records is records and records not in release.meets:
            yield Hit(f"{program.name}'s {whose}, but {ctx.first_name}'s release for it does not meet {rule_s} consent "
                      f"requirements (meets: [{records.value}]).", item=a.name, path=("attendees", i))


@rule("IRT092", Severity.error, "team", "A minor's releases are signed by a parent or guardian",
      """A customer under 18 cannot sign a release of information alone in most states: a parent or legal
      guardian signs it (school records pass to the student only at 18).""",
      cites=("consent.age_of_majority",))
def _minor(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None or ctx.customer.age >= value("consent.age_of_majority"):
        return
    for i, a, program, release in _releases(ctx):
        if release.signed_by is ReleaseSigner.customer:
            yield Hit(f"{ctx.first_name} is {ctx.customer.age}: the release for {program.name} is signed by a parent or "
                      "legal guardian (signed_by: parent).", item=a.name, path=("attendees", i))


@rule("IRT093", Severity.error, "team", "School records follow FERPA",
      """A school shares education records only with a signed and dated written consent that names the
      records, the purpose and to whom, as FERPA asks.""",
      cites=("consent.ferpa_consent",))
def _ferpa(ctx: Context) -> Iterable[Hit]:
    return _consent_meets(ctx, RecordsRule.ferpa, "records are education records under FERPA", "FERPA's")


@rule("IRT094", Severity.warning, "team", "A release says what, for what, and until when",
      """A release names what may be shared, for what purpose and until when, so the customer knows what
      they agreed to and partners know what they may pass on.""",
      cites=("consent.release_elements",))
def _release_elements(ctx: Context) -> Iterable[Hit]:
    for i, a, program, release in _releases(ctx):
        missing = [w for w, v in (("what it covers", release.what), ("its purpose", release.purpose),
                                  ("until when", release.until)) if not v]
        if missing:
            yield Hit(f"{ctx.first_name}'s release for {program.name} does not say {_and(missing)}.", item=a.name,
                      path=("attendees", i))


#: Words that say nothing about which information an item is.
_GENERAL = {"her", "his", "their", "him", "she", "he", "they", "them", "any", "each", "every", "all", "what", "when",
            "who", "which", "only", "if", "want", "share", "information", "partner", "team", "plan", "customer", "from"}


#: Words a release and a plan use for the same kind of information ('pay stubs' and 'wage reports').
_SAME_KIND = [
    {"pay", "wage", "earning", "paycheck", "stub", "salary", "income"},
    {"social", "security", "ssa", "ssdi", "ssi", "benefit", "medicare", "medicaid"},
    {"health", "medical", "doctor", "diabetes", "treatment", "therapy", "care", "appointment"},
    {"date", "milestone", "progress", "schedule", "timetable", "start", "calendar"},
    {"ride", "paratransit", "bus", "transport", "transportation", "trip"},
    {"grade", "attendance", "class", "course", "transcript", "school"},
]
_SAME_KINDS = [tokens(" ".join(group)) for group in _SAME_KIND]  # stemmed as the texts' words are


def _kinds(words: set[str]) -> set[int]:
    return {i for i, group in enumerate(_SAME_KINDS) if words & group}


def _covers(release: Release, item: str) -> bool:
    """Whether a release's list of what it covers names the item: a word in common, or a word of the
    same kind (a heuristic; the finding asks the team to check)."""
    wanted = tokens(item) - FILLER - _GENERAL
    for w in release.what:
        if w.strip().lower() in ("everything listed in the plan", "all of the plan's shared information"):
            return True
        named = tokens(w) - _GENERAL
        if wanted & named or _kinds(wanted) & _kinds(named):
            return True
    return False


@rule("IRT095", Severity.warning, "communication", "Shared information has a release that covers it",
      """Partners share only what the customer's releases cover. Information the team plans to pass on that
      no partner's release names needs the customer's agreement first.""",
      cites=("consent.release_elements",))
def _shared_covered(ctx: Context) -> Iterable[Hit]:
    releases = [r for *_, r in _releases(ctx) if r.what]
    if not releases:
        return  # IRT094 says that the releases do not say what they cover
    for j, item in enumerate(ctx.plan.communication.shared_information):
        if not any(_covers(r, item) for r in releases):
            yield Hit(f"'{item}' is to be shared, but no partner's release seems to cover it (none names it or "
                      f"anything like it); check the releases, and if it is not there, ask {ctx.first_name} first and "
                      "add it.", item=item, path=("communication", "shared_information", j))


# --- eligibility timing ------------------------------------------------------------------------------------


@rule("IRT007", Severity.warning, "sequence", "Services wait for the eligibility decision",
      """A program where the customer has only applied commits its services only after it decides
      eligibility; the action item for the application says when that is. Services open to everyone
      (a transit agency's travel training) can start before.""",
      cites=("irt.convene_after_eligibility",))
def _wait_for_decision(ctx: Context) -> Iterable[Hit]:
    if ctx.customer is None:
        return
    decided = {a.apply_for: a.due for a in ctx.plan.action_items if a.apply_for and isinstance(a.due, dt.date)}
    for pi, phase, ci, c, program, service in _served(ctx):
        status = ctx.customer.status_with(program.id)
        due = decided.get(program.id)
        if status is not None and status.value == "applied" and due and phase.starts and phase.starts < due \
                and service.role is not ServiceRole.assessment and not service.open_to_all:
            yield Hit(f"{program.name} commits '{c.service}' in '{phase.phase}' from {_date(phase.starts)}, before the "
                      f"application is settled ({_date(due)}): move it after the decision.",
                      item=ctx.commitment_label(phase, c), path=_where(pi, ci))
