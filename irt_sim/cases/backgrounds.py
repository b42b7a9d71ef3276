"""What belonging to a target population looks like in one life: a practice customer's background,
told in a story sentence, with the details a barrier borrows from it (the accommodation a brain
injury calls for, the software a blind customer needs) and what it rules out (heavy work, driving).

Templates follow irt_sim.cases.facts: ``{key}`` for a fact, ``[a|b]`` for a choice of words."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import BarrierType as B, Population as P


@dataclass(frozen=True)
class Background:
    population: P
    key: str
    intro: tuple[str, ...]  # one is told, as the story's sentence about it
    onset: tuple[int, int] | None = None  # years ago the disability began (0, 0: from birth)
    health: str | None = None  # the detail of the health barrier it brings (behavioural or physical)
    health_type: B | None = None
    accommodation: str | None = None
    tech: str | None = None
    literacy: str | None = None
    strength: str | None = None
    no_heavy: bool = False
    no_drive: bool = False
    legally_blind: bool = False
    ages: tuple[int, int] = (18, 64)
    needs: P | None = None  # a background only a customer in this population too can have
    facts: dict[str, str] = field(default_factory=dict)


def _bg(population, key, *intro, **kw) -> Background:
    return Background(population, key, tuple(intro), **kw)


BH, PH = B.behavioural_health, B.physical_health

BACKGROUNDS: tuple[Background, ...] = (
    # --- mental illness -------------------------------------------------------------------------
    _bg(P.mental_illness, "depression",
        "{Name} has lived with depression for years, and it came back hard {ago}.",
        "Depression has followed {name} for years; {ago} it got bad enough that {sub} stopped working.",
        "For {name}, the hardest part of the last {onset_n} has been depression: some weeks {sub} barely leave{s} the house.",
        onset=(2, 12), health_type=BH,
        health="Depression makes mornings slow and new places hard; {sub} see{s} a therapist every [week|two weeks] "
               "and worr{ies} that a bad stretch could cost {obj} a job.",
        accommodation="Does best with a later start time and a short weekly check-in with a supervisor."),
    _bg(P.mental_illness, "bipolar",
        "{Name} was diagnosed with bipolar disorder {ago} and has been steady on medication for [most of a year|over a year].",
        "Since a bipolar diagnosis {ago}, {name} has learned what keeps {obj} steady: sleep, medication and routine.",
        "Two hospital stays {ago} led to a diagnosis of bipolar disorder, and {name} has kept well since.",
        onset=(2, 15), health_type=BH,
        health="Bipolar disorder: medication keeps {obj} steady, but night shifts and short sleep can set off an episode.",
        accommodation="Needs a regular daytime schedule and an hour off each month for a medication check."),
    _bg(P.mental_illness, "schizophrenia",
        "{Name} has schizophrenia, diagnosed {ago}; with the right medication the voices are quiet most days.",
        "{ago_cap}, {name} was diagnosed with schizophrenia; a long-acting shot now keeps the worst of it away.",
        "{Name} has had schizophrenia for {onset_n}, and these days {sub} know{s} the early signs of a bad spell.",
        onset=(3, 15), health_type=BH,
        health="Schizophrenia: hears voices when stressed or short of sleep; {sub} see{s} a psychiatrist monthly and a "
               "case manager every week.",
        accommodation="Works best with written instructions, a predictable routine and a quiet place for short breaks."),
    _bg(P.mental_illness, "trauma",
        "{Name} has post-traumatic stress from [a violent relationship|a car crash that killed a friend|a hard "
        "childhood], diagnosed {ago}.",
        "After [a violent relationship|a car crash that killed a friend], {name} was diagnosed with post-traumatic "
        "stress {ago}.",
        onset=(1, 10), health_type=BH,
        health="Post-traumatic stress: shouting and sudden noises put {obj} on edge, and nightmares break {pos} sleep; "
               "{sub} {is} in trauma therapy every week.",
        accommodation="Would do best with a predictable schedule and a workstation that faces the door."),
    _bg(P.mental_illness, "anxiety",
        "{Name} has an anxiety disorder, diagnosed {ago}; panic attacks come on in crowded, noisy places.",
        "Panic attacks started for {name} {ago}, and an anxiety disorder was diagnosed soon after.",
        "Anxiety has shaped {name}'s life for {onset_n}: {sub} plan{s} routes around crowds and rehearse{s} phone calls.",
        onset=(1, 10), health_type=BH,
        health="Panic attacks in crowded, noisy places; {sub} take{s} medication and {is} learning breathing skills in "
               "therapy.",
        accommodation="Would do best with a quieter work area and leave to step away for five minutes when panic starts."),
    # --- physical disability --------------------------------------------------------------------
    _bg(P.physical_disability, "wheelchair",
        "{Name} has used a wheelchair since a spinal cord injury [in a car crash|in a fall from a roof|in a diving "
        "accident] {ago}.",
        "A spinal cord injury {ago} put {name} in a wheelchair for good.",
        "{Name} gets around in a manual wheelchair, as {sub} {has} since breaking {pos} back {ago}.",
        onset=(2, 20), health_type=PH, no_heavy=True,
        health="Since the spinal cord injury, pressure sores and bladder infections can keep {obj} home for days.",
        accommodation="Needs a workplace {sub} can get around in a wheelchair, a desk at the right height and an "
                      "accessible restroom.",
        tech="Needs a lighter, better-fitted wheelchair; the one {sub} {has} is heavy and hurts {pos} shoulders."),
    _bg(P.physical_disability, "arthritis",
        "Rheumatoid arthritis has stiffened {name}'s hands and knees over the past {onset_n}.",
        "{Name} was diagnosed with rheumatoid arthritis {ago}; some mornings {pos} hands will not close around a cup.",
        onset=(3, 12), health_type=PH, no_heavy=True, ages=(28, 64),
        health="Rheumatoid arthritis: mornings are stiff and painful and flare-ups last a week; {sub} get{s} an infusion "
               "every eight weeks.",
        accommodation="Needs a chair at the workstation and tools with thicker grips.",
        tech="Would type faster with speech-to-text software and an ergonomic keyboard."),
    _bg(P.physical_disability, "amputation",
        "{Name} lost {pos} lower left leg in [a farm accident|a motorcycle crash] {ago} and walks with a prosthesis.",
        "{ago_cap}, [a farm accident|a motorcycle crash] cost {name} {pos} lower left leg; {sub} walk{s} with a prosthesis.",
        onset=(2, 20), health_type=PH, no_heavy=True,
        health="Walking on the prosthesis for more than two hours makes {pos} leg sore, and the socket needs refitting.",
        accommodation="Needs a stool at the workstation and breaks to take weight off the prosthesis.",
        tech="Needs a new prosthetic socket fitted; the current one rubs."),
    _bg(P.physical_disability, "back",
        "{Name} hurt {pos} back lifting [a patient|a pallet|a water heater] at work {ago} and has had two surgeries.",
        "Two back surgeries after a lifting injury at work {ago} ended {name}'s last job.",
        "{ago_cap}, {name} felt something give in {pos} back while lifting at work; two surgeries later, heavy work is over.",
        onset=(1, 8), health_type=PH, no_heavy=True,
        health="A back injury limits lifting to about twenty pounds and sitting or standing to an hour at a time.",
        accommodation="Needs a sit-stand desk or a job that lets {obj} change position often."),
    _bg(P.physical_disability, "ms",
        "{Name} was diagnosed with multiple sclerosis {ago}; most days are fine, but heat and long days bring on fatigue.",
        "Multiple sclerosis, diagnosed {ago}, comes and goes for {name}: weeks of feeling fine, then a flare.",
        onset=(2, 12), health_type=PH, no_heavy=True, ages=(25, 60),
        health="Multiple sclerosis: afternoon fatigue and numb feet on hot days; a relapse once kept {obj} off work for "
               "a month.",
        accommodation="Needs a cool workspace, parking near the door and a schedule with a midday break."),
    _bg(P.physical_disability, "cp",
        "{Name} has cerebral palsy, which affects {pos} balance and the use of {pos} right hand.",
        "Born with cerebral palsy, {name} walks with a slight limp and does most things left-handed.",
        onset=(0, 0), health_type=PH, no_heavy=True,
        health="Cerebral palsy: tight muscles and a fall risk on wet or uneven floors; physical therapy twice a month.",
        accommodation="Needs extra time on written tests and a workstation set up for the left hand.",
        tech="Needs a one-handed keyboard and a mouse that fits {pos} left hand."),
    # --- sensory disability ---------------------------------------------------------------------
    _bg(P.sensory_disability, "deaf",
        "{Name} has been deaf since birth and uses American Sign Language; with hearing people {sub} write{s} notes or text.",
        "Born deaf, {name} grew up signing and went to the state school for the deaf.",
        onset=(0, 0),
        accommodation="Needs an ASL interpreter for interviews, training and team meetings, and texts instead of calls.",
        tech="Needs a video phone and vibrating alerts at home and at work."),
    _bg(P.sensory_disability, "hearing",
        "{Name} lost much of {pos} hearing {ago} after [years around loud machinery|a bad infection]; hearing aids "
        "help in quiet rooms.",
        "Since {pos} hearing went {ago}, {name} has relied on hearing aids and lip-reading.",
        onset=(2, 15),
        accommodation="Needs people to face {obj} when they speak and instructions in writing; noisy rooms swallow speech.",
        tech="The old hearing aids whistle and do not work with a phone; {sub} need{s} new ones and a captioned phone."),
    _bg(P.sensory_disability, "low-vision",
        "Glaucoma has narrowed {name}'s sight over the past {onset_n}, and {sub} gave up driving last year.",
        "{Name} has glaucoma; {pos} side vision has been closing in for {onset_n}, and driving ended last year.",
        onset=(3, 12), no_drive=True, ages=(30, 64),
        accommodation="Needs good, even lighting and printed materials in large type.",
        tech="Needs screen magnification software, a large monitor and a handheld magnifier for paper."),
    _bg(P.sensory_disability, "blind",
        "{Name} has been blind since childhood and travels with a white cane.",
        "Blind since a childhood illness, {name} reads braille and gets around town with a white cane.",
        onset=(0, 0), no_drive=True, legally_blind=True,
        accommodation="Needs documents in a form a screen reader can read, and a walk-through of a new workplace before "
                      "the first day.",
        tech="Needs a screen reader and a braille display at work, and training to use them with the employer's software."),
    _bg(P.sensory_disability, "retinopathy",
        "Diabetes damaged {name}'s eyes until {sub} became legally blind {ago}.",
        "{Name} became legally blind {ago}, after years of diabetes took most of {pos} sight.",
        onset=(1, 6), no_drive=True, legally_blind=True, health_type=PH, ages=(35, 64),
        health="Manages diabetes with insulin and monthly eye injections; low blood sugar can catch {obj} out on busy days.",
        accommodation="Needs a desk near a window or a bright lamp, large print and breaks to check {pos} blood sugar.",
        tech="Needs a screen reader and magnification software, and training to use them with spreadsheets."),
    # --- acquired brain injury ------------------------------------------------------------------
    _bg(P.acquired_brain_injury, "crash",
        "{Name} has a brain injury from [a car crash|a motorcycle crash|a fall from a ladder|an assault] {ago}.",
        "{ago_cap}, [a car crash|a fall from a ladder|a motorcycle crash] left {name} with a brain injury.",
        "{Name} spent [three weeks|a month] in the hospital {ago} after [a car crash|a fall at work], and came out "
        "with a brain injury.",
        onset=(2, 15), health_type=BH,
        health="Since the brain injury {pos} temper is shorter and {sub} get{s} overwhelmed when rushed; {sub} {is} "
               "learning ways to cope with a therapist.",
        accommodation="Loses track of spoken instructions with many steps; written checklists and a quiet work area help."),
    _bg(P.acquired_brain_injury, "seizures",
        "A brain injury from [a fall on ice|a car crash] {ago} left {name} with seizures and a memory that lets details slip.",
        "{Name} has had seizures since a head injury {ago}, and details slip from {pos} memory more than they used to.",
        onset=(2, 12), health_type=PH, no_drive=True,
        health="Has a seizure a few times a year since the injury, so {sub} cannot drive; medication keeps most of them away.",
        accommodation="Uses a phone calendar and written checklists; needs tasks shown one at a time."),
    _bg(P.acquired_brain_injury, "stroke",
        "{Name} had a stroke {ago}, which left {pos} right side weak and {pos} speech slow when {sub} {is} tired.",
        "A stroke {ago} changed {name}'s life: {pos} right hand is weak, and words come slowly on tired days.",
        onset=(1, 6), health_type=PH, no_heavy=True, ages=(35, 64),
        health="Weakness on the right side since the stroke; {sub} tire{s} by mid-afternoon and {is} still in therapy.",
        accommodation="Needs extra time to answer and instructions written down."),
    _bg(P.acquired_brain_injury, "blast",
        "{Name} came home with a mild brain injury from a roadside blast during a deployment {ago}.",
        onset=(4, 15), health_type=BH, needs=P.veteran,
        health="Headaches and a short fuse since the blast; {sub} get{s} treatment at the VA clinic.",
        accommodation="Loses track of spoken instructions with many steps and gets headaches under harsh lights; "
                      "written task lists and a quieter corner help."),
    # --- intellectual or developmental disability -----------------------------------------------
    _bg(P.intellectual_or_developmental_disability, "intellectual",
        "{Name} has an intellectual disability and went through special education with an IEP.",
        "{Name} has an intellectual disability; {sub} went through special education and loves having a routine.",
        "{Name}, who has an intellectual disability, is proud of having learned to ride the bus alone.",
        onset=(0, 0), ages=(18, 40),
        accommodation="Learns a new task best when someone shows {obj} step by step and checks back the next day; picture "
                      "checklists help.",
        literacy="Reads at about a [second|third]-grade level; forms and written tests need someone to read them with {obj}."),
    _bg(P.intellectual_or_developmental_disability, "autism",
        "{Name} is autistic; {sub} notice{s} details others miss but find{s} small talk and surprises tiring.",
        "Diagnosed with autism as a child, {name} likes clear rules, quiet rooms and knowing what comes next.",
        onset=(0, 0), ages=(18, 45),
        accommodation="Needs clear, direct instructions, notice of schedule changes ahead of time, and noise-cancelling "
                      "headphones on a loud floor.",
        tech="Would use a visual schedule app on {pos} phone and noise-cancelling headphones, which {sub} cannot afford."),
    _bg(P.intellectual_or_developmental_disability, "down",
        "{Name} has Down syndrome, a big laugh and a long list of friends from school.",
        "{Name}, who has Down syndrome, is the one at every family party who knows everyone's birthday.",
        onset=(0, 0), ages=(18, 40),
        accommodation="Needs a job coach for the first weeks and a written or picture list of the day's tasks.",
        literacy="Reads simple words and signs but not forms; someone needs to go through paperwork with {obj}."),
    _bg(P.intellectual_or_developmental_disability, "fasd",
        "{Name} has fetal alcohol spectrum disorder, which makes money, time and new routines hard to keep track of.",
        "Fetal alcohol spectrum disorder makes it hard for {name} to keep track of time and money, but not to work hard.",
        onset=(0, 0), ages=(18, 40),
        accommodation="Needs the same tasks in the same order each day and reminders on {pos} phone."),
    # --- substance use ---------------------------------------------------------------------------
    _bg(P.substance_use, "alcohol",
        "{Name} has been sober for {sober} after years of heavy drinking, and goes to meetings [three times a week|most "
        "evenings].",
        "{Name} stopped drinking {sober} ago, after a detox stay, and has not had a drink since.",
        "After years of drinking cost {obj} a marriage and a job, {name} has been sober for {sober}.",
        facts={"use": "alcohol use disorder", "treatment": "{sub} go{es} to meetings and see{s} a counselor every week"}),
    _bg(P.substance_use, "opioids",
        "{Name} started on pain pills after [a work injury|a car crash|a surgery] and became addicted; {sub} {has} been "
        "in treatment with medication for {sober}.",
        "An opioid addiction that began with pills after [a work injury|a car crash] took years from {name}; {sub} {has} been "
        "in treatment for {sober}.",
        facts={"use": "opioid use disorder", "treatment": "{sub} take{s} a daily dose at the clinic each morning"}),
    _bg(P.substance_use, "meth",
        "{Name} has been off methamphetamine for {sober}, after a stay in a residential program.",
        "{sober_cap} ago {name} walked out of a residential program clean of methamphetamine, and has stayed that way.",
        facts={"use": "methamphetamine use", "treatment": "weekly counseling and random drug tests are part of the program"}),
    # --- justice involvement ---------------------------------------------------------------------
    _bg(P.justice_involved, "prison",
        "{Name} came home {released} after {prison_time} in state prison for {offense}.",
        "{Released_cap}, {name} finished {prison_time} in state prison for {offense}.",
        "After {prison_time} inside for {offense}, {name} walked out of prison {released} with a bus ticket and a plan.",
        facts={"supervision": "on parole for another [year|eighteen months] and must be home by [nine|ten] at night"}),
    _bg(P.justice_involved, "probation",
        "{Name} is on probation for {offense} until [next spring|the end of next year].",
        "{Name} is on probation after pleading guilty to {offense}.",
        "A conviction for {offense} put {name} on probation, and {sub} {has} not missed a check-in since.",
        facts={"supervision": "on probation, with a monthly meeting with {pos} officer and community service hours to finish"}),
    _bg(P.justice_involved, "jail",
        "{Name} spent [four|six|nine] months in county jail for {offense} and was released {released}.",
        "{Released_cap}, {name} walked out of county jail after [four|six|nine] months for {offense}.",
        facts={"supervision": "on probation for two more years after {pos} release from jail"}),
    # --- veterans ---------------------------------------------------------------------------------
    _bg(P.veteran, "served",
        "{Name} served {served} in the {branch} as {role} and left the service {ago}.",
        "{Branch_a} veteran, {name} spent {served} as {role} before leaving {ago}.",
        "{Name} joined the {branch} out of high school and served {served} as {role}; {sub} got out {ago}.",
        onset=(1, 20), ages=(24, 68), strength="Trained as {role} in the {branch}; used to high standards and deadlines"),
    # --- TANF recipients --------------------------------------------------------------------------
    _bg(P.tanf_recipient, "tanf",
        "{Name} has received TANF for {tanf_time} while raising {kids_phrase}{with_partner}.",
        "{Name} is raising {kids_phrase}{with_partner} and has been on TANF cash assistance since {tanf_since}.",
        "Since {tanf_since}, {name} has relied on TANF cash assistance to raise {kids_phrase}{with_partner}.",
        ages=(19, 45)),
    # --- experiencing homelessness ---------------------------------------------------------------
    _bg(P.homelessness, "homeless",
        "{Name} has been without a home since {homeless_since}, when {homeless_why}.",
        "{Homeless_since_cap}, {name} lost {pos} home: {homeless_why}.",
        "{Name} had a home until {homeless_since}; then {homeless_why}.",
        ages=(18, 64)),
    # --- youth in transition ---------------------------------------------------------------------
    _bg(P.youth_in_transition, "foster",
        "{Name} {foster}.", ages=(16, 21), facts={}),
    _bg(P.youth_in_transition, "iep",
        "{Name} {school_iep}, with an IEP and special education help in reading and math.", ages=(16, 22)),
    _bg(P.youth_in_transition, "dropout",
        "{Name} left high school in tenth grade and is working on a GED.",
        "School never fit {name}, who quit in tenth grade and is now studying for a GED.", ages=(17, 24)),
    _bg(P.youth_in_transition, "first-gen",
        "{Name} finished high school last year and would be the first in the family to earn a college credential.",
        "Fresh out of high school, {name} would be the first in the family to go past it.",
        ages=(18, 20)),
)

BRANCHES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Army", ("a truck driver", "a combat medic", "a supply sergeant", "an infantry squad leader", "a mechanic")),
    ("Navy", ("an electrician's mate", "a cook", "a corpsman", "a boatswain's mate")),
    ("Air Force", ("an aircraft mechanic", "a security forces airman", "a logistics specialist")),
    ("Marine Corps", ("a supply clerk", "a rifleman", "a motor transport operator")),
    ("Coast Guard", ("a boatswain's mate", "a machinery technician")),
    ("Army National Guard", ("a military police officer", "a construction engineer")),
)

OFFENSES = ("a burglary", "selling drugs", "a string of thefts", "a robbery", "check fraud", "drug possession",
            "a drunk-driving crash", "car theft")

HOMELESS_WHY = ("{pos} rent went up by three hundred dollars", "{sub} lost {pos} job and fell behind on rent",
                "{pos} relationship ended and the lease was in the other person's name",
                "a fire closed {pos} apartment building", "the house {sub} rented was sold")
