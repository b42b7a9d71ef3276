"""A practice customer's story, strengths and interests, from their facts: who they are, where they
are now, what they want. The sentences come in several shapes and orders, so five hundred stories
do not read alike; every fact a sentence states is one the barriers' details share."""

from __future__ import annotations

import random

from ..model import Goal
from ..vocab import BarrierType as B, Benefit, Population
from .facts import Person, fill
from .words import HOBBIES, TRAITS

HOMES: dict[str, tuple[str, ...]] = {
    "alone": ("{Sub} live{s} alone {home_at}.", "{Name} lives by {refl} in a small apartment {home_at}."),
    "apartment": ("{Sub} rent{s} a small apartment {home_at}.", "{Name} rents a two-bedroom apartment {home_at}."),
    "parents": ("{Sub} live{s} with {pos} {family} {home_at}.", "For now {name} lives with {pos} {family} {home_at}."),
    "relative": ("{Sub} live{s} with {pos} {relative} {home_at}.", "{Name} shares a house {home_at} with {pos} {relative}."),
    "partner": ("{Sub} live{s} with {pos} {partner} {home_at}.", "{Name} and {pos} {partner} rent a place {home_at}."),
    "own_house": ("{Sub} own{s} a small house {home_at}.", "{Name} still lives in the house {sub} bought {home_at} years ago."),
    "group_home": ("{Sub} live{s} in a group home with three housemates and staff who help with cooking and money.",),
    "supported": ("{Sub} live{s} in a supported apartment, and a case manager visits every week.",),
    "foster_home": ("{Sub} live{s} with a foster family {home_at}.",),
}

WANTS: tuple[str, ...] = (
    "{Sub} want{s} to work as {job_a}{hours_part}.",
    "What {name} wants now is steady work in {field}, ideally as {job_a}.",
    "{Pos} goal is a job as {job_a} at {job_place}{hours_part}.",
    "{Name} has set {pos} sights on becoming {job_a}.",
    "{Name} would like to find work as {job_a}; {sub} {has} always been drawn to {interest_lower}.",
    "Now {sub} want{s} a job as {job_a}, and {has} heard that {job_place_short} is hiring.",
)
WANTS_FIRST: tuple[str, ...] = (
    "{Name} wants to work as {job_a}{hours_part}.",
    "{Name} has one clear goal: a job as {job_a}.",
    "Ask {name} what {sub} want{s}, and the answer comes quickly: a job as {job_a}.",
    "{Name} knows the job {sub} want{s}: {job_a}{hours_part}.",
    "If {name} had to name one goal, it would be work as {job_a}.",
    "Steady work as {job_a} is what {name} is after.",
    "{Name} is looking for work as {job_a}{hours_part}.",
    "Work as {job_a} is {name}'s goal, and {sub} {has} thought it through.",
)
OFFER = ("{Name} has been offered a job as {job_a} at {job_place}, starting in [two|three] weeks.",
         "{Job_place_cap} has offered {name} a job as {job_a}, to start [next month|in two weeks].")
MISS = {
    "hourly_wage": ("The pay {sub} {has} been quoted is {wage_text} an hour, and {sub} plan{s} to take it.",
                    "{Pos} plan is to start at {wage_text} an hour."),
    "weekly_hours": ("{Sub} want{s} to start small, with {hours} hours a week.",
                     "For now {sub} only want{s} {hours} hours a week."),
    "competitive_integrated": ("A day program has offered {obj} a place in its sheltered workshop, packing parts "
                               "alongside other people with disabilities for {wage_text} an hour, and {sub} {is} "
                               "thinking of taking it.",
                               "A sheltered workshop has a place for {obj}, packing parts with other people with "
                               "disabilities at a piece rate of about {wage_text} an hour, and {name} is leaning toward it."),
}
WORK = ("{Name} worked as {past_job} for {past_years}.", "For {past_years} {name} worked as {past_job}.",
        "{Sub} spent {past_years} working as {past_job}.")
LAID_OFF = ("{Name} worked as {past_job} for {past_years} until a layoff [two|three|four] months ago.",)
NEVER = ("{Sub} {has} never had a paid job.", "{Name} has not held a paid job yet.")
SYSTEMS = ("{Sub} already get{s} help from {program}.", "{Pos} worker at {program} thought a team could help.",
           "{Name} is already known to {program}.")
BENEFITS = ("{Sub} receive{s} {benefits}.", "{Sub} get{s} {benefits}.")
CLOSINGS = (
    "{Sub} {is} nervous about [interviews|starting over|being the oldest one there], but ready to try.",
    "{Name} says {sub} want{s} a job {sub} can keep, not just any job.",
    "More than anything, {sub} want{s} to [pay {pos} own way|be around people again|show {pos} family {sub} can do it].",
    "{Sub} would rather start small and keep the job than start big and lose it.",
    "{Name} knows what {sub} can do; the hard part is getting someone to see it.",
    None, None,
)
_BENEFIT_WORDS = {Benefit.ssi: "SSI", Benefit.ssdi: "SSDI", Benefit.snap: "SNAP", Benefit.medicaid: "Medicaid",
                  Benefit.medicare: "Medicare", Benefit.housing_voucher: "a housing voucher",
                  Benefit.va_disability: "VA disability compensation",
                  Benefit.unemployment_insurance: "unemployment benefits"}


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def tell(person: Person, goal: Goal, miss: str | None, told: list[str], programs: list[str],
         rng: random.Random) -> str:
    """The story: ``told`` are the barriers' own story sentences, ``programs`` the names of systems used,
    ``miss`` the goal field that knowingly misses a program's rule (or None)."""
    f = person.facts
    say = lambda options: fill(rng.choice(options), f, rng)  # noqa: E731
    intro = [fill(rng.choice(person.backgrounds[p].intro), {**f, **person.overlays[p]}, rng) for p in person.populations]
    home = [say(HOMES[person.home])] if person.home in HOMES else []
    if person.kids and not person.has(Population.tanf_recipient):
        home.append(say(("{Sub} and {pos} {partner} are raising {kids_phrase}.",) if person.home == "partner" else
                        ("{Sub} {has} {kids_phrase}.", "{Name} is raising {kids_phrase}{with_partner}.")))
    if Benefit.unemployment_insurance in person.benefits:
        work = [say(LAID_OFF)]
    elif person.past_job:
        work = [say(WORK)] if rng.random() < 0.8 else []
    else:
        work = [say(NEVER)] if rng.random() < 0.5 else []
    money = [w for b, w in _BENEFIT_WORDS.items() if b in person.benefits]
    extra = []
    if money and rng.random() < 0.35 and B.benefits_and_work_incentives not in person.barriers:
        extra.append(fill(rng.choice(BENEFITS), {**f, "benefits": _and(money)}, rng))
    if programs and rng.random() < 0.45:
        extra.append(fill(rng.choice(SYSTEMS), {**f, "program": rng.choice(programs)}, rng))
    if person.job_or_offer:
        want = [say(OFFER)]
    else:
        want = [say(WANTS)]
    if miss:
        want.append(say(MISS[miss]))
    close = rng.choice(CLOSINGS)
    ending = [fill(close, f, rng)] if close else []
    shape = rng.randrange(4)
    if shape == 0:
        parts = intro + home + work + told + extra + want + ending
    elif shape == 1 and not person.job_or_offer and not miss:
        parts = [say(WANTS_FIRST)] + intro + work + home + told + extra + ending
    elif shape == 2:
        parts = intro + work + want + told + home + extra + ending
    else:
        parts = intro[:1] + home + intro[1:] + told + work + extra + want + ending
    return " ".join(parts)


def strengths(person: Person, rng: random.Random) -> list[str]:
    """Two to four: what their past work and background taught them, then traits of their own."""
    own = [person.past_job[1]] if person.past_job else []
    own += [fill(line, {**person.facts, **person.overlays[p]}, rng) for p in person.populations
            if (line := person.backgrounds[p].strength)]
    if person.origin:
        own.append(f"Speaks {person.origin[1]}, and is learning English quickly")
    want = rng.randint(2, 4)
    return (own + rng.sample(TRAITS, k=4))[:want] if len(own) < want else own[:want]


def interests(person: Person, rng: random.Random) -> list[str]:
    assert person.job is not None
    return [person.job.interest] + rng.sample(HOBBIES, k=rng.randint(0, 2))
