"""The IPS fidelity scale: every numeric anchor's bands and edges, component counts, judgement items,
totals and bands, and the good-fidelity threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from irt_sim.ips.fidelity import MEASURES, load_scale, score_from_cutoffs, score_profile, unknown_components
from irt_sim.model import AgencyProfile

from ..support.agency import ALL_COMPONENTS, BASE, JUDGEMENT, profile

def item_score(p: AgencyProfile, item_id: str) -> int:
    return next(i.score for i in score_profile(p).items if i.item.id == item_id)


def test_the_scale_has_25_items_in_three_sections():
    items = load_scale().items
    assert len(items) == 25 and len({i.id for i in items}) == 25
    counts = {s: sum(i.section == s for i in items) for s in ("staffing", "organization", "services")}
    assert counts == {"staffing": 3, "organization": 8, "services": 14}
    assert {i.anchor.measure for i in items if i.anchor.kind == "measure"} == set(MEASURES)


def test_a_full_marks_profile_scores_125_exemplary():
    result = score_profile(profile())
    assert result.total == 125 and result.band.band == "exemplary" and result.good_fidelity


# (item, profile field, cutoffs in order of scores 5,4,3,2, better, a value past the last cutoff)
NUMERIC = [
    ("S1", "employment_specialists__0__caseload", None, None, None),  # tested separately (two specialists)
    ("V4", "program_data__median_days_to_first_employer_contact", [30, 60, 150, 270], "lower", 271),
    ("V5", "program_data__share_job_search_matching_preferences", [0.9, 0.75, 0.5, 0.25], "higher", 0.24),
    ("V8", "program_data__share_jobs_different_types", [0.85, 0.7, 0.6, 0.5], "higher", 0.49),
    ("V9", "program_data__share_jobs_different_employers", [0.85, 0.7, 0.6, 0.5], "higher", 0.49),
    ("V10", "program_data__share_jobs_competitive", [0.95, 0.85, 0.75, 0.65], "higher", 0.64),
]


@pytest.mark.parametrize("item, field, cutoffs, better, beyond", [n for n in NUMERIC if n[2]])
def test_program_data_anchors_at_and_just_past_each_edge(item, field, cutoffs, better, beyond):
    step = 1 if better == "lower" else -0.01
    for score, cut in zip((5, 4, 3, 2), cutoffs):
        assert item_score(profile(**{field: cut}), item) == score, (item, cut)
        assert item_score(profile(**{field: cut + step}), item) == score - 1, (item, cut + step)
    assert item_score(profile(**{field: beyond}), item) == 1


@pytest.mark.parametrize("caseload, score", [(20, 5), (21, 4), (25, 4), (26, 3), (30, 3), (31, 2), (40, 2), (41, 1)])
def test_s1_caseload_bands(caseload, score):
    p = profile(employment_specialists__0__caseload=caseload, employment_specialists__1__caseload=caseload)
    assert item_score(p, "S1") == score


def test_s1_caseload_is_per_full_time_position():
    p = profile(employment_specialists__0__caseload=10, employment_specialists__0__fte=0.5,
                employment_specialists__1__caseload=20)
    assert MEASURES["caseload_per_specialist"](p) == 20 and item_score(p, "S1") == 5


# The published anchors score the share of time on employment services: 5 at 96% or more, 4 at 90-95%,
# 3 at 75-89%, 2 at 60-74%, 1 below 60%; the profile records the rest, the time on other duties.
@pytest.mark.parametrize("share, score", [(0.0, 5), (0.04, 5), (0.05, 4), (0.10, 4), (0.11, 3), (0.25, 3),
                                          (0.26, 2), (0.40, 2), (0.41, 1), (0.9, 1)])
def test_s2_time_on_other_duties(share, score):
    p = profile(employment_specialists__0__non_vocational_share=share, employment_specialists__1__non_vocational_share=share)
    assert item_score(p, "S2") == score


@pytest.mark.parametrize("phases, score", [(6, 5), (5, 4), (4, 3), (1, 3), (0, 1)])  # every score can be reached
def test_s3_phases_done_by_the_specialist(phases, score):
    p = profile(employment_specialists__0__phases_provided=phases, employment_specialists__1__phases_provided=phases)
    assert item_score(p, "S3") == score


@pytest.mark.parametrize("share, score", [(0.9, 5), (0.89, 4), (0.75, 4), (0.74, 3), (0.5, 3), (0.49, 2)])
def test_o1_share_from_assigned_teams(share, score):
    p = profile(employment_specialists__0__share_from_assigned_teams=share,
                employment_specialists__1__share_from_assigned_teams=share)
    assert item_score(p, "O1") == score


def test_o1_three_or_more_teams_scores_2_and_a_separate_program_1():
    assert item_score(profile(employment_specialists__0__mh_teams=3, employment_specialists__1__mh_teams=3), "O1") == 2
    assert item_score(profile(employment_specialists__0__mh_teams=0, employment_specialists__1__mh_teams=0), "O1") == 1


@pytest.mark.parametrize("contacts, score", [(6, 5), (5.9, 4), (5, 4), (4, 3), (3, 2), (2, 2), (1.9, 1)])
def test_v6_employer_contacts_a_week(contacts, score):
    p = profile(employment_specialists__0__employer_contacts_per_week=contacts,
                employment_specialists__1__employer_contacts_per_week=contacts)
    assert item_score(p, "V6") == score


@pytest.mark.parametrize("share, score", [(0.65, 5), (0.64, 4), (0.5, 4), (0.49, 3), (0.4, 3), (0.3, 2), (0.29, 1)])
def test_v13_share_of_hours_in_the_community(share, score):
    p = profile(employment_specialists__0__community_hours_share=share,
                employment_specialists__1__community_hours_share=share)
    assert item_score(p, "V13") == score


def test_v10_needs_ten_current_jobs():
    assert item_score(profile(program_data__current_jobs=10), "V10") == 5
    assert item_score(profile(program_data__current_jobs=9), "V10") == 1


@pytest.mark.parametrize("item", sorted(ALL_COMPONENTS))
def test_component_items_count_what_is_in_place(item):
    comps = ALL_COMPONENTS[item]
    cutoffs = next(i.anchor.cutoffs for i in load_scale().items if i.id == item)
    for n in range(len(comps) + 1):
        expected = score_from_cutoffs(n, cutoffs, "higher")
        assert item_score(profile(**{f"components__{item}": comps[:n]}), item) == expected
    assert item_score(profile(**{f"components__{item}": comps}), item) == 5
    assert item_score(profile(**{f"components__{item}": []}), item) == 1


def test_judgement_items_take_the_reviewers_score_and_block_the_total_until_given():
    judged = dict(BASE["reviewer_judgement"], V1=2)
    assert item_score(profile(reviewer_judgement=judged), "V1") == 2
    missing = {k: v for k, v in BASE["reviewer_judgement"].items() if k != "O6"}
    result = score_profile(profile(reviewer_judgement=missing))
    assert result.total is None and result.missing == ["O6"] and "O6" in result.summary()


def _with_total(total: int) -> AgencyProfile:
    """Lower judgement items (and then V14) until the total is exactly ``total``."""
    judged = dict(BASE["reviewer_judgement"])
    drop = 125 - total
    for item in JUDGEMENT:
        take = min(4, drop)
        judged[item] = 5 - take
        drop -= take
    assert drop == 0, "lower more items"
    return profile(reviewer_judgement=judged)


@pytest.mark.parametrize("total, band", [(125, "exemplary"), (115, "exemplary"), (114, "good"), (100, "good"),
                                         (99, "fair"), (98, "fair")])
def test_total_bands_at_their_edges(total, band):
    result = score_profile(_with_total(total))
    assert result.total == total and result.band.band == band


def test_fair_and_not_supported_edges():
    # all items at 3 is 75 (fair); one item at 2 is 74 (fair); two at 2 is 73 (not supported employment)
    judged = {j: 3 for j in JUDGEMENT}
    base = profile(reviewer_judgement=judged, employment_specialists__0__caseload=28, employment_specialists__1__caseload=28,
                   employment_specialists__0__non_vocational_share=0.2, employment_specialists__1__non_vocational_share=0.2,
                   employment_specialists__0__phases_provided=3, employment_specialists__1__phases_provided=3,
                   employment_specialists__0__share_from_assigned_teams=0.6,
                   employment_specialists__1__share_from_assigned_teams=0.6,
                   employment_specialists__0__employer_contacts_per_week=4,
                   employment_specialists__1__employer_contacts_per_week=4,
                   employment_specialists__0__community_hours_share=0.45,
                   employment_specialists__1__community_hours_share=0.45,
                   program_data={"median_days_to_first_employer_contact": 100, "share_job_search_matching_preferences": 0.6,
                                 "share_jobs_different_types": 0.65, "share_jobs_different_employers": 0.65,
                                 "share_jobs_competitive": 0.8, "current_jobs": 20},
                   components={k: v[:3] if len(v) == 5 else v[:2] if len(v) == 4 else v[:4] for k, v in ALL_COMPONENTS.items()})
    assert score_profile(base).total == 75
    one = base.model_copy(update={"reviewer_judgement": dict(judged, V1=2)})
    assert score_profile(one).total == 74 and score_profile(one).band.band == "fair"
    two = base.model_copy(update={"reviewer_judgement": dict(judged, V1=2, V3=2)})
    assert score_profile(two).total == 73 and score_profile(two).band.band == "not_supported_employment"


def test_the_good_fidelity_threshold_is_a_parameter():
    p = _with_total(97)
    assert score_profile(p).good_fidelity is False  # default 100, the published band
    assert score_profile(p, threshold=95).good_fidelity is True  # the overview deck's "95 or higher"
    with pytest.raises(ValueError, match="between 25 and 125"):
        score_profile(p, threshold=130)


def test_unknown_component_names_are_reported():
    p = profile(components={"O2": ["weekly_team_meetings", "weekly_meetings"], "S1": ["x"]})
    slips = unknown_components(p)
    assert "O2 › weekly_meetings is not one of its components" in slips
    assert "S1 is not a component item of the scale" in slips


def test_every_item_is_described_in_our_words_with_a_source():
    for item in load_scale().items:
        assert item.about and item.source and item.name
        if item.anchor.kind == "judgement":
            assert item.anchor.guide and "5:" in item.anchor.guide


def test_the_basis_of_each_score_is_said_in_words():
    basis = {i.item.id: i.basis for i in score_profile(profile(program_data__current_jobs=4)).items}
    assert basis["S1"] == "20 customers per full-time specialist"
    assert basis["V13"] == "70% of hours in the community"
    assert basis["V10"] == "fewer than 10 current jobs, too few to judge"
    assert basis["O2"] == "5 of 5 components in place" and basis["V1"] == "reviewer's judgement"


def test_a_casebook_reports_an_agency_component_the_scale_does_not_know(tmp_path):
    """The loader knows nothing of the scale; the IPS tools plug their check into it, so `casebook
    check` still names the slip, its file, line and field, and leaves that agency out."""
    import shutil

    from irt_sim import load_casebook

    book_dir = tmp_path / "casebook"
    shutil.copytree(Path(__file__).resolve().parents[2] / "casebook", book_dir)
    agency = book_dir / "agencies" / "northgate-ips.yaml"
    agency.write_text(agency.read_text().replace("O2: [weekly_team_meetings,", "O2: [weekly_team_meeting,"))
    book = load_casebook(book_dir, cache=False)
    slips = [p for p in book.problems if p.file.endswith("northgate-ips.yaml")]
    assert [(p.field, p.line) for p in slips] == [("components", 75)], slips
    assert "O2 › weekly_team_meeting is not one of its components" in slips[0].message
    assert "northgate-ips" not in book.agencies and "pine-hollow-ips" in book.agencies
