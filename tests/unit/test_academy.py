"""The Community Academy kit's parts, on the shipped casebook and on a small community a trainer
wrote (tests/support/academy.py): the resource map's counts against the programs' own files, cards,
who gets a role-play pack and what it holds, the agenda, and the survey's reading and report."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from irt_sim.academy import (Coverage, agenda_rows, counts, map_csv, program_card, read_responses, report_csv,
                             resource_map, role_play_customers, role_play_pack, survey_report)
from irt_sim.academy.survey import LETTERS, columns, knowledge_questions, partners
from irt_sim.academy.survey_report import network_alt
from irt_sim.checks.considerations import CHECKLIST
from irt_sim.documents.render import to_markdown
from irt_sim.inputs.casebook import load_casebook
from irt_sim.vocab import BarrierType

from ..support.academy import write_community

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    book = load_casebook(write_community(tmp_path_factory.mktemp("birch-falls")), cache=False)
    assert not book.problems, book.problems
    return book


def test_the_small_communitys_map_is_what_its_files_say(small):
    rows = {r.barrier: r for r in resource_map(small)}
    assert len(rows) == len(BarrierType)  # every barrier of the vocabulary, covered or not
    assert rows[BarrierType.housing].coverage == Coverage.some  # the only help is for veterans
    assert rows[BarrierType.housing].offers[0].who == "only veterans"
    assert rows[BarrierType.transportation].coverage == Coverage.one
    assert rows[BarrierType.transportation].offers[0].who == "anyone, without an eligibility decision"
    assert rows[BarrierType.work_history].coverage == Coverage.one
    assert rows[BarrierType.childcare].coverage == Coverage.none and not rows[BarrierType.childcare].offers
    assert counts(list(rows.values())) == {"barriers": 18, "none": 15, "some": 1, "one": 2, "several": 0, "overlaps": 0}


def test_the_shipped_maps_counts_agree_with_the_program_files(book):
    rows = resource_map(book)
    for r in rows:  # counted again here from the files, the way a trainer would tick them off
        addressing = {p.id for p in book.programs.values() if any(r.barrier in s.addresses for s in p.services)}
        assert {o.program.id for o in r.offers} == addressing, r.barrier
    csv_rows = map_csv(book).strip().splitlines()[1:]
    assert len(csv_rows) == sum(max(1, len(r.offers)) for r in rows)


def test_a_condition_that_is_the_barrier_itself_leaves_no_one_out(book):
    """A recovery service for people with a substance use disorder serves everyone whose barrier is
    substance use; the same service would leave out, say, a customer whose barrier is housing."""
    rows = {r.barrier: r for r in resource_map(book)}
    recovery = lambda b: next(o for o in rows[b].offers if o.program.id == "clearwater-recovery")  # noqa: E731
    assert not recovery(BarrierType.substance_use).restricted
    assert recovery(BarrierType.housing).restricted and recovery(BarrierType.housing).who.startswith("only people with")


def test_overlaps_are_between_programs_that_decide_eligibility(book):
    for r in resource_map(book):
        for names in r.overlaps.values():
            programs = [p for p in book.programs.values() if p.name in names]
            assert len(programs) >= 2 and all(p.eligibility.determined for p in programs)


def test_a_card_says_the_seven_things_and_marks_invented_practice(book, small):
    text = to_markdown(program_card(small.programs["birch-falls-vr"], small))
    for heading in ("Who it serves", "Services", "What counts as an outcome", "When services stop",
                    "How to make a connection", "Where it has flexibility", "What it cannot do"):
        assert f"### {heading}" in text
    assert "$12.00 an hour" in text and "90 days" in text  # the community's minimum wage, the retention rule
    assert "an assumption" in text and "34 CFR 361.41" in text
    bare = to_markdown(program_card(small.programs["dial-a-ride"], small))
    assert "Not in the directory yet" in bare and "assumption" in bare  # no partnering, no sources: both said


def test_packs_go_to_customers_eligible_in_three_or_more_systems(book, small):
    assert [c.id for c in role_play_customers(small)] == ["ivy-ostrander"]
    for c in book.customers.values():
        systems = {book.programs[p].system for p, s in c.eligibility.items()
                   if s.value in ("eligible", "presumed_eligible") and book.programs[p].eligibility.determined}
        assert (c in role_play_customers(book)) == (len(systems) >= 3), c.id


def test_a_pack_holds_a_card_for_the_customer_each_partner_an_observer_and_the_facilitator(small):
    pack = role_play_pack(small.customers["ivy-ostrander"], small, dt.date(2026, 12, 7))
    titles = [d.title for d in pack.docs]
    assert titles == ["Customer card: Ivy Ostrander", "Partner card: Birch Falls VR office", "Partner card: Dial-a-Ride",
                      "Partner card: Veterans Home Fund", "Observer's checklist: Ivy's meeting",
                      "Facilitator's sheet: Ivy's meeting"]
    vr = to_markdown(pack.docs[1])
    assert "Only you know this" in vr and ("Job placement can start" in vr or "Nothing but assessment" in vr)
    observer = to_markdown(pack.docs[4])
    assert all(c.label in observer for c in CHECKLIST) and "employment goal" in observer
    sheet = to_markdown(pack.docs[5])
    assert "What the checker finds in a typical first draft" in sheet and re.search(r"ERROR|WARNING", sheet)
    assert "Questions for the debrief" in sheet


def test_the_agenda_runs_in_order_and_names_the_kits_material():
    rows = agenda_rows()
    starts = [dt.datetime.strptime(r[0], "%I:%M %p") for r in rows]
    assert starts == sorted(starts) and all(int(r[2]) > 0 for r in rows)
    said = " ".join(r[3] + " " + r[4] for r in rows).lower()
    assert all(w in said for w in ("survey", "role-play", "resource map", "partner program cards"))


# --- the survey ------------------------------------------------------------------------------------


def _row(book, who, time, program, right=0, often=None, well=None, **extra) -> dict:
    row = {c: "" for c in columns(book)}
    row.update(respondent=who, time=time, program=program)
    for i, (key, q) in enumerate(knowledge_questions()):
        row[key] = LETTERS[q.right] if i < right else LETTERS[(q.right + 1) % len(q.options)]
    for pid, n in (often or {}).items():
        row[f"often:{pid}"] = str(n)
    for pid, n in (well or {}).items():
        row[f"well:{pid}"] = str(n)
    row.update(extra)
    return row


def _csv(book, rows) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns(book))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def test_the_report_counts_what_was_answered(small):
    q = len(knowledge_questions())
    rows = [_row(small, "A1", "pre", "birch-falls-vr", right=2, often={"dial-a-ride": 1}),
            _row(small, "A1", "post", "birch-falls-vr", right=q, often={"dial-a-ride": 2}, well={"dial-a-ride": 3}),
            _row(small, "B2", "pre", "vets-home-fund", right=4, often={"birch-falls-vr": 3}, well={"birch-falls-vr": 2}),
            _row(small, "B2", "post", "vets-home-fund", right=6, often={"birch-falls-vr": 3}, well={"birch-falls-vr": 4})]
    report = survey_report(read_responses(_csv(small, rows), small), small)
    assert report.respondents == {"pre": 2, "post": 2}
    assert report.score["pre"] == pytest.approx((2 + 4) / 2 / q) and report.score["post"] == pytest.approx((q + 6) / 2 / q)
    assert report.matched == pytest.approx([(q - 2) / q, 2 / q])
    # before: VR and the fund (monthly or more, rated 2); after: also VR and Dial-a-Ride (rated 3)
    assert report.network["pre"].ties == {("birch-falls-vr", "vets-home-fund"): 2}
    assert report.network["post"].ties == {("birch-falls-vr", "vets-home-fund"): 4, ("birch-falls-vr", "dial-a-ride"): 3}
    assert report.new_ties == [("birch-falls-vr", "dial-a-ride")] and report.network["post"].pairs == 3
    assert "2 of 3 possible pairs" in network_alt(report, "post") and "1 partner has no such tie" in network_alt(report, "pre")
    assert "Partner pairs working together about monthly or more,1,2,1 more" in report_csv(report).replace("\r", "")
    assert "up " in report_csv(report) and ",'" not in report_csv(report)  # no change written as a formula's '+'


def test_bad_rows_are_named_by_line_and_the_rest_is_read(small):
    rows = [_row(small, "A1", "pre", "birch-falls-vr", right=3),  # line 2: good
            _row(small, "A2", "before", "birch-falls-vr"),  # line 3: time
            _row(small, "A3", "pre", "the-vr-office"),  # line 4: program
            _row(small, "A4", "post", "dial-a-ride", K1="E"),  # line 5: an answer that is no option
            _row(small, "A5", "post", "dial-a-ride", often={"birch-falls-vr": 7}),  # line 6: a scale
            _row(small, "A1", "pre", "birch-falls-vr"),  # line 7: the same person's pre survey twice
            _row(small, "", "post", "dial-a-ride"),  # line 8: no respondent code
            _row(small, "A6", "post", "dial-a-ride", right=1)]  # line 9: good
    got = read_responses(_csv(small, rows), small)
    assert [r.respondent for r in got.rows] == ["A1", "A6"]
    lines = [int(re.match(r"line (\d+):", p).group(1)) for p in got.problems]
    assert lines == [3, 4, 5, 6, 7, 8]
    assert "pre or post" in got.problems[0] and "the-vr-office" in got.problems[1] and "'E'" in got.problems[2]
    assert "often:birch-falls-vr is '7'" in got.problems[3] and "line 2" in got.problems[4]


def test_a_file_that_is_not_the_survey_says_so(small):
    got = read_responses("name,score\nAna,3\n", small)
    assert got.rows == [] and "no column respondent, time, program" in got.problems[0]
    got = read_responses('respondent,time,program\n"A1,pre,dial-a-ride\n', small)  # a quote never closed
    assert got.rows == [] and got.problems


def test_the_survey_asks_about_every_partner_but_the_customers_own_people(book):
    ids = {p.id for p in partners(book)}
    assert "natural-supports" not in ids and "state-vr" in ids and len(ids) == len(book.programs) - 1
