"""The cohort report's arithmetic on a class written by hand: shares of full marks, misconceptions
counted once a learner, the fidelity scores' agreement and Fleiss' kappa worked out on paper."""

from __future__ import annotations

import pytest

from irt_sim.classroom.cohort import Cohort, Learner, Part, kappa_words
from irt_sim.classroom.cohort_page import report_csv, report_html

pytestmark = pytest.mark.unit


def fid(item, value, anchor):
    return {"kind": "fidelity_score", "about": item, "words": f"{item} item", "value": value, "expected": anchor}


def no_partner(barrier):
    return {"kind": "no_partner", "about": barrier, "words": f"the {barrier} barrier left without a partner"}


@pytest.fixture
def cls():
    parts = [Part("test_scores", "Scores", 2, True), Part("why", "Your written answer (why)", 3, False)]
    return Cohort("ips_fidelity", parts, [
        Learner("ana", {"test_scores": 2, "why": None}, [fid("S1", 3, 3), fid("S2", 2, 4), no_partner("transportation"),
                                                       no_partner("transportation")]),
        Learner("ben", {"test_scores": 1, "why": 2}, [fid("S1", 3, 3), fid("S2", 4, 4), no_partner("transportation")]),
        Learner("cy", {"test_scores": 0.5, "why": None}, [fid("S1", 3, 3), fid("S2", 4, 4), no_partner("housing")]),
    ])


def test_shares_and_misconceptions_count_each_learner_once(cls):
    assert cls.part_share(cls.parts[0]) == pytest.approx(3.5 / 3 / 2)
    assert cls.part_share(cls.parts[1]) == pytest.approx(2 / 3)  # only the one the trainer has graded
    found = {m.about: m.learners for m in cls.misconceptions()}
    assert found == {"transportation": 2, "housing": 1, "S2": 1}  # ana's two signs for one barrier count once
    far = next(m for m in cls.misconceptions() if m.about == "S2")
    assert far.words == "S2 item scored 2 or more points from the anchor's 4"  # ana gave 2
    assert [b for b, n in cls.distribution() if n] == ["20-40%", "40-60%", "80-100%"]


def test_agreement_and_kappa_as_worked_on_paper(cls):
    items = {a.item: a for a in cls.agreement()}
    assert items["S1"].with_anchor == 1 and items["S1"].among == 1
    assert items["S2"].with_anchor == pytest.approx(2 / 3) and items["S2"].within_one == pytest.approx(2 / 3)
    assert items["S2"].among == pytest.approx(2 / 6)  # of the three pairs, only ben and cy agree
    # observed 2/3; chance from all six scores (3,3,3,2,4,4): .5^2 + (1/6)^2 + (1/3)^2 = 7/18
    assert cls.kappa() == pytest.approx((2 / 3 - 7 / 18) / (1 - 7 / 18))
    assert kappa_words(cls.kappa()) == "moderate" and kappa_words(0.1) == "slight" and kappa_words(-0.2) == "poor"


def test_the_page_and_the_table_carry_the_same_figures(cls):
    page = report_html(cls)
    assert "Fleiss&#x27; kappa across the items: 0.45, moderate" in page and "2 written answer(s) wait" in page
    rows = report_csv(cls).splitlines()
    assert rows[0].startswith("student_id,case,automatic_points,automatic_max,Scores") and rows[1].startswith("ana,,2,2,2,,")
