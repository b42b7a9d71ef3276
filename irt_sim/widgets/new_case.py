"""'Give me a new customer': a practice customer made for the learner (irt_sim.cases), added to a
panel's own copy of the casebook. The n-th customer a learner asks for is seeded from their id and
n, so each press brings someone new, the same learner gets the same customers again, and a panel
reopened in the course's kernels brings back the customers made before (the count is kept)."""

from __future__ import annotations

import dataclasses
import hashlib
import html

import ipywidgets as w

from ..cases import generate_cases
from . import progress
from .quizzes import learner_id

LABEL = "Give me a new customer"
MOST = 50  # practice customers a panel brings back on a new visit


def new_customer_button() -> w.Button:
    """A plain button: focusable with Tab and pressed with Enter or Space, named by its label."""
    return w.Button(description=LABEL, tooltip="Make a new practice customer, add them to this activity's casebook "
                    "and choose them", icon="user-plus", layout=w.Layout(width="auto"))


def practice_seed(n: int, learner: str | None = None) -> int:
    return int(hashlib.sha256(f"{learner or learner_id()}|practice-customer|{n}".encode()).hexdigest()[:12], 16)


def practice_customer(book, n: int, learner: str | None = None):
    """The learner's n-th practice customer for ``book``: a goal that meets or misses its programs' rules."""
    return generate_cases(book, 1, practice_seed(n, learner), goal="mixed", taken=set(book.customers))[0].customer


def with_customer(book, customer, **more):
    """A copy of ``book`` with ``customer`` in it (the book a panel was given stays as it was)."""
    return dataclasses.replace(book, customers={**book.customers, customer.id: customer}, **more)


def kept_count(key: str) -> int:
    """How many practice customers the learner asked for in this panel before (0 where nothing is kept)."""
    made = progress.saved(key, 0)
    return made if isinstance(made, int) and 0 < made <= MOST else 0


def keep_count(key: str, made: int) -> None:
    progress.save(key, made)


def announcement(customer) -> str:
    story = html.escape(" ".join(customer.story.split()))
    return (f'<div role="status" aria-live="polite"><p>New practice customer: <strong>{html.escape(customer.name)}'
            f"</strong>, {customer.age}. {story}</p></div>")
