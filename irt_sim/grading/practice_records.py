"""A practice customer in the plan exercise, as the team knows them and as the fuller record has them.

Odessa Pruitt's fuller record was written by a trainer: things her story tells that her file's list
of barriers leaves out. A practice customer's story tells some of its barriers too (the generator
notes which: ``Case.told``), so the same test works for them without a trainer writing anything:
the team's record leaves out the last barrier the story tells of, and the fuller record puts it back
with what a plan must do about it, the kinds of service the customer's own programs offer for it, by
the stage it has to be dealt with. A plan written for the person in the story meets it; one written
only for the list does not. (A learner who reads the kit's code can find which barrier it is; they
could as well by reading the story, which is the point.)
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

import yaml

from ..inputs.casebook import Casebook
from ..model import Customer
from ..vocab import BarrierType as B, Stage as S
from .cases import exercise_casebook, practice_cases

_BEFORE_WORK = (S.preparation, S.training, S.job_search)
#: By when each barrier must be dealt with (an assumption of ours, the kit's reading of good practice):
#: most before the customer starts work; help at the workplace from the job search on; assistive
#: technology from training on; someone to lean on at any stage.
BY_STAGE: dict[B, tuple[S, ...]] = {
    **{b: _BEFORE_WORK for b in B},
    B.accommodations: (S.job_search, S.early_employment, S.long_term),
    B.assistive_technology: (S.training, S.job_search, S.early_employment, S.long_term),
    B.social_isolation: tuple(S),
}


def held_back(customer_id: str) -> tuple[Customer, B] | None:
    """The practice customer (their full record) and the barrier their team's record leaves out, or
    None for a customer whose story tells of no barrier (or who is not a practice customer)."""
    for case in practice_cases():
        if case.customer.id == customer_id and case.told:
            return case.customer, case.told[-1]
    return None


def as_the_team_knows(book: Casebook, customer_id: str) -> Casebook:
    """``book`` with a practice customer's record as their team has it (one barrier the story tells of
    left out of the list); any other customer's record as it is."""
    found = held_back(customer_id)
    if found is None or customer_id not in book.customers:
        return book
    customer, barrier = found
    record = book.customers[customer_id]
    shorter = record.model_copy(update={"barriers": [b for b in record.barriers if b.type != barrier]})
    return dataclasses.replace(book, customers={**book.customers, customer_id: shorter})


@lru_cache(maxsize=64)
def full_record(customer_id: str) -> str | None:
    """The fuller record of a practice customer's case, in the form a trainer writes one
    (``add_barriers`` and ``needs``, see grade_held_back), or None where there is none to derive (no
    barrier the story tells of, or no program the customer can use offers help with it)."""
    from .team import program_points

    found = held_back(customer_id)
    if found is None:
        return None
    customer, barrier = found
    book = exercise_casebook(customer=customer_id)
    usable = [p for p in sorted(book.programs.values(), key=lambda p: p.id)
              if program_points(p, barrier, customer, False)[0] == 1]
    helps = [(p, s) for p in usable for s in p.services if barrier in s.addresses]
    if not helps:
        return None
    kinds = list(dict.fromkeys(k.value for _p, s in helps for k in (s.category, *s.also)))
    detail = next(b.detail for b in customer.barriers if b.type == barrier)
    stages = BY_STAGE[barrier]
    when = "before work starts" if stages == _BEFORE_WORK else f"from {stages[0].label} on"
    examples = ", ".join(f"{s.name[:1].lower()}{s.name[1:]} from {p.name}" for p, s in helps[:2])
    return yaml.safe_dump({
        "add_barriers": [{"type": barrier.value, "detail": detail}],
        "needs": [{"about": f"the {barrier.label} barrier {customer.first_name}'s story tells of", "services": kinds,
                   "stages": [s.value for s in stages],
                   "instead": f"help with it {when}, such as {examples}"}],
    }, sort_keys=False, allow_unicode=True, width=100)
