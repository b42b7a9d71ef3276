"""irt_sim: the model, casebook, plan checker and tools behind the IRT Community Academy kit."""

from .casebook import Casebook, CasebookError, load_casebook, load_plan
from .checks import RULES, Finding, Severity, check_plan
from .model import Customer, Plan, Program
from .problems import Problem

__all__ = [
    "Casebook", "CasebookError", "Customer", "Finding", "Plan", "Problem", "Program", "RULES", "Severity",
    "check_plan", "load_casebook", "load_plan",
]
__version__ = "0.1.0"
