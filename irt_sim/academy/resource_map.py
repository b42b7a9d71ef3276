"""The community's resource map: every barrier in the vocabulary against every program whose services
address it, who can use them, the gaps (barriers no program covers, or covers only for some people)
and the overlaps (two programs that decide eligibility offering the same kind of help for the same barrier,
where a team must agree who provides it and who pays first). A Community Academy puts it on the wall; module 11 shows it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from enum import StrEnum

from ..documents.build import Bullets, Doc, Heading, Para, Table
from ..inputs.casebook import Casebook
from ..model import Program, Service
from ..safefiles import safe_row
from ..vocab import BarrierType, Population, ServiceCategory


#: Barriers that are themselves the condition a program serves: a program for people with a substance
#: use disorder leaves out no one whose barrier is substance use.
CONDITION = {BarrierType.substance_use: Population.substance_use, BarrierType.behavioural_health: Population.mental_illness,
             BarrierType.justice_involvement: Population.justice_involved}

#: A target population as the people in it: 'veterans', 'people with acquired brain injury'.
GROUPS = {Population.tanf_recipient: "TANF recipients", Population.homelessness: "people experiencing homelessness",
          Population.veteran: "veterans", Population.justice_involved: "people involved with the justice system",
          Population.youth_in_transition: "young people in transition from school"}


def people(population: Population) -> str:
    return GROUPS.get(population) or f"people with {population.label.replace('_', ' ')}"


#: The age from which a jobseeker is an adult: an age limit at or below it leaves no adult out.
ADULT = 18


class Coverage(StrEnum):
    none = "no program"
    some = "only for some"
    one = "one program open to all who have it"
    several = "several programs open to all who have it"


@dataclass(frozen=True)
class Offer:
    """One program's help with one barrier."""

    program: Program
    services: list[Service]
    who: str  # who can use it, in plain words
    restricted: bool  # the program serves only some groups, ages or benefit recipients


@dataclass(frozen=True)
class BarrierRow:
    barrier: BarrierType
    offers: list[Offer]
    overlaps: dict[ServiceCategory, list[str]] = field(default_factory=dict)  # kind of help -> program names

    @property
    def open_offers(self) -> list[Offer]:
        """The offers that leave out no one who has the barrier (beyond the program's own decision)."""
        return [o for o in self.offers if not o.restricted]

    @property
    def coverage(self) -> Coverage:
        if not self.offers:
            return Coverage.none
        n = len(self.open_offers)
        return Coverage.some if n == 0 else Coverage.one if n == 1 else Coverage.several

    @property
    def thinness(self) -> tuple[int, int, int]:
        """Sorts the barriers with the least help first: no program, only for some, then by open programs."""
        return (list(Coverage).index(self.coverage), len(self.open_offers), len(self.offers))


def who_can_use(program: Program, services: list[Service], barrier: BarrierType | None = None) -> tuple[str, bool]:
    """Who can use ``services`` of ``program`` in plain words, and whether that leaves out some people
    who have ``barrier``."""
    if all(s.open_to_all for s in services):
        return "anyone, without an eligibility decision", False
    if not program.eligibility.determined:
        return "anyone the partner agrees to help (no eligibility decision)", False
    req = program.eligibility.requires
    limits = []
    said = []
    if req.populations:
        groups = " or ".join(people(p) for p in req.populations)
        (said if CONDITION.get(barrier) in req.populations else limits).append(groups)
    if req.benefits:
        limits.append("people receiving " + " or ".join(b.label for b in req.benefits))
    ages = ""
    if req.min_age is not None or req.max_age is not None:
        ages = (f"people aged {req.min_age}-{req.max_age}" if req.min_age is not None and req.max_age is not None
                else f"people aged {req.min_age} and over" if req.min_age is not None else f"people up to age {req.max_age}")
        if req.max_age is not None or (req.min_age or 0) > ADULT:  # it leaves out some working-age adults
            limits.append(ages)
    if req.job_or_offer:
        limits.append("people with a job or a job offer")
    presumed = (" (presumed eligible: " + ", ".join(b.label for b in program.eligibility.presumed_for) + ")"
                if program.eligibility.presumed_for else "")
    if limits:
        return "only " + "; ".join(said + limits) + presumed, True
    return ("after the program's eligibility decision" + (f" ({'; '.join(said + ([ages] if ages else []))})"
                                                         if said or ages else "") + presumed, False)


def resource_map(book: Casebook) -> list[BarrierRow]:
    """One row per barrier of the vocabulary, in its order."""
    rows = []
    for barrier in BarrierType:
        offers = []
        for program in sorted(book.programs.values(), key=lambda p: p.name.casefold()):
            services = [s for s in program.services if barrier in s.addresses]
            if services:
                who, restricted = who_can_use(program, services, barrier)
                offers.append(Offer(program, services, who, restricted))
        kinds: dict[ServiceCategory, list[str]] = {}
        for o in (o for o in offers if o.program.eligibility.determined):  # family or an employer pays no one's bill
            for category in sorted({c for s in o.services for c in s.categories}):
                kinds.setdefault(category, []).append(o.program.name)
        rows.append(BarrierRow(barrier, offers, {k: v for k, v in kinds.items() if len(v) > 1}))
    return rows


def counts(rows: list[BarrierRow]) -> dict[str, int]:
    out = {"barriers": len(rows), **{c.name: sum(r.coverage == c for r in rows) for c in Coverage}}
    out["overlaps"] = sum(len(r.overlaps) for r in rows)
    return out


def _label(barrier: BarrierType) -> str:
    return barrier.label[0].upper() + barrier.label[1:]


def help_words(row: BarrierRow) -> str:
    """How much help a barrier has: 'no program', '1 program open to all who have it, 2 more for some groups only'."""
    if not row.offers:
        return "no program"
    n, some = len(row.open_offers), len(row.offers) - len(row.open_offers)
    return ((f"{n} program{'s' if n > 1 else ''} open to all who have it" if n else "no program open to all who have it")
            + (f", {some} more for some groups only" if some else ""))


def map_doc(book: Casebook) -> Doc:
    rows = resource_map(book)
    n = counts(rows)
    place = book.community.name if book.community else "The community"
    doc = Doc(f"{place}: resource map")
    doc.add(Para(f"Every barrier a customer may bring ({n['barriers']}), against the programs whose services address "
                 f"it. {n['several']} barriers have several programs open to everyone who has them, {n['one']} have "
                 f"one, {n['some']} are covered only for some people (each program that addresses them serves only "
                 f"some groups), and {n['none']} have no program at all. {n['overlaps']} times two or more programs "
                 "offer the same kind of help for the same barrier."))
    thin = [r for r in rows if r.coverage in (Coverage.none, Coverage.some, Coverage.one)]
    doc.add(Heading("Gaps and thin places"),
            Para("These barriers have no program, help only for some groups, or one open door. Who in the room knows "
                 "a resource, a volunteer group or an employer who could help?" if thin else
                 "Every barrier has two or more programs open to all who have it."))
    if thin:
        doc.add(Bullets([f"{_label(r.barrier)}: {help_words(r)}" for r in thin]))
    overlaps = [(r, k, names) for r in rows for k, names in r.overlaps.items()]
    doc.add(Heading("Overlaps"),
            Para("Two or more programs that decide eligibility offer the same kind of help for the same barrier. On a "
                 "team, agree who provides it and who pays first (VR, for one, looks for comparable services and "
                 "benefits before it pays: 34 CFR 361.53)." if overlaps else "No two programs offer the same kind of help."))
    if overlaps:
        doc.add(Bullets([f"{_label(r.barrier)}, {k.label}: {'; '.join(names)}" for r, k, names in overlaps]))
    doc.add(Heading("Barrier by barrier"))
    for r in rows:
        doc.add(Heading(f"{_label(r.barrier)}: {help_words(r)}", 3))
        if r.offers:
            doc.add(Table(f"{_label(r.barrier)}: the programs and who can use them", ["Program", "Services", "Who can use them"],
                          [[o.program.name, "; ".join(s.name for s in o.services), o.who] for o in r.offers]))
        else:
            doc.add(Para("No program in the directory addresses it."))
    return doc


CSV_COLUMNS = ["barrier", "barrier_label", "coverage", "program_id", "program", "services", "who_can_use",
               "everyone_with_the_barrier", "same_kind_elsewhere"]


def map_csv(book: Casebook) -> str:
    """One row per barrier and program (a barrier with no program has one row with no program)."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(CSV_COLUMNS)
    for r in resource_map(book):
        if not r.offers:
            out.writerow(safe_row([r.barrier.value, r.barrier.label, r.coverage.value, "", "", "", "", "", ""]))
        for o in r.offers:
            shared = sorted({n for k, names in r.overlaps.items() if k in {c for s in o.services for c in s.categories}
                             for n in names} - {o.program.name})
            out.writerow(safe_row([r.barrier.value, r.barrier.label, r.coverage.value, o.program.id, o.program.name,
                                   "; ".join(s.name for s in o.services), o.who, "no" if o.restricted else "yes",
                                   "; ".join(shared)]))
    return buf.getvalue()
