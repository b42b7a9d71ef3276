"""ipywidgets panels for the course and the demo pages. They read the model and call irt_sim;
they hold no rules of their own.

Every control has a visible label. Charts are shown as images with text alternatives (see
irt_sim.display.plots), and a plain sentence under the controls says what changed, so a screen-reader
user hears the result without reading the chart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import ipywidgets as w

from ..simulator.cohort import Cohort, generate_cohort
from ..simulator.params import PATHWAYS, Params, load_params
from ..display.plots import comparison_chart, funnel_chart
from ..simulator.engine import SimulationResult, simulate
from .slider import LabelledSlider
from ..vocab import Population, Stage

#: The parameters the simulator panel puts on sliders: the ones the course discusses.
SLIDERS = ["connect_referral", "burden_referral", "connect_arc", "connect_irt", "unmet_need_penalty",
           "crisis_chance", "survive_crisis_team"]

_STYLE = {"description_width": "17em"}
_LAYOUT = {"width": "40em"}


def _customer_dropdown(book) -> w.Dropdown:
    return w.Dropdown(options=[(c.name, cid) for cid, c in book.customers.items()], description="Customer",
                      style=_STYLE, layout=w.Layout(**_LAYOUT))


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
            name: LabelledSlider(value=self.params.values[name], min=0.0, max=1.0, step=0.05,
                                 description=specs[name].short or name, tooltip=specs[name].label)
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
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        self.customer = _customer_dropdown(self.book)
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
        from ..checks.team import team_report

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


class PlanBuilder:
    """Course module 7: edit a plan's goal, lines of communication and sequence of services, and
    see the plan checker's findings change as you go. Starts from a worked plan."""

    def __init__(self, book=None, plan_id: str | None = None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        self.start = w.Dropdown(options=[(p.title or pid, pid) for pid, p in self.book.plans.items()],
                                value=plan_id or next(iter(self.book.plans)), description="Start from",
                                style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.clear = w.Button(description="Clear goal, communication and services", layout=w.Layout(width="auto"))
        box = {"style": _STYLE, "layout": w.Layout(**_LAYOUT)}
        self.job = w.Text(description="Job title", **box)
        self.wage = w.BoundedFloatText(description="Hourly wage ($)", min=0, max=200, step=0.25, **box)
        self.hours = w.BoundedFloatText(description="Hours a week", min=0, max=80, step=1, **box)
        self.cie = w.Checkbox(description="Competitive integrated employment", indent=False)
        self.contact = w.Dropdown(description="Point of contact", **box)
        self.method = w.Text(description="How updates go out", **box)
        self.frequency = w.Text(description="How often", **box)
        self.shared = w.Textarea(description="Information shared (one per line)", rows=3, **box)
        self.consent = w.Textarea(description="What the customer agreed to", rows=2, **box)
        self.phase = w.Combobox(description="Phase", ensure_option=False, **box)
        self.stage = w.Dropdown(options=[(s.label, s.value) for s in Stage], description="Stage", **box)
        self.partner = w.Dropdown(description="Partner", **box)
        self.service = w.Dropdown(description="Service", **box)
        self.milestone = w.Text(description="Milestone", **box)
        self.add = w.Button(description="Add this commitment", layout=w.Layout(width="auto"))
        self.remove_which = w.Dropdown(description="Commitment to remove", **box)
        self.remove = w.Button(description="Remove it", layout=w.Layout(width="auto"))
        self.commitments_view = w.HTML()
        self.findings = w.HTML()
        self._loading = False
        self.start.observe(lambda _c: self.load(), names="value")
        self.clear.on_click(lambda _b: self.clear_plan())
        self.partner.observe(lambda _c: self._services_for_partner(), names="value")
        self.add.on_click(lambda _b: self.add_commitment())
        self.remove.on_click(lambda _b: self.remove_commitment())
        for control in (self.job, self.wage, self.hours, self.cie, self.contact, self.method, self.frequency,
                        self.shared, self.consent):
            control.observe(lambda _c: self._from_controls(), names="value")
        self.load()

    # --- state ------------------------------------------------------------------------------------
    def load(self) -> None:
        self.data = self.book.plans[self.start.value].model_dump(mode="json")
        self._to_controls()

    def clear_plan(self) -> None:
        self.data.update(goal={}, communication={}, sequence=[])
        self._to_controls()

    def plan(self):
        from ..model import Plan

        return Plan.model_validate(self.data)

    def _to_controls(self) -> None:
        self._loading = True
        g, c = self.data.get("goal", {}), self.data.get("communication", {})
        people = [(a["name"], a["id"]) for a in self.data["attendees"]]
        partners = [(f"{a['name']} ({a['role']})", a["id"]) for a in self.data["attendees"] if a.get("program")]
        self.job.value = g.get("job_title") or ""
        self.wage.value = g.get("hourly_wage") or 0
        self.hours.value = g.get("weekly_hours") or 0
        self.cie.value = g.get("competitive_integrated", True)
        self.contact.options = [("(nobody yet)", "")] + people
        self.contact.value = c.get("point_of_contact") or ""
        updates = c.get("updates") or {}
        self.method.value = " ".join((updates.get("method") or "").split())
        self.frequency.value = updates.get("frequency") or ""
        self.shared.value = "\n".join(c.get("shared_information") or [])
        self.consent.value = " ".join((c.get("consent") or "").split())
        self.partner.options = partners
        self._loading = False
        self._services_for_partner()
        self.refresh()

    def _from_controls(self) -> None:
        if self._loading:
            return
        self.data["goal"] = {"job_title": self.job.value.strip() or None, "hourly_wage": self.wage.value or None,
                             "weekly_hours": self.hours.value or None, "competitive_integrated": self.cie.value}
        self.data["communication"] = {
            **{k: v for k, v in (self.data.get("communication") or {}).items() if k == "customer_raises_issues_with"},
            "point_of_contact": self.contact.value or None,
            "updates": {"method": self.method.value.strip() or None, "frequency": self.frequency.value.strip() or None},
            "shared_information": [x.strip() for x in self.shared.value.splitlines() if x.strip()],
            "consent": self.consent.value.strip() or None}
        self.refresh()

    def _services_for_partner(self) -> None:
        attendee = next((a for a in self.data["attendees"] if a["id"] == self.partner.value), None)
        program = self.book.program(attendee.get("program")) if attendee else None
        self.service.options = [(s.name, s.id) for s in program.services] if program else []

    def add_commitment(self) -> str:
        name = self.phase.value.strip()
        if not name or not self.partner.value or not self.service.value:
            return self._say("Choose a phase name, a partner and a service first.")
        phase = next((p for p in self.data["sequence"] if p["phase"] == name), None)
        if phase is None:
            phase = {"phase": name, "stage": self.stage.value, "commitments": []}
            self.data["sequence"].append(phase)
        phase["commitments"].append({"partner": self.partner.value, "service": self.service.value,
                                     "milestone": self.milestone.value.strip() or None})
        self.milestone.value = ""
        self.refresh()
        return "added"

    def remove_commitment(self) -> None:
        if self.remove_which.value is None:
            return
        pi, ci = self.remove_which.value
        del self.data["sequence"][pi]["commitments"][ci]
        if not self.data["sequence"][pi]["commitments"]:
            del self.data["sequence"][pi]
        self.refresh()

    def _say(self, text: str) -> str:
        self.findings.value = f'<p role="status">{html.escape(text)}</p>' + self.findings.value
        return text

    # --- display ----------------------------------------------------------------------------------
    def refresh(self):
        from ..checks.plan_rules import SECTIONS, check_plan

        plan = self.plan()
        names = {a.id: a.name for a in plan.attendees}

        def service_name(partner: str, service: str) -> str:
            program = self.book.program(a.program) if (a := plan.attendee(partner)) else None
            found = program.service(service) if program else None
            return found.name if found else service

        rows, choices = [], []
        for pi, phase in enumerate(plan.sequence):
            for ci, c in enumerate(phase.commitments):
                service = service_name(c.partner, c.service)
                choices.append((f"{phase.phase}: {names.get(c.partner, c.partner)}, {service}", (pi, ci)))
                rows.append(f"<tr><td>{html.escape(phase.phase)}</td><td>{html.escape(names.get(c.partner, c.partner))}</td>"
                            f"<td>{html.escape(service)}</td><td>{html.escape(c.milestone or 'none')}</td></tr>")
        self.remove_which.options = choices
        self.phase.options = list(dict.fromkeys(p.phase for p in plan.sequence))
        self.commitments_view.value = (
            '<table><caption>Sequence of services</caption><thead><tr><th scope="col">Phase</th>'
            '<th scope="col">Partner</th><th scope="col">Service</th><th scope="col">Milestone</th></tr></thead>'
            f"<tbody>{''.join(rows) or '<tr><td colspan=4>No services agreed yet.</td></tr>'}</tbody></table>")
        findings = check_plan(plan, self.book)
        if not findings:
            body = "<p><strong>No findings:</strong> the plan meets every check.</p>"
        else:
            body = ""
            for key, title in SECTIONS.items():
                group = [f for f in findings if f.section == key]
                if group:
                    body += f"<h4>{html.escape(title)}</h4><ul>" + "".join(
                        f"<li><strong>{f.severity.value.upper()}</strong> {f.code}: {html.escape(f.message)}</li>"
                        for f in group) + "</ul>"
        errors = sum(f.severity.value == "error" for f in findings)
        self.findings.value = (f'<div role="status" aria-live="polite"><p>{errors} error(s), '
                               f"{len(findings) - errors} warning(s).</p>{body}</div>")
        self.last_findings = findings
        return findings

    @property
    def widget(self) -> w.Widget:
        return w.VBox([
            w.HBox([self.start, self.clear]),
            w.HTML("<h3>1. Employment goal</h3>"), self.job, self.wage, self.hours, self.cie,
            w.HTML("<h3>2. Lines of communication</h3>"), self.contact, self.method, self.frequency, self.shared,
            self.consent,
            w.HTML("<h3>3. Sequence of services</h3>"), self.commitments_view,
            w.HTML("<p>Add a commitment:</p>"), self.phase, self.stage, self.partner, self.service, self.milestone,
            self.add, w.HBox([self.remove_which, self.remove]),
            w.HTML("<h3>What the plan checker says</h3>"), self.findings])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def plan_builder(**kwargs) -> PlanBuilder:
    """Course module 7: ``plan_builder()``."""
    return PlanBuilder(**kwargs)


class SiloView:
    """Course module 3: a customer's systems as silos, then connected through the team."""

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        self.customer = _customer_dropdown(self.book)
        self.mode = w.ToggleButtons(options=[("Separate silos", False), ("Connected through the team", True)],
                                    description="Show", style={"description_width": "initial", "button_width": "16em"})
        self.chart = w.HTML()
        for control in (self.customer, self.mode):
            control.observe(lambda _c: self.update(), names="value")
        self.update()

    def update(self):
        from ..display.plots import team_network_chart

        c = self.book.customers[self.customer.value]
        systems = [self.book.programs[p].name for p, s in c.eligibility.items() if p in self.book.programs and s.counts]
        chart = team_network_chart(c.name, systems, connected=self.mode.value)
        self.chart.value = chart._repr_html_()
        return chart

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([self.customer, self.mode, self.chart])._repr_mimebundle_(**kwargs)


class GoalCheck:
    """Course module 4: try a proposed goal for a customer and see which systems could count it."""

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        box = {"style": _STYLE, "layout": w.Layout(**_LAYOUT)}
        self.customer = _customer_dropdown(self.book)
        self.job = w.Text(description="Job title", **box)
        self.wage = w.BoundedFloatText(description="Hourly wage ($)", min=0, max=200, step=0.25, **box)
        self.hours = w.BoundedFloatText(description="Hours a week", min=0, max=80, step=1, **box)
        self.cie = w.Checkbox(description="Competitive integrated employment", value=True, indent=False)
        self.result = w.HTML()
        self.customer.observe(lambda _c: self._load(), names="value")
        for control in (self.job, self.wage, self.hours, self.cie):
            control.observe(lambda _c: self.update(), names="value")
        self._load()

    def _load(self) -> None:
        c = self.book.customers[self.customer.value]
        g = c.proposed_goal
        self.job.value, self.wage.value = (g.job_title or "", g.hourly_wage or 0) if g else ("", 0)
        self.hours.value, self.cie.value = (g.weekly_hours or 0, g.competitive_integrated) if g else (0, True)
        self.update()

    def update(self) -> list[tuple[str, list[str]]]:
        from ..checks.plan_rules import outcome_gaps
        from ..model import Goal

        c = self.book.customers[self.customer.value]
        goal = Goal(job_title=self.job.value or None, hourly_wage=self.wage.value or None,
                    weekly_hours=self.hours.value or None, competitive_integrated=self.cie.value)
        rows, verdicts = [], []
        for pid, status in c.eligibility.items():
            program = self.book.program(pid)
            if program is None or not status.counts:
                continue
            gaps = [m for _, m in outcome_gaps(goal, program, c, self.book.minimum_wage)]
            rule = program.outcome.summary if program.outcome else "No employment outcome of its own."
            verdict = "Counts" if not gaps else "Does not count yet"
            verdicts.append((program.name, gaps))
            rows.append(f"<tr><td>{html.escape(program.name)}</td><td>{html.escape(' '.join(rule.split()))}</td>"
                        f"<td><strong>{verdict}</strong>{'<br>' + html.escape(' '.join(gaps)) if gaps else ''}</td></tr>")
        self.result.value = (
            '<div role="status" aria-live="polite"><table><caption>Would each system count this goal as an outcome?'
            '</caption><thead><tr><th scope="col">System</th><th scope="col">What it counts</th>'
            f'<th scope="col">This goal</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
        return verdicts

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([self.customer, self.job, self.wage, self.hours, self.cie, self.result])._repr_mimebundle_(**kwargs)


class DocumentsView:
    """Course module 8: each agency's note and the shared plan sheet, for a worked plan."""

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        self.plan = w.Dropdown(options=[(p.title or pid, pid) for pid, p in self.book.plans.items()],
                               description="Plan", style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.which = w.Dropdown(description="Document", style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.view = w.HTML()
        self.plan.observe(lambda _c: self._documents(), names="value")
        self.which.observe(lambda _c: self.update(), names="value")
        self._documents()

    def _documents(self) -> None:
        from ..documents import plan_documents

        self.docs = plan_documents(self.book.plans[self.plan.value], self.book)
        self.which.options = [(d.title, k) for k, d in self.docs.items()]
        self.which.value = next(iter(self.docs))  # the agenda first
        self.update()

    def update(self) -> str:
        from ..documents.render import to_html

        if self.which.value is None:
            return ""
        page = to_html(self.docs[self.which.value])
        body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
        for old, new in (("<h1>", "<h3>"), ("</h1>", "</h3>"), ("<main>", "<div>"), ("</main>", "</div>"),
                         ("<footer>", "<div>"), ("</footer>", "</div>")):  # a preview inside the page, not a page
            body = body.replace(old, new)
        self.view.value = f'<div style="border:1px solid #999;padding:0 1rem">{body}</div>'
        return self.view.value

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([self.plan, self.which, self.view])._repr_mimebundle_(**kwargs)


class FidelityView:
    """Course module 9: a fidelity self-check on a sample agency, with the good-fidelity threshold."""

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        self.agency = w.Dropdown(options=[(a.name, aid) for aid, a in self.book.agencies.items()],
                                 description="Agency", style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.threshold = w.BoundedIntText(value=100, min=25, max=125, description="Good fidelity from",
                                          style=_STYLE, layout=w.Layout(**_LAYOUT))
        self.view = w.HTML()
        for control in (self.agency, self.threshold):
            control.observe(lambda _c: self.update(), names="value")
        self.update()

    def update(self):
        from ..ips.fidelity import score_profile
        from ..ips.implementation import check_implementation

        profile = self.book.agencies[self.agency.value]
        result = score_profile(profile, threshold=self.threshold.value)
        plan = check_implementation(profile, threshold=self.threshold.value).plan_table()
        table = result.table().reset_index().to_html(index=False, border=0, na_rep="?")
        steps = plan.to_html(index=False, border=0) if len(plan) else "<p>Every implementation criterion is met.</p>"
        self.view.value = (f'<p role="status" aria-live="polite"><strong>{html.escape(result.summary())}</strong></p>'
                           f"<h3>Items</h3>{table}<h3>Implementation plan: action steps</h3>{steps}")
        return result

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([self.agency, self.threshold, self.view])._repr_mimebundle_(**kwargs)


class OutcomesView:
    """The outcomes page: the IPS research funnel, or one casebook agency's quarterly employment rate."""

    FUNNEL = "funnel"

    def __init__(self, book=None):
        from ..inputs.casebook import load_casebook

        self.book = book or load_casebook()
        options = [("What IPS research shows: from referral to a job kept (100 people)", self.FUNNEL)]
        options += [(f"{a.name}: employment rate by quarter", aid) for aid, a in self.book.agencies.items()]
        self.show = w.Dropdown(options=options, value=self.FUNNEL, description="Show", style=_STYLE,
                               layout=w.Layout(width="46em"))
        self.chart = w.HTML()
        # the data behind each choice never changes while the page is open, so every chart is drawn
        # once, up front (before the visitor arrives, on a preheated demo page): switching is instant
        self._drawn = {value: self._draw(value) for _label, value in options}
        self.show.observe(lambda _c: self.update(), names="value")
        self.update()

    def _draw(self, choice: str):
        """The chart for a choice, with its HTML (drawing the image is the slow part)."""
        chart = self._chart(choice)
        return chart, chart._repr_html_()

    def _chart(self, choice: str):
        from ..display.plots import ips_overview_funnel

        if choice == self.FUNNEL:
            return ips_overview_funnel()
        from ..display.ips_charts import outcomes_trend_chart
        from ..ips.outcomes import quarterly_outcomes, read_caseload

        agency = self.book.agencies[choice]
        table = quarterly_outcomes(read_caseload(self.book.root / "agencies" / f"{choice}-caseload.csv", agency=agency.name))
        return outcomes_trend_chart(table, title=f"{agency.name}: served who worked, by quarter")

    def update(self):
        chart, page = self._drawn[self.show.value]
        self.chart.value = f'<div role="status" aria-live="polite">{page}</div>'
        return chart

    def _repr_mimebundle_(self, **kwargs):
        return w.VBox([self.show, self.chart])._repr_mimebundle_(**kwargs)
