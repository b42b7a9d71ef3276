"""The simulator's model written as a plain loop over customers, one decision at a time.

It is the readable statement of the model and the baseline for the benchmark: the vectorised
``irt_sim.simulator.engine`` must agree with it on every mean within sampling error (a test checks this).
It draws its own random numbers, so it agrees in distribution, not digit for digit.
"""

from __future__ import annotations

import random

from .cohort import Cohort
from .params import Params


def run_pathway_loop(cohort: Cohort, params: Params, pathway: str, seed: int = 0) -> dict[str, float]:
    p = params
    rng = random.Random(seed)
    specs = list(p.spec.needs.values())
    team = pathway == "irt"
    connect, burden = p.for_pathway("connect", pathway), p.for_pathway("burden", pathway)
    totals = dict(needed=0, engaged=0, duplicated=0, placed=0, employed_30=0, employed_180=0, weeks=0.0,
                  hours=0.0, shared=0, credited=0)
    for row in cohort.needs.tolist():
        needed = [j for j, need in enumerate(row) if need]
        k = len(needed)
        reach = connect * burden ** max(k - 1, 0)
        engaged = [j for j in needed if rng.random() < reach]
        duplicated = [j for j in engaged if rng.random() < p.for_pathway("duplicate", pathway)]
        unmet = k - len(engaged)

        placed = rng.random() < p.for_pathway("place", pathway) * (1 - p.unmet_need_penalty) ** unmet
        typical = p.for_pathway("weeks", pathway) + p.weeks_per_unmet_need * unmet
        if not team:
            typical += p.weeks_unsequenced_service * len(engaged)
        weeks = typical * rng.gammavariate(3.0, 1.0) / 3.0
        keep30 = p.for_pathway("keep30", pathway) * (1 - p.unmet_need_retention_penalty) ** unmet
        employed_30 = placed and rng.random() < keep30
        crisis = rng.random() < p.crisis_chance
        survived = not crisis or rng.random() < (p.survive_crisis_team if team else p.survive_crisis_alone)
        employed_180 = employed_30 and rng.random() < p.for_pathway("keep180", pathway) and survived

        factor = p.team_service_hours_factor if team else 1.0
        hours = sum(specs[j].service_hours * factor for j in engaged) + sum(specs[j].service_hours for j in duplicated)
        hours += k * (p.referral_hours_per_need if pathway == "referral" else p.arc_hours_per_need)
        systems_engaged = {specs[j].system for j in engaged}
        if team:
            lead_extra = 0 if any(s.value == "workforce" for s in systems_engaged) else 1
            hours += (len(systems_engaged) + lead_extra) * p.team_meetings * p.meeting_hours

        if placed:
            fits = {specs[j].system.value for j in engaged if rng.random() < p.for_pathway("goal_fit", pathway)}
            credited = len(fits | {"workforce"})
            totals["credited"] += credited
            totals["shared"] += credited >= 2
            totals["weeks"] += weeks
        totals["needed"] += k
        totals["engaged"] += len(engaged)
        totals["duplicated"] += len(duplicated)
        totals["placed"] += placed
        totals["employed_30"] += employed_30
        totals["employed_180"] += employed_180
        totals["hours"] += hours
    n, placed = cohort.size, totals["placed"]
    return {
        "share_engaged": totals["engaged"] / totals["needed"],
        "duplicated_services_per_customer": totals["duplicated"] / n,
        "placed_share": placed / n,
        "employed_30_share_of_placed": totals["employed_30"] / placed,
        "employed_180_share_of_placed": totals["employed_180"] / placed,
        "weeks_to_job_mean": totals["weeks"] / placed,
        "staff_hours_per_customer": totals["hours"] / n,
        "shared_outcome_share": totals["shared"] / placed,
        "systems_credited_per_placement": totals["credited"] / placed,
    }
