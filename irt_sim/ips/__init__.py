"""IPS supported employment tools: the fidelity scale, the implementation plan check and quarterly
outcomes (see each module). Names load on first use, so reading an agency profile does not import
pandas. Importing the package has the casebook check each agency file's components against the
scale (irt_sim imports it, so every load of a casebook does)."""

from __future__ import annotations

from .._lazy import lazy_exports
from ..inputs.casebook import add_check

_WHERE = {
    **dict.fromkeys(["FidelityResult", "load_scale", "score_profile"], ".fidelity"),
    **dict.fromkeys(["ImplementationReport", "check_implementation"], ".implementation"),
    **dict.fromkeys(["Caseload", "quarterly_outcomes", "read_caseload", "roll_up"], ".outcomes"),
}
__all__ = sorted(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)


def _components_on_the_scale(profile) -> list[tuple[tuple[str, ...], str]]:
    from .fidelity import unknown_components  # the scale reads its own data file (and pandas)

    return [(("components",), slip) for slip in unknown_components(profile)]


add_check("agency", _components_on_the_scale)
