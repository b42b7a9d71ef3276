"""Who a practice customer is: their target populations and backgrounds, age, name, pronouns, past
work and benefits (decided first, since a program's eligibility rests on them), then, once their
barriers are known, the facts that make the barriers true: children, home, car, job goal, home country."""

from __future__ import annotations

import random

from ..vocab import BarrierType as B, Benefit as Bn, Population as P
from . import backgrounds as bg, words
from .facts import Person, fill, pronoun_facts

#: Populations that often come together, so a second one reads as one life.
ALSO: dict[P, tuple[P, ...]] = {
    P.veteran: (P.mental_illness, P.acquired_brain_injury, P.physical_disability, P.homelessness, P.substance_use),
    P.tanf_recipient: (P.mental_illness, P.substance_use, P.physical_disability),
    P.substance_use: (P.justice_involved, P.homelessness, P.mental_illness),
    P.mental_illness: (P.substance_use, P.homelessness, P.justice_involved),
    P.physical_disability: (P.mental_illness,),
    P.sensory_disability: (),
    P.acquired_brain_injury: (P.justice_involved, P.mental_illness),
    P.intellectual_or_developmental_disability: (P.youth_in_transition,),
    P.homelessness: (P.mental_illness, P.substance_use, P.veteran),
    P.justice_involved: (P.substance_use, P.homelessness),
    P.youth_in_transition: (P.intellectual_or_developmental_disability, P.mental_illness),
}
DISABLED = (P.physical_disability, P.sensory_disability, P.acquired_brain_injury,
            P.intellectual_or_developmental_disability)  # the populations with an onset age to record
_PLACES = (("on the east side", "the east side"), ("on the north end", "the north end"),
           ("in an outlying town", "an outlying town"), ("at the edge of town", "the edge of town"),
           ("out on a county road", "a county road outside town"), ("near the rail yards", "the rail yards"))


def _backgrounds(populations: list[P], rng: random.Random) -> dict[P, bg.Background] | None:
    chosen: dict[P, bg.Background] = {}
    for p in populations:
        fits = [b for b in bg.BACKGROUNDS if b.population == p and (b.needs is None or b.needs in populations)]
        chosen[p] = rng.choice(fits)
    lo, hi = max(b.ages[0] for b in chosen.values()), min(b.ages[1] for b in chosen.values())
    return chosen if lo <= hi else None


def new_person(rng: random.Random, primary: P, allowed: list[P], names: set[str]) -> Person:
    """The populations, backgrounds, age, name, past work and benefits of one customer."""
    populations = [primary]
    also = [p for p in ALSO[primary] if p in allowed]
    if also and rng.random() < 0.45:
        populations.append(rng.choice(also))
    chosen = _backgrounds(populations, rng) or _backgrounds(populations[:1], rng)
    assert chosen is not None
    populations = list(chosen)
    lo, hi = max(b.ages[0] for b in chosen.values()), min(b.ages[1] for b in chosen.values())
    age = rng.randint(lo, hi)
    pronouns = rng.choices(("she/her", "he/him", "they/them"), weights=(46, 46, 8))[0]
    for _ in range(50):
        first, last = rng.choice(words.FIRST_NAMES[pronouns]), rng.choice(words.LAST_NAMES)
        if f"{first} {last}" not in names:
            break
    names.add(f"{first} {last}")
    person = Person(first, last, pronouns, age, populations, backgrounds=chosen)
    youth = P.youth_in_transition in populations
    if not ((youth and age < 20 and rng.random() < 0.6) or (P.intellectual_or_developmental_disability in populations
                                                            and rng.random() < 0.5)):
        sighted = not any(b.key == "blind" for b in chosen.values())  # a customer blind from childhood did not drive
        person.past_job = rng.choice(words.PAST_JOBS if sighted else words.PAST_JOBS_BLIND)
        person.past_years = rng.randint(1, max(1, min(20, age - 18)))
    person.benefits = _benefits(person, rng)
    person.job_or_offer = rng.random() < 0.08
    person.facts = pronoun_facts(first, pronouns)
    return person


def _benefits(p: Person, rng: random.Random) -> list[Bn]:
    got: set[Bn] = set()
    if p.has(P.tanf_recipient):
        got |= {Bn.tanf} | ({Bn.snap} if rng.random() < 0.9 else set()) | ({Bn.medicaid} if rng.random() < 0.85 else set())
    if p.disabled and rng.random() < (0.7 if p.has(P.intellectual_or_developmental_disability) else 0.5):
        if (p.age < 26 or not p.past_job or rng.random() < 0.3) and Bn.tanf not in got:
            got |= {Bn.ssi, Bn.medicaid}
        else:
            got |= {Bn.ssdi} | ({Bn.medicare} if rng.random() < 0.7 else {Bn.medicaid})
    if p.has(P.veteran) and rng.random() < 0.6:
        got.add(Bn.va_disability)
    if p.has(P.homelessness, P.justice_involved, P.substance_use):
        got |= ({Bn.snap} if rng.random() < 0.6 else set()) | ({Bn.medicaid} if rng.random() < 0.6 else set())
    if not p.has(P.homelessness) and rng.random() < 0.08:
        got.add(Bn.housing_voucher)
    if (not got & {Bn.ssi, Bn.ssdi, Bn.tanf} and p.past_job and p.age >= 22
            and not p.has(P.homelessness, P.justice_involved, P.substance_use, P.veteran)
            and rng.random() < 0.15):
        got.add(Bn.unemployment_insurance)
    if rng.random() < 0.15:
        got.add(Bn.snap)
    return [b for b in Bn if b in got]


# --- the facts the barriers call for ------------------------------------------------------------


def settle(p: Person, rng: random.Random) -> None:
    """Children, partner, home, car, home country and the job goal, fitting the barriers; then every
    fact a template may use."""
    f = p.facts
    _family(p, rng)
    _home(p, rng)
    _car(p, rng)
    if B.english_language in p.barriers:
        p.origin = rng.choice(words.ORIGINS)
        first = p.past_years + 1 if p.past_job else 1  # the years of past work were worked here
        f.update(country=p.origin[0], language=p.origin[1],
                 origin_ago=f"{words.years(rng.randint(first, max(first, min(first + 10, p.age - 10))))} ago")
    _job(p, rng)
    at, area = rng.choice(_PLACES)
    f.update(home_at=at, home_area=area, bus_time=rng.choice(("over an hour", "an hour and a half", "nearly an hour")),
             family=rng.choice(("mother", "parents", "father", "grandmother")),
             relative=rng.choice(("sister", "aunt", "grandmother", "cousin", "brother")),
             shelter_weeks=rng.choice(("three weeks", "six weeks", "two months", "a month")),
             couch_time=words.months(rng.randint(2, 9)), ssi_it="both" if Bn.medicaid in p.benefits else "it",
             and_medicaid=" and Medicaid" if Bn.medicaid in p.benefits else "",
             and_medicare=" and Medicare" if Bn.medicare in p.benefits else "")
    if p.past_job:
        gap = rng.randint(1, max(1, min(4, p.age - 17 - p.past_years)))
        f.update(past_job=p.past_job[0], past_years=words.years(p.past_years), gap=words.years(gap))
    _background_facts(p, rng)


def _family(p: Person, rng: random.Random) -> None:
    tanf, care = p.has(P.tanf_recipient), B.childcare in p.barriers
    if tanf or care or (24 <= p.age <= 60 and rng.random() < 0.25):
        young = rng.randint(0, 11) if care else rng.randint(0, 15) if tanf else rng.randint(6, 17)
        young = max(young, p.age - 45)  # no parent older than 45 at a birth
        top = min(17, p.age - 16)
        more = rng.choice((0, 0, 1, 1, 2))
        young = max(young, 1) if more else young  # a baby is named alone: 'a baby son, Milo'
        ages = [min(young, top)] + [min(top, young + rng.randint(1, 8)) for _ in range(more)]
        kinds = [rng.choice(("son", "daughter")) for _ in ages]
        names = {k: rng.sample(words.CHILD_NAMES[k], k=kinds.count(k)) for k in ("son", "daughter")}
        p.kids = sorted(((k, a, names[k].pop()) for k, a in zip(kinds, ages)), key=lambda kid: -kid[1])
    chance = 0.15 if tanf else 0.35 if p.kids else 0.3 if p.age >= 22 else 0
    if not p.has(P.homelessness) and p.age >= 20 and rng.random() < chance:
        p.partner = rng.choice({"she/her": ("husband", "partner", "boyfriend"), "he/him": ("wife", "partner", "girlfriend"),
                                "they/them": ("partner",)}[p.pronouns])
    f = p.facts
    f["partner"] = p.partner or "partner"
    f["with_partner"] = f", with {f['pos']} {p.partner}" if p.partner else f", on {f['pos']} own"
    if p.kids:
        kind, age, name = min(p.kids, key=lambda k: k[1])
        f.update(kid=name, Kid=name, kid_age="not yet one" if age == 0 else words.number(age))
        if len(p.kids) == 1:
            f["kids_phrase"] = (f"a baby {kind}, {name}" if age == 0 else _a(f"{words.number(age)}-year-old {kind}, {name}"))
        else:
            f["kids_phrase"] = (f"{words.number(len(p.kids))} children, " + ", ".join(n for _, _, n in p.kids[:-1])
                                + f" and {p.kids[-1][2]}, aged " + ", ".join(str(a) for _, a, _ in p.kids[:-1])
                                + f" and {p.kids[-1][1]}")


def _home(p: Person, rng: random.Random) -> None:
    keys = {b.key for b in p.backgrounds.values()}
    if p.has(P.homelessness):
        options = ["shelter"] if p.kids else ["shelter", "shelter", "car", "couch", "camp"]
    elif B.housing in p.barriers:
        options = ["eviction", "crowded", "trailer"] + (["recovery"] if p.has(P.substance_use) else []) \
            + (["halfway"] if "prison" in keys else []) + (["foster", "foster"] if "foster" in keys and p.age <= 18 else [])
    elif p.age < 18:
        options = ["foster_home"] if "foster" in keys else ["parents"]
    elif p.partner:
        options = ["partner", "partner"] + (["own_house"] if p.age >= 35 else [])
    else:
        options = (["apartment", "relative"] if p.kids else ["alone", "apartment", "relative"]) \
            + (["parents"] if p.age < 35 and "foster" not in keys else []) + (["own_house"] if p.age >= 45 else []) \
            + (["group_home", "parents"] if p.has(P.intellectual_or_developmental_disability) and not p.kids else []) \
            + (["supported"] if p.has(P.mental_illness) and not p.kids else [])
    p.home = rng.choice(options)


def _car(p: Person, rng: random.Random) -> None:
    no_drive = next((b for b in p.backgrounds.values() if b.no_drive), None)
    if no_drive:
        p.facts["drive_reason"] = {"seizures": "seizures", "blind": "blindness"}.get(no_drive.key, "eyesight")
    if B.transportation in p.barriers:
        if no_drive:
            p.car = "cannot_drive"
        elif p.home == "car":
            p.car = "unreliable"
        else:
            p.car = rng.choice(["none", "none", "unreliable"] + (["suspended"] if p.has(P.justice_involved) else [])
                               + (["no_license", "no_license"] if p.age < 21 else []))
    else:
        p.car = "rides" if no_drive else "own" if p.home == "car" else rng.choice(("own", "own", "bus", "rides"))


def _job(p: Person, rng: random.Random) -> None:
    heavy_ok = not any(b.no_heavy for b in p.backgrounds.values())
    drives = p.car in ("own", "unreliable", "none", "bus") and p.age >= 18
    keys = {b.key for b in p.backgrounds.values()}
    fits = [j for j in words.JOBS if (heavy_ok or "heavy" not in j.tags) and (drives or "license" not in j.tags)
            and (not p.has(P.justice_involved) or "check" not in j.tags)
            and ("peer" not in j.tags or p.has(P.mental_illness, P.substance_use))
            and not ({"deaf", "hearing"} & keys and "phone" in j.tags)]
    if p.trade:
        fits = [j for j in fits if words.trade_program(j, p.trade)] or fits
    p.job = rng.choice(fits)
    f = p.facts
    f.update(job_a=_a(_lower_first(p.job.title)), field=p.job.field, job_place=p.job.place,
             job_place_short=_short(p.job.place), Job_place_cap=_short(p.job.place)[:1].upper() + _short(p.job.place)[1:],
             interest_lower=_lower_first(p.job.interest))
    if p.job.credential and not p.job_or_offer and (B.skills_or_credentials in p.barriers or rng.random() < 0.5):
        f["credential"] = p.job.credential
    if "dropout" in keys or (p.age >= 20 and B.literacy in p.barriers and rng.random() < 0.3):
        f["no_diploma"] = "yes"


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _a(text: str) -> str:
    """'an HVAC ...', 'an eleven-year-old', 'a one-year-old', 'a uniform'."""
    first = text.split()[0].split("-")[0] if text else ""
    if len(first) > 1 and first[:2].isupper():  # an acronym is read letter by letter
        return ("an " if first[0] in "AEFHILMNORSX" else "a ") + text
    if first.lower().startswith(("one", "uni", "use", "eu")):
        return "a " + text
    return ("an " if first[:1].lower() in "aeiou" else "a ") + text


def _short(place: str) -> str:
    """'a nursing home on the north side' -> 'the nursing home'."""
    for cut in (" on the ", " near ", " by ", " off ", " across ", " outside ", " downtown"):
        place = place.split(cut)[0]
    return "the " + place.split(" ", 1)[1] if place.startswith(("a ", "an ")) else place


def _background_facts(p: Person, rng: random.Random) -> None:
    """Each background's own facts (years ago, the offense, the branch of service ...), kept apart
    per population so two backgrounds never share an 'ago'; the barrier details they bring are
    filled with them."""
    f = p.facts
    p.overlays = {}
    onsets = []
    service = (0, 0)  # a veteran's years since leaving, and years served: a blast in service falls inside them
    for pop, b in sorted(p.backgrounds.items(), key=lambda item: item[0] != P.veteran):
        o: dict[str, str] = {}
        if b.onset == (0, 0):
            onsets.append(0)  # from birth
        elif b.onset:
            lo, hi = b.onset
            youngest = 16 if pop == P.mental_illness else 14  # the age a condition or injury in the story began
            n = rng.randint(lo, max(lo, min(hi, p.age - youngest)))
            if b.needs == P.veteran and service[0]:
                n = service[0] + rng.randint(0, max(0, service[1] - 1))
            o.update(ago=f"{words.years(n)} ago", onset_n=words.years(n))
            o["ago_cap"] = o["ago"][:1].upper() + o["ago"][1:]
            if pop in DISABLED:
                onsets.append(p.age - n)
        if pop == P.veteran:
            branch, roles = rng.choice(bg.BRANCHES)
            served = rng.randint(2, max(2, min(12, p.age - 22)))
            gone = rng.randint(1, max(1, min(25, p.age - 19 - served)))
            if p.past_job and p.past_years > gone:  # the civilian years came after the service
                p.past_years = gone
                f["past_years"] = words.years(gone)
            o.update(branch=branch, role=rng.choice(roles), served=words.years(served), ago=f"{words.years(gone)} ago",
                     Branch_a=("An " if branch[0] in "AEIOU" else "A ") + branch)
            service = (gone, served)
            o["ago_cap"] = o["ago"][:1].upper() + o["ago"][1:]
        if pop == P.justice_involved:
            released = f"{words.months(rng.randint(1, 10))} ago"
            inside = rng.randint(1, max(1, min(8, p.age - 19)))
            o.update(offense=rng.choice(bg.OFFENSES), released=released, Released_cap=released[:1].upper() + released[1:],
                     prison_time=words.years(inside))
            f.update(offense=o["offense"], justice=b.key)
            if b.key == "prison" and p.past_job:  # no job while inside
                f["gap"] = words.years(inside)
        if pop == P.substance_use:
            o["sober"] = words.months(rng.randint(3, 20))
            o["sober_cap"] = o["sober"][:1].upper() + o["sober"][1:]
        if pop == P.tanf_recipient:
            o.update(tanf_time=words.months(rng.randint(3, 30)),
                     tanf_since=rng.choice(("last spring", "last fall", "the start of the year", "last summer")))
        if pop == P.homelessness:
            since = rng.choice(("last spring", "last fall", "last winter", "early this year"))
            o.update(homeless_since=since, Homeless_since_cap=since[:1].upper() + since[1:],
                     homeless_why=rng.choice(bg.HOMELESS_WHY))
        if pop == P.youth_in_transition:
            f["youth"] = b.key
            if p.age < 18:
                since = words.number(rng.randint(10, p.age - 2))
                o["foster"] = (f"has been in foster care since age {since} and turns 18 in "
                               + ("[four|five|seven] months" if p.age == 17 else "a year or so"))
            else:
                o["foster"] = "aged out of foster care at 18 and has been on {pos} own since"
            o["school_iep"] = "is finishing high school" if p.age <= 18 else f"finished high school {words.years(p.age - 18)} ago"
        if pop == P.sensory_disability:
            f["sensory"] = b.key
        mine = {**f, **o}
        o = {k: fill(v, mine, rng, cap=False) for k, v in o.items()}
        mine.update(o)
        for k, v in b.facts.items():
            o[k] = fill(v, mine, rng, cap=False)
        f.update({k: v for k, v in o.items() if k in ("use", "treatment", "supervision", "sober")})
        for key, text in (("accommodation", b.accommodation), ("tech", b.tech), ("literacy_bg", b.literacy)):
            if text and key not in f:
                f[key] = fill(text, mine, rng)
        if b.health and b.health_type:
            key = "bh_health" if b.health_type == B.behavioural_health else "ph_health"
            f.setdefault(key, fill(b.health, mine, rng))
        p.overlays[pop] = {**o}
    if "tech" not in f and p.has(P.physical_disability):
        f["tech"] = fill("Needs an ergonomic chair, a sit-stand desk and a headset so {sub} can work without pain.", f, rng)
    p.onset_age = min(onsets) if onsets else None
    p.legally_blind = any(b.legally_blind for b in p.backgrounds.values())
