"""The course's activities: one panel a module, each on the small ``Panel`` base, plus the quiz and
the labelled slider. Each panel is a plain object that shows itself in a notebook or a Voila page."""

from __future__ import annotations

from .._lazy import lazy_exports

_WHERE = {
    **dict.fromkeys(["DocumentsView", "FidelityView", "GoalCheck", "OutcomesView", "PlanBuilder", "SiloView",
                     "SimulatorPanel", "TeamBuilder", "plan_builder", "simulator_panel", "team_builder"], ".panels"),
    **dict.fromkeys(["Quiz", "load_quizzes", "quiz"], ".quizzes"),
    "LabelledSlider": ".slider",
}
__all__ = sorted(_WHERE)
__getattr__ = lazy_exports(__name__, _WHERE)
