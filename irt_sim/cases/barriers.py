"""Barriers as a practice customer lives them: which barriers fit which target population, and for
each barrier the ways it can look, each with the detail sentence of the customer file and, for some,
a sentence the story may tell. A way is used only where the customer's facts allow it (no 'no car'
for a customer sleeping in their car), so the detail and the story agree.

Templates follow irt_sim.cases.facts: ``{key}`` for a fact, ``[a|b]`` for a choice of words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..vocab import BarrierType as B, Benefit as Bn, Population as P
from .facts import Person


@dataclass(frozen=True)
class Way:
    detail: str
    story: str | None = None
    need: Callable[[Person], bool] = lambda p: True


def _w(detail: str, story: str | None = None, need: Callable[[Person], bool] | None = None) -> Way:
    return Way(detail, story, need or (lambda p: True))


def _fact(key: str) -> Callable[[Person], bool]:
    return lambda p: key in p.facts


def _home(*homes: str) -> Callable[[Person], bool]:
    return lambda p: p.home in homes


def _car(*cars: str) -> Callable[[Person], bool]:
    return lambda p: p.car in cars


def _youngest(lo: int, below: int) -> Callable[[Person], bool]:
    return lambda p: p.youngest is not None and lo <= p.youngest < below


def _gets(benefit: Bn) -> Callable[[Person], bool]:
    return lambda p: benefit in p.benefits


#: How much each barrier weighs for anyone, before the populations add theirs.
BASE: dict[B, float] = {
    B.transportation: 5, B.housing: 2, B.benefits_and_work_incentives: 2, B.skills_or_credentials: 5,
    B.behavioural_health: 1, B.physical_health: 2, B.substance_use: 0, B.justice_involvement: 0, B.childcare: 1,
    B.assistive_technology: 1, B.accommodations: 2, B.literacy: 1.5, B.work_history: 3, B.financial_hardship: 3,
    B.identity_documents: 1, B.digital_access: 1.5, B.english_language: 0.8, B.social_isolation: 1.5,
}

#: What each population adds (a veteran may have a barrier with VA benefits or discharge papers, a
#: TANF recipient childcare ...).
BY_POPULATION: dict[P, dict[B, float]] = {
    P.tanf_recipient: {B.childcare: 8, B.work_history: 3, B.benefits_and_work_incentives: 3, B.financial_hardship: 3,
                       B.transportation: 2},
    P.substance_use: {B.substance_use: 9, B.housing: 2, B.work_history: 2, B.social_isolation: 2},
    P.mental_illness: {B.behavioural_health: 9, B.accommodations: 3, B.work_history: 2, B.social_isolation: 2,
                       B.benefits_and_work_incentives: 2},
    P.physical_disability: {B.physical_health: 6, B.accommodations: 5, B.assistive_technology: 3,
                            B.benefits_and_work_incentives: 2},
    P.sensory_disability: {B.assistive_technology: 8, B.accommodations: 5, B.social_isolation: 2},
    P.acquired_brain_injury: {B.accommodations: 6, B.behavioural_health: 3, B.physical_health: 2,
                              B.assistive_technology: 2, B.literacy: 2},
    P.intellectual_or_developmental_disability: {B.accommodations: 6, B.literacy: 5, B.work_history: 4,
                                                 B.social_isolation: 2, B.assistive_technology: 1},
    P.homelessness: {B.housing: 20, B.identity_documents: 4, B.digital_access: 2, B.financial_hardship: 3},
    P.veteran: {B.benefits_and_work_incentives: 4, B.identity_documents: 3, B.work_history: 2},
    P.justice_involved: {B.justice_involvement: 9, B.identity_documents: 3, B.work_history: 3, B.housing: 2,
                         B.financial_hardship: 2},
    P.youth_in_transition: {B.work_history: 5, B.skills_or_credentials: 4, B.identity_documents: 2, B.housing: 1,
                            B.social_isolation: 2},
}

#: Barriers a customer can have only with something in their record (a substance use barrier goes with
#: the substance use population, a benefits question with a benefit).
_DISABLED = (P.mental_illness, P.physical_disability, P.sensory_disability, P.acquired_brain_injury,
             P.intellectual_or_developmental_disability)
POSSIBLE: dict[B, Callable[[Person], bool]] = {
    B.substance_use: lambda p: p.has(P.substance_use),
    B.justice_involvement: lambda p: p.has(P.justice_involved),
    B.behavioural_health: lambda p: p.has(P.mental_illness, P.acquired_brain_injury),
    B.accommodations: lambda p: p.has(*_DISABLED),
    B.assistive_technology: lambda p: p.has(P.physical_disability, P.sensory_disability, P.acquired_brain_injury,
                                            P.intellectual_or_developmental_disability),
    B.benefits_and_work_incentives: lambda p: bool(p.benefits),
    B.childcare: lambda p: 19 <= p.age <= 55,  # a parent of a child under 12
    B.english_language: lambda p: not p.has(P.veteran),  # a veteran's years of service and a recent move do not mix
}

WAYS: dict[B, tuple[Way, ...]] = {
    B.transportation: (
        _w("Has no car; the bus from {home_area} to {job_place} takes {bus_time} each way and [stops running at seven "
           "in the evening|does not run on Sundays].", "{Sub} {has} no car and rel{ies} on a bus that [runs every half "
           "hour in town|comes three times a day out {pos} way].", _car("none")),
        _w("Has no car, and early shifts start before the first bus at [5:40|6:10] in the morning.",
           "Without a car, {name} walks or waits for the bus.", _car("none")),
        _w("Drives a [twenty-year-old|high-mileage] [pickup|sedan|minivan] that breaks down every few weeks; {sub} "
           "cannot afford the next repair.", "{Pos} old car is running on borrowed time.", _car("unreliable")),
        _w("{Pos} driver's license is suspended until {sub} pay{s} [$640|$900|$1,150] in old fines and fees, so {sub} "
           "walk{s} or ask{s} for rides.", "{Pos} driver's license is suspended over unpaid fines.", _car("suspended")),
        _w("Cannot drive because of {pos} {drive_reason}; paratransit must be booked a day ahead and runs only in town.",
           "{Sub} cannot drive, and paratransit only covers the middle of town.", _car("cannot_drive")),
        _w("Has no driver's license yet, and no one at home can drive {obj} to {job_place}.",
           "{Sub} {has} no driver's license yet.", _car("no_license")),
    ),
    B.housing: (
        _w("Staying at a shelter with a [60|90]-day limit and a [nine|ten] o'clock curfew; {sub} {is} on the waiting "
           "list for housing but {has} no move-in date.", "{Sub} {has} been staying at a shelter for {shelter_weeks}.",
           _home("shelter")),
        _w("Sleeping in {pos} car [behind a church|in a store parking lot]; {sub} shower{s} at a friend's place and "
           "keep{s} {pos} papers in the trunk.", "{Sub} sleep{s} in {pos} car most nights.", _home("car")),
        _w("Has been sleeping on friends' couches for {couch_time}, moving every few weeks, with nowhere to keep work "
           "clothes or get a full night's sleep.", "{Sub} {has} been sleeping on friends' couches for {couch_time}.",
           _home("couch")),
        _w("Sleeps in a tent at a camp by the river; the camp is cleared every few weeks and {pos} things go with it.",
           "{Sub} sleep{s} in a tent at a camp by the river.", _home("camp")),
        _w("[Two|Three] months behind on rent after {pos} hours were cut; the landlord has filed to evict.",
           "{Sub} {is} behind on rent, and the landlord has filed to evict.", _home("eviction")),
        _w("{Pos} bed at a sober-living house ends in [six|eight] weeks, and {sub} {has} no place lined up and no "
           "deposit.", "{Sub} live{s} in a sober-living house for now.", _home("recovery")),
        _w("Lives at a transitional house for people leaving prison and must move out in [three|four] months; few "
           "landlords rent to someone with a record.", "{Sub} live{s} in a transitional house for now.", _home("halfway")),
        _w("{Pos} foster placement ends soon after {sub} turn{s} 18, and {sub} {has} no place lined up.", None,
           _home("foster")),
        _w("Shares a two-bedroom apartment with [five|six] relatives; there is no quiet place to sleep before an early "
           "shift, and {sub} {is} on the housing waiting list.", "{Sub} share{s} a crowded apartment with relatives.",
           _home("crowded")),
        _w("Rents a trailer with no working heat and a leaking roof; the landlord will not fix it, and rent takes most "
           "of {pos} income.", "{Sub} rent{s} a run-down trailer outside town.", _home("trailer")),
    ),
    B.benefits_and_work_incentives: (
        _w("Receives SSI{and_medicaid} and fears that any paycheck will end {ssi_it}; no one has explained how SSI "
           "counts earnings.", "{Sub} receive{s} SSI and worr{ies} about losing it.", _gets(Bn.ssi)),
        _w("Receives SSDI{and_medicare} and does not know how much {sub} can earn before the checks stop; {sub} {has} "
           "not heard of the trial work period.", "{Sub} get{s} SSDI and {isnt} sure what work would do to it.",
           _gets(Bn.ssdi)),
        _w("Worried that earning more will end {pos} TANF cash and childcare help before {sub} can pay for them "
           "{refl}.", None, _gets(Bn.tanf)),
        _w("Receives VA disability compensation and is not sure whether a job could change {pos} rating or payments.",
           "{Sub} receive{s} VA disability compensation.", _gets(Bn.va_disability)),
        _w("Rent on {pos} housing voucher goes up with income, and {sub} {does} not know by how much.",
           "{Sub} {has} a housing voucher.", _gets(Bn.housing_voucher)),
        _w("Worried that a job will push {obj} off Medicaid, which pays for {pos} [medication|therapy|doctor visits].",
           None, _gets(Bn.medicaid)),
        _w("Unemployment benefits run out in [six|nine] weeks, and {sub} {does} not know whether part-time work "
           "would cut them.", "{Sub} {is} living on unemployment benefits, which end soon.",
           _gets(Bn.unemployment_insurance)),
        _w("Worried about losing SNAP food help once the first paychecks come in.", None, _gets(Bn.snap)),
    ),
    B.skills_or_credentials: (
        _w("Needs {credential} to work as {job_a}, and has not been in a classroom since high school.",
           "{Sub} {has} not been in a classroom in years.", _fact("credential")),
        _w("Needs {credential}; the course costs about [$1,200|$1,800|$2,400] and the next one starts in "
           "[January|August|the fall].", None, _fact("credential")),
        _w("Has never worked in {field}; needs hands-on training and a chance to show what {sub} can do.",
           None, lambda p: "credential" not in p.facts),
        _w("Needs a high school diploma or GED before {sub} can start training for {field}.",
           "{Sub} never finished high school.", lambda p: "no_diploma" in p.facts),
    ),
    B.behavioural_health: (
        _w("{bh_health}", None, _fact("bh_health")),
        _w("Since the brain injury {sub} get{s} frustrated and low more easily; {sub} {has} started seeing a counselor.",
           None, lambda p: "bh_health" not in p.facts),
    ),
    B.physical_health: (
        _w("{ph_health}", None, _fact("ph_health")),
        _w("Has type 2 diabetes and high blood pressure; {sub} must eat on a schedule and check {pos} blood sugar at work.",
           "{Sub} manage{s} diabetes.", lambda p: "ph_health" not in p.facts),
        _w("Migraines a few times a month put {obj} in a dark room for a day; {sub} {is} waiting to see a neurologist.",
           None, lambda p: "ph_health" not in p.facts),
        _w("Has sleep apnea that leaves {obj} exhausted by the afternoon; {sub} {is} on a waiting list for a CPAP machine.",
           None, lambda p: "ph_health" not in p.facts),
        _w("Two broken front teeth need dental work {sub} cannot afford, and {sub} {is} embarrassed to smile in an "
           "interview.", None, lambda p: "ph_health" not in p.facts),
    ),
    B.substance_use: (
        _w("In recovery from {use} for {sober}; {treatment}, and {sub} need{s} a work schedule that keeps that in place."),
        _w("Has been in recovery for {sober}; a job around alcohol or long nights alone would put that at risk.",
           None, lambda p: p.facts.get("use") == "alcohol use disorder"),
        _w("Relapsed once last year and is back in treatment; {treatment}, and a steady routine keeps {obj} well."),
    ),
    B.justice_involvement: (
        _w("A record for {offense} shows on every background check; {sub} {is} {supervision}."),
        _w("Must check in with {pos} officer every month and cannot leave the county without permission; some "
           "employers will not hire anyone with a record for {offense}."),
    ),
    B.childcare: (
        _w("{Kid}'s [daycare|preschool] closes at [5:30|6:00] in the evening and is closed on weekends; {pos} "
           "childcare subsidy has to be renewed to cover new hours.", None, _youngest(0, 6)),
        _w("Has no childcare for {kid}, who is {kid_age}; {pos} application for a childcare subsidy is "
           "[pending|on a waiting list].", "{Sub} {has} no childcare yet for {kid}.", _youngest(0, 6)),
        _w("{Kid} gets out of school at three, and there is no after-school program near home.", None,
           _youngest(6, 13)),
    ),
    B.assistive_technology: (
        _w("{tech}", None, _fact("tech")),
        _w("Needs a smartphone with reminder and calendar apps set up, and training to use them; {pos} old phone cannot "
           "run them.", None, lambda p: "tech" not in p.facts),
    ),
    B.accommodations: (
        _w("{accommodation}", None, _fact("accommodation")),
    ),
    B.literacy: (
        _w("{literacy_bg}", None, _fact("literacy_bg")),
        _w("Reads slowly and avoids forms; {sub} read{s} at about a [fifth|sixth]-grade level.",
           "Reading has always been hard for {obj}.", lambda p: "literacy_bg" not in p.facts),
        _w("Can read a work order but struggles to write a résumé or fill in an application alone.", None,
           lambda p: "literacy_bg" not in p.facts),
        _w("Math is the sticking point: {sub} need{s} to pass a math placement test before training for {field}.",
           None, lambda p: "literacy_bg" not in p.facts),
    ),
    B.work_history: (
        _w("Worked as {past_job} for {past_years} but has not had a job in {gap}; the gap will come up in every "
           "interview.", None, lambda p: "past_job" in p.facts and Bn.unemployment_insurance not in p.benefits),
        _w("Has had [three|four] short jobs in the last two years, each lost after a few months; employers will ask why.",
           None, lambda p: "past_job" in p.facts and Bn.unemployment_insurance not in p.benefits and p.age >= 22
           and p.facts.get("justice") not in ("prison", "jail")),
        _w("Was laid off after {past_years} in one job and has not looked for work since before online applications; "
           "interviews are new to {obj} again.", None, _gets(Bn.unemployment_insurance)),
        _w("Has never had a paid job; {sub} {has} only done [chores for neighbors|volunteer work at church|a summer "
           "program].", None, lambda p: "past_job" not in p.facts),
    ),
    B.financial_hardship: (
        _w("Has no money for [work boots|a uniform|tools] or the [exam fee|course fee], and {pos} checking account is "
           "overdrawn.", "Money is tight; {pos} checking account is overdrawn."),
        _w("Owes [$2,300|$3,800] on a payday loan and old medical bills; collectors call every day.",
           "{Sub} {is} behind on a payday loan and medical bills."),
        _w("Cannot cover bus fare and lunches until the first paycheck, three weeks after starting."),
    ),
    B.identity_documents: (
        _w("Lost {pos} DD-214 discharge papers and {pos} state ID in a move; both are needed for veterans' services "
           "and hiring.", None, lambda p: p.has(P.veteran)),
        _w("{Pos} wallet was stolen: no state ID, no Social Security card, no birth certificate.",
           "{Pos} wallet, with every ID {sub} had, was stolen.", lambda p: p.has(P.homelessness)),
        _w("Left prison with only a prison ID; {sub} need{s} a state ID and a Social Security card to be hired.",
           None, lambda p: p.facts.get("justice") == "prison"),
        _w("Does not have {pos} birth certificate or Social Security card; they are somewhere in {pos} foster care file.",
           None, lambda p: p.facts.get("youth") == "foster"),
        _w("{Pos} work permit must be renewed in [two|three] months, and the renewal costs money and takes time.",
           None, _fact("country")),
        _w("{Pos} state ID expired [two|three] years ago, and {sub} {has} no birth certificate to renew it."),
    ),
    B.digital_access: (
        _w("Has no computer and a phone with a cracked screen and little data; online applications are hard to finish.",
           "{Sub} {has} no computer, only an old phone."),
        _w("No internet at home; {sub} use{s} the library's computers, which are booked up and limited to an hour."),
        _w("Has never used email or filled in a form online; {sub} need{s} help setting up an account and uploading "
           "a résumé."),
    ),
    B.english_language: (
        _w("Speaks {language} at home and is still learning English; {sub} understand{s} more than {sub} can say, and "
           "training for {field} is in English.", "{Sub} came from {country} {origin_ago} and speak{s} {language} at home.",
           _fact("country")),
        _w("Reads English slowly; work instructions and safety training in English are hard to follow.",
           "{Name} moved here from {country} {origin_ago}.", _fact("country")),
    ),
    B.social_isolation: (
        _w("Few people to lean on: {sub} moved here [two|three] years ago and knows no one outside {pos} "
           "[building|church].", "{Sub} {doesnt} know many people here yet."),
        _w("Rarely leaves home since {pos} [divorce|mother died], and the rest of the family lives [two states "
           "away|out of state].", None, lambda p: p.age >= 30),
        _w("Has few adults {sub} can count on and is not in touch with {pos} parents.", None, lambda p: p.age < 25),
        _w("Old friends are the people {sub} used with or got in trouble with; {sub} {is} starting over without them.",
           None, lambda p: p.has(P.substance_use, P.justice_involved)),
        _w("Few people around {obj} sign; {sub} feel{s} cut off at family gatherings.", None,
           lambda p: p.facts.get("sensory") == "deaf"),
    ),
}


def ways(barrier: B, person: Person) -> list[Way]:
    return [w for w in WAYS[barrier] if w.need(person)]
