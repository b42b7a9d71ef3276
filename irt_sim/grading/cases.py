"""The casebook the graders use when a test cell names none: the kit's own, with the exercises' practice
customers added (made by irt_sim.cases from a fixed seed, so a learner's kernel and the grading run
make the same ones), loaded once per kernel (a notebook's seven test cells then read and check the
same answer once, not seven times)."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from ..inputs.casebook import Casebook

#: How many practice customers the exercises add to the kit's own, and from which seed. Changing either
#: changes learners' cases: do it between courses, never between a release and its grading.
PRACTICE_COUNT, PRACTICE_SEED = 60, 2026


@lru_cache(maxsize=1)
def _kit_casebook() -> Casebook:
    from ..inputs.casebook import load_casebook

    return load_casebook()


@lru_cache(maxsize=1)
def practice_cases() -> tuple:
    """The exercises' practice customers (``irt_sim.cases.Case``), made once per kernel."""
    from ..cases.generate import generate_cases

    book = _kit_casebook()
    if not (book.programs and book.customers):
        return ()
    return tuple(generate_cases(book, PRACTICE_COUNT, PRACTICE_SEED, goal="meet"))


@lru_cache(maxsize=1)
def _with_practice() -> Casebook:
    book = _kit_casebook()
    practice = practice_cases()
    if practice:
        book = dataclasses.replace(book, customers={**book.customers, **{c.customer.id: c.customer for c in practice}})
    return book


def exercise_casebook(book: Casebook | None = None, customer: str | None = None) -> Casebook:
    """``book``, or the kit's casebook with its practice customers; the plain casebook when ``customer``
    is one of the kit's own, so the practice customers are made only where a case needs them (a grading
    kernel of an exercise about a casebook customer never makes them)."""
    if book is not None:
        return book
    kit = _kit_casebook()
    return kit if customer is not None and customer != "*" and str(customer) in kit.customers else _with_practice()
