"""Exercise 4, negotiate the plan: the learner's plan, read as meant, scored by section in proportion
to what each checker finding is about, and held to a fuller record of the case.

The reading: strict YAML, or line by line when that fails (``lenient``); values brought to their
types; names resolved to the ids the plan uses (a partner's first name, a service's name, a
program's name); then each item validated on its own, so a slip costs only that item.

The scoring: each section's points are split among its parts (the partners, the goal's three
figures, the four lines of communication, the barriers and the commitments, the action items, the
three parts of the follow-up), and a finding costs the part it is about. ``rubric.RUBRIC`` says which
finding costs what; exercises/README.md says the same for trainers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..inputs.casebook import Casebook
from ..checks.plan_rules import RULES, SECTIONS, Finding, check_plan
from ..model import Plan
from ..inputs.problems import FieldPath, Problem
from .plan_case import plan_casebook, with_team
from .answers import Answer, as_answer
from .feedback import Feedback, Sign, guarded
from .coerce import Context, as_ids, coerce, note_at
from .lenient import read_answer, read_by_lines, validate
from .shapes import Read, shape_of
from .reading import Candidate, Note, Resolver, read_date
from .rubric import SECTION_POINTS, score_section

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


# --- what notebooks call -----------------------------------------------------------------------------


def answer_text(answer: Answer | Any) -> tuple[str, list[Note]]:
    given = as_answer(answer, "plan")
    return (given.value if isinstance(given.value, str) else ""), list(given.notes)


def plan_inputs(answer: Answer | Any, customer_id: str, book: Casebook | None) -> tuple[Casebook, str, list[Note]]:
    """What the plan exercise reads: the casebook as the case's team has it, the answer's text with
    the case's team where the answer leaves it out, and the notes on how both were read."""
    text, notes = answer_text(answer)
    text, added = with_team(text, customer_id)
    return plan_casebook(book, customer_id), text, notes + added


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
    book, text, notes = plan_inputs(answer, customer_id, book)
    plan_answer, findings = checked(text, customer_id, book)
    sections = [section] if section else list(SECTION_POINTS)
    title = SECTIONS[section] if section else "Your plan"
    possible = sum(SECTION_POINTS[s] for s in sections)
    if plan_answer.plan is None:
        return _unreadable(plan_answer, possible, title, notes)
    if plan_answer.plan.customer != customer_id:
        name = book.customers[customer_id].name
        fb = Feedback(0, possible, [f"This exercise is about {name}; keep 'customer: {customer_id}' (or leave the line out)."],
                      title, notes)
        fb.signs.append(Sign("wrong_customer", customer_id, "a plan written for another customer than the learner's own"))
        return fb
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
    fb.signs += [Sign("checker", f.code, f"{f.code} not met: {RULES[f.code].title[:1].lower()}{RULES[f.code].title[1:]}"
                      if f.code in RULES else f"{f.code} not met")
                 for f in dict((f.code, f) for f in findings if f.section in sections).values()]
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
    book, text, notes = plan_inputs(answer, customer_id, book)
    plan_answer, _ = checked(text, customer_id, book)
    title = "The full record of the case"
    if plan_answer.plan is None:
        return Feedback(0, points, ["The plan cannot be read yet: run Check my plan."], title, check_only=True)
    if not any(phase.commitments for phase in plan_answer.plan.sequence):
        return Feedback(0, points, ["The plan has no sequence of services yet, so there is nothing to check against the "
                                    "full record of the case."], title, check_only=True)
    return Feedback(points, points, ["The plan can be read; your trainer's copy checks it against the full record of "
                                     "the case."], title, check_only=True)
