"""Who sits at the table: for a customer and a chosen set of partner programs, which barriers are
covered and by whom, who lacks a release, and where eligibility is missing (course module 6)."""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs.casebook import Casebook
from ..model import Customer, Program
from ..vocab import BarrierType, EligibilityStatus


@dataclass(frozen=True)
class BarrierCover:
    barrier: BarrierType
    detail: str
    partners: list[str]  # program names whose services address it


@dataclass(frozen=True)
class PartnerStatus:
    program: Program
    eligibility: EligibilityStatus | None
    has_release: bool

    @property
    def eligible(self) -> bool:
        return not self.program.eligibility.determined or bool(self.eligibility and self.eligibility.counts)


@dataclass(frozen=True)
class TeamReport:
    customer: Customer
    partners: list[PartnerStatus]
    barriers: list[BarrierCover]

    @property
    def systems_eligible(self) -> list[str]:
        return [p.program.name for p in self.partners if p.program.eligibility.determined and p.eligible]

    @property
    def uncovered(self) -> list[BarrierCover]:
        return [b for b in self.barriers if not b.partners]

    @property
    def missing_releases(self) -> list[str]:
        return [p.program.name for p in self.partners if p.program.release_required and not p.has_release]

    @property
    def not_yet_eligible(self) -> list[PartnerStatus]:
        return [p for p in self.partners if not p.eligible]

    def summary(self) -> list[str]:
        first = self.customer.first_name
        n = len(self.systems_eligible)
        lines = [f"{first} is eligible or presumed eligible in {n} system(s) at this table"
                 + (": an IRT can start." if n >= 2 else ": an IRT needs at least two.")]
        lines.append(f"{len(self.barriers) - len(self.uncovered)} of {len(self.barriers)} barriers have a partner"
                     + ("." if not self.uncovered else "; no partner yet for: "
                        + ", ".join(b.barrier.label for b in self.uncovered) + "."))
        if not self.partners:
            lines.append("No partner is at the table yet: tick the partners to invite.")
        else:
            lines.append("Every partner at the table has a signed release." if not self.missing_releases
                         else "No signed release yet for: " + ", ".join(self.missing_releases) + ".")
        if self.not_yet_eligible:
            lines.append("Eligibility not settled with: " + ", ".join(
                f"{p.program.name} ({p.eligibility.label if p.eligibility else 'no application'})"
                for p in self.not_yet_eligible) + ".")
        return lines


def team_report(book: Casebook, customer_id: str, program_ids: list[str]) -> TeamReport:
    customer = book.customers[customer_id]
    programs = [book.programs[p] for p in program_ids if p in book.programs]
    partners = [PartnerStatus(p, customer.status_with(p.id), customer.has_release(p.id)) for p in programs]
    covers, seen = [], set()
    for b in customer.barriers:
        if b.type in seen:
            continue
        seen.add(b.type)
        names = [p.name for p in programs if any(b.type in s.addresses for s in p.services)]
        covers.append(BarrierCover(b.type, b.detail, names))
    return TeamReport(customer, partners, covers)
