"""Course module 7: the plan builder, with the plan checker's findings as the plan changes."""

from __future__ import annotations

import html

import ipywidgets as w

from ..checks.plan_rules import SECTIONS, check_plan, count_findings
from ..display.tables import html_table
from ..model import Plan
from ..vocab import Stage
from . import new_case, progress
from .base import LAYOUT, STYLE, Panel


class PlanBuilder(Panel):
    """Course module 7: edit a plan's goal, lines of communication and sequence of services, and
    see the plan checker's findings change as you go. Starts from a worked plan."""

    def __init__(self, book=None, plan_id: str | None = None):
        super().__init__(book)
        self.made, self.practice = 0, {}  # practice customers asked for (they come back on a new visit), by plan
        for _ in range(new_case.kept_count(self.NEW)):
            self._add_practice_customer()
        self.new = new_case.new_customer_button()
        self.new.on_click(lambda _b: self.new_customer())
        self.about = w.HTML()
        self.start = w.Dropdown(options=[(p.title or pid, pid) for pid, p in self.book.plans.items()],
                                value=plan_id or next(iter(self.book.plans)), description="Start from",
                                style=STYLE, layout=w.Layout(**LAYOUT))
        self.clear = w.Button(description="Clear goal, communication and services", layout=w.Layout(width="auto"))
        box = {"style": STYLE, "layout": w.Layout(**LAYOUT)}
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
        self.beside = {key: w.HTML(layout=w.Layout(margin="0.3em 0 0.6em 0")) for key in ("goal", "communication", "sequence")}
        self._loading = False
        self.start.observe(lambda _c: self.load(), names="value")
        self.clear.on_click(lambda _b: self.clear_plan())
        self.partner.observe(lambda _c: self._services_for_partner(), names="value")
        self.add.on_click(lambda _b: self.add_commitment())
        self.remove.on_click(lambda _b: self.remove_commitment())
        for control in (self.job, self.wage, self.hours, self.cie, self.contact, self.method, self.frequency,
                        self.shared, self.consent):
            control.observe(lambda _c: self._from_controls(), names="value")
        kept = progress.saved(self.KEY)  # read before the worked plan's first showing is kept over it
        self.load()
        self._restore(kept)

    def _restore(self, kept) -> None:
        """The plan the learner was editing comes back (in the course's kernels), and each change is
        kept; a kept plan that no longer reads against the casebook is set aside."""
        if isinstance(kept, dict) and kept.get("start") in self.book.plans and isinstance(kept.get("data"), dict):
            try:
                Plan.model_validate(kept["data"])
            except ValueError:
                return
            self._loading = True
            self.start.value = kept["start"]
            self._loading = False
            self.data = kept["data"]
            self._to_controls()

    # --- state ------------------------------------------------------------------------------------
    KEY = "PlanBuilder.plan"
    NEW = "PlanBuilder.new_customers"

    def load(self) -> None:
        if self._loading:
            return
        self.data = self.book.plans[self.start.value].model_dump(mode="json")
        customer = self.practice.get(self.start.value)
        self.about.value = new_case.announcement(customer) if customer else ""
        self._to_controls()

    def _add_practice_customer(self):
        from ..cases.plan import first_plan

        self.made += 1
        customer = new_case.practice_customer(self.book, self.made)
        plan = first_plan(customer, new_case.with_customer(self.book, customer))
        self.book = new_case.with_customer(self.book, customer, plans={**self.book.plans, plan.id: plan})
        self.practice[plan.id] = customer
        return plan

    def new_customer(self):
        """Make the learner's next practice customer with a first plan (the customer and the partners they are
        eligible with, the goal they proposed), and start from it."""
        plan = self._add_practice_customer()
        new_case.keep_count(self.NEW, self.made)
        self.start.options = [(p.title or pid, pid) for pid, p in self.book.plans.items()]
        self.start.value = plan.id
        return self.practice[plan.id]

    def clear_plan(self) -> None:
        self.data.update(goal={}, communication={}, sequence=[])
        self._to_controls()

    def plan(self):
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
        plan = self.plan()
        progress.save(self.KEY, {"start": self.start.value, "data": self.data})
        names = {a.id: a.name for a in plan.attendees}

        def service_name(partner: str, service: str) -> str:
            found = self.book.service_for(plan, partner, service)
            return found.name if found else service

        rows, choices = [], []
        for pi, phase in enumerate(plan.sequence):
            for ci, c in enumerate(phase.commitments):
                service = service_name(c.partner, c.service)
                choices.append((f"{phase.phase}: {names.get(c.partner, c.partner)}, {service}", (pi, ci)))
                rows.append([phase.phase, names.get(c.partner, c.partner), service, c.milestone or "none"])
        self.remove_which.options = choices
        self.phase.options = list(dict.fromkeys(p.phase for p in plan.sequence))
        self.commitments_view.value = html_table("Sequence of services", ["Phase", "Partner", "Service", "Milestone"],
                                                 rows, empty="No services agreed yet.")
        findings = check_plan(plan, self.book)
        body = "".join(f"<h4>{html.escape(title)}</h4>{_finding_list(group)}"
                       for key, title in SECTIONS.items() if (group := [f for f in findings if f.section == key]))
        if not findings:
            body = "<p><strong>No findings:</strong> the plan meets every check.</p>"
        # the whole list under the plan; beside each part, what the checker says of that part alone,
        # announced as it changes (a part whose findings did not change stays quiet)
        self.findings.value = f"<p>{count_findings(findings)}.</p>{body}"
        for key, box in self.beside.items():
            group = [f for f in findings if f.section == key]
            said = _finding_list(group) if group else "<p>No findings for this part.</p>"
            box.value = (f'<div role="status" aria-live="polite" class="irt-beside"><p><strong>The plan checker on '
                         f'{html.escape(SECTIONS[key].lower())}:</strong></p>{said}</div>')
        self.last_findings = findings
        return findings

    def controls(self) -> list[w.Widget]:
        return [
            # each button whole, on a line of its own if need be
            w.HBox([self.start, self.clear, self.new], layout=w.Layout(flex_flow="row wrap")),
            self.about,
            w.HTML(_BESIDE_STYLE),
            w.HTML("<h3>1. Employment goal</h3>"), self.job, self.wage, self.hours, self.cie, self.beside["goal"],
            w.HTML("<h3>2. Lines of communication</h3>"), self.contact, self.method, self.frequency, self.shared,
            self.consent, self.beside["communication"],
            w.HTML("<h3>3. Sequence of services</h3>"), self.commitments_view,
            w.HTML("<p>Add a commitment:</p>"), self.phase, self.stage, self.partner, self.service, self.milestone,
            self.add, w.HBox([self.remove_which, self.remove]), self.beside["sequence"],
            w.HTML("<h3>Everything the plan checker says</h3>"), self.findings]


#: What the checker says beside a part: set off by a rule at its left, not by colour alone.
_BESIDE_STYLE = """<style>.irt-beside { border-left: 4px solid #0b4f8a; padding: 0.1em 0 0.1em 0.8em; max-width: 46em; }
.irt-beside p, .irt-beside ul { margin: 0.2em 0; }</style>"""


#: Where a plan file keeps a part (as the checker's messages name it), and the builder's field for it.
_FIELDS = {"write their attendee id under communication › point_of_contact": "choose them under Point of contact",
           "communication › point_of_contact": "Point of contact", "communication › updates": "How updates go out, How often",
           "communication › shared_information": "Information shared", "communication › consent": "What the customer agreed to"}


def in_the_builders_words(message: str) -> str:
    """A finding's message with a plan file's places named as the builder's fields."""
    for place, field in _FIELDS.items():
        message = message.replace(place, field)
    return message


def _finding_list(findings) -> str:
    return "<ul>" + "".join(f"<li><strong>{f.severity.value.capitalize()}</strong> ({f.code}): "
                            f"{html.escape(in_the_builders_words(f.message))}</li>" for f in findings) + "</ul>"


def plan_builder(**kwargs) -> PlanBuilder:
    """Course module 7: ``plan_builder()``."""
    return PlanBuilder(**kwargs)
