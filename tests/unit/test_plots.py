"""Charts carry a text alternative written from the data, show as an image with alt text and a data
table, use colour-blind-safe colours and never rely on colour alone."""

from __future__ import annotations

import html
import re

import pytest

from irt_sim.display import plots
from irt_sim.simulator.cohort import generate_cohort
from irt_sim.simulator.params import PATHWAYS, load_params
from irt_sim.simulator.engine import simulate

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.fixture(scope="module")
def result():
    p = load_params()
    return simulate(generate_cohort(p, 1500, {"veteran": 1, "homelessness": 1}, seed=2), p, replicates=4, seed=2)


@pytest.fixture(scope="module", params=["funnel", "comparison", "cost", "hours"])
def chart(request, result):
    return {"funnel": lambda: plots.funnel_chart(result),
            "comparison": lambda: plots.comparison_chart(result),
            "cost": lambda: plots.cost_by_system_chart(result),
            "hours": lambda: plots.cost_by_system_chart(result, "staff_hours_per_customer")}[request.param]()


def test_alt_text_states_the_numbers_for_every_pathway(chart, result):
    assert chart.alt_text.startswith(("Bar chart", "Bar charts", "Horizontal bar chart"))
    for pathway in PATHWAYS:
        assert PATHWAYS[pathway] in chart.alt_text or plots.STYLE[pathway]["short"] in chart.alt_text
    assert len(re.findall(r"\d", chart.alt_text)) > 10
    assert f"{result.replicates} runs" in chart.alt_text


def test_html_is_an_image_with_alt_text_and_the_data_table(chart):
    page = chart._repr_html_()
    # a PNG with alt text, or (charts that follow a control) SVG with role="img" named by the same text
    named = re.search(r'<img [^>]*alt="([^"]{40,})"', page) or re.search(r'role="img" aria-label="([^"]{40,})"', page)
    assert named and html.unescape(named.group(1)) == chart.alt_text
    assert "<figcaption>" in page and "<details><summary>" in page and "<table" in page
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"  # the PNG export works for every chart


def test_svg_charts_show_every_value_and_hatch_every_series_but_the_solid_one(result):
    from bs4 import BeautifulSoup

    funnel, comparison = plots.funnel_chart(result), plots.comparison_chart(result)
    for chart, values in ((funnel, [f"{v:.0%}" for v in funnel.data["Share of cohort"]]),
                          (comparison, [None] * len(comparison.data))):
        soup = BeautifulSoup(chart.svg, "html.parser")
        texts = [t.get_text() for t in soup.find_all("text")]
        labels = [t for t in texts if t.endswith(("%", "weeks", " h")) and not t.startswith("0%") or t.startswith("$")]
        assert len(labels) >= len(values), texts  # a value on every bar (axis ticks come on top)
        for value in filter(None, values):
            assert value in texts
        fills = {r.get("fill") for r in soup.find_all("rect")}
        assert {s["color"] for s in plots.STYLE.values()} <= fills  # every pathway's colour...
        hatched = {f.rsplit("-", 1)[-1].rstrip(")") for f in fills if f and f.startswith("url(")}
        assert hatched == {k for k, s in plots.STYLE.items() if s["hatch"]}  # ...and its own pattern


def test_nice_axis_tops():
    from irt_sim.display.svgbars import nice_top

    assert nice_top(0.74) == (0.8, 0.2)
    assert nice_top(0.31) == (0.4, 0.1)
    assert nice_top(0) == (1.0, 0.25)


def test_colours_are_okabe_ito_and_every_pathway_has_its_own_hatch():
    assert {s["color"].upper() for s in plots.STYLE.values()} <= OKABE_ITO
    hatches = [s["hatch"] for s in plots.STYLE.values()]
    assert len(set(hatches)) == len(hatches)


def test_bars_are_labelled_with_their_values(result):
    chart = plots.funnel_chart(result)
    ax = chart.figure.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert sum(label.endswith("%") for label in labels) == 3 * len(PATHWAYS)


def test_funnel_targets_are_drawn_and_described(result):
    chart = plots.funnel_chart(result, targets={"placed": 0.5, "employed_30": 0.4})
    assert "Dashed lines mark the reported program: 50% placed in a job, 40% employed at 30 days" in chart.alt_text


def test_unknown_measures_are_refused_plainly(result):
    with pytest.raises(ValueError, match="No chart label"):
        plots.comparison_chart(result, ["happiness"])


def test_an_interval_below_zero_stops_at_the_axis():
    import re as _re

    from irt_sim.display.svgbars import Bar, bar_chart

    svg = bar_chart([("Placed", [Bar("referral", 0.05, "5%", -0.1, 0.2)])], styles=plots.STYLE, alt="x", top=0.3,
                    axis_format=lambda v: f"{v:.0%}", height=300)
    baseline = float(_re.search(r'<line x1="48" y1="([\d.]+)" x2="\d+" y2="[\d.]+" stroke="#1a1a1a"', svg).group(1))
    interval = _re.search(r'<path d="M[\d.]+ ([\d.]+)V', svg)
    assert float(interval.group(1)) <= baseline


def test_a_groups_name_fits_under_its_own_bars_and_no_word_is_broken():
    """The class report's chart of a plan's seven parts (112 px a part): each line of a name is at most
    as wide as its group (at about 7 px a character), and words stay whole ("communication", never "co"
    and "mmunication" as a narrower wrap would give)."""
    from irt_sim.display.svgbars import Bar, bar_chart

    names = ["The team", "Employment goal", "Lines of communication", "Sequence of services", "Action items",
             "Follow-up and sustainability", "The full record of the case"]
    styles = {"share": {"color": "#009E73", "hatch": "", "short": "Share"}}
    svg = bar_chart([(n, [Bar("share", 90, "90%")]) for n in names], styles=styles, alt="x", top=100,
                    with_key=False, axis_format=lambda v: f"{v:.0f}%", width=112 * len(names), height=300)
    lines = [html.unescape(t) for t in re.findall(r'font-size="12" text-anchor="middle"[^>]*>([^<]+)<', svg)]
    group_w = (112 * len(names) - 48 - 8) / len(names)
    assert lines and all(len(line) * 7 <= group_w for line in lines), [l for l in lines if len(l) * 7 > group_w]
    words = {w for n in names for w in n.split()}
    assert {w for line in lines for w in line.split()} <= words
