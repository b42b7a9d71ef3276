"""The community and its partner programs: services, eligibility and outcome rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ..vocab import (
    BarrierType,
    Benefit,
    Population,
    RecordsRule,
    ServiceCategory,
    ServiceRole,
    Stage,
    SystemType,
    TanfActivity,
)

from .base import Id, Source, StrictModel, Text

if TYPE_CHECKING:  # in a method's signature only
    from .customer import Customer


class Community(StrictModel):
    """The invented community whose partners make up the directory."""

    name: Text
    description: Text
    minimum_wage: float = Field(gt=0, description="The local minimum wage per hour, the floor for 'minimum_wage' in program rules.")
    sources: list[Source] = Field(default_factory=list)


class Service(StrictModel):
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


class Requirements(StrictModel):
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


class Eligibility(StrictModel):
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


class OutcomeRule(StrictModel):
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


class ProgramRules(StrictModel):
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


class ServicesStop(StrictModel):
    """When a program's part in a plan ends."""

    after: Stage = Field(description="The last stage the program serves: preparation, training, job_search, early_employment or long_term.")
    note: Text = Field(description="What ends the program's services, in plain words.")


class Partnering(StrictModel):
    """How another program's staff work with this one: what a Community Academy's partner card and a
    role-play's partner card say. Local practice, so its figures are usually assumptions."""

    connect: Text = Field(description="How a partner makes a connection for a customer: whom to ask for, what to "
                          "bring, how an application starts (no real names, numbers or addresses).")
    flexibility: list[Text] = Field(default_factory=list, description="Where the program can bend for a shared "
                                    "plan: what it may adjust, pay for or wait on, within its own rules.")
    limits: list[Text] = Field(default_factory=list, description="What it cannot do, that other partners often "
                               "do not know (a rule, a waiting list, a funding cycle).")


class Program(StrictModel):
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
    partnering: Partnering | None = Field(
        default=None, description="How to make a connection, where the program has flexibility and what it cannot "
        "do: the Community Academy's partner card says it.")
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


