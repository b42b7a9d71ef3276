"""The shipped casebook: complete, consistent, sourced, and free of real people."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from irt_sim import check_plan
from irt_sim.checks.plan_rules import Severity
from irt_sim.vocab import DECK_PARTICIPANT_TYPES, BarrierType, Population

from ..support import CASEBOOK, SHARED


def test_casebook_loads_without_problems(book):
    assert book.problems == []


def test_directory_covers_every_participant_type(book):
    assert len(book.programs) >= 16
    present = {p.system for p in book.programs.values()}
    missing = [t.label for t in DECK_PARTICIPANT_TYPES if t not in present]
    assert not missing, f"no program of type: {missing}"


def test_every_barrier_type_has_a_service_somewhere(book):
    addressed = {b for p in book.programs.values() for s in p.services for b in s.addresses}
    assert set(BarrierType) <= addressed, f"no service addresses {set(BarrierType) - addressed}"


def test_customers_span_the_target_populations(book):
    assert len(book.customers) >= 12
    seen = {pop for c in book.customers.values() for pop in c.populations}
    wanted = set(Population) - {Population.intellectual_or_developmental_disability}
    assert wanted <= seen, f"no customer from {wanted - seen}"


def test_each_customer_has_several_barriers_across_two_systems(book):
    for c in book.customers.values():
        assert len(c.barriers) >= 3, c.id
        # which of the customer's own systems could address their barriers
        systems = {book.programs[p].system for p, s in c.eligibility.items() if p in book.programs
                   for svc in book.programs[p].services if set(svc.addresses) & {b.type for b in c.barriers}}
        assert len(systems) >= 2, f"{c.id}: barriers reach only {systems}"
        goal = c.proposed_goal
        assert goal and goal.job_title and goal.hourly_wage and goal.weekly_hours, f"{c.id} lacks a realistic goal"
        if goal.competitive_integrated:
            assert goal.hourly_wage >= book.minimum_wage, f"{c.id}: goal wage below the local minimum wage"


def test_worked_plans_exist_and_pass_with_no_errors(book):
    assert len(book.plans) >= 4
    assert {"lena-marsh-vet-tech", "dario-quill-carpentry"} <= set(book.plans)
    for plan in book.plans.values():
        found = [str(f) for f in check_plan(plan, book) if f.severity == Severity.error]
        assert not found, f"{plan.id}: {found}"


def test_worked_plans_have_the_depth_of_the_deck_samples(book):
    for plan in book.plans.values():
        partners = [a for a in plan.attendees if a.program]
        assert len(partners) >= 4, f"{plan.id}: only {len(partners)} partners"
        assert len(plan.action_items) >= 5, f"{plan.id}: only {len(plan.action_items)} action items"
        assert len({p.stage for p in plan.sequence}) >= 2, f"{plan.id}: services in only one stage"
        assert any(a.due == "ongoing" for a in plan.action_items), f"{plan.id}: no ongoing action"


def test_every_rule_figure_names_its_source(book):
    for p in book.programs.values():
        figures = {s.figure for s in p.sources}
        needed = []
        if p.eligibility.decision_within_days:
            needed.append("eligibility.decision_within_days")
        if p.eligibility.presumed_for:
            needed.append("eligibility.presumed_for")
        if p.outcome:
            for name in ("wage_floor", "min_weekly_hours", "min_weekly_hours_single_parent", "retention_days"):
                if getattr(p.outcome, name) is not None:
                    needed.append(f"outcome.{name}")
            if p.outcome.competitive_integrated:
                needed.append("outcome.competitive_integrated")
        missing = [n for n in needed if n not in figures]
        assert not missing, f"{p.id}: no source for {missing}"
    assert any(s.figure == "minimum_wage" for s in book.community.sources)


def people(book):
    names = [c.name for c in book.customers.values()]
    names += [a.name for p in book.plans.values() for a in p.attendees]
    return names


def test_no_contact_details_anywhere_in_the_casebook():
    for path in CASEBOOK.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{path.name} holds an e-mail address"
        assert not re.search(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b", text), f"{path.name} holds a phone number"


def test_no_name_from_the_seeds_is_reused(book):
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("the source documents (../shared/seeds) are not beside this checkout")
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt"))
    seed_words = set(re.findall(r"\b[A-Z][a-z]{2,}\b", seed_text))
    # capitalised words the seeds use as ordinary words, not names
    common = {w for w in seed_words if w.lower() in seed_text}
    for name in people(book):
        tokens = re.findall(r"[A-Z][a-z]{2,}", name)
        reused = [t for t in tokens if t in seed_words and t not in common]
        assert not reused, f"'{name}' reuses {reused} from the seed documents"
        assert name not in seed_text, f"'{name}' appears in the seed documents"


def test_names_are_not_repeated_across_the_casebook(book):
    counts = Counter(c.name for c in book.customers.values())
    assert max(counts.values()) == 1


def test_no_customer_is_eligible_where_the_programs_stated_requirements_rule_them_out(book):
    clashes = [f"{c.id} is {status.value} with {pid}, but {c.ruled_out_by(book.programs[pid])}"
               for c in book.customers.values() for pid, status in c.eligibility.items()
               if status.counts and pid in book.programs and c.ruled_out_by(book.programs[pid])]
    assert not clashes, clashes


def test_requirements_say_in_plain_words_which_rule_rules_a_customer_out(book):
    beatriz = book.customers["beatriz-almonte"]  # 52, SSDI, a spinal cord injury, no job yet
    assert beatriz.ruled_out_by(book.programs["wioa-youth"]) == "it serves people aged 14 to 24, and Beatriz is 52"
    assert beatriz.ruled_out_by(book.programs["wheels-for-work"]).endswith("and Beatriz has neither yet")
    assert "shows no mental illness" in beatriz.ruled_out_by(book.programs["northgate-ips"])
    assert beatriz.ruled_out_by(book.programs["wipa-benefits"]) is None  # she receives SSDI
    assert beatriz.ruled_out_by(book.programs["state-vr"]) is None  # nothing stated that her record fails
