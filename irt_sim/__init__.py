"""irt_sim: the model, casebook, plan checker and tools behind the IRT Community Academy kit."""

from .inputs.casebook import Casebook, CasebookError, load_casebook, load_plan
from .checks.plan_rules import RULES, Finding, Severity, check_plan
from .model import Customer, Plan, Program
from .inputs.problems import Problem
from . import ips as _ips  # noqa: F401 - the IPS scale checks agency files as a casebook loads

__all__ = [
    "Casebook", "CasebookError", "Customer", "Finding", "Plan", "Problem", "Program", "RULES", "Severity",
    "check_plan", "load_casebook", "load_plan",
]
__version__ = "0.1.0"
