"""An IRT plan: the meeting, its attendees, commitments, phases and action items."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ..vocab import Stage, TanfActivity

from .base import Day, Goal, Id, StrictModel, Text, _plausible_day


def _date_or_ongoing(value: object) -> object:
    """Accept a date or the word 'ongoing'; anything else fails with one clear message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "ongoing":
            return "ongoing"
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"'{value}' is neither a date nor 'ongoing'; write dates as YYYY-MM-DD, e.g. 2026-08-30")


DueDate = Annotated[dt.date | Literal["ongoing"], BeforeValidator(_date_or_ongoing), AfterValidator(_plausible_day)]


class Meeting(StrictModel):
    date: Day = Field(description="The day the team met, as YYYY-MM-DD.")
    format: Literal["in_person", "virtual", "phone", "hybrid"] = "in_person"
    place: str | None = None


class Attendee(StrictModel):
    """Someone at the table."""

    id: Id = Field(description="A short handle used elsewhere in the plan, e.g. 'rosa' or 'lee'.")
    name: Text = Field(description="An invented name.")
    role: Text = Field(description="Title or role, e.g. 'VR counsellor' or 'Natural support (aunt)'.")
    customer: bool = Field(default=False, description="true for the customer, who leads the team.")
    program: Id | None = Field(default=None, description="The program this person represents (a program id), if any.")

    @model_validator(mode="after")
    def _customer_has_no_program(self) -> Attendee:
        if self.customer and self.program:
            raise ValueError(f"{self.name} is marked as the customer and also as representing '{self.program}'; "
                             "the customer represents no program (remove one of the two lines)")
        return self


class Updates(StrictModel):
    method: str | None = Field(default=None, description="How updates go out, e.g. 'e-mail to the team'.")
    frequency: str | None = Field(default=None, description="How often, e.g. 'every two weeks'.")


class Communication(StrictModel):
    """Lines of communication: one of the three things the team agrees on."""

    point_of_contact: Id | None = Field(default=None, description="The attendee id of the point of contact.")
    customer_raises_issues_with: Id | None = Field(default=None, description="Who the customer goes to first with a challenge (attendee id).")
    shared_information: list[Text] = Field(default_factory=list, description="What information partners will share.")
    updates: Updates = Field(default_factory=Updates)
    consent: str | None = Field(default=None, description="What the customer agreed to about sharing.")


class Commitment(StrictModel):
    """One partner's promised service in one phase."""

    partner: Id = Field(description="The attendee id of the partner who commits.")
    service: Id = Field(description="The service id, from the partner's program file.")
    detail: str | None = Field(default=None, description="What exactly, in this plan (e.g. 'gas cards until the course ends').")
    milestone: str | None = Field(default=None, description="The milestone this service is linked to.")
    coordinated_with: Id | None = Field(
        default=None, description="Attendee id of a partner who knowingly shares this same service (braided funding), to mark it as agreed."
    )
    hours_per_week: float | None = Field(default=None, ge=0, le=80, description="The customer's hours a week in this "
                                         "service (TANF counts them toward the family's weekly hours).")
    weeks: float | None = Field(default=None, gt=0, description="For how many weeks, where it is not the whole phase.")
    tanf_activity: TanfActivity | None = Field(
        default=None, description="What TANF counts these hours as, where the service's own file does not say.")
    comparable_checked: str | None = Field(
        default=None, description="Why VR pays for this although another program offers the same kind of service "
        "(the search for comparable services and benefits, 34 CFR 361.53).")


class Phase(StrictModel):
    phase: Text = Field(description="The phase as the team names it, e.g. 'During training'.")
    stage: Stage = Field(description="Where it sits: preparation, training, job_search, early_employment or long_term.")
    starts: Day | None = Field(default=None, description="When the phase starts, as YYYY-MM-DD (the timing rules of "
                                   "VR and TANF use it).")
    ends: Day | None = Field(default=None, description="When the phase ends, as YYYY-MM-DD.")
    commitments: list[Commitment] = Field(default_factory=list)

    @property
    def weeks(self) -> float | None:
        return (self.ends - self.starts).days / 7 if self.starts and self.ends else None


class ActionItem(StrictModel):
    action: Text
    responsible: list[Id] = Field(default_factory=list, description="Attendee ids of the people responsible.")
    due: DueDate | None = Field(default=None, description="A date as YYYY-MM-DD, or 'ongoing'.")
    apply_for: Id | None = Field(default=None, description="If this action is an application to a program, that program's id.")


class ProgramRecord(StrictModel):
    """Where the customer stands with one program, with dates: the rules on timing read these."""

    applied: Day | None = Field(default=None, description="The day the customer applied.")
    eligible: Day | None = Field(default=None, description="The day the program decided the customer is eligible, "
                                     "or the day it is due to decide (a date after the meeting).")
    individual_plan: Day | None = Field(default=None, description="The day the program's own plan with the customer "
                                            "is signed (the IPE, for VR): signed already, or agreed at the meeting.")
    waiting: bool = Field(default=False, description="true if the customer waits under the program's order of selection.")
    extended_services: str | None = Field(
        default=None, description="In supported employment, when no partner at the table provides extended services yet: "
        "who is expected to, and why (34 CFR 361.46(b)).")
    note: str | None = None


class FollowUp(StrictModel):
    next_meeting: Day | None = Field(default=None, description="Date of the next team meeting, as YYYY-MM-DD.")
    timeline: str | None = Field(default=None, description="Agreed rhythm of further meetings, e.g. 'at each milestone'.")


class Plan(StrictModel):
    """An IRT plan: the team, the three agreed items, action items and follow-up. One file per plan in casebook/plans/."""

    id: Id = Field(description="Taken from the file name; do not write it in the file.")
    title: str | None = None
    customer: Id = Field(description="The customer's id (the customer file's name).")
    meeting: Meeting
    attendees: list[Attendee] = Field(default_factory=list)
    goal: Goal = Field(default_factory=Goal)
    communication: Communication = Field(default_factory=Communication)
    sequence: list[Phase] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    program_records: dict[Id, ProgramRecord] = Field(
        default_factory=dict, description="For each program (by id): when the customer applied, was found eligible and "
        "signed the program's own plan.")
    follow_up: FollowUp = Field(default_factory=FollowUp)
    crisis_plan: str | None = Field(default=None, description="What the team does when a crisis or roadblock comes.")
    continuation: str | None = Field(default=None, description="What continues when a program's services end.")

    @model_validator(mode="after")
    def _attendees_consistent(self) -> Plan:
        seen: set[str] = set()
        for a in self.attendees:
            if a.id in seen:
                raise ValueError(f"two attendees share the id '{a.id}'; give each attendee their own id")
            seen.add(a.id)
        customers = [a.name for a in self.attendees if a.customer]
        if len(customers) > 1:
            raise ValueError(f"{len(customers)} attendees are marked 'customer: true' ({', '.join(customers)}); "
                             "a plan has one customer")
        return self

    def attendee(self, attendee_id: str | None) -> Attendee | None:
        return next((a for a in self.attendees if a.id == attendee_id), None)
