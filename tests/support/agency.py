"""A made-up IPS agency whose every figure meets the fidelity scale and the implementation criteria;
a test changes one figure at a time (``profile(supervisor__caseload=25)``)."""

from __future__ import annotations

import copy

from irt_sim.ips.fidelity import load_scale
from irt_sim.model import AgencyProfile

ALL_COMPONENTS = {i.id: list(i.anchor.components) for i in load_scale().items if i.anchor.kind == "components"}
JUDGEMENT = [i.id for i in load_scale().items if i.anchor.kind == "judgement"]

BASE = {
    "id": "test-agency", "name": "Test agency", "description": "A made-up program for tests.",
    "implementation_started": "2024-01-01", "profile_date": "2026-06-30",
    "employment_specialists": [
        {"position": "ES 1", "fte": 1.0, "caseload": 20, "community_hours_share": 0.7, "phases_provided": 6,
         "mh_teams": 2, "share_from_assigned_teams": 0.95, "employer_contacts_per_week": 6},
        {"position": "ES 2", "fte": 1.0, "caseload": 20, "community_hours_share": 0.7, "phases_provided": 6,
         "mh_teams": 1, "share_from_assigned_teams": 0.95, "employer_contacts_per_week": 6},
    ],
    "supervisor": {"fte": 1.0, "staff_supervised": 2, "ips_only": True, "caseload": 2, "weekly_group_supervision": True,
                   "field_mentoring_per_month": 2, "outcome_reviews_per_year": 4},
    "components": ALL_COMPONENTS,
    "program_data": {"median_days_to_first_employer_contact": 20, "share_job_search_matching_preferences": 0.95,
                     "share_jobs_different_types": 0.9, "share_jobs_different_employers": 0.9,
                     "share_jobs_competitive": 1.0, "current_jobs": 30},
    "reviewer_judgement": {j: 5 for j in JUDGEMENT},
    "implementation": {
        "funding_sources": ["vr", "medicaid"], "funding_for_each_step": True,
        "training_done": ["ips_principles", "employer_relationships", "disclosure", "active_listening",
                          "helping_people_consider_work", "job_supports", "overview_for_advocates"],
        "office_with_mh_team": True, "attends_weekly_mh_meetings": True, "integrated_records": True,
        "vr": {"team_meetings_per_year": 12, "counsellors_assigned": 1},
        "steering_committee": {"meetings_per_year": 4, "members": ["family_members", "customers", "ips_supervisor",
                                                                  "clinical_director", "vr", "agency_leader"]},
        "fidelity_reviews": [{"date": "2024-07-10", "score": 92}, {"date": "2025-01-12", "score": 104},
                             {"date": "2026-01-08", "score": 112}],
        "benefits_planning_available": True, "benefits_planners_trained": True,
    },
}


def profile(**changes) -> AgencyProfile:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        node = data
        *parts, last = dotted.split("__")
        for part in parts:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return AgencyProfile.model_validate(data)
