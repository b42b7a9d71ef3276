"""Typed objects for the casebook: community, programs, customers and plans.

No I/O here: ``irt_sim.casebook`` reads YAML into these models. Field descriptions become the
JSON Schemas in ``casebook/schema/`` and the field guide trainers read, so write them for a
trainer, not a programmer. Every model forbids unknown fields, so a typo is reported, not lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .vocab import (
    BarrierType,
    Benefit,
    Confidence,
    EligibilityStatus,
    Population,
    RecordsRule,
    ReleaseSigner,
    ServiceCategory,
    ServiceRole,
    Stage,
    SystemType,
    TanfActivity,
)

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A short name made of lower-case letters, digits and hyphens, e.g. 'rosa' or 'county-vr'.",
    ),
]
Text = Annotated[str, Field(min_length=1)]



#: The dates a casebook file can hold: a year from 1900 to 2199. A date such as 9999-12-31 is a slip
#: (or a test of the kit), and a day after it would not exist.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _plausible_day(value: object) -> object:
    if isinstance(value, dt.date) and not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"{value.isoformat()} is out of range: dates in a casebook fall between 1900 and 2199")
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_day)]

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- shared ---------------------------------------------------------------------------------


class Source(_Strict):
    """Where a figure comes from, so a trainer can check it."""

    figure: Text = Field(description="Which figure this source backs, as a field path, e.g. 'outcome.retention_days'.")
    ref: Text = Field(description="The source: a regulation, a study or a seed document, in a few words.")
    confidence: Confidence = Field(description="confirmed, partly_confirmed, unverified or assumption.")


class Goal(_Strict):
    """An employment goal: what job, at what pay, for how many hours."""

    job_title: str | None = Field(default=None, description="The job, e.g. 'Veterinary technician'.")
    hourly_wage: float | None = Field(default=None, ge=0, description="Hourly wage aimed for, in dollars (the low end if a range).")
    hourly_wage_max: float | None = Field(default=None, ge=0, description="Top of the wage range, if the goal is a range.")
    weekly_hours: float | None = Field(default=None, ge=0, le=80, description="Hours of work a week aimed for (at least).")
    competitive_integrated: bool = Field(
        default=True,
        description="true if the job is competitive integrated employment: paid at least minimum wage and the "
        "usual rate, in a typical community setting alongside non-disabled co-workers. false for sheltered or subminimum-wage work.",
    )
    field: str | None = Field(default=None, description="The industry or kind of employer, e.g. 'animal health'.")

    @model_validator(mode="after")
    def _range_in_order(self) -> Goal:
        if self.hourly_wage is not None and self.hourly_wage_max is not None and self.hourly_wage_max < self.hourly_wage:
            raise ValueError(f"the top of the wage range ({self.hourly_wage_max:g}) is below its bottom "
                             f"({self.hourly_wage:g}); hourly_wage is the low end, hourly_wage_max the high end")
        return self


# --- community and programs -----------------------------------------------------------------


class Community(_Strict):
    """The invented community whose partners make up the directory."""

    name: Text
    description: Text
    minimum_wage: float = Field(gt=0, description="The local minimum wage per hour, the floor for 'minimum_wage' in program rules.")
    sources: list[Source] = Field(default_factory=list)


class Service(_Strict):
    """One service a program offers."""

    id: Id
    name: Text = Field(description="The service in the program's own words.")
    category: ServiceCategory = Field(description="What kind of service it is, to compare with other programs'.")
    also: list[ServiceCategory] = Field(
        default_factory=list, description="Other kinds of service it also is, where it does more than one thing "
        "(a college tutoring centre that also lends laptops), so overlaps with other programs are found by substance.")
    addresses: list[BarrierType] = Field(default_factory=list, description="The barriers this service helps with.")
    paid: bool = Field(default=False, description="true if the program pays for something (tuition, tools, passes) rather than giving staff time.")
    role: ServiceRole | None = Field(
        default=None, description="What the service is in its program's own rules, where the rules treat it apart: "
        "assessment, supported_employment, extended_services, post_employment, able_account, health_coverage or "
        "earnings_reporting.")
    tanf_activity: TanfActivity | None = Field(
        default=None, description="What TANF counts the service's hours as (45 CFR 261.30), where it is not what its "
        "category suggests; not_countable for hours TANF cannot count.")
    open_to_all: bool = Field(
        default=False, description="true if anyone may use the service without the program's eligibility decision "
        "(a transit agency's travel training while a paratransit application waits).")

    @property
    def categories(self) -> set[ServiceCategory]:
        return {self.category, *self.also}


#: Populations that are a condition (a diagnosis), not a group: 'people with a substance use disorder'.
_CONDITIONS = {Population.substance_use, Population.mental_illness, Population.acquired_brain_injury,
               Population.physical_disability, Population.sensory_disability,
               Population.intellectual_or_developmental_disability}


class Requirements(_Strict):
    """The parts of a program's eligibility that a customer's record can show are met or not. Leave out
    what the record cannot show (income, a diagnosis decided at intake): the summary says it."""

    populations: list[Population] = Field(
        default_factory=list, description="The customer must belong to at least one of these target populations.")
    benefits: list[Benefit] = Field(default_factory=list, description="The customer must receive at least one of these benefits.")
    min_age: int | None = Field(default=None, ge=0, le=100, description="The youngest age served.")
    max_age: int | None = Field(default=None, ge=0, le=100, description="The oldest age served.")
    job_or_offer: bool = Field(default=False, description="true if only people with a job or a job offer are served.")

    def unmet(self, customer: Customer) -> tuple[str, str] | None:
        """(the rule, what the record shows) when ``customer`` cannot be served, or None when nothing in
        the record rules it out."""
        first = customer.first_name
        if self.populations and not set(self.populations) & set(customer.populations):
            groups = " or ".join(p.label for p in self.populations)
            if all(p in _CONDITIONS for p in self.populations):
                return f"it serves people with {groups}", f"{first}'s record shows no {groups}"
            return f"it serves only people in the group '{groups}'", f"{first}'s record does not put them in it" \
                .replace("them", {"she/her": "her", "he/him": "him"}.get(customer.pronouns or "", "them"))
        if self.benefits and not set(self.benefits) & set(customer.benefits):
            return f"it serves people who receive {' or '.join(b.label for b in self.benefits)}", f"{first} does not"
        if self.min_age is not None and customer.age < self.min_age:
            return f"it serves people aged {self.min_age} and over", f"{first} is {customer.age}"
        if self.max_age is not None and customer.age > self.max_age:
            return (f"it serves people aged {self.min_age} to {self.max_age}" if self.min_age is not None
                    else f"it serves people up to age {self.max_age}"), f"{first} is {customer.age}"
        if self.job_or_offer and not customer.job_or_offer:
            return "it serves people who already have a job or a job offer", f"{first} has neither yet"
        return None


class Eligibility(_Strict):
    """Who a program serves."""

    determined: bool = Field(
        default=True,
        description="true if the program decides eligibility for its services (most systems do). false for employers, "
        "natural supports and open-door community groups.",
    )
    summary: Text = Field(description="Who qualifies, in plain words.")
    decision_within_days: int | None = Field(default=None, gt=0, description="How soon the program must decide after an application.")
    presumed_for: list[Benefit] = Field(
        default_factory=list, description="Benefits whose recipients are presumed eligible (e.g. SSI and SSDI for VR)."
    )
    requires: Requirements = Field(
        default_factory=Requirements,
        description="What the customer's record must show for the program to serve them (target population, "
        "benefit, age, a job or job offer); the kit uses it to tell 'not yet eligible' from 'ruled out'.")


class OutcomeRule(_Strict):
    """What a program counts as an employment outcome. The checker holds a plan's goal to these."""

    summary: Text = Field(description="The outcome the program is measured on, in plain words.")
    competitive_integrated: bool = Field(default=False, description="true if only competitive integrated employment counts.")
    wage_floor: float | Literal["minimum_wage"] | None = Field(
        default=None, description="Lowest hourly wage that counts: a number, or 'minimum_wage' for the community's minimum wage."
    )
    min_weekly_hours: float | None = Field(default=None, gt=0, description="Fewest weekly hours that count.")
    min_weekly_hours_single_parent: float | None = Field(
        default=None, gt=0, description="Fewest weekly hours for a single parent of a child under 6, where the rule differs."
    )
    retention_days: int | None = Field(default=None, gt=0, description="How long the job must be kept before the outcome counts, in days.")
    measures: list[Text] = Field(default_factory=list, description="Other measures the program reports (credentials, quarters employed ...).")


class ProgramRules(_Strict):
    """The program's own settings of the federal rules its system follows (the rules and their
    figures are in irt_sim/data/program_rules.yaml; these are what a state or office decides)."""

    individual_plan: str | None = Field(
        default=None, description="The name of the written plan the program's services need, e.g. 'IPE' for VR: "
        "services other than assessment wait for it.")
    order_of_selection: Literal["open", "closed"] | None = Field(
        default=None, description="For VR: 'closed' when the agency serves only its priority categories and new "
        "customers wait.")
    needy_state: bool = Field(default=False, description="For TANF: true in a state that counts as needy (job search "
                              "then counts for up to 12 weeks a year instead of 6).")
    records: RecordsRule | None = Field(
        default=None, description="The federal rule its records fall under, which sets what a release to it must say: "
        "part2, ferpa or hipaa.")
    wioa_core: bool = Field(default=False, description="true for a WIOA core program (Title I adult, dislocated worker "
                            "or youth; Title II adult education; Wagner-Peyser; VR): its outcome.measures then list the "
                            "six primary indicators of performance.")


class ServicesStop(_Strict):
    """When a program's part in a plan ends."""

    after: Stage = Field(description="The last stage the program serves: preparation, training, job_search, early_employment or long_term.")
    note: Text = Field(description="What ends the program's services, in plain words.")


class Program(_Strict):
    """A program (system) in the community, with its rules. One file per program in casebook/programs/."""

    id: Id = Field(description="Taken from the file name; do not write it in the file.")
    name: Text
    system: SystemType
    summary: Text = Field(description="What the program is, in a sentence or two.")
    partner_role: Text = Field(description="Who usually sits on a team for this program, e.g. 'VR counsellor'.")
    eligibility: Eligibility
    services: list[Service] = Field(min_length=1)
    outcome: OutcomeRule | None = Field(default=None, description="Leave out for partners with no employment outcome of their own.")
    services_stop: ServicesStop
    rules: ProgramRules = Field(default_factory=ProgramRules, description="The program's settings of its system's rules.")
    pays_for: list[Text] = Field(default_factory=list, description="What the program can pay for.")
    release_required: bool = Field(
        default=True,
        description="true if partners need the customer's signed release before sharing information with this program. "
        "false for natural supports the customer brings along.",
    )
    sources: list[Source] = Field(default_factory=list, description="Where each rule figure comes from.")

    @model_validator(mode="after")
    def _unique_service_ids(self) -> Program:
        seen: set[str] = set()
        for s in self.services:
            if s.id in seen:
                raise ValueError(f"two services share the id '{s.id}'; give each service its own id")
            seen.add(s.id)
        return self

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


# --- customers ------------------------------------------------------------------------------


class Barrier(_Strict):
    type: BarrierType
    detail: Text = Field(description="What the barrier looks like for this customer.")


class Household(_Strict):
    single_parent_child_under_6: bool = Field(default=False, description="true if the customer is a single parent of a child under 6.")
    two_parent: bool = Field(default=False, description="true for a two-parent family (TANF's weekly hours differ).")
    federally_funded_childcare: bool = Field(default=False, description="true if a two-parent family receives federally "
                                             "funded childcare (TANF then asks 55 hours a week).")
    note: str | None = None


class Release(_Strict):
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


class Customer(_Strict):
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


# --- plans ----------------------------------------------------------------------------------


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


class Meeting(_Strict):
    date: Day = Field(description="The day the team met, as YYYY-MM-DD.")
    format: Literal["in_person", "virtual", "phone", "hybrid"] = "in_person"
    place: str | None = None


class Attendee(_Strict):
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


class Updates(_Strict):
    method: str | None = Field(default=None, description="How updates go out, e.g. 'e-mail to the team'.")
    frequency: str | None = Field(default=None, description="How often, e.g. 'every two weeks'.")


class Communication(_Strict):
    """Lines of communication: one of the three things the team agrees on."""

    point_of_contact: Id | None = Field(default=None, description="The attendee id of the point of contact.")
    customer_raises_issues_with: Id | None = Field(default=None, description="Who the customer goes to first with a challenge (attendee id).")
    shared_information: list[Text] = Field(default_factory=list, description="What information partners will share.")
    updates: Updates = Field(default_factory=Updates)
    consent: str | None = Field(default=None, description="What the customer agreed to about sharing.")


class Commitment(_Strict):
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


class Phase(_Strict):
    phase: Text = Field(description="The phase as the team names it, e.g. 'During training'.")
    stage: Stage = Field(description="Where it sits: preparation, training, job_search, early_employment or long_term.")
    starts: Day | None = Field(default=None, description="When the phase starts, as YYYY-MM-DD (the timing rules of "
                                   "VR and TANF use it).")
    ends: Day | None = Field(default=None, description="When the phase ends, as YYYY-MM-DD.")
    commitments: list[Commitment] = Field(default_factory=list)

    @property
    def weeks(self) -> float | None:
        return (self.ends - self.starts).days / 7 if self.starts and self.ends else None


class ActionItem(_Strict):
    action: Text
    responsible: list[Id] = Field(default_factory=list, description="Attendee ids of the people responsible.")
    due: DueDate | None = Field(default=None, description="A date as YYYY-MM-DD, or 'ongoing'.")
    apply_for: Id | None = Field(default=None, description="If this action is an application to a program, that program's id.")


class ProgramRecord(_Strict):
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


class FollowUp(_Strict):
    next_meeting: Day | None = Field(default=None, description="Date of the next team meeting, as YYYY-MM-DD.")
    timeline: str | None = Field(default=None, description="Agreed rhythm of further meetings, e.g. 'at each milestone'.")


class Plan(_Strict):
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
