"""The plan exercise's rubric: the points of each section, what each checker finding costs, and
each section scored in proportion to the parts its findings are about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..inputs.casebook import Casebook
from ..checks.plan_rules import SECTIONS, Finding, Severity
from ..model import Plan
from ..inputs.problems import FieldPath
from .feedback import Feedback

#: Points per section in the plan exercise.
SECTION_POINTS = {"team": 1, "goal": 2, "communication": 2, "sequence": 3, "action_items": 2, "follow_up": 1}


@dataclass(frozen=True)
class Cost:
    """What one finding costs: ``fraction`` of the part it is about. ``part``: "item" (the partner,
    commitment or action item the finding points at), "field" (the goal's figure it points at),
    "barrier" (the barrier it names), a fixed part's name, or None (the section as a whole)."""

    part: str | None = "item"
    fraction: float = 1.0


#: Which part each checker finding costs, and how much of it (exercises/README.md says the same for trainers).
RUBRIC: dict[str, Cost] = {
    # the team: each partner at the table is a part; without the customer, or two systems, the team fails
    "IRT001": Cost(None), "IRT002": Cost(None), "IRT003": Cost(), "IRT005": Cost(), "IRT006": Cost(),
    # the goal: job title, wage and hours; a missing figure is counted from the goal itself
    "IRT010": Cost("field", 0), "IRT011": Cost("field"),
    "IRT012": Cost(None, 0),  # a goal that differs from the proposed one may be the customer's own choice
    # lines of communication: contact, updates (how and how often, half each, counted from the plan), shared, consent
    "IRT020": Cost("contact"), "IRT023": Cost("contact"), "IRT021": Cost("updates", 0), "IRT022": Cost("shared"),
    "IRT024": Cost("consent"),
    # the sequence: 2 points for the barriers, 1 for sound commitments
    "IRT031": Cost("barrier"), "IRT004": Cost(), "IRT030": Cost(), "IRT033": Cost(), "IRT035": Cost(),
    "IRT034": Cost(fraction=0.5), "IRT032": Cost(None, 0.1), "IRT036": Cost(None, 0.1),
    # action items: each is a part
    "IRT040": Cost(), "IRT041": Cost(), "IRT042": Cost(),
    # follow-up: the next meeting or timeline, the crisis plan, what continues
    "IRT050": Cost("next"), "IRT051": Cost("crisis"), "IRT052": Cost("continuation"),
    # program rules, releases: the partner whose release falls short (a release that only lacks its
    # details a quarter of it); VR's dates and order of selection, a share of the team section
    "IRT090": Cost(), "IRT091": Cost(), "IRT092": Cost(), "IRT093": Cost(), "IRT094": Cost(fraction=0.25),
    "IRT061": Cost(None, 0.1), "IRT062": Cost(None, 0.1), "IRT066": Cost(None, 0.2),
    # shared information no release seems to cover: a word match, so at most half of the shared part
    "IRT095": Cost("shared", 0.5),
    # program rules, sequence: a service at the wrong time costs half its commitment, one a program
    # cannot give all of it; a phase's TANF hours or a goal's benefits, a share of the section
    "IRT007": Cost(fraction=0.5), "IRT060": Cost(fraction=0.5), "IRT063": Cost(fraction=0.5), "IRT067": Cost(fraction=0.5),
    "IRT064": Cost(), "IRT065": Cost(), "IRT073": Cost(), "IRT083": Cost(), "IRT074": Cost(fraction=0.5),
    "IRT070": Cost(None, 0.2), "IRT071": Cost(None, 0.2), "IRT072": Cost(None, 0.1),
    "IRT080": Cost(None, 0.2), "IRT081": Cost(None, 0.1), "IRT082": Cost(None, 0.05),
}
#: A rule the rubric does not name yet: an error costs what it points at (or a fifth of its section),
#: a warning a tenth of its section.
UNKNOWN_ERROR, UNKNOWN_WARNING = Cost("item"), Cost(None, 0.1)
UNKNOWN_SECTION_SHARE = 0.2


# --- the rubric --------------------------------------------------------------------------------------


@dataclass
class _Part:
    name: str
    share: float
    lost: float = 0.0  # of its share, 0 .. 1


def _left_out(section: str, left_out: list[FieldPath]) -> int:
    """How many of a section's items were left out unread (each is a part, lost)."""
    if section == "sequence":
        return sum(1 for p in left_out if p[:1] == ("sequence",) and (len(p) == 4 and p[2] == "commitments" or len(p) == 2))
    if section in ("action_items", "team"):
        key = "attendees" if section == "team" else section
        return sum(1 for p in left_out if len(p) == 2 and p[0] == key)
    return 0


def _parts(section: str, plan: Plan, book: Casebook, points: float, left_out: int = 0) -> dict[Any, _Part]:
    customer = book.customers[plan.customer]
    unread = {("left out", i): _Part("an item that could not be read", 0, lost=1) for i in range(left_out)}
    if section == "team":
        partners = [(i, a) for i, a in enumerate(plan.attendees) if a.program]
        out = {("attendees", i): _Part(a.name, 0) for i, a in partners} | unread
        return _share(out, points)
    if section == "goal":
        return {f: _Part(f.replace("_", " "), points / 3) for f in ("job_title", "hourly_wage", "weekly_hours")}
    if section == "communication":
        return {p: _Part(p.replace("_", " "), points / 4) for p in ("contact", "updates", "shared", "consent")}
    if section == "sequence":
        barriers = list(dict.fromkeys(b.type.label for b in customer.barriers))
        out: dict[Any, _Part] = {("barrier", b): _Part(f"the {b} barrier", points * 2 / 3 / len(barriers)) for b in barriers}
        commitments = {("sequence", pi, "commitments", ci): _Part("a commitment", 0)
                       for pi, ph in enumerate(plan.sequence) for ci, _ in enumerate(ph.commitments)} | unread
        if not commitments:
            out["commitments"] = _Part("the commitments", points / 3, lost=1)
        return out | _share(commitments, points / 3)
    if section == "action_items":
        return _share({("action_items", i): _Part(a.action, 0) for i, a in enumerate(plan.action_items)} | unread, points)
    if section == "follow_up":
        return {p: _Part(p, points / 3) for p in ("next", "crisis", "continuation")}
    return {}


def _share(parts: dict[Any, _Part], points: float) -> dict[Any, _Part]:
    for part in parts.values():
        part.share = points / len(parts)
    return parts


def _part_key(f: Finding, cost: Cost) -> Any:
    """The key of the part a finding is about, in the section's parts (None: the section as a whole)."""
    path = f.path
    if cost.part == "item":
        if path[:1] == ("sequence",) and len(path) >= 4:
            return path[:4]
        return path[:2] if len(path) >= 2 and isinstance(path[1], int) else None
    if cost.part == "field":
        return {"competitive_integrated": "job_title"}.get(path[1], path[1]) if len(path) > 1 else None
    if cost.part == "barrier":
        return ("barrier", f.item)
    return cost.part


def score_section(section: str, plan: Plan, findings: list[Finding], book: Casebook, points: float,
                  left_out: list[FieldPath] = ()) -> Feedback:
    """The section's points: its parts' shares, less what each finding costs (``RUBRIC``)."""
    title = SECTIONS[section]
    parts = _parts(section, plan, book, points, _left_out(section, list(left_out)))
    fb = Feedback(0, points, title=title)
    mine = [f for f in findings if f.section == section]
    if not parts:
        fb.lines.append(_EMPTY.get(section, f"The {title.lower()} is not written yet."))
        fb.lines += [f.message for f in mine if f.severity == Severity.error]
        return fb
    lines: list[str] = []
    if section == "goal":  # each figure missing (or the template's 0 left in place) is a part lost
        g = plan.goal
        missing = [n for n, v in (("job_title", g.job_title), ("hourly_wage", g.hourly_wage),
                                   ("weekly_hours", g.weekly_hours)) if v in (None, "") or v == 0]
        for name in missing:
            parts[name].lost = 1
        if missing:
            lines.append(f"The goal has no {_and([parts[n].name for n in missing])} yet: a goal the team can plan around "
                         f"names the job, the pay and the hours a week (−{sum(parts[n].share for n in missing):.2g}).")
    if section == "communication":  # how and how often updates go out: half the part each
        u = plan.communication.updates
        parts["updates"].lost = 0.5 * (not u.method) + 0.5 * (not u.frequency)
    whole = 0.0  # of the section, for findings about the section as a whole
    for f in mine:
        cost = RUBRIC.get(f.code) or (UNKNOWN_ERROR if f.severity == Severity.error else UNKNOWN_WARNING)
        if f.code == "IRT012":
            lines.append(f"{f.message} (no points lost: {_judgement_note(plan, book)})")
            continue
        if f.code == "IRT010":
            continue  # said above, figure by figure
        if f.code == "IRT021":
            lines.append(f"{f.message} (−{parts['updates'].share * parts['updates'].lost:.2g})")
            continue
        part = parts.get(_part_key(f, cost)) if cost.part is not None else None
        if part is None:
            share = cost.fraction if cost.part is None else UNKNOWN_SECTION_SHARE
            whole += share
            lines.append(f"{f.message} (" + ("the whole section" if share >= 1 else f"−{share * points:.2g}") + ")")
            continue
        part.lost = max(part.lost, cost.fraction)
        lines.append(f"{f.message} (−{part.share * cost.fraction:.2g})")
    unread = [p for k, p in parts.items() if isinstance(k, tuple) and k[:1] == ("left out",)]
    if unread:
        lines.append(f"{len(unread)} item{'s' if len(unread) > 1 else ''} that could not be read (see below) "
                     f"count{'' if len(unread) > 1 else 's'} as not done (−{sum(p.share for p in unread):.2g}).")
    if section == "sequence" and "commitments" in parts:
        lines.insert(0, _EMPTY["sequence"])
    earned = sum(p.share * (1 - min(p.lost, 1)) for p in parts.values())
    fb.points = max(0.0, earned - min(whole, 1) * points)
    fb.lines = lines
    return fb


_EMPTY = {"team": "No partner is at the table yet.", "action_items": "There are no action items yet: what, who and by when.",
          "sequence": "There is no sequence of services yet."}


def _judgement_note(plan: Plan, book: Casebook) -> str:
    customer = book.customers.get(plan.customer)
    goal = customer.proposed_goal if customer else None
    if goal and goal.job_title:
        return (f"the team may agree a different goal when {customer.first_name} chooses it; her proposed goal was "
                f"{goal.job_title}, ${goal.hourly_wage:.2f} an hour, {goal.weekly_hours:g} hours a week"
                .replace(" her ", f" {'her' if customer.pronouns == 'she/her' else 'his' if customer.pronouns == 'he/him' else 'their'} "))
    return "a judgement the team may rightly make"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
