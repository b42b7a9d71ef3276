"""The sequence of a worked plan (irt_sim.cases.worked_plan): dated phases from the meeting to the
long run, each service in the phase of its stage (after the IPE or an eligibility decision where it
must wait for one), partners who give the same kind of help in one phase marked as agreed, and
TANF's weekly hours in every phase TANF serves."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..inputs.program_figures import value
from ..model import Commitment, Customer, Phase
from ..vocab import Benefit, BarrierType as B, ServiceCategory as C, ServiceRole as R, Stage, SystemType as S
from ..vocab import TanfActivity
from .worked_access import NoPlan, counts
from .worked_team import Choice, Draft
from .worked_words import day


@dataclass
class Dates:
    """The plan's calendar."""

    meeting: dt.date
    decisions: dict[str, dt.date]  # program id -> when its application is decided
    ipe: dt.date | None
    gate: dt.date | None  # the day services waiting for the IPE or a decision can start
    phases: dict[str, tuple[Stage, dt.date, dt.date | None]]  # key -> (stage, starts, ends)


_MONTHS = {m.lower(): i for i, m in enumerate(("January February March April May June July August September "
                                              "October November December").split(), 1)}


def _course_month(customer: Customer) -> int | None:
    """The month the customer's course starts, where the skills barrier says ('starts in August')."""
    text = " ".join(b.detail for b in customer.barriers if b.type == B.skills_or_credentials).lower()
    found = re.search(r"starts in (?:the )?(\w+)", text)
    if not found:
        return None
    return 9 if found.group(1) == "fall" else _MONTHS.get(found.group(1))


def _monday_from(d: dt.date) -> dt.date:
    return d + dt.timedelta(days=(7 - d.weekday()) % 7)


def set_dates(draft: Draft) -> Dates:
    """The plan's calendar: applications decided in two to three weeks, the IPE signed soon after VR's
    decision, and the phases from the meeting on (a second preparation phase, from the day those are
    settled, for the services that wait for them)."""
    c, rng, m = draft.customer, draft.rng, draft.meeting
    decisions = {p.id: m + dt.timedelta(days=rng.randint(14, 24)) for p in draft.programs if not counts(c, p)}
    vr = next((p for p in draft.programs if p.rules.individual_plan), None)
    ipe = decisions.get(vr.id, m) + dt.timedelta(days=rng.randint(10, 21)) if vr is not None else None
    waiting = [ch for ch in draft.choices if _waits(draft, ch)]
    gate = max([d for d in (ipe, *decisions.values()) if d], default=None) if waiting else None
    return Dates(m, decisions, ipe, gate, _phases(draft, gate, any(Stage.preparation in ch.stages for ch in waiting)))


def _phases(draft: Draft, gate: dt.date | None, split: bool) -> dict[str, tuple[Stage, dt.date, dt.date | None]]:
    """Preparation (in two when services wait for the gate), training where the plan has it (from the
    month the course starts, where the record says), ten weeks of job search, six months in the job,
    then the long run."""
    m, week = draft.meeting, dt.timedelta(weeks=1)
    phases: dict[str, tuple[Stage, dt.date, dt.date | None]] = {}
    if gate is not None and split:
        phases["prep"] = (Stage.preparation, m, gate - dt.timedelta(days=1))
        nxt = _monday_from(gate + 5 * week)
        phases["prep_b"] = (Stage.preparation, gate, nxt - dt.timedelta(days=1))
    else:
        nxt = _monday_from(max(m + 7 * week, gate or m))
        phases["prep"] = (Stage.preparation, m, nxt - dt.timedelta(days=1))
    if draft.training:
        wanted = _course_month(draft.customer)
        if wanted:
            nxt = max(nxt, _monday_from(dt.date(nxt.year + (wanted < nxt.month), wanted, 1)))
        phases["training"] = (Stage.training, nxt, nxt + 16 * week - dt.timedelta(days=1))
        nxt += 16 * week
    phases["job_search"] = (Stage.job_search, nxt, nxt + 10 * week - dt.timedelta(days=1))
    nxt += 10 * week
    phases["early"] = (Stage.early_employment, nxt, nxt + 26 * week - dt.timedelta(days=1))
    phases["long"] = (Stage.long_term, nxt + 26 * week, None)
    return phases


def _waits(draft: Draft, ch: Choice) -> bool:
    """Whether a service waits for the IPE (VR's, other than its assessment) or for an eligibility decision."""
    role = ch.service.role
    if ch.program.rules.individual_plan and role not in (R.assessment, R.plan_development, R.transition):
        return True
    return not counts(draft.customer, ch.program) and role is not R.assessment and not ch.service.open_to_all


def sequence(draft: Draft, dates: Dates, ids: dict[str, str]) -> list[Phase]:
    """Each chosen service in the phase of each of its stages (its own words and purpose the first time,
    'carries on' after), TANF's hours, and the phases that hold something, named and dated."""
    w = draft.words
    soon = day(dates.meeting + dt.timedelta(days=draft.rng.randint(21, 35)))
    out: dict[str, list[Commitment]] = {key: [] for key in dates.phases}
    placed: set[tuple[str, str, str]] = set()  # (program, service, phase): a service once a phase
    for ch in draft.choices:
        first_stage = True
        for stage in ch.stages:
            key = _phase_key(dates, stage, _waits(draft, ch))
            if key is None or (ch.program.id, ch.service.id, key) in placed:
                continue
            placed.add((ch.program.id, ch.service.id, key))
            if ch.service.role is R.plan_development and ch.program.rules.individual_plan:
                detail, milestone = w.ipe_detail(), w.milestone(ch.service, stage, ipe=day(dates.ipe))
            else:
                detail = w.detail(ch.service, ch.barrier) if first_stage else w.continues(stage)
                milestone = w.milestone(ch.service, stage, first_stage, soon=soon,
                                        who=_first_name_of(draft, ids, ch.program.id))
            out[key].append(Commitment(partner=ids[ch.program.id], service=ch.service.id, detail=detail,
                                       milestone=milestone))
            first_stage = False
    _tanf_hours(draft, dates, ids, out)
    phases = []
    for key, (stage, starts, ends) in dates.phases.items():
        commits = _coordinated(draft, out[key], ids)
        if commits:
            phases.append(Phase(phase=w.phase_name(key, starts, ends), stage=stage, starts=starts, ends=ends,
                                commitments=commits))
    return phases


def _first_name_of(draft: Draft, ids: dict[str, str], program_id: str) -> str:
    return draft.people[ids[program_id]].name.split()[0]


def _phase_key(dates: Dates, stage: Stage, waits: bool) -> str | None:
    """The phase a service of ``stage`` goes in: the second preparation phase when it waits for the IPE
    or a decision and there is one."""
    keys = [k for k, (s, _, _) in dates.phases.items() if s is stage]
    if not keys:
        return None
    if waits and dates.gate is not None:
        keys = [k for k in keys if dates.phases[k][1] >= dates.gate]
    return keys[0] if keys else None


def _coordinated(draft: Draft, commits: list[Commitment], ids: dict[str, str]) -> list[Commitment]:
    """Two partners giving the same kind of help in one phase agree who does what (coordinated_with),
    so nothing is paid for twice."""
    by_id = {v: k for k, v in ids.items()}
    first_of: dict[C, str] = {}
    out = []
    for cm in commits:
        service = draft.book.programs[by_id[cm.partner]].service(cm.service)
        other = next((first_of[k] for k in sorted(service.categories) if k in first_of and first_of[k] != cm.partner), None)
        for k in service.categories:
            first_of.setdefault(k, cm.partner)
        if other is not None:
            cm = cm.model_copy(update={"coordinated_with": other})
        out.append(cm)
    return out


def tanf_hours(customer: Customer) -> float:
    """TANF's weekly hours of work activities for this household (45 CFR 261.31-261.35)."""
    h = customer.household
    if h.single_parent_child_under_6:
        return value("tanf.hours_single_parent_child_under_6")
    if h.two_parent and h.federally_funded_childcare:
        return value("tanf.hours_two_parent_childcare")
    return value("tanf.hours_two_parent") if h.two_parent else value("tanf.hours_all_families")


def _tanf_hours(draft: Draft, dates: Dates, ids: dict[str, str], out: dict[str, list[Commitment]]) -> None:
    """Every phase TANF serves in holds the family's weekly hours of countable activities, all of them
    core: work experience (the course itself during training), then the job."""
    c = draft.customer
    tanf = next((p for p in draft.programs if p.system == S.tanf), None)
    if tanf is None or Benefit.tanf not in c.benefits:
        return
    service = next((s for s in tanf.services if s.category == C.work_experience), None)
    if service is None:
        raise NoPlan(f"{tanf.name} offers no countable work activity to hold {c.first_name}'s weekly hours")
    needed = tanf_hours(c)
    for key, (stage, starts, ends) in dates.phases.items():
        if stage.order > tanf.services_stop.after.order:
            continue
        hours = needed if stage.order < Stage.early_employment.order else needed - (c.proposed_goal.weekly_hours or 0)
        if hours <= 0:
            continue
        training = stage is Stage.training
        detail = draft.words.say(
            "Counts {first}'s class hours as vocational educational training, with work experience to make up any "
            "week the classes fall short, {h} hours a week in all." if training else
            "Assigns {first} {h} hours a week of work experience, which TANF counts toward the family's weekly "
            "hours, set around [appointments and childcare|the other steps of the plan].", h=f"{hours:g}")
        out[key].append(Commitment(partner=ids[tanf.id], service=service.id, detail=detail,
                                   milestone=draft.words.say("{h} countable hours reported every week", h=f"{hours:g}"),
                                   hours_per_week=hours,
                                   tanf_activity=TanfActivity.vocational_educational_training if training else None))
