"""The domain: typed objects for the casebook, with no I/O. ``irt_sim.inputs.casebook`` reads YAML
into them. Field descriptions become the JSON Schemas in ``casebook/schema/`` and the field guide
trainers read, so they are written for a trainer, not a programmer. Every model forbids unknown
fields (``StrictModel``), so a typo is reported, not lost.

``base``: ids, days, the strict base, a source, a goal; ``program``: the community and its
programs; ``customer``; ``plan``: an IRT plan; ``agency``: an IPS agency's profile."""

from __future__ import annotations

from .agency import AgencyProfile, EmploymentSpecialist, Implementation, ProgramData, Supervisor
from .base import FIRST_DAY, LAST_DAY, Day, Goal, Id, Source, StrictModel, Text
from .customer import Barrier, Customer, Household, Release
from .plan import (ActionItem, Attendee, Commitment, Communication, DueDate, FollowUp, Meeting, Phase, Plan,
                   ProgramRecord, Updates)
from .program import (Community, Eligibility, OutcomeRule, Partnering, Program, ProgramRules, Requirements, Service,
                      ServicesStop)

__all__ = ["FIRST_DAY", "LAST_DAY", "ActionItem", "AgencyProfile", "Attendee", "Barrier", "Commitment", "Communication",
           "Community", "Customer", "Day", "DueDate", "Eligibility", "EmploymentSpecialist", "FollowUp", "Goal",
           "Household", "Id", "Implementation", "Meeting", "OutcomeRule", "Partnering", "Phase", "Plan", "Program", "ProgramData",
           "ProgramRecord", "ProgramRules", "Release", "Requirements", "Service", "ServicesStop", "Source",
           "StrictModel", "Supervisor", "Text", "Updates"]
