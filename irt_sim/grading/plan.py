"""Exercise 4, negotiate the plan: the learner's plan, read as meant, scored by section in proportion
to what each checker finding is about, and held to a fuller record of the case.

The reading: strict YAML, or line by line when that fails (``lenient``); values brought to their
types; names resolved to the ids the plan uses (a partner's first name, a service's name, a
program's name); then each item validated on its own, so a slip costs only that item.

The scoring: each section's points are split among its parts (the partners, the goal's three
figures, the four lines of communication, the barriers and the commitments, the action items, the
three parts of the follow-up), and a finding costs the part it is about. ``RUBRIC`` says which
finding costs what; exercises/README.md says the same for trainers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..inputs.casebook import Casebook
from ..checks.plan_rules import SECTIONS, Finding, Severity, check_plan
from ..model import Plan
from ..inputs.problems import FieldPath, Problem
from ..vocab import ServiceCategory, Stage
from ..inputs.yamlfile import read_yaml
from .cases import exercise_casebook
from .answers import Answer, as_answer
from .feedback import Feedback, guarded
from .coerce import Context, as_ids, coerce, note_at
from .lenient import read_answer, read_by_lines, validate
from .shapes import Read, shape_of
from .reading import Candidate, Note, Resolver, read_date

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


@dataclass
class PlanAnswer:
    """A learner's plan as read: the plan (None when nothing usable is left), how it was read, and
    the parts left out, each with its line."""

    plan: Plan | None
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: dict[FieldPath, int] = field(default_factory=dict)
    left_out: list[FieldPath] = field(default_factory=list)  # items that could not be read: each costs its part


def read_plan_answer(text: str, customer_id: str, book: Casebook | None = None) -> PlanAnswer:
    """Read a plan written in the casebook's YAML form, forgiving form, keeping every item that fits.
    When YAML reads it but parts do not fit (a field indented under the wrong heading), the plan is
    read line by line too, and the reading that keeps more of it wins."""
    first = _plan_from(read_answer(text or "", shape_of(Plan)), customer_id, book)
    if first.plan is not None and not first.problems:
        return first
    again = _plan_from(read_by_lines(text or "", shape_of(Plan)), customer_id, book)
    if again.plan is not None and (first.plan is None or len(again.problems) < len(first.problems)):
        if not any("read line by line" in n.text for n in again.notes):
            again.notes.insert(0, Note("parts of the plan did not fit where YAML put them (a line under the wrong "
                                       "heading, say), so it was read line by line, each line where its field belongs",
                                       guess=True))
        return again
    return first


def _plan_from(read: Read, customer_id: str, book: Casebook | None) -> PlanAnswer:
    data = read.data
    if data is None or (isinstance(data, str) and not data.strip()):
        return PlanAnswer(None, read.notes, [Problem("your answer", "the plan is empty.", 1)])
    if not isinstance(data, dict):
        return PlanAnswer(None, read.notes, read.problems + [Problem("your answer", "the plan should be a group of "
                                                                    "'field: value' lines, like the template.", 1)])
    data = dict(data)
    data.pop("id", None)
    data.setdefault("customer", customer_id)
    meeting = data.get("meeting") if isinstance(data.get("meeting"), dict) else {}
    met = read_date(meeting.get("date")).value if meeting.get("date") else None
    data = coerce(data, Plan, read, Context(after=met if isinstance(met, dt.date) else None))
    if book is not None:
        _resolve_names(data, book, read)
    data = as_ids(data, Plan)
    data["id"] = "answer"
    plan = validate(Plan, data, read)
    return PlanAnswer(plan, read.notes, read.problems, read.lines, read.left_out)


# --- names to ids -----------------------------------------------------------------------------------


def _attendee_resolver(attendees: list, book: Casebook) -> Resolver:
    candidates = []
    for a in attendees:
        if not isinstance(a, dict) or not a.get("id"):
            continue
        name = str(a.get("name") or "")
        program = book.program(str(a.get("program") or ""))
        words = [str(a.get("role") or "")] + ([program.id, program.name, program.partner_role] if program else [])
        if a.get("customer") is True:
            words.append("customer")
        candidates.append(Candidate(str(a["id"]), f"{a['id']} ({name})" if name else str(a["id"]),
                                    names=(name, *name.split()[:1], *name.split()[-1:]), words=tuple(words)))
    return Resolver(candidates, "person at the table")


def _resolve_names(data: dict, book: Casebook, read: Read) -> None:
    """Attendee, service and program names written where the plan wants ids."""
    attendees = data.get("attendees") if isinstance(data.get("attendees"), list) else []
    people = _attendee_resolver(attendees, book)
    programs = Resolver([Candidate(p.id, f"{p.id} ({p.name})", names=(p.name,)) for p in book.programs.values()],
                        "program in the directory")
    by_id = {str(a.get("id")): a for a in attendees if isinstance(a, dict)}

    def fix(node: dict | list, key: str | int, resolver: Resolver, path: FieldPath) -> None:
        value = node[key] if isinstance(node, list) else node.get(key)
        if value is None or value == "" or not isinstance(value, str):
            return
        r = resolver.read(value)
        if r.ok:
            node[key] = r.value
            for n in r.notes:
                note_at(read, path, n.text, n.guess)

    for i, a in enumerate(attendees):
        if isinstance(a, dict) and a.get("program"):
            fix(a, "program", programs, ("attendees", i, "program"))
    comm = data.get("communication")
    if isinstance(comm, dict):
        for key in ("point_of_contact", "customer_raises_issues_with"):
            fix(comm, key, people, ("communication", key))
    for pi, phase in enumerate(data.get("sequence") or []):
        if not isinstance(phase, dict):
            continue
        for ci, c in enumerate(phase.get("commitments") or []):
            if not isinstance(c, dict):
                continue
            path = ("sequence", pi, "commitments", ci)
            fix(c, "partner", people, path + ("partner",))
            fix(c, "coordinated_with", people, path + ("coordinated_with",))
            who = by_id.get(str(c.get("partner")))
            program = book.program(str(who.get("program"))) if who else None
            if program is not None and c.get("service"):
                services = Resolver([Candidate(s.id, f"{s.id} ({s.name})", names=(s.name,), words=(s.category.label,))
                                     for s in program.services], f"service of {program.name}")
                fix(c, "service", services, path + ("service",))
    for i, item in enumerate(data.get("action_items") or []):
        if not isinstance(item, dict):
            continue
        for j in range(len(item["responsible"]) if isinstance(item.get("responsible"), list) else 0):
            fix(item["responsible"], j, people, ("action_items", i, "responsible", j))
        fix(item, "apply_for", programs, ("action_items", i, "apply_for"))


# --- the checked plan, once per answer --------------------------------------------------------------

_CACHE: dict[tuple[int, str, str], tuple[Casebook, PlanAnswer, list[Finding]]] = {}


def checked(text: str, customer_id: str, book: Casebook) -> tuple[PlanAnswer, list[Finding]]:
    """The answer read and checked once: the exercise's test cells grade the same plan section by section."""
    key = (id(book), customer_id, text)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is book:
        return hit[1], hit[2]
    answer = read_plan_answer(text, customer_id, book)
    findings = check_plan(answer.plan, book) if answer.plan is not None else []
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[key] = (book, answer, findings)
    return answer, findings


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


# --- what notebooks call -----------------------------------------------------------------------------


def _text(answer: Answer | Any) -> tuple[str, list[Note]]:
    given = as_answer(answer, "plan")
    return (given.value if isinstance(given.value, str) else ""), list(given.notes)


def _possible(answer, customer_id, book=None, section=None, **_kw) -> float:
    return SECTION_POINTS[section] if section else sum(SECTION_POINTS.values())


def _unreadable(plan_answer: PlanAnswer, possible: float, title: str, notes: list[Note]) -> Feedback:
    lines = ["The plan could not be read yet; fix these first:"] + [_problem_line(p) for p in plan_answer.problems]
    return Feedback(0, possible, lines, title, notes + plan_answer.notes)


def _problem_line(p: Problem) -> str:
    where = f"Line {p.line}" if p.line else "The plan"
    field_ = f" ({p.field.replace('_', ' ')})" if p.field else ""
    return f"{where}{field_}: {p.message}"


@guarded(_possible, "Your plan")
def grade_plan(answer: Answer | Any, customer_id: str, book: Casebook | None = None, section: str | None = None) -> Feedback:
    """Points for one plan section (``section``), or for the whole plan section by section."""
    book = exercise_casebook(book)
    text, notes = _text(answer)
    plan_answer, findings = checked(text, customer_id, book)
    sections = [section] if section else list(SECTION_POINTS)
    title = SECTIONS[section] if section else "Your plan"
    possible = sum(SECTION_POINTS[s] for s in sections)
    if plan_answer.plan is None:
        return _unreadable(plan_answer, possible, title, notes)
    if plan_answer.plan.customer != customer_id:
        name = book.customers[customer_id].name
        return Feedback(0, possible, [f"This exercise is about {name}; keep 'customer: {customer_id}' (or leave the line out)."],
                        title, notes)
    spans = _section_lines(plan_answer.lines)
    # a section's cell shows the readings of its own lines; the whole plan's check shows them all
    mine = (lambda line: line is not None and any(line in r for r in spans.get(section, ()))) if section else (lambda line: True)
    everything = notes + sorted(plan_answer.notes, key=lambda n: n.line or 0)
    fb = Feedback(0, possible, title=title, notes=[n for n in everything if mine(n.line)],
                  for_trainer=[n for n in everything if not mine(n.line)])
    for s in sections:
        part = score_section(s, plan_answer.plan, findings, book, SECTION_POINTS[s], plan_answer.left_out)
        fb.points += part.points
        if section:
            fb.lines += part.lines
        else:
            fb.sections.append(part)
    left_out = [_problem_line(p) for p in plan_answer.problems if mine(p.line)]
    fb.lines += [f"Left out because it could not be read: {line}" for line in left_out]
    return fb


#: The parts of a plan file that belong to each section (for showing each section's own readings).
_SECTION_KEYS = {"team": ("meeting", "attendees", "customer", "title"), "goal": ("goal",), "communication": ("communication",),
                 "sequence": ("sequence",), "action_items": ("action_items",),
                 "follow_up": ("follow_up", "crisis_plan", "continuation")}


def _section_lines(lines: dict[FieldPath, int]) -> dict[str, list[range]]:
    """Which lines of the answer each section spans, from where its top-level fields start."""
    starts = sorted((line, path[0]) for path, line in lines.items() if len(path) == 1)
    last = max(lines.values(), default=0) + 500  # the last field may go on over lines
    spans: dict[str, list[range]] = {}
    for i, (line, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else last
        for section, keys in _SECTION_KEYS.items():
            if key in keys:
                spans.setdefault(section, []).append(range(line, end))
    return spans


@guarded(lambda answer, customer_id, book=None, points=2: points, "The full record of the case")
def check_plan_readable(answer: Answer | Any, customer_id: str, book: Casebook | None = None, points: float = 2) -> Feedback:
    """Self-check for the held-back test: the plan can be read (what it is checked against stays hidden)."""
    book = exercise_casebook(book)
    text, notes = _text(answer)
    plan_answer, _ = checked(text, customer_id, book)
    title = "The full record of the case"
    if plan_answer.plan is None:
        return Feedback(0, points, ["The plan cannot be read yet: run Check my plan."], title, check_only=True)
    if not any(phase.commitments for phase in plan_answer.plan.sequence):
        return Feedback(0, points, ["The plan has no sequence of services yet, so there is nothing to check against the "
                                    "full record of the case."], title, check_only=True)
    return Feedback(points, points, ["The plan can be read; your trainer's copy checks it against the full record of "
                                     "the case."], title, check_only=True)


# --- the held-back record ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    """One thing the fuller record of a case asks of a plan: a kind of service at a stage."""

    about: str
    services: tuple[ServiceCategory, ...]
    stages: tuple[Stage, ...]
    instead: str
    partly: tuple[ServiceCategory, ...] = ()


def _when(stages: tuple[Stage, ...]) -> str:
    """'from job search and placement on', 'no later than job search and placement', or the stages named."""
    order = sorted(stages, key=lambda s: s.order)
    everything = list(Stage)
    if order and order == everything[order[0].order:]:
        return f"from {order[0].label} on"
    if order and order == everything[: order[-1].order + 1]:
        return f"no later than {order[-1].label}"
    return " or ".join(s.label for s in order)


def held_back_needs(full_record: str) -> tuple[list[dict], list[Need]]:
    """The held-back record's added barriers and its needs (YAML written by the trainer in a hidden test)."""
    data, _ = read_yaml(full_record, "the held-back case")
    data = data or {}
    needs = [Need(" ".join(str(n["about"]).split()), tuple(ServiceCategory(s) for s in n.get("services", [])),
                  tuple(Stage(s) for s in n.get("stages", [])), " ".join(str(n.get("instead", "")).split()),
                  tuple(ServiceCategory(s) for s in n.get("partly", []))) for n in data.get("needs", [])]
    return list(data.get("add_barriers") or []), needs


def held_back_case(book: Casebook, customer_id: str, changes: str) -> Casebook:
    """A copy of ``book`` in which one customer's record carries ``changes``: YAML of customer-file
    fields, each replacing the casebook's value, except ``add_barriers``, whose barriers are added to
    the record's, and ``needs`` (what the plan must answer), which the record does not hold."""
    import dataclasses

    from ..model import Customer

    data, _ = read_yaml(changes, "the held-back case")
    record = book.customers[customer_id].model_dump(mode="json", exclude_none=True)
    data = {k: v for k, v in dict(data or {}).items() if k != "needs"}
    record["barriers"] = record.get("barriers", []) + list(data.pop("add_barriers", None) or [])
    record.update(data)
    return dataclasses.replace(book, customers={**book.customers, customer_id: Customer.model_validate(record)})


@guarded(lambda answer, customer_id, full_record="", book=None, points=2: points, "The full record of the case")
def grade_held_back(answer: Answer | Any, customer_id: str, full_record: str, book: Casebook | None = None,
                    points: float = 2) -> Feedback:
    """A share of ``points`` for each need of the fuller record that a sound commitment meets: the
    right kind of service at the right stage; half where the service is near but not right."""
    book = exercise_casebook(book)
    text, notes = _text(answer)
    plan_answer, findings = checked(text, customer_id, book)
    title = "The full record of the case"
    first = book.customers[customer_id].first_name
    if plan_answer.plan is None:
        return Feedback(0, points, ["The plan could not be read, so it could not be checked against the full record of "
                                    f"{first}'s case."], title, notes)
    _barriers, needs = held_back_needs(full_record)
    plan = plan_answer.plan
    unsound = {f.path[:4] for f in findings if f.severity == Severity.error and len(f.path) >= 4 and f.path[0] == "sequence"}
    offered = []  # (category, stage, label) of each sound commitment
    for pi, phase in enumerate(plan.sequence):
        for ci, c in enumerate(phase.commitments):
            who = plan.attendee(c.partner)
            program = book.program(who.program) if who and who.program else None
            service = program.service(c.service) if program else None
            if service is not None and ("sequence", pi, "commitments", ci) not in unsound:
                offered.append((service.category, phase.stage, f"{service.id.replace('-', ' ')} from {who.name} ({who.role})"))
    fb = Feedback(0, points, [f"The full record of {first}'s case follows everything in the story; against it:"], title,
                  for_trainer=notes + plan_answer.notes)  # the sections' own cells show how the plan was read
    share = points / max(len(needs), 1)
    for need in needs:
        right = [o for o in offered if o[0] in need.services and o[1] in need.stages]
        near = [o for o in offered if o[0] in need.partly and o[1] in need.stages]
        early = [o for o in offered if o[0] in need.services and o[1] not in need.stages]
        if right:
            fb.points += share
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: met by {right[0][2]} ({right[0][1].label}).")
        elif near:
            fb.points += share / 2
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: {near[0][2]} ({near[0][1].label}) comes close, but "
                            f"the need is for {need.instead}. Half of its share.")
        elif early:
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: {early[0][2]} is planned {early[0][1].label}, but "
                            f"this need comes {_when(need.stages)}: {need.instead}.")
        else:
            fb.lines.append(f"{need.about[:1].upper()}{need.about[1:]}: nothing in the plan answers it yet; it needs "
                            f"{need.instead}.")
    if fb.full_marks:
        fb.lines = [f"The plan also holds against the full record of {first}'s case."] + fb.lines[1:]
    return fb
