"""The ARC-versus-referral simulator: a cohort through simple referral, ARC, and ARC with a team.

``simulate(cohort, params, replicates=20, seed=1)`` returns a ``SimulationResult`` whose methods
give tidy pandas tables (one row per pathway and measure, with a 95% confidence interval over the
replicates): engagement, duplication, staff hours by system, weeks to employment, the employment
funnel, cost per placement by system and shared outcomes.

How the model works is told in docs/simulation-model.md. Within one replicate the three pathways
share the same random draws (common random numbers), so differences between pathways come from
the pathways, not from luck. The same seed gives the same numbers to the last digit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from .cohort import Cohort
from .params import PATHWAYS, ParameterError, Params, check_value

#: The measures of the funnel, in order, with their labels.
FUNNEL = {"customers": "Customers", "placed": "Placed in a job", "employed_30": "Employed at 30 days",
          "employed_180": "Employed at 180 days"}

# Two-sided 95% Student t quantiles for small numbers of replicates (degrees of freedom 1..30).
_T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042]


def _t95(df: int) -> float:
    return _T95[df - 1] if df <= len(_T95) else 1.96


@dataclass(frozen=True)
class _Draws:
    """One replicate's random numbers, shared by the pathways."""

    engage: np.ndarray  # customers x needs
    duplicate: np.ndarray
    fit: np.ndarray
    place: np.ndarray  # customers
    weeks: np.ndarray  # gamma(3)/3: mean 1, so weeks = typical weeks x this
    keep30: np.ndarray
    crisis: np.ndarray
    survive: np.ndarray
    keep180: np.ndarray

    @classmethod
    def make(cls, rng: np.random.Generator, n: int, k: int) -> _Draws:
        f4 = np.float32
        return cls(engage=rng.random((n, k), dtype=f4), duplicate=rng.random((n, k), dtype=f4),
                   fit=rng.random((n, k), dtype=f4), place=rng.random(n, dtype=f4),
                   weeks=rng.standard_gamma(3.0, n, dtype=f4) / f4(3.0), keep30=rng.random(n, dtype=f4),
                   crisis=rng.random(n, dtype=f4), survive=rng.random(n, dtype=f4), keep180=rng.random(n, dtype=f4))


def _system_index(params: Params) -> tuple[list[str], np.ndarray]:
    """The systems (the lead workforce system first) and, for each need, the index of its system."""
    systems = ["workforce"]
    for spec in params.spec.needs.values():
        if spec.system.value not in systems:
            systems.append(spec.system.value)
    idx = np.array([systems.index(spec.system.value) for spec in params.spec.needs.values()])
    return systems, idx


def run_pathway(cohort: Cohort, params: Params, pathway: str, draws: _Draws) -> tuple[dict, dict]:
    """One pathway, one replicate: scalar measures and per-system measures."""
    p = params
    needs = cohort.needs
    n = cohort.size
    k = needs.sum(axis=1)
    specs = list(p.spec.needs.values())
    hours = np.array([s.service_hours for s in specs])
    cost = np.array([s.service_cost for s in specs])
    systems, sys_of_need = _system_index(p)
    team = pathway == "irt"

    # 1. reaching each needed resource: the chance falls with every further need
    reach = p.for_pathway("connect", pathway) * p.for_pathway("burden", pathway) ** np.maximum(k - 1, 0)
    engaged = needs & (draws.engage < reach[:, None].astype(np.float32))
    n_engaged = engaged.sum(axis=1)
    unmet = k - n_engaged

    # 2. duplicated services: a second system pays for the same kind of service
    duplicated = engaged & (draws.duplicate < np.float32(p.for_pathway("duplicate", pathway)))

    # 3. a job, 4. how long it takes, 5. keeping it
    placed = draws.place < p.for_pathway("place", pathway) * (1 - p.unmet_need_penalty) ** unmet
    typical = p.for_pathway("weeks", pathway) + p.weeks_per_unmet_need * unmet
    if not team:
        typical = typical + p.weeks_unsequenced_service * n_engaged  # services in no agreed order
    weeks = typical * draws.weeks
    employed_30 = placed & (draws.keep30 < p.for_pathway("keep30", pathway) * (1 - p.unmet_need_retention_penalty) ** unmet)
    survive = p.survive_crisis_team if team else p.survive_crisis_alone
    weathered = (draws.crisis >= p.crisis_chance) | (draws.survive < survive)
    employed_180 = employed_30 & (draws.keep180 < p.for_pathway("keep180", pathway)) & weathered

    # 6. staff hours and cost by system
    per_need_engaged = engaged.sum(axis=0)
    per_need_dup = duplicated.sum(axis=0)
    factor = p.team_service_hours_factor if team else 1.0
    need_hours = (per_need_engaged * factor + per_need_dup) * hours
    sys_hours = np.bincount(sys_of_need, weights=need_hours, minlength=len(systems))
    lead = p.arc_hours_per_need if pathway != "referral" else p.referral_hours_per_need
    sys_hours[0] += lead * k.sum()
    if team:  # every partner at every meeting: the lead once, each engaged system once
        at_table = np.zeros((n, len(systems)), dtype=bool)
        at_table[:, 0] = True
        for j, s in enumerate(sys_of_need):
            at_table[:, s] |= engaged[:, j]
        sys_hours += at_table.sum(axis=0) * p.team_meetings * p.meeting_hours
    sys_cost = sys_hours * p.staff_hour_cost + np.bincount(
        sys_of_need, weights=(per_need_engaged + per_need_dup) * cost, minlength=len(systems))
    dup_cost = float((per_need_dup * (cost + hours * p.staff_hour_cost)).sum())

    # 7. outcomes each system can count: the lead always; an engaged system if the job fits its rules
    fits = engaged & placed[:, None] & (draws.fit < np.float32(p.for_pathway("goal_fit", pathway)))
    credited = np.zeros((n, len(systems)), dtype=bool)
    credited[:, 0] = placed
    for j, s in enumerate(sys_of_need):
        credited[:, s] |= fits[:, j]
    systems_credited = credited.sum(axis=1)
    sys_credits = credited.sum(axis=0)

    n_placed = int(placed.sum())
    placed_weeks = weeks[placed]
    scalars = {
        "customers": n,
        "needed_resources": int(k.sum()),
        "engaged_resources": int(n_engaged.sum()),
        "share_engaged": float(n_engaged.sum() / k.sum()) if k.sum() else math.nan,
        "duplicated_services_per_customer": float(per_need_dup.sum() / n),
        "duplicated_share_of_engaged": float(per_need_dup.sum() / n_engaged.sum()) if n_engaged.sum() else math.nan,
        "duplicate_cost_per_customer": dup_cost / n,
        "placed": n_placed,
        "employed_30": int(employed_30.sum()),
        "employed_180": int(employed_180.sum()),
        "placed_share": n_placed / n,
        "employed_30_share_of_placed": float(employed_30.sum() / n_placed) if n_placed else math.nan,
        "employed_180_share_of_placed": float(employed_180.sum() / n_placed) if n_placed else math.nan,
        "employed_180_share": float(employed_180.sum() / n),
        "weeks_to_job_mean": float(placed_weeks.mean()) if n_placed else math.nan,
        "weeks_to_job_median": float(np.median(placed_weeks)) if n_placed else math.nan,
        "staff_hours_per_customer": float(sys_hours.sum() / n),
        "cost_per_placement": float(sys_cost.sum() / n_placed) if n_placed else math.nan,
        "shared_outcome_share": float((systems_credited[placed] >= 2).mean()) if n_placed else math.nan,
        "systems_credited_per_placement": float(systems_credited[placed].mean()) if n_placed else math.nan,
    }
    by_system = {
        s: {"staff_hours_per_customer": sys_hours[i] / n, "cost": sys_cost[i], "placements_credited": int(sys_credits[i]),
            "cost_per_placement": sys_cost[i] / sys_credits[i] if sys_credits[i] else math.nan}
        for i, s in enumerate(systems)
    }
    return scalars, by_system


@dataclass(frozen=True)
class SimulationResult:
    """Per-replicate measures in long form, and summaries with 95% confidence intervals."""

    measures: pd.DataFrame  # pathway, replicate, measure, value
    by_system: pd.DataFrame  # pathway, replicate, system, measure, value
    cohort_label: str
    replicates: int

    def summary(self, measures: Iterable[str] | None = None, *, by_system: bool = False) -> pd.DataFrame:
        """Mean over replicates with a 95% confidence interval of the mean, per pathway (and system)."""
        df = self.by_system if by_system else self.measures
        if measures is not None:
            df = df[df["measure"].isin(list(measures))]
        keys = ["pathway", "system", "measure"] if by_system else ["pathway", "measure"]
        g = df.groupby(keys, sort=False)["value"]
        out = g.agg(mean="mean", sd="std", replicates="count").reset_index()
        half = np.array([_t95(int(r) - 1) if r > 1 else math.nan for r in out["replicates"]]) * out["sd"] / np.sqrt(out["replicates"])
        out["ci_low"], out["ci_high"] = out["mean"] - half, out["mean"] + half
        out["pathway_label"] = out["pathway"].map(PATHWAYS)
        return out.drop(columns="sd")

    # Named views, one per output the course shows
    def engagement(self) -> pd.DataFrame:
        return self.summary(["share_engaged", "needed_resources", "engaged_resources"])

    def duplication(self) -> pd.DataFrame:
        return self.summary(["duplicated_services_per_customer", "duplicated_share_of_engaged", "duplicate_cost_per_customer"])

    def staff_hours(self) -> pd.DataFrame:
        return self.summary(["staff_hours_per_customer"], by_system=True)

    def weeks_to_employment(self) -> pd.DataFrame:
        return self.summary(["weeks_to_job_mean", "weeks_to_job_median"])

    def funnel(self) -> pd.DataFrame:
        """Customers, placed, employed at 30 and 180 days: counts and shares of the cohort."""
        counts = self.summary(list(FUNNEL))
        size = counts[counts["measure"] == "customers"].set_index("pathway")["mean"]
        counts["stage"] = counts["measure"].map(FUNNEL)
        for col in ("mean", "ci_low", "ci_high"):
            counts[f"share_{col}"] = counts[col] / counts["pathway"].map(size)
        return counts

    def cost_per_placement(self) -> pd.DataFrame:
        return self.summary(["cost_per_placement", "placements_credited", "cost"], by_system=True)

    def shared_outcomes(self) -> pd.DataFrame:
        return self.summary(["shared_outcome_share", "systems_credited_per_placement"])


def simulate(cohort: Cohort, params: Params, pathways: Iterable[str] = tuple(PATHWAYS), replicates: int = 20,
             seed: int = 1) -> SimulationResult:
    """Run ``cohort`` through each pathway ``replicates`` times. Same seed, same numbers."""
    pathways = list(pathways)
    unknown = [p for p in pathways if p not in PATHWAYS]
    if unknown or not pathways:
        raise ParameterError(f"Unknown pathway {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"choose from: {', '.join(PATHWAYS)}.")
    replicates = int(check_value("replicates", "count", replicates))
    if replicates < 1:
        raise ParameterError("replicates must be a whole number, 1 or more; got 0.")
    if cohort.need_names != tuple(params.need_names):
        raise ParameterError("The cohort was built with different needs than these parameters; build it again.")
    rows, sys_rows = [], []
    for r, child in enumerate(np.random.SeedSequence(seed).spawn(replicates)):
        draws = _Draws.make(np.random.default_rng(child), cohort.size, len(cohort.need_names))
        for pathway in pathways:
            scalars, by_system = run_pathway(cohort, params, pathway, draws)
            rows += [(pathway, r, m, float(v)) for m, v in scalars.items()]
            sys_rows += [(pathway, r, s, m, float(v)) for s, ms in by_system.items() for m, v in ms.items()]
    measures = pd.DataFrame(rows, columns=["pathway", "replicate", "measure", "value"])
    by_system = pd.DataFrame(sys_rows, columns=["pathway", "replicate", "system", "measure", "value"])
    return SimulationResult(measures=measures, by_system=by_system, cohort_label=cohort.label, replicates=replicates)
