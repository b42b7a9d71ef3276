"""The sentences of a worked plan (irt_sim.cases.worked_plan): what each partner does and the
milestone it leads to, the phases' names, the lines of communication, the crisis plan and what
continues. Every sentence is made from the case's own record (names, the goal, the barriers'
plain labels, the programs' own words for their services and when they stop), so it stays true to
the case; ``[a|b]`` choices, taken with the plan's own random generator, keep plans from reading
alike. Templates are filled as the practice cases' are (irt_sim.cases.facts): ``{first}``,
``{Sub} want{s}``, ``{pos}``, ``{obj}``."""

from __future__ import annotations

import datetime as dt
import random

from ..model import Customer, Program, Service
from ..vocab import BarrierType as B, ServiceCategory as C, ServiceRole as R, Stage
from .facts import fill, pronoun_facts


def lower_first(text: str) -> str:
    """'Bus passes or gas cards' -> 'bus passes or gas cards', 'A 24-hour line' -> 'a 24-hour line', but
    'SNAP food benefits' and 'IPE' stay."""
    word = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if word == "A" or word[1:].islower() else text


def a_or_an(words: str) -> str:
    first = words.split()[0] if words.split() else ""
    sounds_vowel = first[:1].lower() in "aeiou" if not first.isupper() else first[:1] in "AEFHILMNORSX"
    return f"{'an' if sounds_vowel else 'a'} {words}"


def short(name: str) -> str:
    """A service's name up to its first qualification: 'Care for a long-term condition (diabetes ...) with
    a nurse' -> 'Care for a long-term condition'."""
    for cut in (" (", ", ", "; ", " such as ", " with ", " while ", " once ", " until ", " where "):
        name = name.split(cut)[0]
    return name


def day(d: dt.date) -> str:
    return f"{d.day} {d:%B} {d.year}"


def month(d: dt.date) -> str:
    return f"{d:%B} {d.year}"


def span(starts: dt.date, ends: dt.date | None) -> str:
    if ends is None:
        return f"from {month(starts)}"
    if (starts.year, starts.month) == (ends.year, ends.month):
        return month(starts)
    return f"{starts:%B} to {month(ends)}" if starts.year == ends.year else f"{month(starts)} to {month(ends)}"


#: Why a service is in the plan, by the barrier it meets (after the service's own name and a comma).
PURPOSE: dict[B, tuple[str, ...]] = {
    B.transportation: ("so getting there is never the reason {first} misses {one_place}",
                       "so {first} can reach {places} on time"),
    B.housing: ("toward a steady place to live, which {first} needs before early shifts and a full week of work are "
                "realistic", "so {first} has a settled home to work from"),
    B.benefits_and_work_incentives: ("so {first} knows what a paycheck as {job_a} does to {pos} benefits before {sub} "
                                     "say{s} yes to an offer", "so work leaves {first} better off and "
                                     "[nothing comes as a surprise|no benefit stops unawares]"),
    B.skills_or_credentials: ("toward the training {first} needs to work as {job_a}",
                              "so {first} can show employers the skills a {job} needs"),
    B.behavioural_health: ("so {pos} mental health care keeps pace with the new routine",
                           "so {first} stays well as the plan [gets going|picks up speed]"),
    B.physical_health: ("so {pos} health care fits around [training, interviews and shifts|the plan's steps]",
                        "so {pos} health [holds up|stays steady] as the days get fuller"),
    B.substance_use: ("to keep {pos} recovery first while the work routine starts",
                      "so {pos} recovery stays [steady|the first priority] as the plan moves on"),
    B.justice_involvement: ("so the conditions of {pos} supervision and the plan pull the same way",
                            "so {pos} record and supervision do not stand between {obj} and the job"),
    B.childcare: ("so {pos} [children are|child is] looked after in every hour of the plan",
                  "so childcare is in place [before|for] every step {first} takes"),
    B.assistive_technology: ("so {first} has the technology {sub} need{s} and knows how to use it",
                             "so the right equipment is set up [and learned|with training] before {sub} need{s} it"),
    B.accommodations: ("so the workplace fits {first}, not the other way round",
                       "so {first} gets the accommodations {sub} need{s} [and knows how to ask|without a fight]"),
    B.literacy: ("for the reading, writing and maths that [applications and tests|the next steps] ask of {obj}",
                 "so reading and writing [no longer hold|do not hold] {first} back"),
    B.work_history: ("so employers see what {first} can do as {job_a}",
                     "so a thin work history counts for less with employers"),
    B.financial_hardship: ("so money for [tools, clothes or fees|what the job asks] does not hold {first} back",
                           "so the costs of starting out do not stop {first}"),
    B.identity_documents: ("so {first} has the ID papers an employer asks for on the first day",
                           "so missing papers do not hold up {pos} hiring"),
    B.digital_access: ("so {first} can apply online [and keep up with e-mail|without waiting for a computer]",
                       "so {first} has a computer and the internet when {sub} need{s} them"),
    B.english_language: ("so English at work and in training [stops being|is no longer] a barrier",
                         "so {first} can follow [instructions and safety training|training and work] in English"),
    B.social_isolation: ("so {first} has people to lean on as the plan [gets going|moves on]",
                         "so {first} is not on {pos} own with the hard days"),
}

#: What a commitment leads to, by the kind of service (the role first, where it has one).
MILESTONE: dict[object, tuple[str, ...]] = {
    R.plan_development: ("IPE signed by {ipe}",),
    R.health_coverage: ("{First} knows how {pos} health coverage continues before {sub} accept{s} an offer",),
    R.earnings_reporting: ("Every month's wages reported on time, with no overpayment letters",
                           "Each month's pay reported [on time|within ten days], with no overpayment"),
    R.assessment: ("Application complete and the next step booked by {soon}",),
    C.career_counselling: ("A written plan toward the {job} goal, agreed with {first} by {soon}",
                           "{First} and {who} agree the steps toward the {job} goal by {soon}"),
    C.job_development: ("Interviews with employers {first} chose, and an offer of at least {hours} hours a week",
                        "An offer as {job_a} of at least {hours} hours a week"),
    C.resume_and_interview: ("Résumé ready and two practice interviews done before the first real one",
                             "{First} goes into {pos} first interview prepared"),
    C.job_coaching: ("Still in the job and settled after 90 days", "Steady at work after the first 90 days"),
    C.occupational_training: ("Course finished and the credential in hand", "Training finished on time"),
    C.tuition_and_fees: ("Course paid for before it starts, and finished on time",
                         "The course paid for and finished, with the credential in hand"),
    C.apprenticeship_training: ("Training hours and certificates signed off",),
    C.tools_and_equipment: ("Everything the course or the job asks for in hand on the first day",),
    C.tutoring: ("Ready for the tests ahead, and passing them", "Passes the tests {sub} {is} studying for"),
    C.transportation: ("No {place_list} missed for want of a ride", "On time for every {place_list}"),
    C.benefits_counselling: ("{First} knows, in writing, how work as {job_a} changes {pos} benefits, by {soon}",
                             "{First} has in writing what a paycheck does to each of {pos} benefits, by {soon}"),
    C.financial_coaching: ("A budget that covers the weeks until the first full paycheck",),
    C.behavioural_health_treatment: ("{First} keeps {pos} appointments [through the plan|as the days fill up]",
                                     "No step of the plan missed because of {pos} health without a plan to make "
                                     "it up"),
    C.substance_use_treatment: ("Recovery steady, with treatment times that fit the plan",),
    C.medical_care: ("{Pos} health stable enough for full days of work",
                     "Care booked around the plan, with no missed visit"),
    C.housing_assistance: ("A housing plan with a move date agreed", "A move-in date agreed, and the steps to it"),
    C.childcare: ("Childcare in place for every hour of the plan",),
    C.assistive_technology: ("Equipment set up and {first} using it with confidence",),
    C.accommodations: ("Accommodations agreed and in place when {first} needs them",),
    C.case_management: ("The next steps agreed and booked by {soon}",),
    C.legal_help: ("The legal question settled or on its way by {soon}",),
    C.supervision_flexibility: ("Every check-in kept without missing a step of the plan or a shift",),
    C.peer_support: ("{First} and {who} meet [twice a month|every two weeks]",),
    C.personal_support: ("{First} has someone to call on a hard day", "{First} has someone to talk the week over with"),
    C.cash_assistance: ("No gap in the household's money while the plan gets going",),
    C.work_experience: ("Hours signed off, with a reference {first} can use",),
    C.hiring: ("Hired and through the first 60 days",),
    C.documents_and_ids: ("The missing papers in hand by {soon}",),
    C.digital_skills: ("{First} applies for jobs online on {pos} own by {soon}",),
    C.language_classes: ("Moves up a level in English [by {soon}|within a term]",),
}

#: Why a service no barrier names is in the plan (the rules, or the plan's own flow, ask for it).
EXTRA_PURPOSE: dict[object, tuple[str, ...]] = {
    R.health_coverage: ("so {first} knows before an offer how {pos} health coverage carries on once {sub} work{s}",),
    R.earnings_reporting: ("so each month's pay reaches Social Security on time and no overpayment builds up",),
    C.benefits_counselling: ("so {first} knows, before {sub} take{s} a job, what the pay does to {pos} benefits",),
    C.job_development: ("looking with {first} for {job} openings at employers {sub} choose{s}",
                        "working from {first}'s own list of employers and the openings partners hear of"),
    C.career_counselling: ("so the plan's steps lead to the {job} goal {first} chose",),
}

#: What a service leads to in a later phase than its first.
LATER_MILESTONE: dict[Stage, tuple[str, ...]] = {
    Stage.training: ("Course finished with this help in place throughout",),
    Stage.job_search: ("Still in place on the day {first} accepts an offer",),
    Stage.early_employment: ("{First} settled at work with this help in place by the 90-day mark",
                             "Still working, and well, after 90 days"),
    Stage.long_term: ("Still working a year after starting", "{First} still working and steady a year on"),
}

#: The action item that starts a partner's part, by the kind of service.
FIRST_STEP: dict[C, str] = {
    C.documents_and_ids: "Gather the papers {first} still has and start the requests for the missing ones with {who}",
    C.supervision_flexibility: "Agree the new reporting times with {who}",
    C.language_classes: "Enrol in English classes with {who} and take the placement test",
    C.medical_care: "Book the first visit with {who} to plan care around the plan's steps",
    C.peer_support: "First [peer mentoring|peer support] meeting with {who}",
    C.personal_support: "Set a first weekly meeting with {who}",
    C.digital_skills: "First computer session with {who}: an e-mail account and a résumé file",
    C.childcare: "Set up the childcare authorization with {who} for every hour of the plan",
    C.benefits_counselling: "Meet {who} about {pos} benefits, bringing the latest benefit letters",
    C.tutoring: "Book the first tutoring sessions with {who}",
    C.transportation: "Plan the trips for the first weeks with {who}",
    C.housing_assistance: "Meet {who} to go through housing options and where {first} stands on the waiting list",
    C.substance_use_treatment: "Set treatment times with {who} that fit the plan",
    C.behavioural_health_treatment: "Set appointment times with {who} that fit the plan",
    C.career_counselling: "First meeting with {who} to set the steps toward the {job} goal",
    C.case_management: "First meeting with {who} ({role}) to agree the next steps",
    C.legal_help: "Meet {who} about the legal question, bringing the papers {first} has",
    C.cash_assistance: "Check with {who} that the household's support carries on while the plan starts",
    C.tools_and_equipment: "List with {who} what the course or the job requires",
    C.assistive_technology: "Book the assessment for the equipment {first} needs with {who}",
    C.accommodations: "Write down with {who} the accommodations {first} needs",
    C.work_experience: "Agree the schedule of work activities with {who}",
    C.financial_coaching: "First budgeting session with {who}",
}

#: What a service does in a later phase than its first.
CONTINUES: dict[Stage, tuple[str, ...]] = {
    Stage.training: ("Carries on through the course.", "The same help continues while {first} is in training."),
    Stage.job_search: ("Carries on through the job search.", "Continues while {first} looks for work."),
    Stage.early_employment: ("Carries on once {first} starts work, with times moved around {pos} shifts.",
                             "Continues into the first months at work, fitted around {pos} hours."),
    Stage.long_term: ("Continues for as long as {first} wants it.", "Stays in place after the other programs step back."),
}

PHASE_NAME: dict[str, tuple[str, ...]] = {
    "prep": ("Getting started", "Now: getting ready", "First steps"),
    "prep_b": ("Once the IPE is signed and applications are decided", "Getting ready, with the plan signed"),
    "training": ("During training", "Training"),
    "job_search": ("Job search", "Looking for work"),
    "early": ("First months as {job_a}", "The first months at work"),
    "long": ("The long run", "After the first months"),
}


class Words:
    """One plan's wording: the customer's facts, the plan's random generator and its dates."""

    def __init__(self, customer: Customer, rng: random.Random, training: bool = False):
        self.customer, self.rng = customer, rng
        goal = customer.proposed_goal
        job = lower_first(goal.job_title) if goal and goal.job_title else "the job"
        self.facts = pronoun_facts(customer.first_name, customer.pronouns or "they/them")
        self.facts.update(first=customer.first_name, First=customer.first_name, job=job, job_a=a_or_an(job),
                          hours=f"{goal.weekly_hours:g}" if goal and goal.weekly_hours else "the agreed")
        # where the customer has to get to: classes only in a plan with training
        self.facts.update(places="classes, interviews and work" if training else "appointments, interviews and work",
                          one_place="a class, an interview or a shift" if training else "an interview or a shift",
                          place_list="class, interview or shift" if training else "appointment, interview or shift",
                          dest="class or work" if training else "interviews or work")

    def say(self, template: str, cap: bool = True, **more: str) -> str:
        return fill(template, {**self.facts, **more}, self.rng, cap=cap)

    def pick(self, options: tuple[str, ...], cap: bool = True, **more: str) -> str:
        return self.say(self.rng.choice(options), cap=cap, **more)

    # --- commitments ------------------------------------------------------------------------------

    def detail(self, service: Service, barrier: B | None) -> str:
        """The service in its program's own words, and why it is in this plan."""
        purposes = PURPOSE.get(barrier) if barrier else EXTRA_PURPOSE.get(service.role) or \
            EXTRA_PURPOSE.get(service.category)
        name = self.own(service.name.rstrip("."))
        return f"{name}, {self.pick(purposes, cap=False)}." if purposes else f"{name}."

    def own(self, text: str) -> str:
        """A program's words about 'the customer' said of this customer."""
        first = self.customer.first_name
        for general in ("the customer", "the young person", "the parent", "the veteran", "the patient"):
            text = text.replace(general, first)
        return text

    def continues(self, stage: Stage) -> str:
        return self.pick(CONTINUES[stage])

    def milestone(self, service: Service, stage: Stage, first_stage: bool = True, **more: str) -> str:
        if not first_stage and stage in LATER_MILESTONE:
            return self.pick(LATER_MILESTONE[stage], **more)
        for key in (service.role, service.category):
            if key in MILESTONE:
                return self.pick(MILESTONE[key], **more)
        return self.say("{First} reaches the next step of the plan")

    def first_step(self, service: Service, who: str, role: str) -> str:
        """The action item that starts a partner's part."""
        template = FIRST_STEP.get(service.category, "First meeting with {who} ({role}) to agree the first steps")
        return self.say(template, who=who, role=lower_first(role))

    def ipe_detail(self) -> str:
        return self.say("Writes {first}'s Individualized Plan for Employment (IPE) with {obj}: {job_a} as the goal, "
                        "and VR's services in this plan as its steps.")

    def phase_name(self, key: str, starts: dt.date, ends: dt.date | None) -> str:
        return f"{self.pick(PHASE_NAME[key])} ({span(starts, ends)})"


def continuation_line(program: Program, words: Words) -> str:
    """When a program's part ends, in its own words."""
    note = " ".join(program.services_stop.note.split()).rstrip(".").replace(": ", "; ")
    return words.say(f"{program.name}: {lower_first(note)}.") if note else ""
