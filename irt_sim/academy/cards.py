"""Partner program cards: one page per program for a Community Academy, so that partners learn each
other's programs, possibilities and limits before they sit at one table. Each card says who the
program serves, its eligibility in plain words, its services, what counts as an outcome, when its
services stop, how to make a connection, where it can bend and what it cannot do, and where each
rule comes from (an invented local practice says it is an assumption)."""

from __future__ import annotations

import re

from ..documents.build import Bullets, Doc, Heading, Para
from ..inputs.casebook import Casebook
from ..model import OutcomeRule, Program
from ..vocab import Confidence
from .resource_map import who_can_use


def _money(value: float) -> str:
    return f"${value:,.2f}"


def outcome_words(outcome: OutcomeRule | None, minimum_wage: float | None) -> list[str]:
    """What the program counts as an employment outcome, as short lines."""
    if outcome is None:
        return ["No employment outcome of its own: it helps with the goal the team agrees."]
    lines = [outcome.summary]
    if outcome.wage_floor == "minimum_wage":
        lines.append("Pay at least the local minimum wage" + (f" ({_money(minimum_wage)} an hour)." if minimum_wage else "."))
    elif outcome.wage_floor is not None:
        lines.append(f"Pay at least {_money(outcome.wage_floor)} an hour.")
    if outcome.min_weekly_hours:
        lines.append(f"At least {outcome.min_weekly_hours:g} hours a week"
                     + (f" ({outcome.min_weekly_hours_single_parent:g} for a single parent of a child under 6)."
                        if outcome.min_weekly_hours_single_parent else "."))
    if outcome.retention_days:
        lines.append(f"The job kept at least {outcome.retention_days} days before it counts.")
    if outcome.competitive_integrated:
        lines.append("Only competitive integrated employment counts.")
    return lines


#: A legal citation inside a source's text: '34 CFR 361.41', '29 U.S.C. 3141(b)(2)(A)', 'WIOA sec. 116(b)'.
_CITATION = re.compile(r"\b\d+ (?:CFR|U\.S\.C\.|USC) \d[\w.()-]*\w\)?|\b(?:WIOA|SSA|the Act) sec(?:tion|\.) \d[\w.()-]*\w\)?")


def _balanced(cite: str) -> str:
    return cite[:-1] if cite.endswith(")") and cite.count(")") > cite.count("(") else cite


def _cite(ref: str, confidence: Confidence) -> list[str]:
    """A source's citations, short enough for a card. An assumption (or a source with no citation)
    keeps its own words, since they say what is assumed, without the kit's bookkeeping ('(facts.md 4.1)')."""
    found = [_balanced(c) for c in _CITATION.findall(ref)]
    if found and confidence in (Confidence.confirmed, Confidence.partly_confirmed):
        return found
    text = re.sub(r"\s*\(facts\.md[^)]*\)", "", ref).strip()
    return [text if len(text) <= 90 else text[:89].rsplit(" ", 1)[0] + "…"]


def sources_line(program: Program) -> str:
    """The card's last line: the program's sources, grouped by how sure the kit is of them."""
    groups: dict[Confidence, list[str]] = {}
    for s in program.sources:
        for cite in _cite(s.ref, s.confidence):
            if cite not in groups.setdefault(s.confidence, []):
                groups[s.confidence].append(cite)
    if not groups:
        return "Sources: none named; treat every figure on this card as an assumption."
    said = ["{}: {}".format(c.label.capitalize(), "; ".join(refs)) for c, refs in groups.items()]
    return "Sources. " + " ".join(s if s.endswith("…") else s + "." for s in said)


def partnering_is_assumed(program: Program) -> bool:
    source = next((s for s in program.sources if s.figure == "partnering"), None)
    return source is None or source.confidence in (Confidence.assumption, Confidence.unverified)


def program_card(program: Program, book: Casebook) -> Doc:
    doc = Doc(program.name)
    doc.add(Para(f"{program.summary} At the table: the {program.partner_role}."))
    who, _ = who_can_use(program, program.services)
    served = [program.eligibility.summary, f"Who can use its services: {who}."]
    if program.eligibility.decision_within_days:
        served.append(f"It decides within {program.eligibility.decision_within_days} days of an application.")
    doc.add(Heading("Who it serves", 3), Para(" ".join(served)))
    doc.add(Heading("Services", 3),
            Bullets([s.name + (" (the program pays)" if s.paid else "") for s in program.services]))
    doc.add(Heading("What counts as an outcome", 3), Para(" ".join(outcome_words(program.outcome, book.minimum_wage))))
    doc.add(Heading("When services stop", 3), Para(f"{program.services_stop.note} (Its last stage: "
                                                   f"{program.services_stop.after.label}.)"))
    p = program.partnering
    assumed = " (the kit's invented local practice: an assumption)" if p and partnering_is_assumed(program) else ""
    doc.add(Heading("How to make a connection", 3),
            Para(p.connect + assumed if p else "Not in the directory yet: ask the program's representative on the day."))
    if p and p.flexibility:
        doc.add(Heading("Where it has flexibility", 3), Bullets(list(p.flexibility)))
    if p and p.limits:
        doc.add(Heading("What it cannot do", 3), Bullets(list(p.limits)))
    doc.add(Para(sources_line(program)))
    return doc


def program_cards(book: Casebook) -> list[Doc]:
    """A card for every program, in the order of their names."""
    return [program_card(p, book) for p in sorted(book.programs.values(), key=lambda p: p.name.casefold())]
