"""Practice cases: new customers made to a casebook's programs and rules, written as customer files
(``irt-academy cases generate``), and a first plan for one (the course's plan builder)."""

from __future__ import annotations

from .generate import GOALS, Case, CasesError, generate_cases, parse_populations
from .write import case_yaml, customer_data, write_cases

__all__ = ["GOALS", "Case", "CasesError", "case_yaml", "customer_data", "generate_cases", "parse_populations",
           "write_cases"]
