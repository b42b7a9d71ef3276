"""Runs of the simulator's named presets against the figures their source reports: the IPS preset
against the funnel the IPS overview deck gives (of 100 referred, how many placed, at 30 days, at
180 days)."""

from __future__ import annotations

from .cohort import generate_cohort
from .engine import SimulationResult, simulate
from .params import load_params


def run_preset(name: str = "ips_overview_deck", replicates: int = 50, seed: int = 1
               ) -> tuple[SimulationResult, dict[str, float]]:
    """The preset's cohort run through its pathway, and the shares its source reports for the
    funnel's stages (placed, employed at 30 days, employed at 180 days)."""
    params, preset = load_params().preset(name)
    cohort = generate_cohort(params, preset.cohort.size, preset.cohort.mix, seed=seed)
    result = simulate(cohort, params, pathways=[preset.pathway], replicates=replicates, seed=seed)
    t = preset.targets
    targets = {"placed": t["placed"], "employed_30": t["placed"] * t["employed_30_days_of_placed"],
               "employed_180": t["placed"] * t["employed_180_days_of_placed"]}
    return result, targets
