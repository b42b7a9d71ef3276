"""The IPS implementation plan check: each criterion met on a full profile and not met when its
figure crosses the line; action steps carry a responsible role and a target date; the plan table
has the template's columns; the shipped agency profiles tell their stories."""

from __future__ import annotations

import datetime as dt

import pytest

from irt_sim.cli import main
from irt_sim.ips.implementation import CHECKS, check_implementation, load_criteria

from ..support import CASEBOOK
from ..support.agency import profile


def unmet(p) -> dict[str, str]:
    return {r.criterion.id: r.why for r in check_implementation(p).results if not r.met}


def test_every_criterion_has_a_check_and_every_check_a_criterion():
    ids = [c.id for a in load_criteria().areas.values() for c in a.criteria]
    assert sorted(ids) == sorted(CHECKS)
    titles = [a.title for a in load_criteria().areas.values()]
    assert titles == ["Funding", "IPS program supervision", "Employment specialist positions", "IPS training",
                      "Integration of IPS and mental health services", "Collaboration with vocational rehabilitation",
                      "IPS steering committee", "IPS supported employment fidelity", "Benefits planning"]


def test_a_full_profile_meets_every_criterion():
    report = check_implementation(profile())
    assert report.all_met, unmet(profile())
    assert len(report.plan_table()) == 0 and (report.areas()["Met"] == "yes").all()


@pytest.mark.parametrize("changes, criterion, words", [
    ({"implementation__funding_sources": []}, "funding_sources", "no funding source"),
    ({"implementation__funding_for_each_step": False}, "funding_each_step", "not every step"),
    ({"supervisor__staff_supervised": 11}, "supervisor_ratio", "11 team members for 1 supervisor FTE (limit 10)"),
    ({"supervisor__staff_supervised": 6, "supervisor__fte": 0.5}, "supervisor_ratio", "limit 5"),
    ({"supervisor__staff_supervised": 5, "supervisor__ips_only": False}, "supervisor_ips_only", "duties outside IPS"),
    ({"supervisor__caseload": 4}, "supervisor_caseload", "4 customer(s)"),
    ({"supervisor__weekly_group_supervision": False}, "weekly_group_supervision", "no weekly group supervision"),
    ({"supervisor__field_mentoring_per_month": 0}, "field_mentoring", "0 field-mentoring"),
    ({"supervisor__outcome_reviews_per_year": 3}, "outcome_reviews", "3 time(s) a year (at least 4)"),
    ({"employment_specialists__0__caseload": 21}, "caseload", "ES 1 21 at 1 FTE"),
    ({"employment_specialists__0__caseload": 11, "employment_specialists__0__fte": 0.5}, "caseload", "ES 1 11 at 0.5 FTE"),
    ({"employment_specialists__1__non_vocational_share": 0.1}, "employment_only", "ES 2 10%"),
    ({"employment_specialists__0__community_hours_share": 0.64}, "community_hours", "ES 1 64%"),
    ({"employment_specialists__0__phases_provided": 5}, "full_range", "ES 1 5 of 6 phases"),
    ({"implementation__training_done": ["ips_principles"]}, "training_done", "employer relationships"),
    ({"employment_specialists__0__mh_teams": 3}, "team_assignment", "ES 1 on 3"),
    ({"employment_specialists__0__mh_teams": 0}, "team_assignment", "ES 1 on 0"),
    ({"employment_specialists__0__share_from_assigned_teams": 0.89}, "referrals_from_teams", "ES 1 89%"),
    ({"implementation__office_with_mh_team": False}, "shared_office", "apart"),
    ({"implementation__attends_weekly_mh_meetings": False}, "weekly_team_meetings", "do not attend"),
    ({"implementation__integrated_records": False}, "integrated_records", "kept apart"),
    ({"implementation__vr__team_meetings_per_year": 11}, "vr_meetings", "11 time(s) a year (at least 12)"),
    ({"implementation__vr__counsellors_assigned": 0}, "vr_counsellors_assigned", "0 VR counsellor(s)"),
    ({"implementation__steering_committee__members": ["ips_supervisor"]}, "committee_members", "family members"),
    ({"implementation__benefits_planning_available": False}, "benefits_available", "no benefits planning"),
    ({"implementation__benefits_planners_trained": False}, "planners_trained", "not confirmed"),
])
def test_each_criterion_fails_when_its_figure_crosses_the_line(changes, criterion, words):
    found = unmet(profile(**changes))
    assert criterion in found, found
    assert words in found[criterion]


def test_edges_that_still_pass():
    assert "supervisor_ips_only" not in unmet(profile(supervisor__staff_supervised=4, supervisor__ips_only=False))
    assert "supervisor_ratio" not in unmet(profile(supervisor__staff_supervised=10))
    assert "caseload" not in unmet(profile(employment_specialists__0__caseload=10, employment_specialists__0__fte=0.5))
    assert "community_hours" not in unmet(profile(employment_specialists__0__community_hours_share=0.65))
    assert "vr_meetings" not in unmet(profile(implementation__vr__team_meetings_per_year=12))


def test_steering_committee_meetings_depend_on_reaching_good_fidelity():
    after_good = profile(implementation__steering_committee__meetings_per_year=2)  # reached 104 in 2025
    assert "committee_meetings" not in unmet(after_good)
    never_good = profile(implementation__steering_committee__meetings_per_year=2,
                         implementation__fidelity_reviews=[{"date": "2024-07-10", "score": 90},
                                                           {"date": "2025-01-12", "score": 95},
                                                           {"date": "2025-07-01", "score": 97},
                                                           {"date": "2026-01-05", "score": 98}])
    assert "during implementation" in unmet(never_good)["committee_meetings"]
    # the same profile with the overview deck's threshold of 95 counts as good since January 2025
    report = check_implementation(never_good, threshold=95)
    assert all(r.met for r in report.results if r.criterion.id == "committee_meetings")


def test_baseline_review_due_six_months_in():
    late = profile(implementation__fidelity_reviews=[{"date": "2024-09-15", "score": 90},
                                                     {"date": "2025-03-10", "score": 101}])
    assert "baseline_review" not in unmet(late)  # done, if late: nothing left to arrange
    [why] = [r.why for r in check_implementation(late).results if r.criterion.id == "baseline_review"]
    assert "later than the 6 months planned (due around 2024-07-01)" in why
    none = profile(implementation__fidelity_reviews=[])
    assert "no baseline review" in unmet(none)["baseline_review"]
    young = profile(implementation_started="2026-03-01", implementation__fidelity_reviews=[])
    assert "baseline_review" not in unmet(young)


def test_reviews_every_six_months_until_good_then_yearly():
    # 92 then 104 (good) then yearly: on schedule (the base profile)
    assert "review_schedule" not in unmet(profile())
    gap = profile(implementation__fidelity_reviews=[{"date": "2024-07-10", "score": 92},
                                                    {"date": "2025-05-01", "score": 104}])
    assert "every 6 months until good fidelity" in unmet(gap)["review_schedule"]
    overdue = profile(profile_date="2027-03-01")  # last review 2026-01-08 was good: next due about a year later
    assert "next review came late" in unmet(overdue)["review_schedule"]


def test_action_steps_have_a_role_and_a_target_date_in_the_template_table():
    p = profile(supervisor__caseload=6, implementation__benefits_planning_available=False)
    table = check_implementation(p).plan_table()
    assert list(table.columns) == ["Implementation Area", "Action Steps", "Responsible Person(s)", "Target Date"]
    row = table[table["Implementation Area"] == "IPS program supervision"].iloc[0]
    assert row["Responsible Person(s)"] == "IPS supervisor"
    assert row["Target Date"] == (dt.date(2026, 6, 30) + dt.timedelta(days=60)).isoformat()
    assert "6 customer(s)" in row["Action Steps"]


# --- the shipped agency profiles --------------------------------------------------------------------


def test_the_three_shipped_profiles_tell_their_stories(book):
    from irt_sim.ips.fidelity import score_profile

    assert len(book.agencies) >= 3
    scored = {a: score_profile(p) for a, p in book.agencies.items()}
    bands = {a: r.band.band for a, r in scored.items()}
    assert bands["northgate-ips"] in ("exemplary", "good")
    assert bands["riverside-counseling-ips"] == "fair"
    assert bands["pine-hollow-ips"] in ("fair", "not_supported_employment")
    unmet_counts = {a: sum(not r.met for r in check_implementation(p).results) for a, p in book.agencies.items()}
    assert unmet_counts["northgate-ips"] < unmet_counts["riverside-counseling-ips"] < unmet_counts["pine-hollow-ips"]


def test_each_profile_has_a_caseload_file_spanning_four_quarters(book):
    from irt_sim.ips.outcomes import quarterly_outcomes, read_caseload

    for agency in book.agencies:
        caseload = read_caseload(CASEBOOK / "agencies" / f"{agency}-caseload.csv")
        assert caseload.problems == [], caseload.problems[:3]
        table = quarterly_outcomes(caseload)
        assert len(table) >= 4 and (table["served"] > 0).all()


def test_cli_score_and_plan(capsys, tmp_path):
    path = CASEBOOK / "agencies" / "northgate-ips.yaml"
    assert main(["ips", "score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Staffing" in out and "S1" in out and "of 125" in out
    code = main(["ips", "plan", str(CASEBOOK / "agencies" / "pine-hollow-ips.yaml"), "--csv", str(tmp_path / "plan.csv")])
    out = capsys.readouterr().out
    assert code == 1 and "NOT MET" in out and "Target date" in out
    assert (tmp_path / "plan.csv").read_text().startswith("Implementation Area,Action Steps")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [\n")
    assert main(["ips", "score", str(bad)]) == 2
    assert "bad.yaml, line" in capsys.readouterr().err


def test_each_check_is_named_for_its_criterion_and_says_the_numbers_the_yaml_holds():
    """A trainer who edits a figure in ips_implementation.yaml gets messages with the new figure."""
    from irt_sim.ips.implementation import CHECKS, load_criteria

    ids = {c.id for area in load_criteria().areas.values() for c in area.criteria}
    assert set(CHECKS) == ids and all(fn.__name__ == cid for cid, fn in CHECKS.items())
    p = profile()
    edited = {"caseload": {"max_per_fte": 25}, "community_hours": {"min_share": 0.8}, "full_range": {"phases": 7},
              "team_assignment": {"min_teams": 1, "max_teams": 3}, "referrals_from_teams": {"min_share": 0.95}}
    said = {cid: CHECKS[cid](p, numbers, 100)[1] for cid, numbers in edited.items()}
    assert "within 25 per full-time" in said["caseload"]
    assert "80%" in said["community_hours"] and "65%" not in said["community_hours"]
    assert "of 7 phases" in said["full_range"]
    assert "1 to 3 teams" in said["team_assignment"]
    assert "95%" in said["referrals_from_teams"] and "90%" not in said["referrals_from_teams"]
