"""Practice cases (irt_sim.cases): 500 customers from one seed load into a copy of the casebook with
no problems and read back exactly; the same seed gives the same files; every population and barrier
turns up; each eligibility entry follows from its program's stated rules (worked out again here,
not with the generator's code); goals meet or miss the programs' outcome rules as asked; the
stories hold together; and the course's two builders can each make one."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter

import pytest

from irt_sim.cases import CasesError, case_yaml, generate_cases, parse_populations, write_cases
from irt_sim.cases.plan import first_plan
from irt_sim.cases.write import SCHEMA_LINE
from irt_sim.checks.plan_rules import check_plan, outcome_gaps
from irt_sim.inputs.casebook import load_casebook
from irt_sim.model import Release
from irt_sim.safefiles import OutputRefused
from irt_sim.vocab import BarrierType, Benefit, EligibilityStatus as E, Population

from ..support import CASEBOOK, SHARED

pytestmark = pytest.mark.unit

SEED = 2026


@pytest.fixture(scope="module")
def batch(book):
    return generate_cases(book, 500, SEED)


@pytest.fixture(scope="module")
def customers(batch):
    return [c.customer for c in batch]


@pytest.fixture(scope="module")
def loaded(batch, tmp_path_factory):
    """The 500 written into a copy of the shipped casebook's customers/ folder, and the casebook loaded."""
    root = tmp_path_factory.mktemp("cases") / "casebook"
    shutil.copytree(CASEBOOK, root)
    write_cases([c.customer for c in batch], root / "customers")
    return root, load_casebook(root, cache=False)


def _addresses(program):
    return {b for s in program.services for b in s.addresses}


def _ruled_out(program, c) -> bool:
    """The program's stated requirements, read here on their own (not with the model's ``unmet``)."""
    req = program.eligibility.requires
    return bool((req.populations and not set(req.populations) & set(c.populations))
                or (req.benefits and not set(req.benefits) & set(c.benefits))
                or (req.min_age is not None and c.age < req.min_age)
                or (req.max_age is not None and c.age > req.max_age)
                or (req.job_or_offer and not c.job_or_offer))


# --- files --------------------------------------------------------------------------------------


def test_500_cases_load_into_the_casebook_with_no_problems_and_read_back_exactly(loaded, customers, book):
    root, read = loaded
    assert read.problems == []
    assert len(read.customers) == len(book.customers) + 500
    assert all(read.customers[c.id] == c for c in customers)  # every field written and read back as made
    for c in customers[:50]:
        text = (root / "customers" / f"{c.id}.yaml").read_text(encoding="utf-8")
        assert text.startswith(SCHEMA_LINE) and "\nid:" not in text
        assert not any(line.endswith(" ") for line in text.splitlines())


def test_ids_are_unique_slugs_of_the_name_with_a_short_number(customers, book):
    ids = [c.id for c in customers]
    assert len(set(ids)) == 500 and not set(ids) & set(book.customers)
    for c in customers:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+-\d{3}", c.id), c.id
        assert c.id.startswith("-".join(c.name.lower().split()))


def test_the_same_seed_makes_the_same_files_and_another_seed_others(book, tmp_path):
    random.seed(1)  # the generator keeps its own random numbers: the global ones change nothing
    first = write_cases([c.customer for c in generate_cases(book, 40, 7, goal="mixed")], tmp_path / "a")
    random.seed(2)
    again = write_cases([c.customer for c in generate_cases(book, 40, 7, goal="mixed")], tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in again]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, again))
    other = generate_cases(book, 40, 8, goal="mixed")
    assert {c.customer.id for c in other} != {p.stem for p in first}
    assert case_yaml(other[0].customer) != first[0].read_text(encoding="utf-8")


def test_files_already_there_are_kept_without_force(book, tmp_path):
    cases = [c.customer for c in generate_cases(book, 3, 1)]
    write_cases(cases, tmp_path)
    with pytest.raises(OutputRefused, match="add --force"):
        write_cases(cases, tmp_path)
    assert len(write_cases(cases, tmp_path, force=True)) == 3


# --- who the customers are ----------------------------------------------------------------------


def test_every_population_and_every_barrier_turns_up_in_500_cases(customers):
    assert {p for c in customers for p in c.populations} == set(Population)
    assert {b.type for c in customers for b in c.barriers} == set(BarrierType)


def test_each_case_has_three_to_six_barriers_that_fit_its_populations(customers):
    for c in customers:
        kinds = [b.type for b in c.barriers]
        assert 3 <= len(kinds) <= 6 and len(set(kinds)) == len(kinds), c.id
        pops = set(c.populations)
        assert BarrierType.substance_use not in kinds or Population.substance_use in pops, c.id
        assert BarrierType.justice_involvement not in kinds or Population.justice_involved in pops, c.id
        assert Population.homelessness not in pops or BarrierType.housing in kinds, c.id
        assert BarrierType.childcare not in kinds or "Single parent" in c.household.note or "Raising" in c.household.note


def test_benefits_and_household_fit_the_story(customers):
    for c in customers:
        pops, money = set(c.populations), set(c.benefits)
        assert Population.tanf_recipient not in pops or Benefit.tanf in money, c.id
        if money & {Benefit.ssi, Benefit.ssdi}:  # SSI and SSDI are paid for a disability
            assert pops & {Population.mental_illness, Population.physical_disability, Population.sensory_disability,
                           Population.acquired_brain_injury, Population.intellectual_or_developmental_disability}, c.id
    disabled = [c for c in customers if Population.physical_disability in c.populations]
    assert any({Benefit.ssi, Benefit.ssdi} & set(c.benefits) for c in disabled)
    assert any(not {Benefit.ssi, Benefit.ssdi} & set(c.benefits) for c in disabled)
    assert 0 < sum(c.household.single_parent_child_under_6 for c in customers) < 250


def test_each_eligibility_entry_follows_from_its_programs_rules(customers, book):
    seen = Counter()
    for c in customers:
        for pid, status in c.eligibility.items():
            program = book.programs[pid]
            assert program.eligibility.determined, (c.id, pid)  # open-door partners need no entry
            assert _addresses(program) & {b.type for b in c.barriers}, (c.id, pid)  # only programs that could help
            if _ruled_out(program, c):
                expected = {E.not_eligible}
            elif set(program.eligibility.presumed_for) & set(c.benefits):
                expected = {E.presumed_eligible}
            else:
                expected = {E.eligible, E.applied}
            assert status in expected, (c.id, pid, status)
            assert _ruled_out(program, c) == bool(c.ruled_out_by(program))  # and the model reads the rules the same way
            seen[status] += 1
    assert all(seen[s] > 20 for s in E), seen  # some of each status


def test_most_cases_can_start_an_irt_and_their_systems_and_releases_are_plausible(customers, book):
    two = sum(sum(s.counts for s in c.eligibility.values()) >= 2 for c in customers)
    assert two >= 0.9 * len(customers)
    for c in customers:
        usable = {pid for pid, s in c.eligibility.items() if s.counts}
        assert all(pid in usable or not book.programs[pid].eligibility.determined for pid in c.systems_used), c.id
        assert set(c.released_to) <= {pid for pid, s in c.eligibility.items() if s != E.not_eligible} | set(c.systems_used)
        for r in c.releases:
            assert isinstance(r, Release) and r.what and r.purpose and r.signed_on < r.until
            records = book.programs[r.to].rules.records
            assert records is None or records in r.meets, (c.id, r.to)
            assert (r.signed_by.value == "customer") == (c.age >= 18), c.id
    assert sum(bool(c.releases) for c in customers) > 450


# --- goals --------------------------------------------------------------------------------------


def _gaps(c, book):
    return {pid: outcome_gaps(c.proposed_goal, book.programs[pid], c, book.minimum_wage)
            for pid, s in c.eligibility.items() if s.counts}


def test_a_goal_that_meets_has_no_outcome_gap_with_any_program_the_customer_may_use(customers, book):
    for c in customers:
        g = c.proposed_goal
        assert g and g.job_title and g.hourly_wage >= book.minimum_wage and g.weekly_hours and g.competitive_integrated
        assert not any(_gaps(c, book).values()), c.id


def test_a_goal_that_misses_misses_at_least_one_programs_rule(book):
    cases = generate_cases(book, 200, SEED, goal="miss")
    fields = Counter()
    for case in cases:
        gaps = _gaps(case.customer, book)
        assert gaps[case.missed], case.customer.id  # the program it was made to miss
        fields.update(field for g in gaps.values() for field, _ in g)
    assert fields["hourly_wage"] and fields["competitive_integrated"], fields


def test_mixed_goals_give_some_of_each(book):
    cases = generate_cases(book, 60, SEED, goal="mixed")
    assert {c.goal for c in cases} == {"meet", "miss"}
    assert all(bool(any(_gaps(c.customer, book).values())) == (c.goal == "miss") for c in cases)


# --- populations asked for ------------------------------------------------------------------------


def test_population_restricts_the_cases_to_the_named_groups(book):
    cases = generate_cases(book, 60, 3, parse_populations(["veteran", "tanf-recipient"]))
    pops = {p for c in cases for p in c.customer.populations}
    assert pops == {Population.veteran, Population.tanf_recipient}


def test_a_wrong_population_name_gets_a_plain_message_naming_the_right_ones():
    with pytest.raises(CasesError) as caught:
        parse_populations(["veteran,vetrans"])
    message = str(caught.value)
    assert "'vetrans' is not a target population" in message and "Did you mean 'veteran'?" in message
    assert all(p.value in message for p in Population)


# --- the stories ------------------------------------------------------------------------------------


def test_stories_are_plain_filled_text_that_do_not_read_alike(customers):
    stories = [c.story for c in customers]
    assert len(set(stories)) == 500
    openings = Counter(" ".join(s.split()[1:4]) for s in stories)
    assert openings.most_common(1)[0][1] <= 0.06 * 500, openings.most_common(3)  # no one way to start
    assert len({len(re.findall(r"[.!?](?:\s|$)", s)) for s in stories}) >= 4  # stories of different lengths
    for c in customers:
        for text in [c.story, c.household.note, *c.strengths, *(b.detail for b in c.barriers)]:
            assert not re.search(r"[{}\[\]]|\s[,.;]|  |\ba (?!one)[aeiou]\w*-year|\ban (?:one|[^aeiou\s])\w*-year",
                                 text), (c.id, text)  # no template marks left, no 'a eight-year-old


def test_the_story_and_the_barriers_tell_the_same_facts(customers):
    for c in customers:
        details = {b.type: b.detail for b in c.barriers}
        housing = details.get(BarrierType.housing, "")
        if "Staying at a shelter" in housing:
            assert "shelter" in c.story, c.id
        if "Sleeping in" in housing and "car" in housing:
            assert "car" in c.story and "Has no car" not in details.get(BarrierType.transportation, ""), c.id
        for kid in re.findall(r"^(\w+)'s (?:daycare|preschool)", details.get(BarrierType.childcare, "")):
            assert kid in c.household.note, c.id
        if Population.veteran in c.populations:
            assert re.search(r"Army|Navy|Air Force|Marine Corps|Coast Guard", c.story), c.id
        if Population.tanf_recipient in c.populations:
            assert "TANF" in c.story, c.id
        if c.job_or_offer:
            assert "offered" in c.story, c.id
        assert c.first_name in c.story and (c.proposed_goal.job_title.split()[0].lower() in c.story.lower()
                                           or not c.proposed_goal.competitive_integrated), c.id


def test_names_are_our_own(customers, book):
    shipped = {w for c in book.customers.values() for w in c.name.split()}
    shipped |= {w for p in book.plans.values() for a in p.attendees for w in a.name.split()}
    assert not {w for c in customers for w in c.name.split()} & shipped
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("the source documents (../shared/seeds) are not beside this checkout")
    seed_words = set(re.findall(r"\b[A-Z][a-z]{2,}\b", " ".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt"))))
    assert not {w for c in customers for w in c.name.split()} & seed_words


# --- another casebook ---------------------------------------------------------------------------------


def test_cases_follow_a_trainers_own_small_community(tmp_path):
    from ..support.academy import write_community

    root = write_community(tmp_path / "birch-falls")
    small = load_casebook(root, cache=False)
    cases = generate_cases(small, 40, 5, goal="miss")
    for case in cases:  # its only outcome rule is VR's: a missed goal is a sheltered workshop's
        c = case.customer
        assert set(c.eligibility) <= set(small.programs)
        assert not c.proposed_goal.competitive_integrated and _gaps(c, small)["birch-falls-vr"]
    write_cases([c.customer for c in cases], root / "customers")
    assert load_casebook(root, cache=False).problems == []


def test_a_first_plan_for_a_case_reads_and_can_be_checked(book, customers):
    from dataclasses import replace

    c = next(c for c in customers if sum(s.counts for s in c.eligibility.values()) >= 3)
    with_c = replace(book, customers={**book.customers, c.id: c})
    plan = first_plan(c, with_c)
    assert plan.customer == c.id and [a for a in plan.attendees if a.customer][0].name == c.name
    assert {a.program for a in plan.attendees if a.program} == {p for p, s in c.eligibility.items() if s.counts}
    assert plan.goal == c.proposed_goal
    codes = {f.code for f in check_plan(plan, replace(with_c, plans={plan.id: plan}))}
    assert "IRT001" not in codes and {"IRT020", "IRT031"} <= codes  # a team that can start, the rest to agree


# --- the course's builders ---------------------------------------------------------------------------


def test_the_team_builder_gives_a_new_customer_and_chooses_them(book, monkeypatch):
    import ipywidgets as w

    from irt_sim.widgets import TeamBuilder

    monkeypatch.setenv("IRT_LEARNER", "ana")
    tb = TeamBuilder(book=book)
    assert isinstance(tb.new, w.Button) and tb.new.description == "Give me a new customer"
    tb.new.click()
    first = tb.customer.value
    assert first not in book.customers and first in tb.book.customers  # the shared casebook is left as it was
    assert tb.book.customers[first].name in tb.story.value and 'role="status"' in tb.said.value
    tb.boxes["state-vr"].value = True
    assert tb.update().customer.id == first
    tb.new.click()
    assert tb.customer.value not in (first, *book.customers)
    assert [o[1] for o in tb.customer.options][-2:] == [first, tb.customer.value]
    again = TeamBuilder(book=book)
    again.new.click()
    assert again.customer.value == first  # the same learner's first practice customer, again
    monkeypatch.setenv("IRT_LEARNER", "bo")
    other = TeamBuilder(book=book)
    other.new.click()
    assert other.customer.value != first


def test_the_plan_builder_gives_a_new_customer_with_a_first_plan(book, monkeypatch):
    from irt_sim.widgets import PlanBuilder

    monkeypatch.setenv("IRT_LEARNER", "ana")
    pb = PlanBuilder(book=book, plan_id="lena-marsh-vet-tech")
    pb.new.click()
    customer = pb.book.customers[pb.plan().customer]
    assert pb.start.value == f"{customer.id}-plan" and customer.id not in book.customers
    assert customer.name in pb.about.value and pb.job.value == customer.proposed_goal.job_title
    assert "IRT020" in {f.code for f in pb.last_findings}  # the plan's own parts are the learner's to agree
    pb.start.value = "lena-marsh-vet-tech"  # the worked plans are still there
    assert pb.last_findings == [] and pb.about.value == ""


def test_a_practice_customer_comes_back_on_the_learners_next_visit(book, tmp_path, monkeypatch):
    from irt_sim.widgets import TeamBuilder, progress

    monkeypatch.setenv("IRT_LEARNER", "ana")
    progress.keep_in(tmp_path / "progress.json")
    try:
        tb = TeamBuilder(book=book)
        made = tb.new_customer()
        again = TeamBuilder(book=book)
        assert again.customer.value == made.id and made.name in again.story.value
    finally:
        progress.keep_in(None)
