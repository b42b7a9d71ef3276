"""Which partners a customer can use at a meeting, for a worked plan (irt_sim.cases.worked_plan): a
program that does not rule the customer out, has not found them ineligible and counts their goal,
with a release in force that says what, for what and until when and meets the program's records
rule; family and friends, who need no release, where the record names someone the customer lives
with. And why not, in plain words, for the trainer."""

from __future__ import annotations

import datetime as dt
import random
import re

from ..checks.plan_rules import outcome_gaps
from ..inputs.casebook import Casebook
from ..inputs.program_figures import value
from ..model import Customer, Program, Service
from ..vocab import ServiceCategory as C, ServiceRole as R, SystemType as S
from .words import FIRST_NAMES


class NoPlan(Exception):
    """Why no sound plan can be made, in plain words."""


def closed(customer: Customer, program: Program, on: dt.date, minimum_wage: float | None = None) -> str | None:
    """Why ``customer`` cannot use ``program``'s help at a meeting on ``on`` (None: they can)."""
    first = customer.first_name
    if program.system == S.employer and program.id not in customer.systems_used:
        return f"{program.name} is an employer {first} does not work or apply at"
    ruled_out = customer.ruled_out_by(program)
    if ruled_out:
        return f"{program.name} cannot serve {first}: {ruled_out}"
    status = customer.status_with(program.id)
    if status is not None and status.value == "not_eligible":
        return f"{first} is not eligible for {program.name}"
    if customer.proposed_goal and outcome_gaps(customer.proposed_goal, program, customer, minimum_wage):
        return f"{first}'s goal does not count as an outcome for {program.name}"
    return _release_gap(customer, program, on)


def _release_gap(customer: Customer, program: Program, on: dt.date) -> str | None:
    if not program.release_required:
        return None
    first, r = customer.first_name, customer.release_for(program.id)
    if r is None:
        return f"{first} has signed no release for {program.name}"
    if not (r.what and r.purpose and r.until):
        return f"{first}'s release for {program.name} does not say what it covers, what for and until when"
    if r.signed_on is not None and r.signed_on > on:
        return f"{first}'s release for {program.name} is signed only after the meeting"
    if not r.in_force(on):
        return f"{first}'s release for {program.name} has ended or was taken back before the meeting"
    rule = program.rules.records
    if rule is not None and rule.value in ("part2", "ferpa") and rule not in r.meets:  # Part 2 and FERPA say what it must hold
        return f"{first}'s release for {program.name} does not meet {rule.label}"
    if customer.age < value("consent.age_of_majority") and r.signed_by.value == "customer":
        return f"{first} is {customer.age}, and {program.name}'s release is not signed by a parent or guardian"
    return None


def counts(customer: Customer, program: Program) -> bool:
    """Whether the program may commit services now, with no decision still to wait for."""
    status = customer.status_with(program.id)
    return not program.eligibility.determined or bool(status and status.counts)


def is_family(program: Program) -> bool:
    """Family and friends the customer brings along: the one kind of partner that needs no release."""
    return not program.release_required


#: The people a household note names, and which first names suit them.
_KIN = {"mother": "she/her", "sister": "she/her", "aunt": "she/her", "grandmother": "she/her", "wife": "she/her",
        "father": "he/him", "brother": "he/him", "uncle": "he/him", "grandfather": "he/him", "husband": "he/him",
        "parents": None, "grandparents": None, "partner": "they/them", "cousin": "they/them"}


def relative(customer: Customer) -> str | None:
    """The person the customer lives with, where the record names one ('Lives with her mother.')."""
    found = re.search(r"[Ll]ives with (?:her|his|their) (?:older |younger )?([a-z]+)[ .,]", customer.household.note or "")
    return found.group(1) if found and found.group(1) in _KIN else None


def kin_name(customer: Customer, rng: random.Random, taken: set[str]) -> tuple[str, str]:
    """(first name, relation) of the relative at the table: 'parents' sends one of them."""
    relation = relative(customer) or "partner"
    if _KIN[relation] is None:
        relation = rng.choice(("mother", "father") if relation == "parents" else ("grandmother", "grandfather"))
    names = sorted(set(FIRST_NAMES[_KIN[relation] or "they/them"]) - taken)
    return rng.choice(names), relation


def comparable_elsewhere(customer: Customer, book: Casebook, program: Program, service: Service) -> bool:
    """Whether another public program the customer could use offers the same kind of service, so VR
    would have to use it first (34 CFR 361.53): VR pays only where none does."""
    exempt = {C(c) for c in value("vr.comparable_benefits_exempt")}
    not_from = {S(s) for s in value("vr.comparable_benefits_not_from")}
    if program.system != S.vocational_rehabilitation or not service.paid or service.categories & exempt \
            or service.role in (R.assessment, R.post_employment):
        return False
    for other in book.programs.values():
        if other.id == program.id or other.system in not_from \
                or (other.system == S.employer and other.id not in customer.systems_used):  # its staff benefits only
            continue
        status = customer.status_with(other.id)
        if customer.ruled_out_by(other) or (status is not None and status.value == "not_eligible"):
            continue
        if any(s.categories & service.categories for s in other.services):
            return True
    return False
