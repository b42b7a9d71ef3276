"""The record side of a practice case: its releases of information (what each kind of partner
needs to hear, for what, signed when and by whom) and the household note."""

from __future__ import annotations

import datetime as dt
import random

from ..model import Program, Release
from ..vocab import BarrierType as B, ReleaseSigner, SystemType as S
from .facts import Person, fill

#: What a release to each kind of partner covers first, whatever the customer's barriers.
FIRST: dict[S, str] = {
    S.workforce: "{pos} employment plan", S.behavioural_health: "whether {sub} keep{s} {pos} appointments (yes or no only)",
    S.vocational_rehabilitation: "the VR eligibility decision and the individual plan for employment",
    S.work_incentives: "{pos} benefits and earnings", S.employment_specialist: "employers contacted, interviews and offers",
    S.housing: "{pos} housing status and move date", S.education: "enrollment, attendance and grades",
    S.employer: "interview and start dates", S.corrections: "{pos} work schedule and employer",
    S.tanf: "{pos} countable hours each week", S.faith_based: "what help {sub} asked for",
    S.social_services: "{pos} income, for benefits", S.transportation: "{pos} work or class schedule, to plan trips",
    S.apprenticeship: "application status and start date", S.veterans: "progress on {pos} VA claims",
    S.advocates_and_natural_supports: "{pos} plan and schedule", S.independent_living: "{pos} independent living goals",
    S.health_care: "work restrictions from {pos} doctor",
}

#: What else it covers, for each of the customer's barriers its services address.
FOR_BARRIER: dict[B, str] = {
    B.transportation: "{pos} schedule, to plan rides", B.housing: "{pos} housing status and move date",
    B.benefits_and_work_incentives: "{pos} benefits and earnings",
    B.skills_or_credentials: "training attendance and grades",
    B.behavioural_health: "whether {sub} keep{s} {pos} appointments (yes or no only)",
    B.physical_health: "work restrictions from {pos} doctor",
    B.substance_use: "whether {sub} keep{s} {pos} treatment appointments (yes or no only)",
    B.justice_involvement: "progress on court fines and supervision", B.childcare: "childcare authorization dates",
    B.assistive_technology: "the equipment assessment and what is bought",
    B.accommodations: "the accommodations {sub} ask{s} for",
    B.literacy: "progress in reading and math classes", B.work_history: "job leads, interviews and offers",
    B.financial_hardship: "what each partner pays for", B.identity_documents: "progress on {pos} ID documents",
    B.digital_access: "computer classes and devices lent", B.english_language: "progress in English classes",
    B.social_isolation: "who {sub} would like at the table",
}

#: The day of the first release in a batch of cases, and the span the signing days fall in.
FIRST_DAY, DAYS = dt.date(2026, 3, 2), 150


def release(program: Program, person: Person, signed: dt.date, rng: random.Random) -> Release:
    """A release to ``program``: what it needs to hear for the barriers it can help with, and what for
    (its own services, in its own words)."""
    services = [s for s in program.services if set(s.addresses) & set(person.barriers)] or program.services[:1]
    items = [FIRST.get(program.system, "progress toward the goal")]
    items += [FOR_BARRIER[b] for b in person.barriers if any(b in s.addresses for s in services)]
    items = list(dict.fromkeys(fill(i, person.facts, rng, cap=False) for i in items))[:3]
    minor = person.age < 18
    signer = (ReleaseSigner.guardian if person.facts.get("youth") == "foster" else ReleaseSigner.parent) if minor \
        else ReleaseSigner.customer
    return Release(to=program.id, what=items, purpose=services[0].name,
                   signed_on=signed, until=signed + dt.timedelta(days=rng.choice((365, 365, 730))),
                   signed_by=signer, meets=[program.rules.records] if program.rules.records else [])


HOME_NOTES = {
    "shelter": "Staying at a shelter.", "car": "Sleeping in {pos} car.",
    "couch": "Staying with friends, a few weeks at a time.", "camp": "Sleeping in a tent at a camp.",
    "eviction": "Renting; the landlord has filed to evict.", "crowded": "Shares an apartment with relatives.",
    "trailer": "Rents a trailer outside town.", "recovery": "Lives in a sober-living house.",
    "halfway": "Lives in a transitional house after prison.",
    "foster": "In foster care until 18; the county is {pos} legal guardian.", "alone": "Lives alone.",
    "apartment": "Rents an apartment.", "parents": "Lives with {pos} {family}.", "relative": "Lives with {pos} {relative}.",
    "partner": "Lives with {pos} {partner}.", "own_house": "Owns a small house.",
    "group_home": "Lives in a group home with staff.", "supported": "Lives in a supported apartment.",
    "foster_home": "Lives with a foster family; the county is {pos} legal guardian.",
}


def household_note(person: Person, rng: random.Random) -> str:
    note = [fill(HOME_NOTES[person.home], person.facts, rng)]
    if person.kids:
        named = [f"{n} ({a})" for _, a, n in person.kids]
        kids = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        note.append(f"Single parent of {kids}." if person.partner is None else
                    f"Raising {kids} with {person.facts['pos']} {person.partner}.")
    return " ".join(note)
