"""Practice cases: new customers made to a casebook's programs and rules, written as customer files
(``irt-academy cases generate``), a first plan for one (the course's plan builder), and a worked
plan for one (the plan exercise's full-marks answer, for trainers and tests)."""

from __future__ import annotations

from .generate import GOALS, Case, CasesError, generate_cases, parse_populations
from .worked_plan import no_plan_reason, plan_text, worked_plan
from .write import case_yaml, customer_data, write_cases

__all__ = ["GOALS", "Case", "CasesError", "case_yaml", "customer_data", "generate_cases", "no_plan_reason",
           "parse_populations", "plan_text", "worked_plan", "write_cases"]
