"""The ARC-versus-referral simulator: determinism, calibration, agreement with the plain loop,
the direction of every effect the course teaches, and parameter validation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from irt_sim.simulator.cohort import cohort_from_casebook, generate_cohort
from irt_sim.simulator.params import PATHWAYS, ParameterError, load_params
from irt_sim.simulator.engine import simulate
from irt_sim.simulator.loop_reference import run_pathway_loop


@pytest.fixture(scope="module")
def params():
    return load_params()


@pytest.fixture(scope="module")
def smi_cohort(params):
    return generate_cohort(params, 2000, {"mental_illness": 1}, seed=11)


def means(result, pathway):
    m = result.measures
    return m[m["pathway"] == pathway].groupby("measure")["value"].mean()


# --- reproducible -----------------------------------------------------------------------------


def test_same_seed_same_numbers_to_the_last_digit(params, smi_cohort):
    a = simulate(smi_cohort, params, replicates=3, seed=42)
    b = simulate(smi_cohort, params, replicates=3, seed=42)
    pd.testing.assert_frame_equal(a.measures, b.measures, check_exact=True)
    pd.testing.assert_frame_equal(a.by_system, b.by_system, check_exact=True)
    c = simulate(smi_cohort, params, replicates=3, seed=43)
    assert not a.measures["value"].equals(c.measures["value"])


def test_generated_cohorts_are_reproducible(params):
    a = generate_cohort(params, 500, {"veteran": 1, "homelessness": 2}, seed=5)
    b = generate_cohort(params, 500, {"veteran": 1, "homelessness": 2}, seed=5)
    assert np.array_equal(a.needs, b.needs)


# --- calibration ----------------------------------------------------------------------------------


def test_ips_preset_reproduces_the_overview_deck_funnel(params):
    ips, preset = params.preset("ips_overview_deck")
    assert preset.cohort.size == 530
    cohort = generate_cohort(ips, preset.cohort.size, preset.cohort.mix, seed=0)
    result = simulate(cohort, ips, pathways=[preset.pathway], replicates=200, seed=2)
    got = means(result, preset.pathway)
    # 290 of 530 placed; 238 of the 290 employed at 30 days; 141 of the 290 employed at 180 days
    assert abs(got["placed_share"] - 290 / 530) <= 0.03
    assert abs(got["employed_30_share_of_placed"] - 238 / 290) <= 0.03
    assert abs(got["employed_180_share_of_placed"] - 141 / 290) <= 0.03


def test_default_pathways_land_in_the_published_ranges(params, smi_cohort):
    """Brokered and parallel services: 9-26% competitive jobs; integrated IPS: 55-61% (facts.md 2.2)."""
    result = simulate(smi_cohort, params, replicates=10, seed=3)
    assert 0.09 <= means(result, "referral")["placed_share"] <= 0.26
    assert 0.55 <= means(result, "irt")["placed_share"] <= 0.64


# --- the plain loop and the vectorised model agree ---------------------------------------------------


@pytest.mark.parametrize("pathway", list(PATHWAYS))
def test_vectorised_model_agrees_with_the_plain_loop(params, pathway):
    cohort = generate_cohort(params, 20_000, {"mental_illness": 1, "tanf_recipient": 1, "justice_involved": 1}, seed=8)
    vec = simulate(cohort, params, pathways=[pathway], replicates=8, seed=4).measures
    per_run = vec.groupby("measure")["value"]
    loop = run_pathway_loop(cohort, params, pathway, seed=99)
    for measure, value in loop.items():
        mean, sd = per_run.mean()[measure], per_run.std()[measure]
        tolerance = 4.5 * sd * math.sqrt(1 + 1 / 8) + 1e-9  # both are runs of the same model on the same cohort
        assert abs(value - mean) <= tolerance, f"{pathway} {measure}: loop {value:.4f}, vectorised {mean:.4f} ± {sd:.4f}"


# --- what the course teaches ---------------------------------------------------------------------------


def test_each_step_of_coordination_changes_what_the_issue_says(params, smi_cohort):
    result = simulate(smi_cohort, params, replicates=10, seed=5)
    ref, arc, irt = (means(result, p) for p in ("referral", "arc", "irt"))
    assert ref["share_engaged"] < arc["share_engaged"] < irt["share_engaged"]
    assert ref["duplicated_share_of_engaged"] > arc["duplicated_share_of_engaged"] > irt["duplicated_share_of_engaged"]
    assert ref["duplicated_services_per_customer"] > arc["duplicated_services_per_customer"]
    assert ref["staff_hours_per_customer"] < arc["staff_hours_per_customer"]  # ARC: more staff time up front
    assert ref["weeks_to_job_mean"] > arc["weeks_to_job_mean"] > irt["weeks_to_job_mean"]
    assert ref["placed_share"] < arc["placed_share"] < irt["placed_share"]
    assert ref["shared_outcome_share"] < arc["shared_outcome_share"] < irt["shared_outcome_share"]
    assert ref["employed_180_share_of_placed"] < irt["employed_180_share_of_placed"]


def test_reaching_resources_falls_as_barriers_pile_up(params):
    few = generate_cohort(params, 3000, {"sensory_disability": 1}, seed=1)
    many = generate_cohort(params, 3000, {"homelessness": 1}, seed=1)
    assert many.needs_per_customer.mean() > few.needs_per_customer.mean()
    r_few = simulate(few, params, pathways=["referral"], replicates=5, seed=1)
    r_many = simulate(many, params, pathways=["referral"], replicates=5, seed=1)
    assert means(r_many, "referral")["share_engaged"] < means(r_few, "referral")["share_engaged"]


def test_a_slider_move_changes_the_answer(params, smi_cohort):
    low = simulate(smi_cohort, params.replace(connect_referral=0.1), pathways=["referral"], replicates=3, seed=9)
    high = simulate(smi_cohort, params.replace(connect_referral=0.6), pathways=["referral"], replicates=3, seed=9)
    assert means(high, "referral")["placed_share"] > means(low, "referral")["placed_share"]
    assert means(high, "referral")["share_engaged"] > means(low, "referral")["share_engaged"]


# --- the tables ------------------------------------------------------------------------------------------


def test_outputs_are_tidy_tables_with_confidence_intervals(params, smi_cohort):
    result = simulate(smi_cohort, params, replicates=5, seed=1)
    for table in (result.engagement(), result.duplication(), result.weeks_to_employment(), result.funnel(),
                  result.shared_outcomes()):
        assert {"pathway", "measure", "mean", "ci_low", "ci_high"} <= set(table.columns)
        assert set(table["pathway"]) == set(PATHWAYS)
        ok = table.dropna(subset=["ci_low"])
        assert ((ok["ci_low"] <= ok["mean"]) & (ok["mean"] <= ok["ci_high"])).all()
    for table in (result.staff_hours(), result.cost_per_placement()):
        assert {"pathway", "system", "measure", "mean"} <= set(table.columns)
        assert "workforce" in set(table["system"]) and "vocational_rehabilitation" in set(table["system"])
    funnel = result.funnel()
    stages = funnel[funnel["pathway"] == "irt"].set_index("measure")["share_mean"]
    assert stages["customers"] == 1.0 >= stages["placed"] >= stages["employed_30"] >= stages["employed_180"]


def test_one_replicate_has_no_interval_but_does_not_fail(params, smi_cohort):
    table = simulate(smi_cohort, params, replicates=1, seed=1).engagement()
    assert table["ci_low"].isna().all() and table["mean"].notna().all()


def test_a_casebook_cohort(book, params):
    cohort = cohort_from_casebook(book, params)
    assert cohort.size == len(book.customers)
    lena = list(book.customers).index("lena-marsh")
    row = dict(zip(cohort.need_names, cohort.needs[lena]))
    assert row["transportation"] and row["benefits"] and row["health"] and not row["justice"]
    bigger = cohort_from_casebook(book, params, size=1000, seed=2)
    assert bigger.size == 1000
    assert simulate(bigger, params, replicates=2).measures["value"].notna().any()


# --- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change, words", [
    ({"connect_referral": 1.4}, "connect_referral must be a probability between 0 and 1; got 1.4"),
    ({"duplicate_arc": -0.1}, "duplicate_arc must be a probability between 0 and 1"),
    ({"staff_hour_cost": -5}, "staff_hour_cost must be an amount in dollars, 0 or more"),
    ({"meeting_hours": -1}, "meeting_hours must be a number of hours, 0 or more"),
    ({"team_meetings": 2.5}, "team_meetings must be a whole number"),
    ({"weeks_irt": "soon"}, "not a number"),
    ({"crisis_chance": float("nan")}, "crisis_chance must be a probability"),
    ({"conect_referral": 0.3}, "There is no simulator parameter 'conect_referral'. Did you mean 'connect_referral'?"),
])
def test_bad_parameters_are_refused_with_their_name_and_range(params, change, words):
    with pytest.raises(ParameterError) as caught:
        params.replace(**change)
    assert words in str(caught.value)


def test_bad_cohorts_and_runs_are_refused(params, smi_cohort):
    with pytest.raises(ParameterError, match="cohort is empty"):
        generate_cohort(params, 0, {"veteran": 1})
    with pytest.raises(ParameterError, match="'astronauts' is not a population; choose from: tanf_recipient"):
        generate_cohort(params, 10, {"astronauts": 1})
    with pytest.raises(ParameterError, match="share of veteran must be a share, 0 or more"):
        generate_cohort(params, 10, {"veteran": -1})
    with pytest.raises(ParameterError, match="population mix is empty"):
        generate_cohort(params, 10, {})
    with pytest.raises(ParameterError, match="Unknown pathway 'teleport'; choose from: referral, arc, irt"):
        simulate(smi_cohort, params, pathways=["teleport"])
    with pytest.raises(ParameterError, match="replicates must be a whole number, 1 or more"):
        simulate(smi_cohort, params, replicates=0)
    with pytest.raises(ParameterError, match="no preset 'nowhere'"):
        params.preset("nowhere")


def test_a_broken_parameter_file_names_file_line_and_field(tmp_path):
    from irt_sim.simulator.params import PARAMS_FILE

    text = PARAMS_FILE.read_text(encoding="utf-8").replace("    value: 0.35\n", "    value: 1.35\n", 1)
    bad = tmp_path / "simulation.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match=r"simulation.yaml, line 14: connect_referral must be a probability between 0 and 1; got 1.35"):
        load_params(bad)
    original = PARAMS_FILE.read_text(encoding="utf-8")
    bad.write_text(original.replace("    kind: probability\n", "    kind: chance\n", 1), encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        load_params(bad)
    assert "line 15" in str(caught.value) and "parameters › connect_referral › kind" in str(caught.value)


def test_every_parameter_names_its_source_honestly(params):
    for name, p in params.spec.parameters.items():
        assert p.source and p.label, name
        says_assumption = p.source.lower().startswith("assumption")
        assert says_assumption == (p.confidence.value == "assumption"), f"{name}: source and confidence disagree"


def test_needs_and_populations_can_be_changed_too(params):
    cheaper = params.with_need("training", service_cost=0)
    assert cheaper.spec.needs["training"].service_cost == 0 and params.spec.needs["training"].service_cost > 0
    housed = params.with_population("homelessness", housing=0.0)
    cohort = generate_cohort(housed, 500, {"homelessness": 1}, seed=1)
    assert not cohort.needs[:, cohort.need_names.index("housing")].any()
    with pytest.raises(ParameterError, match="training service_hours must be a number of hours, 0 or more"):
        params.with_need("training", service_hours=-3)
    with pytest.raises(ParameterError, match="There is no need 'rocket'"):
        params.with_population("veteran", rocket=0.5)
    with pytest.raises(ParameterError, match="veteran › housing must be a probability"):
        params.with_population("veteran", housing=2)
