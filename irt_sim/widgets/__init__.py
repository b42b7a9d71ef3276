"""The course's activities: one panel a module, each on the small ``Panel`` base, plus the quiz and
the labelled slider. Each panel is a plain object that shows itself in a notebook or a Voila page."""

from __future__ import annotations

from .._lazy import lazy_exports

_WHERE = {
    "SimulatorPanel": ".simulator", "simulator_panel": ".simulator", "SiloView": ".silos", "GoalCheck": ".goal",
    "TeamBuilder": ".team", "team_builder": ".team", "PlanBuilder": ".plan", "plan_builder": ".plan",
    "DocumentsView": ".documents", "FidelityView": ".fidelity", "OutcomesView": ".outcomes", "ips_overview_funnel": ".outcomes",
    "casebook_outcomes": ".outcomes", "Panel": ".base",
    **dict.fromkeys(["Quiz", "load_quizzes", "quiz"], ".quizzes"),
    "ResourceMapView": ".academy", "academy_agenda": ".academy",
    "LabelledSlider": ".slider", "ProgressView": ".journey", "progress_view": ".journey",
    "ConsiderationsChecklist": ".considerations", "considerations_checklist": ".considerations",
    "PlanParts": ".plan_parts", "plan_parts": ".plan_parts",
}
__all__ = sorted(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
