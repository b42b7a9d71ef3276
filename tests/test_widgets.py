"""The simulator panel: every control labelled, and moving a control changes the answer."""

from __future__ import annotations

import re

from irt_sim.widgets import SimulatorPanel


def test_every_control_has_a_visible_label():
    panel = SimulatorPanel(replicates=2)
    for control in [*panel.sliders.values(), panel.population, panel.size]:
        assert control.description and len(control.description) > 8


def test_moving_a_slider_changes_the_charts_and_the_sentence():
    panel = SimulatorPanel(replicates=2)
    before_status, before_charts = panel.status.value, panel.charts.value
    panel.sliders["connect_referral"].value = 0.05
    assert panel.status.value != before_status and panel.charts.value != before_charts
    low = panel.result.summary(["placed_share"]).set_index("pathway")["mean"]["referral"]
    panel.sliders["connect_referral"].value = 0.9
    high = panel.result.summary(["placed_share"]).set_index("pathway")["mean"]["referral"]
    assert high > low


def test_results_are_announced_and_charts_carry_alt_text():
    panel = SimulatorPanel(replicates=2)
    assert 'role="status"' in panel.status.value and "placed" in panel.status.value
    assert len(re.findall(r'<img [^>]*alt="[^"]{40,}"', panel.charts.value)) == 2


def test_changing_the_population_and_size_reruns():
    panel = SimulatorPanel(replicates=2)
    panel.population.value = "homelessness"
    panel.size.value = 500
    assert "500 customers (experiencing homelessness 100%)" in panel.charts.value


def test_slider_labels_are_short_enough_to_show_whole_and_explained_in_full():
    panel = SimulatorPanel(replicates=2)
    for slider in panel.sliders.values():
        assert len(slider.description) <= 34, slider.description  # fits its 17em label without cutting
        assert slider.description in panel.legend.value and slider.tooltip in panel.legend.value
