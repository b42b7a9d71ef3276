"""A small community written the way a trainer would write their own: three programs and two
customers, for the Community Academy kit's tests. What its resource map and packs must be is worked
out by hand beside each file."""

from __future__ import annotations

from pathlib import Path

FILES = {
    "community.yaml": """\
name: Birch Falls
description: A small invented town with one job center, a veterans' charity and a dial-a-ride service.
minimum_wage: 12.00
sources:
  - figure: minimum_wage
    ref: Invented for the test community.
    confidence: assumption
""",
    # work_history, open to everyone after an eligibility decision: 'one program' for work history
    "programs/birch-falls-vr.yaml": """\
name: Birch Falls VR office
system: vocational_rehabilitation
summary: The state VR agency's office in town.
partner_role: VR counsellor
eligibility:
  summary: A disability that gets in the way of work, and a need for VR services.
  decision_within_days: 60
services:
  - id: job-placement
    name: Job development and placement
    category: job_development
    addresses: [work_history]
outcome:
  summary: A competitive integrated job kept 90 days.
  competitive_integrated: true
  wage_floor: minimum_wage
  retention_days: 90
services_stop:
  after: early_employment
  note: The case closes 90 days after the job starts.
partnering:
  connect: Ask for the intake counsellor; the customer brings any SSI or SSDI letter.
  flexibility:
    - Job placement can start before training ends.
  limits:
    - Nothing but assessment is bought before the written plan is signed.
sources:
  - figure: eligibility.decision_within_days
    ref: 34 CFR 361.41 eligibility within 60 days
    confidence: confirmed
  - figure: outcome.competitive_integrated
    ref: 34 CFR 361.5(c)(9)
    confidence: confirmed
  - figure: outcome.wage_floor
    ref: 34 CFR 361.5(c)(9)
    confidence: confirmed
  - figure: outcome.retention_days
    ref: 34 CFR 361.56
    confidence: confirmed
  - figure: partnering
    ref: Birch Falls practice, invented for the test
    confidence: assumption
""",
    # housing, for veterans only: 'only for some' for housing
    "programs/vets-home-fund.yaml": """\
name: Veterans Home Fund
system: veterans
summary: A charity that helps veterans keep or find a home.
partner_role: Housing caseworker
eligibility:
  summary: Veterans of any era.
  requires:
    populations: [veteran]
services:
  - id: rent-help
    name: A month's rent or a deposit
    category: housing_assistance
    addresses: [housing]
    paid: true
services_stop:
  after: early_employment
  note: Help is once a year.
sources:
  - figure: eligibility.requires.populations
    ref: The charity's own rules, invented for the test
    confidence: assumption
""",
    # transportation, open to all without a decision: 'one program' for transportation
    "programs/dial-a-ride.yaml": """\
name: Dial-a-Ride
system: transportation
summary: Door-to-door rides booked a day ahead.
partner_role: Mobility manager
eligibility:
  summary: Anyone may book a ride.
services:
  - id: rides
    name: Rides booked a day ahead
    category: transportation
    addresses: [transportation]
    open_to_all: true
services_stop:
  after: long_term
  note: Rides go on as long as they are booked.
""",
    # eligible in three systems: gets a role-play pack
    "customers/ivy-ostrander.yaml": """\
name: Ivy Ostrander
pronouns: she/her
age: 41
story: Ivy served in the army, lost her flat after an injury and wants to work in a warehouse again.
populations: [veteran, physical_disability]
strengths: [Reliable, Knows stock control]
barriers:
  - type: housing
    detail: Staying with a friend since she lost her flat.
  - type: transportation
    detail: No car, and the warehouse is outside town.
  - type: work_history
    detail: Out of work for two years.
eligibility:
  birch-falls-vr: eligible
  vets-home-fund: eligible
  dial-a-ride: eligible
releases: [birch-falls-vr]
proposed_goal:
  job_title: Warehouse associate
  hourly_wage: 14.00
  weekly_hours: 32
""",
    # eligible in one system only: no pack
    "customers/olin-park.yaml": """\
name: Olin Park
age: 30
story: Olin wants his first job after college.
strengths: [Careful]
barriers:
  - type: work_history
    detail: Has never worked.
eligibility:
  birch-falls-vr: applied
""",
}


def write_community(root: Path) -> Path:
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root
