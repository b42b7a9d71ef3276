"""Exercise 3, build the team: a partner for each of the customer's barriers, and the applications
the plan must include."""

from __future__ import annotations

import re
from typing import Any

from ..inputs.casebook import Casebook
from ..model import Customer, Program
from ..vocab import BarrierType, SystemType
from .cases import exercise_casebook
from .answers import Answer, as_answer
from .feedback import Feedback, Sign, guarded
from .lines import answer_lines
from .reading import Candidate, Note, Reading, Resolver, fold, shown, tokens

APPLY_KEYS = ("help her apply to", "help her apply", "help_her_apply_to", "help him apply to", "help them apply to", "help to apply to", "apply to",
              "applications", "application", "apply for", "help apply")


def program_resolver(book: Casebook) -> Resolver:
    return Resolver([Candidate(p.id, f"{p.id} ({p.name})", names=(p.name,), words=(p.partner_role,))
                     for p in book.programs.values()], "program in the directory")


def read_program(name: str, book: Casebook, programs: Resolver) -> Reading:
    """A program from its id or name or, failing those, from the name of one of its services."""
    r = programs.read(name)
    if r.ok or r.options:
        return r
    services = Resolver([Candidate(f"{p.id}\t{s.id}", f"{p.name}'s service '{s.name}'", names=(s.id, s.name))
                         for p in book.programs.values() for s in p.services], "service")
    found = services.read(name)
    owners = sorted({o.split("\t")[0] for o in (found.options or ([found.value] if found.ok else []))})
    if len(owners) == 1:
        service = found.value.split("\t")[1] if found.ok else "one of its services"
        label = next(c.label for c in services.candidates if c.id.startswith(owners[0] + "\t") and
                     (not found.ok or c.id == found.value))
        return Reading(owners[0]).noted(f"read '{shown(name)}' as {owners[0]}, for {label if found.ok else service}", guess=True)
    if len(owners) > 1:
        return Reading(problem=f"'{shown(name)}' is a service of several programs ({', '.join(owners)}); name the program.",
                       options=tuple(owners))
    words = tokens(name)  # 'Valley Ride paratransit': a program named together with one of its services
    both = [p for p in book.programs.values()
            if words and words <= tokens(p.name) | tokens(p.id.replace("-", " ")) | {w for s in p.services for w in tokens(s.name)}
            and words & (tokens(p.name) | tokens(p.id.replace("-", " ")))]
    if len(both) == 1:
        return Reading(both[0].id).noted(f"read '{shown(name)}' as {both[0].id} ({both[0].name})", guess=True)
    return r


def barrier_resolver() -> Resolver:
    return Resolver([Candidate(b.value, b.label, names=(b.label, b.value.replace("_", " "))) for b in BarrierType],
                    "barrier")


def _names(value: str) -> list[str]:
    value = value.strip().strip("[]")
    parts = [p.strip().strip("\"'").strip() for p in re.split(r"\s*(?:,|;|/|\+|&|\band\b)\s*", value)]
    return [p for p in parts if p]


def _split_unmarked(field: str, barriers: Resolver) -> tuple[str, str] | None:
    """'transportation valley-ride' (no colon): the longest leading words that name a barrier."""
    words = field.strip().split()
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(words[:cut])
        r = barriers.read(head)
        if r.ok and not r.notes or r.ok and all(not n.guess for n in r.notes):
            return head, " ".join(words[cut:])
    return None


def read_team_answer(text: str, customer: Customer, book: Casebook) -> tuple[dict[BarrierType, list[str]], set[str],
                                                                                  list[str], list[Note]]:
    """The team answer as {barrier: [program ids]}, the programs to help with an application, the
    lines that could not be read (plain words), and how each part was read."""
    barriers, programs = barrier_resolver(), program_resolver(book)
    mine = {b.type for b in customer.barriers}
    team: dict[BarrierType, list[str]] = {}
    applying: set[str] = set()
    problems: list[str] = []
    notes: list[Note] = []
    rows = answer_lines(text)
    rows.sort(key=lambda row: not _is_apply(row[1]))  # applications first: they settle what a name is worth
    for number, field, value in rows:
        if field.endswith("\t"):
            split = _split_unmarked(field, barriers)
            if split is None:
                problems.append(f"Line {number} ('{shown(field.strip())}') names no barrier, so it was not counted.")
                continue
            field, value = split
            notes.append(Note.at(number, f"read '{shown(field)} {shown(value)}' as '{field}: {value}' "
                              "(the colon is missing)", guess=True))
        if _is_apply(field):
            for name in _names(value):
                r = read_program(name, book, programs)
                notes += Note.all_at(number, r.notes)
                if r.ok:
                    applying.add(r.value)
                else:
                    problems.append(f"Line {number}: {r.problem}")
            continue
        b = barriers.read(field, among=[t.value for t in mine])
        if not b.ok:
            problems.append(f"Line {number}: '{shown(field)}' is not one of {customer.first_name}'s barriers, so it was "
                            "not counted.")
            continue
        notes += Note.all_at(number, b.notes)
        barrier = BarrierType(b.value)
        if barrier not in mine:
            problems.append(f"{customer.first_name} has no {barrier.label} barrier in her record; line {number} was not "
                            "counted.".replace(" her ", f" {_their(customer)} "))
            continue
        chosen = team.setdefault(barrier, [])
        for name in _names(value):
            r = read_program(name, book, programs)
            if not r.ok and r.options:  # a name for several programs counts when they all score alike
                outcomes = {program_points(book.programs[o], barrier, customer, o in applying)[0] for o in r.options}
                if len(outcomes) == 1:
                    r = Reading(r.options[0]).noted(f"'{shown(name)}' could be {_and(list(r.options))}; each scores "
                                                    "the same here", guess=True)
            notes += Note.all_at(number, r.notes)
            chosen.append(r.value if r.ok else f"?{name}\t{r.problem}")
    return team, applying, problems, notes


def _is_apply(field: str) -> bool:
    return fold(field.rstrip("\t")) in APPLY_KEYS


def _their(customer: Customer) -> str:
    return {"she/her": "her", "he/him": "his"}.get(customer.pronouns or "", "their")


def _possible(team, customer_id, book=None, points_per_barrier: float = 1, points: float | None = None) -> float:
    book = exercise_casebook(book, customer_id)
    return points if points is not None else points_per_barrier * len({b.type for b in book.customers[customer_id].barriers})


@guarded(_possible, "The team")
def grade_team(team: Answer | Any, customer_id: str, book: Casebook | None = None,
               points_per_barrier: float = 1, points: float | None = None) -> Feedback:
    """A point for each of the customer's barriers given to a program that addresses it and that the
    customer can use; half while eligibility is pending and no application is planned. Several
    programs named for one barrier share its point. The lines say why, in the IRT's words. With
    ``points``, the barriers share that many points (a case of one's own may have more or fewer)."""
    book = exercise_casebook(book, customer_id)
    customer = book.customers[str(customer_id)]
    if points is not None:
        points_per_barrier = points / max(len({b.type for b in customer.barriers}), 1)
    given = as_answer(team, "team")
    text = given.value if isinstance(given.value, str) else ""
    chosen, applying, problems, notes = read_team_answer(text, customer, book)
    barriers = list(dict.fromkeys(b.type for b in customer.barriers))
    fb = Feedback(0, points_per_barrier * len(barriers), list(problems), "The team", list(given.notes) + notes)
    for barrier in barriers:
        named = chosen.get(barrier, [])
        if not named:
            fb.lines.append(f"The {barrier.label} barrier has no partner yet: name a program for it.")
            fb.signs.append(Sign("no_partner", barrier.value, f"the {barrier.label} barrier left without a partner"))
            continue
        share = points_per_barrier / len(named)
        for program_id in named:
            if program_id.startswith("?"):
                name, problem = program_id[1:].split("\t", 1)
                fb.lines.append(f"For the {barrier.label} barrier: {problem}")
                continue
            earned, why = program_points(book.programs[program_id], barrier, customer, program_id in applying)
            fb.points += share * earned
            if earned < 1:
                name = book.programs[program_id].name
                fb.signs.append(Sign("wrong_partner", f"{barrier.value}:{program_id}",
                                     f"{name} named for the {barrier.label} barrier" if earned == 0 else
                                     f"{name} named for the {barrier.label} barrier while eligibility is pending, with "
                                     "no application planned", value=program_id))
            if why:
                fb.lines.append(why + (f" ({share * earned:g} of {share:g})" if len(named) > 1 else ""))
    extra = sorted(applying - {p for ps in chosen.values() for p in ps})
    if extra:
        fb.lines.append(f"{_and([book.programs[p].name for p in extra])} {'is' if len(extra) == 1 else 'are'} listed to "
                        "apply to but given no barrier; that costs nothing, but the application needs a reason in the plan.")
    return fb


def program_points(program: Program, barrier: BarrierType, customer: Customer, application_planned: bool) -> tuple[float, str]:
    """(share of the barrier's point, the reason in plain words when not the whole point)."""
    first = customer.first_name
    helps = [s for s in program.services if barrier in s.addresses]
    if not helps:
        offers = _and(sorted({b.label for s in program.services for b in s.addresses})) or "none of the barriers"
        return 0, (f"{program.name} offers nothing for the {barrier.label} barrier (its services help with {offers}); "
                   "choose a partner whose services address it.")
    if program.system == SystemType.employer and program.id not in customer.systems_used:
        return 0, (f"{program.name} is an employer: its help is for its own staff and applicants, and {first} does not "
                   "work or apply there. Support at work comes from the employer she chooses, with VR or an advocate."
                   .replace(" she ", f" {_pronoun(customer)} "))
    ruled_out = customer.ruled_out_by(program)
    if ruled_out:
        return 0, f"{program.name} cannot serve {first}: {ruled_out}."
    status = customer.status_with(program.id)
    if status is not None and status.value == "not_eligible":
        return 0, f"{first} is not eligible for {program.name}; choose a partner she can use.".replace(" she ", f" {_pronoun(customer)} ")
    if not program.eligibility.determined or (status is not None and status.counts):
        return 1, ""
    where = status.label if status else "no application yet"
    if application_planned:
        return 1, ""
    return 0.5, (f"{program.name} can address the {barrier.label} barrier, but {first} is not eligible there yet "
                 f"({where}): list it under help_her_apply_to so the plan includes the application, or choose a partner "
                 f"where {first} is already eligible. Half a point.")


def _pronoun(customer: Customer) -> str:
    return {"she/her": "she", "he/him": "he"}.get(customer.pronouns or "", "they")


def _and(words: list[str]) -> str:
    words = list(words)
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
