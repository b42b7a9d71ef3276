"""The IPS implementation plan check: each area of the plan template met or not, why, and the
action steps (with a responsible role and a target date) for what is not met.

The criteria and their numbers live in irt_sim/data/ips_implementation.yaml; each criterion has one
small check function here, registered under its id.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import pandas as pd
from pydantic import Field

from ..inputs.packaged import data_file, load_packaged
from .fidelity import load_scale
from ..model import AgencyProfile, StrictModel

CRITERIA_FILE = data_file("ips_implementation.yaml")


class Criterion(StrictModel):
    id: str
    requirement: str
    action: str
    responsible: str
    days: int = Field(gt=0)
    numbers: dict[str, Any] = Field(default_factory=dict)


class Area(StrictModel):
    title: str
    criteria: list[Criterion]


class CriteriaFile(StrictModel):
    areas: dict[str, Area]


@lru_cache(maxsize=1)
def load_criteria() -> CriteriaFile:
    return load_packaged(CRITERIA_FILE.name, CriteriaFile)


Check = Callable[[AgencyProfile, dict[str, Any], int], tuple[bool, str]]
CHECKS: dict[str, Check] = {}


def check(fn: Check) -> Check:
    """Register ``fn`` as the check of the criterion its name is (``ips_implementation.yaml``'s id).
    Each check gets the profile, the criterion's numbers from the YAML (its messages say them, so an
    edited figure is a correct message) and the good-fidelity threshold."""
    CHECKS[fn.__name__] = fn
    return fn


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (the month's last day if it is shorter)."""
    index = day.month - 1 + int(months)
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _es_list(items: list[str]) -> str:
    return ", ".join(items)


def _flag(ok: bool, yes: str, no: str) -> tuple[bool, str]:
    return ok, yes if ok else no


def _each_specialist(p: AgencyProfile, bad: Callable[[Any], bool], show: Callable[[Any], str], ok: str,
                     fail: str) -> tuple[bool, str]:
    """Met when no specialist is ``bad``; otherwise names each one that is, with ``show``."""
    off = [f"{s.position} {show(s)}" for s in p.employment_specialists if bad(s)]
    return not off, ok if not off else f"{fail}: {_es_list(off)}"


# --- funding -----------------------------------------------------------------------------------------


@check
def funding_sources(p, n, t):
    sources = p.implementation.funding_sources
    return bool(sources), (f"funding from {_es_list(sources)}" if sources else "no funding source identified")


@check
def funding_each_step(p, n, t):
    return _flag(p.implementation.funding_for_each_step, "each step has funding",
                 "not every step of the vocational process has funding identified")


# --- supervision ---------------------------------------------------------------------------------------


@check
def supervisor_ratio(p, n, t):
    s = p.supervisor
    limit = n["max_staff_per_fte"] * s.fte
    return s.staff_supervised <= limit, f"{s.staff_supervised} team members for {s.fte:g} supervisor FTE (limit {limit:g})"


@check
def supervisor_ips_only(p, n, t):
    s = p.supervisor
    if s.staff_supervised < n["from_staff"]:
        return True, f"supervises {s.staff_supervised}, fewer than {n['from_staff']}, so other duties are allowed"
    return s.ips_only, "supervisor works only in IPS" if s.ips_only else (
        f"supervises {s.staff_supervised} people but also has duties outside IPS")


@check
def supervisor_caseload(p, n, t):
    c = p.supervisor.caseload
    return c <= n["max_caseload"], f"the supervisor serves {c} customer(s) personally (at most {n['max_caseload']})"


@check
def weekly_group_supervision(p, n, t):
    return _flag(p.supervisor.weekly_group_supervision, "weekly group supervision in place", "no weekly group supervision")


@check
def field_mentoring(p, n, t):
    m = p.supervisor.field_mentoring_per_month
    return m >= n["min_per_month"], f"{m} field-mentoring visit(s) a month (at least {n['min_per_month']})"


@check
def outcome_reviews(p, n, t):
    r = p.supervisor.outcome_reviews_per_year
    return r >= n["min_per_year"], f"outcomes reviewed {r} time(s) a year (at least {n['min_per_year']})"


# --- employment specialists ----------------------------------------------------------------------------


@check
def caseload(p, n, t):
    return _each_specialist(p, lambda s: s.caseload > n["max_per_fte"] * s.fte, lambda s: f"{s.caseload} at {s.fte:g} FTE",
                            f"every caseload within {n['max_per_fte']:g} per full-time position", "caseloads above the limit")


@check
def employment_only(p, n, t):
    return _each_specialist(p, lambda s: s.non_vocational_share > 0, lambda s: f"{s.non_vocational_share:.0%}",
                            "specialists do employment services only", "time on other duties")


@check
def community_hours(p, n, t):
    return _each_specialist(p, lambda s: s.community_hours_share < n["min_share"], lambda s: f"{s.community_hours_share:.0%}",
                            f"every specialist at least {n['min_share']:.0%} in the community", f"below {n['min_share']:.0%} in the community")


@check
def full_range(p, n, t):
    return _each_specialist(p, lambda s: s.phases_provided < n["phases"], lambda s: f"{s.phases_provided} of {n['phases']} phases",
                            "every specialist covers all phases", "hands customers on")


# --- training ------------------------------------------------------------------------------------------


@check
def training_done(p, n, t):
    missing = [x.replace("_", " ") for x in n["topics"] if x not in p.implementation.training_done]
    return not missing, "all listed trainings given" if not missing else "not yet given: " + _es_list(missing)


# --- mental health integration ---------------------------------------------------------------------------


@check
def team_assignment(p, n, t):
    return _each_specialist(p, lambda s: not n["min_teams"] <= s.mh_teams <= n["max_teams"], lambda s: f"on {s.mh_teams}",
                            f"each specialist on {n['min_teams']} to {n['max_teams']} teams", "team assignments off")


@check
def referrals_from_teams(p, n, t):
    return _each_specialist(p, lambda s: s.share_from_assigned_teams < n["min_share"],
                            lambda s: f"{s.share_from_assigned_teams:.0%}",
                            f"{n['min_share']:.0%} or more of referrals from assigned teams", f"fewer than {n['min_share']:.0%}")


@check
def shared_office(p, n, t):
    return _flag(p.implementation.office_with_mh_team, "offices with the treatment teams",
                 "specialists sit apart from the treatment teams")


@check
def weekly_team_meetings(p, n, t):
    return _flag(p.implementation.attends_weekly_mh_meetings, "attend weekly team meetings",
                 "do not attend the weekly team meetings")


@check
def integrated_records(p, n, t):
    return _flag(p.implementation.integrated_records, "one shared record", "employment and treatment notes are kept apart")


# --- VR, steering committee ------------------------------------------------------------------------------


@check
def vr_meetings(p, n, t):
    m = p.implementation.vr.team_meetings_per_year
    return m >= n["min_per_year"], f"VR meets the team {m} time(s) a year (at least {n['min_per_year']})"


@check
def vr_counsellors_assigned(p, n, t):
    a = p.implementation.vr.counsellors_assigned
    return a >= n["min_assigned"], f"{a} VR counsellor(s) assigned to the program (at least {n['min_assigned']})"


def _reached_good(p: AgencyProfile, threshold: int) -> dt.date | None:
    return next((r.date for r in sorted(p.implementation.fidelity_reviews, key=lambda r: r.date)
                 if r.score >= threshold), None)


@check
def committee_meetings(p, n, t):
    m = p.implementation.steering_committee.meetings_per_year
    good = _reached_good(p, t)
    need = n["min_per_year_after_good"] if good else n["min_per_year_implementing"]
    when = "after reaching good fidelity" if good else "during implementation"
    return m >= need, f"meets {m} time(s) a year; {need} needed {when}"


@check
def committee_members(p, n, t):
    missing = [x.replace("_", " ") for x in n["members"] if x not in p.implementation.steering_committee.members]
    return not missing, "all member groups take part" if not missing else "missing: " + _es_list(missing)


# --- fidelity reviews ------------------------------------------------------------------------------------


@check
def baseline_review(p, n, t):
    due = _add_months(p.implementation_started, n["months"])
    late = _add_months(due, n["grace_months"])
    reviews = sorted(p.implementation.fidelity_reviews, key=lambda r: r.date)
    if reviews:  # done; a late baseline is history, and the schedule check looks after what comes next
        first = reviews[0].date
        when = "on time" if first <= late else f"later than the {n['months']} months planned"
        return True, f"baseline review on {first.isoformat()}, {when} (due around {due.isoformat()})"
    if p.profile_date < late:
        return True, f"not due yet (due around {due.isoformat()})"
    return False, f"no baseline review; it was due around {due.isoformat()}"


@check
def review_schedule(p, n, t):
    reviews = sorted(p.implementation.fidelity_reviews, key=lambda r: r.date)
    if not reviews:
        return True, "follows the baseline review"
    good_since = _reached_good(p, t)
    dates = [r.date for r in reviews] + [p.profile_date]
    for earlier, later, review in zip(dates, dates[1:], reviews):
        gap = n["months_after_good"] if good_since and review.date >= good_since else n["months_until_good"]
        if later > _add_months(earlier, gap + n["grace_months"]):
            nxt = _add_months(earlier, gap)
            what = "the next review" if later == p.profile_date else f"the review on {later.isoformat()}"
            return False, (f"after the review of {earlier.isoformat()} (score {review.score}), {what} came late: "
                           f"due around {nxt.isoformat()}, every {gap} months "
                           f"{'once good fidelity was reached' if gap == n['months_after_good'] else 'until good fidelity'}")
    last = reviews[-1]
    gap = n["months_after_good"] if good_since else n["months_until_good"]
    return True, f"on schedule; next review due around {_add_months(last.date, gap).isoformat()}"


# --- benefits planning -------------------------------------------------------------------------------


@check
def benefits_available(p, n, t):
    return _flag(p.implementation.benefits_planning_available, "benefits planning available", "no benefits planning arranged")


@check
def planners_trained(p, n, t):
    return _flag(p.implementation.benefits_planners_trained, "planners trained and updated",
                 "planners' training not confirmed")


# --- the report ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    area: str
    criterion: Criterion
    met: bool
    why: str
    target: dt.date | None  # when not met


@dataclass(frozen=True)
class ImplementationReport:
    profile: AgencyProfile
    results: list[CriterionResult]

    def areas(self) -> pd.DataFrame:
        """One row per area: met or not, and why."""
        areas = load_criteria().areas
        rows = []
        for key, area in areas.items():
            mine = [r for r in self.results if r.area == key]
            unmet = [r for r in mine if not r.met]
            rows.append({"Implementation area": area.title, "Met": "yes" if not unmet else "no",
                         "Why": "; ".join(r.why for r in (unmet or mine))})
        return pd.DataFrame(rows)

    def plan_table(self) -> pd.DataFrame:
        """The plan template's table: area, action steps, responsible person(s), target date."""
        areas = load_criteria().areas
        rows = [{"Implementation Area": areas[r.area].title, "Action Steps": f"{r.criterion.action} ({r.why})",
                 "Responsible Person(s)": r.criterion.responsible, "Target Date": r.target.isoformat()}
                for r in self.results if not r.met]
        return pd.DataFrame(rows, columns=["Implementation Area", "Action Steps", "Responsible Person(s)", "Target Date"])

    @property
    def all_met(self) -> bool:
        return all(r.met for r in self.results)


def check_implementation(profile: AgencyProfile, threshold: int | None = None) -> ImplementationReport:
    """Check ``profile`` against every criterion of the implementation plan template."""
    threshold = load_scale().good_threshold if threshold is None else threshold
    results = []
    for key, area in load_criteria().areas.items():
        for c in area.criteria:
            met, why = CHECKS[c.id](profile, c.numbers, threshold)
            target = None if met else profile.profile_date + dt.timedelta(days=c.days)
            results.append(CriterionResult(key, c, met, why, target))
    return ImplementationReport(profile, results)
