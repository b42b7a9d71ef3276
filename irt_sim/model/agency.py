"""An IPS agency profile: the program data a fidelity reviewer or an implementation plan needs.

One YAML file per agency in casebook/agencies/. Numbers the scale anchors on (caseloads, share of
hours in the community, days to first employer contact ...) are entered as data; items the scale
leaves to the reviewer are entered under ``reviewer_judgement``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import StrictModel


class EmploymentSpecialist(StrictModel):
    """One employment specialist position (no names: positions, e.g. 'ES 1')."""

    position: str = Field(min_length=1, description="A label for the position, e.g. 'ES 1'.")
    fte: float = Field(gt=0, le=1, description="Full-time equivalent, e.g. 1.0 or 0.5.")
    caseload: int = Field(ge=0, description="Active customers on the caseload.")
    community_hours_share: float = Field(ge=0, le=1, description="Share of work hours spent in the community (0 to 1).")
    non_vocational_share: float = Field(default=0, ge=0, le=1, description="Share of time on work other than employment services (case management, day programs ...).")
    phases_provided: int = Field(default=6, ge=0, le=6, description="How many of the six phases (intake, engagement, assessment, job placement, job coaching, follow-along) the specialist does personally.")
    mh_teams: int = Field(default=1, ge=0, description="Mental-health treatment teams the specialist is assigned to (0 = a separate vocational program).")
    share_from_assigned_teams: float = Field(default=1.0, ge=0, le=1, description="Share of the caseload referred by those assigned teams.")
    employer_contacts_per_week: float = Field(default=0, ge=0, description="Face-to-face employer contacts a week.")


class Supervisor(StrictModel):
    fte: float = Field(gt=0, le=1)
    staff_supervised: int = Field(ge=0, description="IPS team members the supervisor is responsible for.")
    ips_only: bool = Field(description="true if the supervisor has no duties outside IPS.")
    caseload: int = Field(default=0, ge=0, description="Customers the supervisor serves personally.")
    weekly_group_supervision: bool = False
    field_mentoring_per_month: int = Field(default=0, ge=0, description="Field-mentoring visits with specialists to employers, per month.")
    outcome_reviews_per_year: int = Field(default=0, ge=0, description="Times a year the supervisor reviews team and specialist outcomes.")


class ProgramData(StrictModel):
    """Figures from the program's records for the numeric anchors of the scale."""

    median_days_to_first_employer_contact: float = Field(ge=0)
    share_job_search_matching_preferences: float = Field(ge=0, le=1)
    share_jobs_different_types: float = Field(ge=0, le=1)
    share_jobs_different_employers: float = Field(ge=0, le=1)
    share_jobs_competitive: float = Field(ge=0, le=1)
    current_jobs: int = Field(ge=0, description="Jobs customers hold now (the competitive-jobs anchor needs at least 10).")


class FidelityReview(StrictModel):
    date: dt.date
    score: int = Field(ge=25, le=125)


class VRCollaboration(StrictModel):
    team_meetings_per_year: int = Field(ge=0, description="Scheduled meetings of VR counsellors with the IPS team a year.")
    counsellors_assigned: int = Field(default=0, ge=0, description="VR counsellors assigned to work with the IPS program.")


class SteeringCommittee(StrictModel):
    meetings_per_year: int = Field(ge=0)
    members: list[Literal["family_members", "customers", "ips_supervisor", "clinical_director", "vr",
                          "agency_leader", "employment_agency"]] = Field(default_factory=list)


class Implementation(StrictModel):
    """What the implementation plan template asks about, beyond the staffing above."""

    funding_sources: list[Literal["vr", "mental_health", "medicaid", "grants", "other"]] = Field(default_factory=list)
    funding_for_each_step: bool = False
    training_done: list[Literal["ips_principles", "employer_relationships", "disclosure", "active_listening",
                                "helping_people_consider_work", "job_supports", "overview_for_advocates"]] = Field(
        default_factory=list)
    office_with_mh_team: bool = False
    attends_weekly_mh_meetings: bool = False
    integrated_records: bool = False
    vr: VRCollaboration
    steering_committee: SteeringCommittee
    fidelity_reviews: list[FidelityReview] = Field(default_factory=list)
    benefits_planning_available: bool = False
    benefits_planners_trained: bool = False


class AgencyProfile(StrictModel):
    """An IPS program at one agency (invented). One file per agency in casebook/agencies/."""

    id: str = Field(description="Taken from the file name; do not write it in the file.")
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    implementation_started: dt.date
    profile_date: dt.date = Field(description="The day these figures describe (e.g. the review date).")
    employment_specialists: list[EmploymentSpecialist] = Field(min_length=1)
    supervisor: Supervisor
    components: dict[str, list[str]] = Field(
        default_factory=dict, description="For the scale's component items (O2, O4, O5, O7, O8, V2, V14): the components in place.")
    program_data: ProgramData
    reviewer_judgement: dict[str, int] = Field(
        default_factory=dict, description="Scores 1-5 a reviewer gives the items the scale leaves to judgement.")
    implementation: Implementation

    @model_validator(mode="after")
    def _dates_in_order(self) -> AgencyProfile:
        if self.profile_date < self.implementation_started:
            raise ValueError("profile_date is before implementation_started")
        for item, score in self.reviewer_judgement.items():
            if not 1 <= score <= 5:
                raise ValueError(f"reviewer_judgement › {item} is {score}; scores run from 1 to 5")
        return self
