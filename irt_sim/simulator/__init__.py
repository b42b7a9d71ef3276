"""The ARC-versus-referral simulator: its parameters and their sources (``params``), the simulated
jobseekers (``cohort``), the vectorised engine (``engine``) and the plain loop the engine is tested
against (``loop_reference``). Plain functions over plain data; nothing here draws or reads a page."""

from __future__ import annotations

from .cohort import Cohort, cohort_from_casebook, generate_cohort
from .engine import SimulationResult, simulate
from .params import PATHWAYS, ParameterError, Params, load_params
from .presets import run_preset

__all__ = ["PATHWAYS", "Cohort", "ParameterError", "Params", "SimulationResult", "cohort_from_casebook",
           "generate_cohort", "load_params", "run_preset", "simulate"]
