"""A first plan for a practice customer: the customer and one partner for each program they are
eligible or presumed eligible for, at a meeting after the releases were signed, with the goal the
customer proposed. Communication and the sequence of services are left for the learner to agree."""

from __future__ import annotations

import datetime as dt
import random

from ..inputs.casebook import Casebook
from ..model import Attendee, Customer, Goal, Meeting, Plan, Release
from ..words import fold
from .records import FIRST_DAY
from .words import FIRST_NAMES, LAST_NAMES


def first_plan(customer: Customer, book: Casebook) -> Plan:
    rng = random.Random(f"first-plan|{customer.id}")  # a text seed hashes the same in every run
    ids = {_handle(customer.first_name)}
    attendees = [Attendee(id=_handle(customer.first_name), name=customer.name, role="Customer (leads the team)",
                          customer=True)]
    everyone = [n for names in FIRST_NAMES.values() for n in names]
    for pid, status in customer.eligibility.items():
        program = book.program(pid)
        if program is None or not status.counts:
            continue
        while True:
            first, last = rng.choice(everyone), rng.choice(LAST_NAMES)
            if _handle(first) not in ids and last != customer.name.split()[-1]:
                break
        ids.add(_handle(first))
        attendees.append(Attendee(id=_handle(first), name=f"{first} {last}", role=program.partner_role, program=pid))
    signed = [r.signed_on for r in customer.releases if isinstance(r, Release) and r.signed_on]
    day = max(signed, default=FIRST_DAY) + dt.timedelta(days=rng.randint(7, 21))
    return Plan(id=f"{customer.id}-plan", title=f"{customer.name}: a new practice case, the plan still to agree",
                customer=customer.id, meeting=Meeting(date=day, format="in_person"), attendees=attendees,
                goal=customer.proposed_goal or Goal())


def _handle(name: str) -> str:
    return "-".join(fold(name).replace(".", " ").split())
