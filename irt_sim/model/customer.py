"""A customer: a jobseeker with a disability, their barriers, household, eligibility and releases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ..vocab import BarrierType, Benefit, EligibilityStatus, Population, RecordsRule, ReleaseSigner

from .base import Day, Goal, Id, StrictModel, Text

if TYPE_CHECKING:  # in a method's signature only
    from .program import Program


class Barrier(StrictModel):
    type: BarrierType
    detail: Text = Field(description="What the barrier looks like for this customer.")


class Household(StrictModel):
    single_parent_child_under_6: bool = Field(default=False, description="true if the customer is a single parent of a child under 6.")
    two_parent: bool = Field(default=False, description="true for a two-parent family (TANF's weekly hours differ).")
    federally_funded_childcare: bool = Field(default=False, description="true if a two-parent family receives federally "
                                             "funded childcare (TANF then asks 55 hours a week).")
    note: str | None = None


class Release(StrictModel):
    """A release of information: what may be shared, with whom, for what, until when."""

    to: Id = Field(description="The program the release is for (a program id).")
    what: list[Text] = Field(default_factory=list, description="The information it covers.")
    purpose: str | None = Field(default=None, description="What the information is shared for.")
    signed_on: Day | None = Field(default=None, description="The day it was signed, as YYYY-MM-DD.")
    until: Day | None = Field(default=None, description="The day it ends, as YYYY-MM-DD.")
    signed_by: ReleaseSigner = Field(default=ReleaseSigner.customer, description="customer, parent, guardian or representative.")
    revoked_on: Day | None = Field(default=None, description="The day the customer took it back, if they did.")
    meets: list[RecordsRule] = Field(
        default_factory=list, description="The federal rules whose consent requirements the release meets: part2 "
        "(substance use treatment records, 42 CFR 2.31), ferpa (education records, 34 CFR 99.30), hipaa.")

    def in_force(self, on: dt.date) -> bool:
        return (self.until is None or self.until >= on) and (self.revoked_on is None or self.revoked_on > on)


class Customer(StrictModel):
    """A jobseeker in the casebook (invented). One file per customer in casebook/customers/."""

    id: Id = Field(description="Taken from the file name; do not write it in the file.")
    name: Text = Field(description="An invented name.")
    pronouns: str | None = None
    age: int = Field(ge=14, le=100)
    story: Text = Field(description="A short story in plain words: where the customer is now and what they want.")
    populations: list[Population] = Field(default_factory=list, description="The target populations the customer belongs to.")
    strengths: list[Text] = Field(min_length=1)
    interests: list[Text] = Field(default_factory=list)
    barriers: list[Barrier] = Field(min_length=1)
    benefits: list[Benefit] = Field(default_factory=list)
    household: Household = Field(default_factory=Household)
    systems_used: list[Id] = Field(default_factory=list, description="Programs the customer already uses (program ids).")
    eligibility: dict[Id, EligibilityStatus] = Field(
        default_factory=dict, description="Status with each program: eligible, presumed_eligible, applied or not_eligible."
    )
    releases: list[Id | Release] = Field(
        default_factory=list, description="The customer's releases of information: a program id, or a release with what "
        "it covers, its purpose, who signed it and until when.")
    proposed_goal: Goal | None = Field(default=None, description="The goal from career exploration, before the team meets.")
    job_or_offer: bool = Field(default=False, description="true if the customer has a job or a job offer now.")
    legally_blind: bool = Field(default=False, description="true if the customer is legally (statutorily) blind: "
                                "Social Security's earnings limit for SSDI is higher.")
    disability_onset_age: int | None = Field(default=None, ge=0, le=100,
                                             description="The age at which the disability began (ABLE accounts depend on it).")

    @model_validator(mode="after")
    def _one_release_a_program(self) -> Customer:
        seen: set[str] = set()
        for program in self.released_to:
            if program in seen:
                raise ValueError(f"two releases are for '{program}'; keep one (the structured one, if either is)")
            seen.add(program)
        return self

    @property
    def released_to(self) -> list[str]:
        """The programs the customer has signed a release for (whatever the release says)."""
        return [r if isinstance(r, str) else r.to for r in self.releases]

    def release_for(self, program_id: str) -> Release | None:
        for r in self.releases:
            release = Release(to=r) if isinstance(r, str) else r
            if release.to == program_id:
                return release
        return None

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    def ruled_out_by(self, program: Program) -> str | None:
        """Why ``program``'s stated requirements rule this customer out, in plain words, or None."""
        reason = program.eligibility.requires.unmet(self)
        return f"{reason[0]}, and {reason[1]}" if reason else None

    def status_with(self, program_id: str) -> EligibilityStatus | None:
        return self.eligibility.get(program_id)

    def has_release(self, program_id: str) -> bool:
        return self.release_for(program_id) is not None


