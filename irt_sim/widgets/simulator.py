"""The ARC-versus-referral simulator panel: sliders for the assumptions the course discusses, and charts that follow them."""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w

from ..display.plots import comparison_chart, funnel_chart
from ..simulator import PATHWAYS, Cohort, Params, SimulationResult, generate_cohort, load_params, simulate
from ..vocab import Population
from .base import LAYOUT, STYLE, Panel
from .slider import LabelledSlider

#: The parameters the simulator panel puts on sliders: the ones the course discusses.
SLIDERS = ["connect_referral", "burden_referral", "connect_arc", "connect_irt", "unmet_need_penalty",
           "crisis_chance", "survive_crisis_team"]

#: The cohort the panel starts with: who is in it, and how many.
DEFAULT_COHORT = ("mental_illness", 2000)


def _summary_sentence(result: SimulationResult) -> str:
    s = result.summary(["placed_share", "employed_180_share", "share_engaged"]).set_index(["pathway", "measure"])["mean"]
    parts = [f"{PATHWAYS[p]}: {s[(p, 'share_engaged')]:.0%} of needed resources engaged, "
             f"{s[(p, 'placed_share')]:.0%} placed, {s[(p, 'employed_180_share')]:.0%} still working at 180 days"
             for p in PATHWAYS if (p, "placed_share") in s.index]
    return "; ".join(parts) + "."


@dataclass
class SimulatorPanel(Panel):
    """Sliders for the key parameters, a population and a cohort size; charts that follow them."""

    params: Params = field(default_factory=load_params)
    seed: int = 1
    replicates: int = 10

    def __post_init__(self) -> None:
        specs = self.params.spec.parameters
        self.sliders = {
            name: LabelledSlider(value=self.params.values[name], min=0.0, max=1.0, step=0.05,
                                 description=specs[name].short or name, tooltip=specs[name].label)
            for name in SLIDERS
        }
        self.population = w.Dropdown(options=[(p.label, p.value) for p in Population if p in self.params.spec.populations],
                                     value=DEFAULT_COHORT[0], description="Who is in the cohort", style=STYLE,
                                     layout=w.Layout(**LAYOUT))
        self.size = w.BoundedIntText(value=DEFAULT_COHORT[1], min=10, max=100_000, step=100, description="Number of customers",
                                     style=STYLE, layout=w.Layout(**LAYOUT))
        self.legend = w.HTML("<details><summary>What each slider means</summary><ul>" + "".join(
            f"<li><b>{specs[n].short}</b>: {specs[n].label}.</li>" for n in SLIDERS) + "</ul></details>")
        self.reset = w.Button(description="Back to the kit's assumptions", layout=w.Layout(width="auto"),
                              tooltip="Every slider, the cohort and its size as the kit sets them")
        self.reset.on_click(lambda _b: self.back_to_defaults())
        self.status = w.HTML(layout=w.Layout(min_height="3em"))
        self.charts = w.HTML()
        # kept values come back before the charts follow the controls: one run, not one per control
        for name, slider in self.sliders.items():
            self.remember(name, slider)
        self.remember("population", self.population)
        self.remember("size", self.size)
        for control in [*self.sliders.values(), self.population, self.size]:
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def back_to_defaults(self) -> SimulationResult:
        """Every control as the kit sets it, with one run at the end (not one per control)."""
        self._holding = True
        try:
            for name, slider in self.sliders.items():
                slider.value = self.params.values[name]
            self.population.value, self.size.value = DEFAULT_COHORT
        finally:
            self._holding = False
        return self.update()

    def cohort(self) -> Cohort:
        return generate_cohort(self.params, self.size.value, {self.population.value: 1}, seed=self.seed)

    def current_params(self) -> Params:
        return self.params.replace(**{name: s.value for name, s in self.sliders.items()})

    def update(self) -> SimulationResult | None:
        if getattr(self, "_holding", False):
            return None
        result = simulate(self.cohort(), self.current_params(), replicates=self.replicates, seed=self.seed)
        self.result = result
        self.status.value = f'<p role="status" aria-live="polite">{_summary_sentence(result)}</p>'
        self.charts.value = funnel_chart(result)._repr_html_() + comparison_chart(result)._repr_html_()
        return result

    def controls(self) -> list[w.Widget]:
        return [w.HTML("<h3>Try the assumptions</h3>"), self.population, self.size, *self.sliders.values(),
                self.reset, self.legend, self.status, self.charts]


def simulator_panel(**kwargs) -> SimulatorPanel:
    """The ARC-versus-referral simulator with sliders, for a notebook cell: ``simulator_panel()``."""
    return SimulatorPanel(**kwargs)
