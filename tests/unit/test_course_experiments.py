"""Every "try this" in a module changes what the learner sees on the data the kit ships, and the
debrief after it says what the kit itself computes (the figures in the text are checked against the
panel, so a changed assumption cannot leave a debrief telling a different story)."""

from __future__ import annotations

import re

import nbformat
import pytest

from irt_sim.widgets import FidelityView, SimulatorPanel

from ..support import KIT


def debrief(module: str) -> str:
    nb = nbformat.read(KIT / "course" / f"{module}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("<details>"))


def shares(panel: SimulatorPanel) -> dict[str, str]:
    """The pathways' figures as the panel's sentence shows them (whole percentages)."""
    s = panel.result.summary(["placed_share", "share_engaged"]).set_index(["pathway", "measure"])["mean"]
    return {f"{p}.{m}": f"{v:.0%}" for (p, m), v in s.items()}


@pytest.fixture(scope="module")
def module_5():
    panel = SimulatorPanel()
    before = shares(panel)
    said = panel.status.value
    panel.sliders["connect_referral"].value = 0.15
    referral = shares(panel)
    assert panel.status.value != said  # the try changes the sentence the learner reads
    panel.back_to_defaults()
    assert shares(panel) == before
    panel.sliders["connect_irt"].value = panel.sliders["connect_arc"].value
    team = shares(panel)
    panel.back_to_defaults()
    panel.population.value = "homelessness"
    homeless = shares(panel)
    return debrief("05_arc_versus_referral"), before, referral, team, homeless


def test_module_5_lower_referral_reach(module_5):
    text, before, referral, _team, _homeless = module_5
    assert referral["referral.share_engaged"] < before["referral.share_engaged"]
    assert (f"about\n   {before['referral.share_engaged']} to {referral['referral.share_engaged']}" in text
            and f"only from about {before['referral.placed_share']} to {referral['referral.placed_share']}" in text)


def test_module_5_a_team_that_engages_no_better_than_arc(module_5):
    text, before, _referral, team, _homeless = module_5
    assert team["irt.placed_share"] < before["irt.placed_share"] and team["irt.placed_share"] > before["arc.placed_share"]
    assert (f"places about {team['irt.placed_share']} against ARC's {before['arc.placed_share']}" in text
            and f"({before['irt.placed_share']} before)" in text)


def test_module_5_a_cohort_with_more_needs(module_5):
    text, before, _referral, _team, homeless = module_5
    losses = {p: int(before[f"{p}.placed_share"][:-1]) - int(homeless[f"{p}.placed_share"][:-1]) for p in ("referral", "arc", "irt")}
    relative = {p: losses[p] / int(before[f"{p}.placed_share"][:-1]) for p in losses}
    assert max(relative, key=relative.get) == "referral" and losses["irt"] <= 1  # as the debrief says
    for p, words in (("referral", "about\n   "), ("arc", "("), ("irt", "(")):
        assert f"{before[p + '.placed_share']} to {homeless[p + '.placed_share']}" in re.sub(r"\s+", " ", text), p


def test_module_9_the_threshold_turns_a_verdict_and_not_one_item(book):
    view = FidelityView(book)
    view.agency.value = "riverside-counseling-ips"
    before = view.update()
    said, steps = view.view.value, view.view.value.count("<tr>")
    view.threshold.value = 85
    after = view.update()
    assert "does not yet reach good fidelity" in said and "reaches good fidelity (set at 85)" in view.view.value
    assert [i.score for i in before.items] == [i.score for i in after.items]  # not one item changed
    assert view.view.value.count("<tr>") == steps - 1  # one action step fewer
    assert "meeting dates for the year" in said and "meeting dates for the year" not in view.view.value
    text = re.sub(r"\s+", " ", debrief("09_ips_supported_employment"))
    assert "At 85 the verdict turns" in text and "steering committee no longer has to meet four times a year" in text


def test_module_4_each_try_changes_a_verdict_as_the_debrief_says(book):
    from irt_sim.widgets import GoalCheck

    text = re.sub(r"\s+", " ", debrief("04_career_exploration"))
    goal = GoalCheck(book)
    goal.customer.value = "lena-marsh"
    assert not any(gaps for _, gaps in goal.update())
    goal.wage.value = 12
    stopped = [name for name, gaps in goal.update() if gaps]
    assert stopped == ["State Vocational Rehabilitation, Harlow Valley office"] and "vocational rehabilitation stops" in text
    assert "Does not count yet" in goal.result.value
    goal.wage.value, goal.cie.value = 18, False
    assert [name for name, gaps in goal.update() if gaps] == stopped and "VR stops counting it again" in text
    goal.customer.value = "tasha-bellweather"
    goal.hours.value = 15
    assert not any(gaps for _, gaps in goal.update()) and "Tasha at 15 hours" in text


def test_module_7_each_try_shows_its_finding_beside_the_part_as_the_debrief_says(book):
    from irt_sim.widgets import PlanBuilder

    text = re.sub(r"\s+", " ", debrief("07_reaching_consensus"))
    builder = PlanBuilder(book, plan_id="lena-marsh-vet-tech")
    builder.wage.value = 12
    assert "IRT011" in builder.beside["goal"].value and "(rule IRT011)" in text
    builder.wage.value = 18
    builder.contact.value = ""
    assert "IRT020" in builder.beside["communication"].value and "(IRT020)" in text
    builder.clear_plan()
    codes = {f.code for f in builder.last_findings}
    assert {"IRT031", "IRT036"} <= codes and "(IRT031)" in text and "(IRT036)" in text


def test_module_11_names_the_barriers_the_map_finds_thinnest():
    """The debrief after the resource map names, in bold, exactly the barriers the panel ranks thinnest;
    a guess among them is told so, a guess outside them is told which are."""
    from irt_sim.widgets import ResourceMapView

    panel = ResourceMapView()
    thin = {r.barrier.label.lower() for r in panel.thinnest()}
    said = debrief("11_running_a_community_academy")
    assert {b.lower() for b in re.findall(r"\*\*([^*]+)\*\*", said)} - {"after you have tried it: what the map shows"} == thin
    panel.guess.value = panel.thinnest()[0].barrier.value
    assert panel.judge().startswith("Yes")
    panel.guess.value = "transportation"
    assert panel.judge().startswith("Not this one") and all(b in panel.judge().lower() for b in thin)
