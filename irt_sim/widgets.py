"""ipywidgets panels for the course and the demo pages. They read the model and call irt_sim;
they hold no rules of their own.

Every control has a visible label. Charts are shown as images with text alternatives (see
irt_sim.plots), and a plain sentence under the controls says what changed, so a screen-reader
user hears the result without reading the chart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as w

from .cohort import Cohort, generate_cohort
from .params import PATHWAYS, Params, load_params
from .plots import comparison_chart, funnel_chart
from .simulate import SimulationResult, simulate
from .vocab import Population

#: The parameters the simulator panel puts on sliders: the ones the course discusses.
SLIDERS = ["connect_referral", "burden_referral", "connect_arc", "connect_irt", "unmet_need_penalty",
           "crisis_chance", "survive_crisis_team"]

_STYLE = {"description_width": "17em"}
_LAYOUT = {"width": "40em"}


def _summary_sentence(result: SimulationResult) -> str:
    s = result.summary(["placed_share", "employed_180_share", "share_engaged"]).set_index(["pathway", "measure"])["mean"]
    parts = [f"{PATHWAYS[p]}: {s[(p, 'share_engaged')]:.0%} of needed resources engaged, "
             f"{s[(p, 'placed_share')]:.0%} placed, {s[(p, 'employed_180_share')]:.0%} still working at 180 days"
             for p in PATHWAYS if (p, "placed_share") in s.index]
    return "; ".join(parts) + "."


@dataclass
class SimulatorPanel:
    """Sliders for the key parameters, a population and a cohort size; charts that follow them."""

    params: Params = field(default_factory=load_params)
    seed: int = 1
    replicates: int = 10

    def __post_init__(self) -> None:
        specs = self.params.spec.parameters
        self.sliders = {
            name: w.FloatSlider(value=self.params.values[name], min=0.0, max=1.0, step=0.05,
                                description=specs[name].short or name, tooltip=specs[name].label, style=_STYLE,
                                layout=w.Layout(**_LAYOUT), continuous_update=False, readout_format=".2f")
            for name in SLIDERS
        }
        self.population = w.Dropdown(options=[(p.label, p.value) for p in Population if p in self.params.spec.populations],
                                     value="mental_illness", description="Who is in the cohort", style=_STYLE,
                                     layout=w.Layout(**_LAYOUT))
        self.size = w.BoundedIntText(value=2000, min=10, max=100_000, step=100, description="Number of customers",
                                     style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.legend = w.HTML("<details><summary>What each slider means</summary><ul>" + "".join(
            f"<li><b>{specs[n].short}</b>: {specs[n].label}.</li>" for n in SLIDERS) + "</ul></details>")
        self.status = w.HTML(layout=w.Layout(min_height="3em"))
        self.charts = w.HTML()
        for control in [*self.sliders.values(), self.population, self.size]:
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def cohort(self) -> Cohort:
        return generate_cohort(self.params, self.size.value, {self.population.value: 1}, seed=self.seed)

    def current_params(self) -> Params:
        return self.params.replace(**{name: s.value for name, s in self.sliders.items()})

    def update(self) -> SimulationResult:
        result = simulate(self.cohort(), self.current_params(), replicates=self.replicates, seed=self.seed)
        self.result = result
        self.status.value = f'<p role="status" aria-live="polite">{_summary_sentence(result)}</p>'
        self.charts.value = funnel_chart(result)._repr_html_() + comparison_chart(result)._repr_html_()
        return result

    @property
    def widget(self) -> w.Widget:
        return w.VBox([w.HTML("<h3>Try the assumptions</h3>"), self.population, self.size, *self.sliders.values(),
                       self.legend, self.status, self.charts])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def simulator_panel(**kwargs) -> SimulatorPanel:
    """The ARC-versus-referral simulator with sliders, for a notebook cell: ``simulator_panel()``."""
    return SimulatorPanel(**kwargs)


class TeamBuilder:
    """Course module 6: choose a customer and the partners at the table; see at once which barriers
    are covered, who lacks a release and where eligibility is missing."""

    def __init__(self, book=None):
        from .casebook import load_casebook

        self.book = book or load_casebook()
        self.customer = w.Dropdown(options=[(c.name, cid) for cid, c in self.book.customers.items()],
                                   description="Customer", style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.boxes = {pid: w.Checkbox(value=False, description=f"{p.name} ({p.system.label})", indent=False,
                                      layout=w.Layout(width="auto"))
                      for pid, p in self.book.programs.items()}
        self.story = w.HTML()
        self.report = w.HTML()
        self.customer.observe(lambda _c: self._new_customer(), names="value")
        for box in self.boxes.values():
            box.observe(lambda _c: self.update(), names="value")
        self._new_customer()

    def _new_customer(self) -> None:
        c = self.book.customers[self.customer.value]
        self.story.value = (f"<p><strong>{html.escape(c.name)}</strong>, {c.age}. {html.escape(' '.join(c.story.split()))}</p>"
                            + "<p>Systems already used: " + html.escape(", ".join(
                                self.book.programs[p].name for p in c.systems_used if p in self.book.programs) or "none")
                            + "</p>")
        for box in self.boxes.values():
            box.value = False
        self.update()

    def chosen(self) -> list[str]:
        return [pid for pid, box in self.boxes.items() if box.value]

    def update(self):
        from .team import team_report

        r = team_report(self.book, self.customer.value, self.chosen())
        rows = "".join(
            f"<tr><td>{html.escape(b.barrier.label)}</td><td>{html.escape(' '.join(b.detail.split()))}</td>"
            f"<td>{html.escape(', '.join(b.partners)) if b.partners else '<strong>No partner yet</strong>'}</td></tr>"
            for b in r.barriers)
        partner_rows = "".join(
            f"<tr><td>{html.escape(p.program.name)}</td>"
            f"<td>{html.escape(p.eligibility.label) if p.eligibility else ('not needed' if not p.program.eligibility.determined else 'no application')}</td>"
            f"<td>{'yes' if p.has_release else ('not needed' if not p.program.release_required else '<strong>no</strong>')}</td></tr>"
            for p in r.partners) or '<tr><td colspan="3">No partner chosen yet.</td></tr>'
        self.report.value = (
            '<div role="status" aria-live="polite"><ul>' + "".join(f"<li>{html.escape(s)}</li>" for s in r.summary())
            + "</ul></div>"
            + '<table><caption>Barriers and the partners who can address them</caption><thead><tr>'
              '<th scope="col">Barrier</th><th scope="col">What it looks like</th><th scope="col">Partners at the table</th>'
              f"</tr></thead><tbody>{rows}</tbody></table>"
            + '<table><caption>Partners at the table</caption><thead><tr><th scope="col">Program</th>'
              '<th scope="col">Eligibility</th><th scope="col">Signed release</th></tr></thead>'
              f"<tbody>{partner_rows}</tbody></table>")
        return r

    @property
    def widget(self) -> w.Widget:
        return w.VBox([self.customer, self.story,
                       w.HTML("<p><strong>Who sits at the table?</strong> Tick each partner to invite.</p>"),
                       w.VBox(list(self.boxes.values())),
                       self.report])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def team_builder(**kwargs) -> TeamBuilder:
    """Course module 6: ``team_builder()``."""
    return TeamBuilder(**kwargs)
