"""IPS supported employment tools: the fidelity scale, the implementation plan check and quarterly
outcomes (see each module). Names load on first use, so reading an agency profile does not import
pandas."""

from __future__ import annotations

import importlib

_WHERE = {
    "AgencyProfile": "profile", "FidelityResult": "fidelity", "load_scale": "fidelity", "score_profile": "fidelity",
    "ImplementationReport": "implementation", "check_implementation": "implementation", "Caseload": "outcomes",
    "quarterly_outcomes": "outcomes", "read_caseload": "outcomes", "roll_up": "outcomes",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
