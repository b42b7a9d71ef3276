"""Practice cases: new customers for a casebook, made to its programs' rules.

``generate_cases(book, count, seed)`` makes ``count`` customers. Each is drawn from one random
generator seeded with ``seed`` (the same seed gives the same cases), and each:

- belongs to one or two target populations (every population in turn, or those asked for) and has
  3 to 6 barriers that fit them, each told in a detail sentence that agrees with the story;
- receives the benefits their story calls for (TANF for a TANF recipient, SSI or SSDI for some people
  with disabilities), in a household that fits (a single parent of a child under 6, sometimes);
- has an eligibility entry only with programs whose services address one of their barriers:
  not_eligible where a requirement the program states rules them out, presumed_eligible where a
  benefit they receive makes them so, else eligible or applied;
- proposes a goal that meets every outcome rule of the programs they may use (goal 'meet'), or
  knowingly misses one program's rule (goal 'miss'): a wage below its floor, too few hours, or work
  that is not competitive integrated employment. The checker's own ``outcome_gaps`` confirms it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import random
from collections import Counter
from dataclasses import dataclass

from ..checks.plan_rules import outcome_gaps
from ..inputs.casebook import Casebook
from ..model import Barrier, Customer, Goal, Household, Program
from ..vocab import BarrierType as B, Benefit as Bn, EligibilityStatus as E, Population as P
from ..words import fold
from . import barriers as bar, people, records, story
from .facts import fill
from .words import trade_program

GOALS = ("meet", "miss", "mixed")


class CasesError(ValueError):
    """A request the generator cannot meet, said in plain words."""


@dataclass(frozen=True)
class Case:
    customer: Customer
    goal: str  # 'meet' or 'miss'
    missed: str | None = None  # the program whose outcome rule the goal misses
    told: tuple[B, ...] = ()  # the barriers the story itself tells of, besides the customer file's list


def parse_populations(names: list[str] | None) -> list[P]:
    """Population names as a trainer types them ('veteran', 'tanf-recipient', 'Veteran,homelessness'),
    checked against the vocabulary."""
    out: list[P] = []
    valid = [p.value for p in P]
    for name in names or []:
        for part in name.replace(",", " ").split():
            word = part.strip().lower().replace("-", "_")
            if word not in valid:
                near = difflib.get_close_matches(word, valid, n=1, cutoff=0.6)
                hint = f" Did you mean '{near[0]}'?" if near else ""
                raise CasesError(f"'{part}' is not a target population.{hint} The populations are: {', '.join(valid)}.")
            if P(word) not in out:
                out.append(P(word))
    return out


def generate_cases(book: Casebook, count: int, seed: int, populations: list[P] | None = None, goal: str = "meet",
                   taken: set[str] | frozenset[str] = frozenset()) -> list[Case]:
    """``count`` practice customers for ``book``; ids avoid ``taken`` (and the casebook's own customers)."""
    if goal not in GOALS:
        raise CasesError(f"'{goal}' is not a goal setting; use one of: {', '.join(GOALS)}.")
    if count < 1:
        raise CasesError("the number of cases must be 1 or more.")
    if not book.programs:
        raise CasesError("the casebook has no programs that could be read, so no customer can be made to their rules.")
    rng = random.Random(seed)
    allowed = list(dict.fromkeys(populations)) if populations else list(P)
    turn = allowed[:]
    rng.shuffle(turn)
    ids, names, seen = set(taken) | set(book.customers), set(), Counter()
    out = []
    for i in range(count):
        mode = goal if goal != "mixed" else rng.choice(("meet", "miss"))
        # the population whose turn it is; where no goal of theirs can miss a rule here (a sheltered
        # workshop is for people with disabilities), another population's
        primary = turn[i % len(turn)]
        tries = [primary] * 20 + [p for p in turn if p != primary for _ in range(5)]
        case = next((c for p in tries if (c := _one(book, rng, p, allowed, mode, ids, names, seen))), None)
        if case is None and goal == "mixed":
            case = _one(book, rng, primary, allowed, "meet", ids, names, seen)
        if case is None:
            raise CasesError("no program these customers can use has an outcome rule (a wage floor above the minimum "
                             "wage, weekly hours, or competitive integrated employment for a customer with a "
                             "disability) that a goal could miss; use --goal meet or --goal mixed.")
        seen.update(b.type for b in case.customer.barriers)
        out.append(case)
    return out


def _one(book: Casebook, rng: random.Random, primary: P, allowed: list[P], mode: str, ids: set[str],
         names: set[str], seen: Counter) -> Case | None:
    person = people.new_person(rng, primary, allowed, names)
    draft = Customer.model_construct(name=person.name, pronouns=person.pronouns, age=person.age,
                                     populations=person.populations, benefits=person.benefits,
                                     job_or_offer=person.job_or_offer)
    person.barriers = _barriers(person, rng, seen)
    must = None
    if mode == "miss":
        must = _missable(book, person, draft, rng)
        if must is None:
            return None
    people.settle(person, rng)
    eligibility = _eligibility(book, person, draft, rng, must)
    counting = [pid for pid, s in eligibility.items() if s.counts]
    used = _systems_used(book, person, eligibility, rng)
    signed = records.FIRST_DAY + dt.timedelta(days=rng.randrange(records.DAYS))
    to = [pid for pid in dict.fromkeys(used + [p for p in counting if rng.random() < 0.75]
                                       + [p for p, s in eligibility.items() if s == E.applied and rng.random() < 0.5])
          if book.programs[pid].release_required]
    releases = [records.release(book.programs[pid], person, signed, rng) for pid in to]
    goal, miss, missed = _goal(book, person, eligibility, mode, must, rng)
    details, told = [], []  # told: (barrier, the story's sentence about it)
    for b in person.barriers:
        way = rng.choice(bar.ways(b, person))
        details.append(Barrier(type=b, detail=fill(way.detail, person.facts, rng)))
        if way.story and b == B.housing:  # the story's only word on where they live
            told.insert(0, (b, fill(way.story, person.facts, rng)))
        elif way.story and rng.random() < 0.35:
            told.append((b, fill(way.story, person.facts, rng)))
    told = told[:3]
    names_used = [book.programs[p].name for p in used]
    text = story.tell(person, goal, miss, [sentence for _b, sentence in told], names_used, rng)
    customer_id = _new_id(person, ids, rng)
    customer = Customer(
        id=customer_id, name=person.name, pronouns=person.pronouns, age=person.age, story=text,
        populations=person.populations, strengths=story.strengths(person, rng), interests=story.interests(person, rng),
        barriers=details, benefits=person.benefits,
        household=Household(single_parent_child_under_6=person.single_parent_under_6,
                            two_parent=bool(person.partner and person.kids),
                            federally_funded_childcare=bool(person.partner and person.kids and B.childcare in person.barriers
                                                            and P.tanf_recipient in person.populations
                                                            and rng.random() < 0.4),
                            note=records.household_note(person, rng)),
        systems_used=used, eligibility=eligibility, releases=releases, proposed_goal=goal,
        job_or_offer=person.job_or_offer, legally_blind=person.legally_blind, disability_onset_age=person.onset_age)
    _confirm(book, customer, mode, missed)
    return Case(customer, mode, missed, tuple(b for b, _sentence in told))


# --- barriers ----------------------------------------------------------------------------------


def _barriers(person, rng: random.Random, seen: Counter) -> list[B]:
    """Three to six barriers: the ones the populations nearly always bring, then others drawn by how
    well they fit (a barrier no case has had yet weighs more, so every barrier turns up in a batch)."""
    has = person.has
    first: list[B] = []
    for b, when in ((B.housing, has(P.homelessness)), (B.substance_use, has(P.substance_use) and rng.random() < 0.9),
                    (B.justice_involvement, has(P.justice_involved) and rng.random() < 0.85),
                    (B.behavioural_health, has(P.mental_illness) and rng.random() < 0.8),
                    (B.benefits_and_work_incentives, bool({Bn.ssi, Bn.ssdi} & set(person.benefits)) and rng.random() < 0.75),
                    (B.childcare, has(P.tanf_recipient) and rng.random() < 0.6)):
        if when and b not in first:
            first.append(b)
    if has(P.tanf_recipient) and B.childcare not in first:  # what the TANF work program helps with
        first.append(rng.choice((B.work_history, B.financial_hardship, B.transportation)))
    if has(P.veteran) and rng.random() < 0.5:
        first.append(B.benefits_and_work_incentives if Bn.va_disability in person.benefits else B.identity_documents)
    first = list(dict.fromkeys(first))
    n = max(len(first), rng.choices((3, 4, 5, 6), weights=(25, 35, 25, 15))[0])
    pool = {b: (bar.BASE[b] + sum(bar.BY_POPULATION[p].get(b, 0) for p in person.populations)) * (3 if not seen[b] else 1)
            for b in B if b not in first and bar.POSSIBLE.get(b, lambda _p: True)(person)}
    chosen = list(first)
    while len(chosen) < min(n, 6) and pool:
        kinds = list(pool)
        b = rng.choices(kinds, weights=[pool[k] for k in kinds])[0]
        chosen.append(b)
        del pool[b]
    return chosen[:6]


def _addresses(program: Program) -> set[B]:
    return {b for s in program.services for b in s.addresses}


#: Systems that serve people with disabilities, though their files cannot state it as a requirement
#: (a disability is decided at intake): a customer without one is not shown using them.
_FOR_DISABILITY = ("vocational_rehabilitation", "employment_specialist", "independent_living")


def _fits(program: Program, person) -> bool:
    """Whether the customer plausibly uses ``program`` at all (its stated requirements aside)."""
    for_disability = program.system.value in _FOR_DISABILITY or "disabilit" in program.name.lower()
    return not for_disability or person.disabled or bool({Bn.ssi, Bn.ssdi, Bn.va_disability} & set(person.benefits))


def _missable(book: Casebook, person, draft: Customer, rng: random.Random) -> str | None:
    """A program with an outcome rule the goal can miss, that the customer may use: one already
    addressing a barrier, or one made to by adding a barrier it addresses."""
    open_ = [p for p in book.programs.values() if p.eligibility.determined and _miss_kinds(p, person, book.minimum_wage)
             and _fits(p, person) and not draft.ruled_out_by(p)]
    ready = [p for p in open_ if _addresses(p) & set(person.barriers)]
    if ready:
        return _aim(person, rng.choice(ready))
    for p in rng.sample(open_, k=len(open_)):
        extra = [b for b in B if b in _addresses(p) and bar.POSSIBLE.get(b, lambda _p: True)(person)]
        if extra:
            b = rng.choice(extra)
            person.barriers = (person.barriers if len(person.barriers) < 6 else person.barriers[:5]) + [b]
            return _aim(person, p)
    return None


def _text(program: Program) -> str:
    return f"{program.name} {program.summary}"


def _aim(person, program: Program) -> str:
    """A trade's program (an apprenticeship) is one a customer uses for that trade's job."""
    if program.system.value == "apprenticeship":
        person.trade = _text(program)
    return program.id


# --- eligibility, systems used ---------------------------------------------------------------------


def _eligibility(book: Casebook, person, draft: Customer, rng: random.Random, must: str | None) -> dict[str, E]:
    relevant = [p for p in book.programs.values()
                if p.eligibility.determined and _addresses(p) & set(person.barriers)]
    open_ = [p for p in relevant if not draft.ruled_out_by(p) and (_fits(p, person) or p.id == must)]
    shut = [p for p in relevant if draft.ruled_out_by(p)]
    req = lambda p: p.eligibility.requires  # noqa: E731
    aimed = [p for p in open_ if req(p).populations or req(p).benefits or req(p).max_age is not None
             or set(p.eligibility.presumed_for) & set(person.benefits) or p.id == must]
    others = [p for p in open_ if p not in aimed
              and (p.system.value != "apprenticeship" or trade_program(person.job, _text(p)))]
    chosen = aimed + rng.sample(others, k=max(0, min(len(others), rng.randint(3, 7) - len(aimed))))
    out: dict[str, E] = {}
    for p in chosen:
        if set(p.eligibility.presumed_for) & set(person.benefits):
            out[p.id] = E.presumed_eligible
        else:
            out[p.id] = E.eligible if (p.id == must or rng.random() < 0.7) else E.applied
    pending = [pid for pid, s in out.items() if s == E.applied]
    while sum(s.counts for s in out.values()) < 2 and pending:
        out[pending.pop(0)] = E.eligible
    if shut and rng.random() < 0.35:
        out[rng.choice(shut).id] = E.not_eligible
    return out


def _systems_used(book: Casebook, person, eligibility: dict[str, E], rng: random.Random) -> list[str]:
    """Programs the customer already uses: some they are eligible for (most often the ones aimed at
    them) and, now and then, an open-door partner whose services address a barrier."""
    used = [pid for pid, s in eligibility.items() if s.counts
            and rng.random() < (0.55 if book.programs[pid].eligibility.requires.populations else 0.15)]
    used = [pid for pid in used if book.programs[pid].system.value not in ("apprenticeship", "employer")]
    door = [p.id for p in book.programs.values() if not p.eligibility.determined and p.system.value != "employer"
            and p.release_required and _fits(p, person) and _addresses(p) & set(person.barriers)]
    used += [pid for pid in door if rng.random() < 0.1]
    return used[:4]


# --- the goal ------------------------------------------------------------------------------------


def _floor(p: Program, minimum_wage: float | None) -> float | None:
    floor = p.outcome.wage_floor if p.outcome else None
    return minimum_wage if floor == "minimum_wage" else floor


def _hours(p: Program, person) -> float | None:
    o = p.outcome
    if o is None:
        return None
    return o.min_weekly_hours_single_parent if (person.single_parent_under_6 and o.min_weekly_hours_single_parent) \
        else o.min_weekly_hours


def _miss_kinds(p: Program, person, mw: float | None) -> list[str]:
    """The goal fields that can knowingly miss ``p``'s outcome rule, as a real job might: a wage under its
    floor but not under the minimum wage, fewer hours, or (for a customer with a disability) a sheltered
    workshop's subminimum piece rate instead of competitive integrated employment."""
    o = p.outcome
    if o is None:
        return []
    floor = _floor(p, mw)
    return [k for k, ok in (("hourly_wage", floor is not None and floor - 0.25 > 0 and (mw is None or floor > mw)),
                            ("weekly_hours", bool(o.min_weekly_hours or o.min_weekly_hours_single_parent)),
                            ("competitive_integrated", o.competitive_integrated and person.disabled)) if ok]


def _quarter_up(x: float) -> float:
    return math.ceil(x * 4 - 1e-9) / 4


def _goal(book: Casebook, person, eligibility: dict[str, E], mode: str, must: str | None,
          rng: random.Random) -> tuple[Goal, str | None, str | None]:
    """The proposed goal, and (for 'miss') the goal field that misses a rule and the program whose rule it is."""
    job, mw = person.job, book.minimum_wage
    active = [book.programs[pid] for pid, s in eligibility.items() if s != E.not_eligible]
    floors = [f for p in active if (f := _floor(p, mw)) is not None] + ([mw] if mw else [])
    mins = [h for p in active if (h := _hours(p, person)) is not None]
    wage = max([round(rng.uniform(*job.wage) * 4) / 4] + [_quarter_up(f) for f in floors])
    hours = max([rng.choice(job.hours)] + [math.ceil(h) for h in mins])
    fields = {"job_title": job.title, "hourly_wage": wage, "weekly_hours": float(min(hours, 80)),
              "competitive_integrated": True, "field": job.field}
    miss, missed = None, None
    if mode == "miss":
        target = book.programs[must]
        others = [p for p in active if p.id != must]
        kinds = [k for k in _miss_kinds(target, person, mw) if k != "weekly_hours" or _hours(target, person)]
        miss, missed = rng.choice(kinds), must
        if miss == "hourly_wage":
            floor = _floor(target, mw)
            lowest = max([f for p in others if (f := _floor(p, mw)) is not None and f < floor] + [mw or 0.0, floor - 2.0])
            steps = [d for d in (0.25, 0.5, 0.75, 1.0, 1.5, 2.0) if floor - d >= lowest]
            fields["hourly_wage"] = round(floor - rng.choice(steps or [0.25]), 2)
        elif miss == "weekly_hours":
            fields["weekly_hours"] = float(max(1, math.ceil(_hours(target, person)) - rng.choice((2, 5, 10))))
        else:
            fields.update(job_title="Packer in a sheltered workshop", field="sheltered work", competitive_integrated=False,
                          hourly_wage=round(rng.uniform(4.0, max(5.0, (mw or 9.0) - 3.0)) * 4) / 4)
    facts = person.facts
    facts.update(hours=f"{fields['weekly_hours']:g}", wage_text=f"${fields['hourly_wage']:.2f}",
                 hours_part=rng.choice(("", f", about {fields['weekly_hours']:g} hours a week")))
    return Goal(**fields), miss, missed


def _confirm(book: Casebook, customer: Customer, mode: str, missed: str | None) -> None:
    """What the goal was made to do, checked with the plan checker's own rule (a slip here is a bug)."""
    goal = customer.proposed_goal
    gaps = {pid: outcome_gaps(goal, book.programs[pid], customer, book.minimum_wage)
            for pid, s in customer.eligibility.items() if s.counts}
    if mode == "meet" and any(gaps.values()):
        raise AssertionError(f"{customer.id}: a 'meet' goal has outcome gaps: {gaps}")
    if mode == "miss" and not gaps.get(missed or ""):
        raise AssertionError(f"{customer.id}: a 'miss' goal meets {missed}'s outcome rule")


def _new_id(person, ids: set[str], rng: random.Random) -> str:
    """The name as a slug and a short number: 'opal-harjo-417'."""
    slug = "-".join(fold(person.name).replace(".", " ").split())
    while True:
        candidate = f"{slug}-{rng.randint(100, 999)}"
        if candidate not in ids:
            ids.add(candidate)
            return candidate
