"""IPS supported employment tools: the fidelity scale, the implementation plan check and quarterly
outcomes (see each module)."""

from .fidelity import FidelityResult, load_scale, score_profile
from .implementation import ImplementationReport, check_implementation
from .outcomes import Caseload, quarterly_outcomes, read_caseload, roll_up
from .profile import AgencyProfile

__all__ = ["AgencyProfile", "Caseload", "FidelityResult", "ImplementationReport", "check_implementation",
           "load_scale", "quarterly_outcomes", "read_caseload", "roll_up", "score_profile"]
