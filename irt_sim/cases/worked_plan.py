"""A worked plan for one customer: the plan a capable practitioner would agree with the customer and
partners, a full-marks answer to the plan exercise ("negotiate the plan") for the trainer and for
tests, written as the YAML a learner writes (``plan_text``).

How it is made:

- the team (irt_sim.cases.worked_team): for each barrier, the partner whose service meets it best
  among the programs the customer can use on the day of the meeting (irt_sim.cases.worked_access);
  a program still to decide eligibility comes with an action item for the application; then what
  the rules ask beyond the barriers: benefits counselling where SSI or SSDI is affected, VR's IPE,
  two systems at the table;
- the sequence (irt_sim.cases.worked_sequence): each service at the stage where it does its work,
  in dated phases; VR's services after the IPE, with its dates in ``program_records``; TANF's
  weekly hours in every phase TANF serves;
- the agreements around it (here): lines of communication from what the customer's releases cover,
  action items with owners and due dates, follow-up, a crisis plan naming who to call, and what
  continues after each program exits.

No plan (None) when a sound one cannot be made; ``no_plan_reason`` says why, in plain words. The plan
is checked before it is returned, so it never carries a checker finding. Wording varies with the
customer's id (irt_sim.cases.worked_words), the same for the same customer every time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random

from ..checks.plan_rules import check_plan
from ..inputs.casebook import Casebook
from ..model import (ActionItem, Attendee, Communication, Customer, FollowUp, Meeting, Phase, Plan, ProgramRecord,
                     Release, Updates)
from ..vocab import Benefit, BarrierType as B, Stage, SystemType as S
from .plan import _handle
from .records import FIRST_DAY
from .words import FIRST_NAMES, LAST_NAMES
from .worked_access import NoPlan, is_family, kin_name
from .worked_sequence import Dates, sequence, set_dates
from .worked_team import Draft, add_flow, add_rule_needs, choose_team
from .worked_words import Words, continuation_line, day, lower_first
from .write import _flow, _folded, _yaml


def _meeting_day(customer: Customer, rng: random.Random) -> dt.date:
    """A week to three after the last release was signed, so every partner may talk freely."""
    signed = [r.signed_on for r in customer.releases if isinstance(r, Release) and r.signed_on]
    return max(signed, default=FIRST_DAY) + dt.timedelta(days=rng.randint(7, 21))


# --- the people and the agreements around the sequence ---------------------------------------------


def attendees(draft: Draft) -> tuple[list[Attendee], dict[str, str]]:
    """The customer first, then one person for each program the plan uses; and each program's attendee id."""
    c, rng = draft.customer, draft.rng
    me = _handle(c.first_name)
    people = [Attendee(id=me, name=c.name, role="Customer (leads the team)", customer=True)]
    used, ids = {me}, {}
    customers = {x.first_name for x in draft.book.customers.values()}  # staff are not named like the casebook's customers
    everyone = sorted({n for names in FIRST_NAMES.values() for n in names} - customers - {c.first_name})
    last_name = c.name.split()[-1]
    for program in draft.programs:
        if is_family(program):
            first, relation = kin_name(c, rng, customers | {c.first_name})
            name, role = f"{first} {last_name}", f"Natural support ({c.first_name}'s {relation})"
        else:
            first = rng.choice(everyone)
            while _handle(first) in used:
                first = rng.choice(everyone)
            name = f"{first} {rng.choice([n for n in LAST_NAMES if n != last_name])}"
            role = program.partner_role
        used.add(_handle(first))
        ids[program.id] = _handle(first)
        people.append(Attendee(id=_handle(first), name=name, role=role, program=program.id))
    return people, ids


def point_of_contact(draft: Draft, ids: dict[str, str]) -> str:
    """The partner who keeps the team informed: an employment partner first (one the customer already
    knows before one they do not), else the one with most to do."""
    order = (S.employment_specialist, S.vocational_rehabilitation, S.tanf, S.workforce, S.veterans,
             S.behavioural_health, S.independent_living)
    c = draft.customer
    weight = {p.id: sum(ch.program.id == p.id for ch in draft.choices) for p in draft.programs}
    best = min((p for p in draft.programs if not is_family(p)),
               key=lambda p: (order.index(p.system) if p.system in order else len(order), p.id not in c.systems_used,
                              -weight[p.id], p.id))
    return ids[best.id]


def communication(draft: Draft, people: list[Attendee], ids: dict[str, str], poc: str) -> Communication:
    """The point of contact, how and how often updates go out, and what is shared: items the customer's
    releases to the partners at the table name, so every one is covered."""
    c, w, rng = draft.customer, draft.words, draft.rng
    contact = next(a for a in people if a.id == poc)
    releases = [r for p in draft.programs if (r := c.release_for(p.id)) is not None and r.what]
    items = list(dict.fromkeys(i for r in releases for i in r.what if _whole(i)))
    rng.shuffle(items)
    shared = [i[:1].upper() + i[1:] for i in items[:5]]
    method = w.pick(("{poc} sends the whole team, {first} included, a short e-mail of progress, needs and who is acting "
                     "on them, with no clinical details.",
                     "{First} takes a problem to the partner it concerns, or to {poc} when {sub} {is} not sure who; "
                     "{poc} sends everyone a short written update.",
                     "A fifteen-minute call led by {poc}, with {first} on it, and a short written note to the team "
                     "afterwards."), poc=contact.name.split()[0])
    frequency = w.pick(("Every two weeks, and the same week as any setback", "Once a month, and within two working "
                        "days of anything that could stop the plan", "Every second week until the first month at "
                        "work, then monthly"))
    names = [p.name for p in draft.programs if p.release_required]
    consent = w.say("Before the meeting {first} signed a release for each partner at the table: {names}. {Sub} "
                    "agreed that partners share the items listed above with each other, and nothing else without "
                    "asking {obj} first. {Sub} can narrow or withdraw a release at any time by telling {poc}.",
                    names=_and(names), poc=contact.name.split()[0])
    raises = poc if rng.random() < 0.7 else next((ids[p.id] for p in draft.programs if p.id in c.systems_used), poc)
    return Communication(point_of_contact=poc, customer_raises_issues_with=raises, shared_information=shared,
                         updates=Updates(method=method, frequency=frequency), consent=consent)


def _whole(item: str) -> bool:
    """An item a release lists that reads as one whole item: not a piece cut off at a comma inside
    brackets ('and when)'), and saying more than a word or two."""
    return item.count("(") == item.count(")") and len(item.split()) >= 3


def action_items(draft: Draft, dates: Dates, ids: dict[str, str], me: str, poc: str,
                 phases: list[Phase]) -> list[ActionItem]:
    """Applications (with the program they are for), the IPE's signing, a first step with each partner
    who starts at once, renewing releases that end before the plan does, and the regular update; each
    with its owners and a due date after the meeting."""
    c, w, rng, m = draft.customer, draft.words, draft.rng, dates.meeting
    out = []
    for pid, due in dates.decisions.items():
        program = draft.book.programs[pid]
        status = c.status_with(pid)
        action = (w.say("Send {program} everything it needs to decide {first}'s application", program=program.name)
                  if status is not None else w.say("Apply to {program}", program=program.name))
        out.append(ActionItem(action=action, responsible=[me, ids[pid]], due=due, apply_for=pid))
    if dates.ipe:
        vr = next(p for p in draft.programs if p.rules.individual_plan)
        out.append(ActionItem(action=w.say("Sign the IPE with the {job} goal"), responsible=[me, ids[vr.id]],
                              due=dates.ipe))
    for cm in phases[0].commitments[:4]:  # each partner who starts at once, met within two weeks
        who = draft.people[cm.partner]
        if any(cm.partner in a.responsible for a in out) or is_family(draft.book.programs[who.program]):
            continue  # family need no appointment
        service = draft.book.programs[who.program].service(cm.service)
        out.append(ActionItem(action=w.first_step(service, who.name.split()[0], who.role),
                              responsible=[me, cm.partner], due=m + dt.timedelta(days=rng.randint(5, 14))))
    ends = [r.until for p in draft.programs if (r := c.release_for(p.id)) and r.until]
    if ends and phases[-1].starts and min(ends) < phases[-1].starts:
        out.append(ActionItem(action=w.say("Renew the releases {first} still wants before the first ends on {d}",
                                           d=day(min(ends))),
                              responsible=[me, poc], due=max(m + dt.timedelta(days=1), min(ends) - dt.timedelta(days=14))))
    out.append(ActionItem(action=w.pick(("Send the team the update agreed above", "Send the regular update to the "
                                         "team, {first} included")), responsible=[poc], due="ongoing"))
    return sorted(out, key=lambda a: (a.due == "ongoing", a.due if a.due != "ongoing" else m))


def follow_up(draft: Draft, dates: Dates) -> FollowUp:
    """The next meeting once what the first weeks wait for is settled, and the meetings after it."""
    w, rng = draft.words, draft.rng
    base = dates.gate or dates.meeting + dt.timedelta(days=21)
    nxt = base + dt.timedelta(days=rng.randint(3, 10))
    settled = _and((["the IPE"] if dates.ipe else []) + (["the applications"] if dates.decisions else []))
    why = (f"once {settled} {'is' if settled == 'the IPE' else 'are'} settled" if settled
           else "when the first steps are done")
    training = dates.phases.get("training")
    occasions = ([f"at the start of training (about {training[1]:%B %Y})"] if training else []) + [
        f"before the job search starts (about {dates.phases['job_search'][1]:%B %Y})",
        w.say("in the month after {first} starts work", cap=False), "at 90 days in the job", "at six months"]
    timeline = w.say("Meet again on {nxt}, {why}. Then meet {when}; [the point of contact|any partner] calls a meeting "
                     "sooner if [the plan stalls|a step falls through].", nxt=day(nxt), why=why,
                     when=", ".join(occasions[:-1]) + " and " + occasions[-1])
    return FollowUp(next_meeting=nxt, timeline=timeline)


#: What can go wrong with each barrier, for the crisis plan.
TROUBLE: dict[B, str] = {
    B.behavioural_health: "{pos} mental health goes through a hard stretch",
    B.physical_health: "{pos} health keeps {obj} home",
    B.substance_use: "{pos} recovery feels at risk", B.childcare: "childcare falls through",
    B.transportation: "the way to {dest} falls through", B.housing: "{pos} housing falls through",
    B.justice_involvement: "a problem comes up with {pos} supervision", B.financial_hardship: "money runs out",
    B.benefits_and_work_incentives: "a letter about {pos} benefits arrives",
}


def crisis_plan(draft: Draft, people: list[Attendee], ids: dict[str, str], poc: str) -> str:
    """Who the customer calls when each thing that could go wrong does, and how the team meets a stall."""
    w = draft.words
    name = {a.id: a.name.split()[0] for a in people}
    troubles: dict[str, list[str]] = {}  # who -> what they are called about
    met: set[B] = set()
    for ch in draft.choices:
        if ch.barrier in TROUBLE and ch.barrier not in met:
            met.add(ch.barrier)
            troubles.setdefault(ids[ch.program.id], []).append(w.say(TROUBLE[ch.barrier], cap=False))
    said = [w.say("If {what}, {first} calls {who} the same day.", what=_and(what, "or"), who=name[who])
            for who, what in troubles.items()]
    line = next(((p, s) for p in draft.programs for s in p.services if "crisis" in s.name.lower()), None)
    if line and B.behavioural_health in met:  # the partner's own crisis service, in its own words
        said.append(w.say("Out of hours {sub} can turn to {name}: {what}.", name=line[0].name,
                          what=lower_first(line[1].name.rstrip("."))))
    said.append(w.say("Whatever the trouble, {poc} hears about it the same week, tells the partners it concerns and, "
                      "if the plan stalls, calls the team together within [a week|ten days]. A setback is a reason to "
                      "change the plan with {first}, not the end of it.", poc=name[poc]))
    return " ".join(said)


def continuation(draft: Draft, ids: dict[str, str]) -> str:
    """When each program's part ends, in its own words, and who stays once the others have stepped back."""
    w, c = draft.words, draft.customer
    lines = [w.own(continuation_line(p, w).replace("The customer", c.first_name)) for p in draft.programs]
    lasting = [draft.people[ids[p.id]].name.split()[0] for p in draft.programs
               if p.services_stop.after is Stage.long_term]
    if lasting and len(lasting) < len(draft.programs):
        lines.append(w.say("Once the others step back, {names} {verb} with {first} for as long as {sub} want{s}.",
                           names=_and(lasting), verb=w.rng.choice(("stays", "remains") if len(lasting) == 1
                                                                  else ("stay", "remain"))))
    elif lasting:
        lines.append(w.say("No partner here closes its part when {first} starts work."))
    return " ".join(lines)


def program_records(draft: Draft, dates: Dates) -> dict[str, ProgramRecord]:
    """VR's dates: applied, the eligibility decision (within 60 days) and the IPE (within 90 of it)."""
    c, rng, m = draft.customer, draft.rng, dates.meeting
    vr = next((p for p in draft.programs if p.rules.individual_plan), None)
    if vr is None:
        return {}
    status = c.status_with(vr.id)
    release = c.release_for(vr.id)
    signed = release.signed_on if release and release.signed_on and release.signed_on < m else m - dt.timedelta(days=7)
    if status is not None and status.counts:
        applied = signed - dt.timedelta(days=rng.randint(0, 10))
        eligible = applied + dt.timedelta(days=min(rng.randint(5, 30), (m - applied).days - 1))
        how = (f"Presumed eligible as {'an SSI' if Benefit.ssi in c.benefits else 'an SSDI'} recipient"
               if status.value == "presumed_eligible" else "Found eligible")
    else:
        applied = signed if status is not None else dates.decisions[vr.id] - dt.timedelta(days=14)
        eligible = dates.decisions[vr.id]
        how = "The eligibility decision is due by the date above"
    note = draft.words.say("{how}; the IPE is written with {first} after this meeting.", how=how)
    return {vr.id: ProgramRecord(applied=applied, eligible=eligible, individual_plan=dates.ipe, note=note)}


# --- the whole plan ----------------------------------------------------------------------------------


def _draft(customer: Customer, book: Casebook, meeting: dt.date | None) -> Plan:
    """The plan, or NoPlan with the reason."""
    rng = random.Random(f"worked-plan|{customer.id}")  # a text seed hashes the same in every run
    goal = customer.proposed_goal
    if goal is None or not (goal.job_title and goal.hourly_wage and goal.weekly_hours):
        raise NoPlan(f"{customer.first_name} has no proposed goal with a job, a wage and weekly hours to plan around")
    if customer.id not in book.customers:
        book = dataclasses.replace(book, customers={**book.customers, customer.id: customer})
    day0 = meeting or _meeting_day(customer, rng)
    training = any(b.type == B.skills_or_credentials for b in customer.barriers)
    draft = Draft(customer, book, day0, rng, Words(customer, rng, training), training=training)
    choose_team(draft)
    add_rule_needs(draft)
    add_flow(draft)
    dates = set_dates(draft)
    people, ids = attendees(draft)
    draft.people = {a.id: a for a in people}
    phases = sequence(draft, dates, ids)
    me, poc = people[0].id, point_of_contact(draft, ids)
    plan = Plan(id=f"{customer.id}-worked", title=f"{customer.name}: toward work as {draft.words.facts['job_a']}",
                customer=customer.id, meeting=Meeting(date=day0, format=rng.choice(("in_person", "in_person", "hybrid"))),
                attendees=people, goal=goal, communication=communication(draft, people, ids, poc),
                sequence=phases, action_items=action_items(draft, dates, ids, me, poc, phases),
                program_records=program_records(draft, dates), follow_up=follow_up(draft, dates),
                crisis_plan=crisis_plan(draft, people, ids, poc), continuation=continuation(draft, ids))
    findings = check_plan(plan, book)
    if findings:  # never hand back a plan the checker faults
        raise NoPlan("the plan still has checker findings: " + "; ".join(f"{f.code} {f.message}" for f in findings))
    return plan


def worked_plan(customer: Customer, book: Casebook, meeting: dt.date | None = None) -> Plan | None:
    """The plan a capable practitioner would agree with ``customer`` and the partners, or None when
    no sound plan can be made (``no_plan_reason`` says why)."""
    try:
        return _draft(customer, book, meeting)
    except NoPlan:
        return None


def no_plan_reason(customer: Customer, book: Casebook, meeting: dt.date | None = None) -> str | None:
    """Why ``worked_plan`` gives no plan for ``customer``, in plain words (None when it gives one)."""
    try:
        _draft(customer, book, meeting)
    except NoPlan as why:
        return str(why)
    return None


# --- the plan as a learner writes it -----------------------------------------------------------------

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
_LONG = 80  # text longer than this is folded over lines, as in the casebook's worked plans


def plan_text(plan: Plan) -> str:
    """The plan as YAML, in the form of casebook/plans/*.yaml (and the exercise's answer cell)."""
    data = plan.model_dump(mode="python", exclude_none=True, exclude_defaults=True, exclude={"id"})
    data["goal"] = plan.goal.model_dump(exclude_none=True)  # competitive_integrated is written out, as in the casebook
    data = {k: data[k] for k in sorted(data, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))}
    out = io.StringIO()
    _yaml().dump(_layout(data, 0), out)
    return SCHEMA_LINE + out.getvalue()


_ORDER = ("title", "customer", "meeting", "attendees", "goal", "communication", "program_records", "sequence",
          "action_items", "follow_up", "crisis_plan", "continuation")


def _layout(node, indent: int, name: str = ""):
    """Long text folded at spaces, lists of ids on one line, whole numbers without '.0'."""
    if isinstance(node, dict):
        return {k: _layout(v, indent + 2, k) for k, v in node.items()}
    if name == "responsible":
        return _flow(list(node))
    if isinstance(node, list):
        return [_layout(x, indent + 4) for x in node]
    if hasattr(node, "value") and isinstance(node.value, str):  # an enum (stage, TANF activity)
        return node.value
    if isinstance(node, float) and node == int(node) and name != "hourly_wage":
        return int(node)
    if isinstance(node, str) and len(node) > _LONG:
        return _folded(node, indent + 2)
    return node


def _and(words: list[str], joiner: str = "and") -> str:
    """'a, b and c'; with '; ' between items that hold commas themselves (programs' names do)."""
    words = list(words)
    if not words:
        return ""
    sep = "; " if any("," in w for w in words) else ", "
    return words[0] if len(words) == 1 else sep.join(words[:-1]) + f" {joiner} " + words[-1]
