"""Cohorts for the simulator: which outside resources each customer needs.

A cohort is a table of customers by needs (training, housing, health ...): True where the customer
needs that resource. It comes from the casebook's customers, or is generated from a mix of
populations whose typical needs the parameter file gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..inputs.casebook import Casebook
from .params import ParameterError, Params, check_value
from ..vocab import Population


@dataclass(frozen=True)
class Cohort:
    needs: np.ndarray  # bool, customers x needs
    need_names: tuple[str, ...]
    label: str = "cohort"

    @property
    def size(self) -> int:
        return int(self.needs.shape[0])

    @property
    def needs_per_customer(self) -> np.ndarray:
        return self.needs.sum(axis=1)

    def __post_init__(self) -> None:
        if self.needs.ndim != 2 or self.needs.shape[1] != len(self.need_names):
            raise ParameterError("A cohort's needs table must have one column per need.")
        if self.needs.shape[0] == 0:
            raise ParameterError("The cohort is empty; a simulation needs at least one customer.")


def _population(name: str | Population) -> Population:
    try:
        return Population(name)
    except ValueError:
        allowed = ", ".join(p.value for p in Population)
        raise ParameterError(f"'{name}' is not a population; choose from: {allowed}.") from None


def generate_cohort(params: Params, size: int, mix: Mapping[str, float], seed: int = 0) -> Cohort:
    """``size`` customers drawn from populations in proportion to ``mix`` (shares need not add to 1)."""
    size = int(check_value("cohort size", "count", size))
    if size == 0:
        raise ParameterError("The cohort is empty; choose a cohort size of at least 1.")
    pops = [_population(p) for p in mix]
    shares = np.array([check_value(f"share of {p.value}", "share", s) for p, s in zip(pops, mix.values())])
    if not pops or shares.sum() == 0:
        raise ParameterError("The population mix is empty; give at least one population a share above 0.")
    missing = [p.value for p in pops if p not in params.spec.populations]
    if missing:
        raise ParameterError(f"The parameter file gives no typical needs for: {', '.join(missing)}.")
    names = tuple(params.need_names)
    prevalence = np.array([[params.spec.populations[p].get(n, 0.0) for n in names] for p in pops])
    rng = np.random.default_rng(seed)
    which = rng.choice(len(pops), size=size, p=shares / shares.sum())
    needs = rng.random((size, len(names))) < prevalence[which]
    groups = [(p.label, s / shares.sum()) for p, s in zip(pops, shares) if s > 0]
    label = (f"{size:,} invented customers, all in one group: {groups[0][0]}" if len(groups) == 1 else
             f"{size:,} invented customers in these groups: " + ", ".join(f"{g} {s:.0%}" for g, s in groups))
    return Cohort(needs=needs, need_names=names, label=label)


def cohort_from_casebook(book: Casebook, params: Params, size: int | None = None, seed: int = 0) -> Cohort:
    """The casebook's customers (or ``size`` customers drawn from them with replacement)."""
    names = tuple(params.need_names)
    group_of = {b: n for n, spec in params.spec.needs.items() for b in spec.barriers}
    rows = [[any(group_of.get(b.type) == n for b in c.barriers) for n in names] for c in book.customers.values()]
    if not rows:
        raise ParameterError("The casebook has no customers to build a cohort from.")
    table = np.array(rows, dtype=bool)
    if size is not None:
        size = int(check_value("cohort size", "count", size))
        if size == 0:
            raise ParameterError("The cohort is empty; choose a cohort size of at least 1.")
        table = table[np.random.default_rng(seed).integers(0, len(rows), size)]
    return Cohort(needs=table, need_names=names, label=f"{table.shape[0]:,} customers like the casebook's")
